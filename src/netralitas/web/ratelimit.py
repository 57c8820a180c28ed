"""In-process token buckets for login and receipt checks.

Keys are an account name or a receipt prefix, never an IP address: nothing here identifies a
reporter. A global bucket bounds guessing across all keys.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from netralitas.errors import RateLimitedError


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucket:
    """``capacity`` attempts at once, refilled at ``per_second``; at most ``max_keys`` keys kept."""

    def __init__(
        self,
        *,
        capacity: float,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def try_take(self, key: str) -> bool:
        """Spend one token for ``key``; False when none is left."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self._max_keys:
                    self._evict_full(now)
                bucket = self._buckets[key] = _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.per_second)
            bucket.updated = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` has a token again (rounded up)."""
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None or bucket.tokens >= 1:
                return 0
            return max(1, int((1 - bucket.tokens) / self.per_second + 0.999))

    def _evict_full(self, now: float) -> None:
        for key in [k for k, b in self._buckets.items() if self._refilled(b, now)]:
            del self._buckets[key]
        if len(self._buckets) >= self._max_keys:
            oldest = min(self._buckets, key=lambda k: self._buckets[k].updated)
            del self._buckets[oldest]

    def _refilled(self, bucket: _Bucket, now: float) -> bool:
        return bucket.tokens + (now - bucket.updated) * self.per_second >= self.capacity


class RateLimits:
    """The limits the web app applies; built per app so tests get fresh ones."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.login = TokenBucket(capacity=5, per_second=1 / 60, clock=clock)
        self.receipt = TokenBucket(capacity=10, per_second=1 / 30, clock=clock)
        self.receipt_global = TokenBucket(capacity=300, per_second=5, clock=clock)

    def check_login(self, account: str) -> None:
        key = account.strip().lower()
        if not self.login.try_take(key):
            raise _limited(self.login.retry_after(key))

    def check_receipt(self, receipt: str) -> None:
        prefix = "".join(receipt.split()).upper()[:4]
        if not self.receipt_global.try_take("all"):
            raise _limited(self.receipt_global.retry_after("all"))
        if not self.receipt.try_take(prefix):
            raise _limited(self.receipt.retry_after(prefix))


def _limited(seconds: int) -> RateLimitedError:
    return RateLimitedError(
        f"Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.",
        message_en=f"Too many attempts. Try again in {seconds} seconds.",
        details={"retry_after": seconds},
    )

"""Rate limits for sign-ins and receipt checks, on the ``limits`` library.

Counters live in the storage named by ``rate_limit_storage``: ``memory://`` for one process (the
embedded default), ``database`` to share them between workers through the application's own
database (``db.rate_limits``, no other server needed), ``redis://...`` to share them between
workers and hosts at the lowest cost per request. Only failures count
(a wrong password, a receipt that opens nothing); a successful sign-in costs nothing and clears
that client's failures for the account.

Each failure is counted under several keys so that no single client can lock others out:

* the pair (client address, account or receipt prefix), with backoff: a few tries a minute,
  fewer an hour;
* the client address alone (one client spraying many accounts or receipts);
* the account, or the receipt prefix, across all clients, with a ceiling several clients are
  needed to reach.

Checking and counting are one atomic step for the routes (``login_attempt``, ``receipt_attempt``):
each attempt first takes a numbered place among the attempts in flight on each key (an atomic
increment in the store), and is let through only if the failures in the window plus the attempts
ahead of it and itself stay within the limit; a failure is counted before its place is given back.
So N concurrent wrong guesses can no longer all pass the check before any of them is counted.

There is no global counter. Keys are ``HMAC(key, kind, value)`` truncated to 128 bits and expire
with their window, so no reporter's address (or account name) is stored or logged. IPv6 clients
are keyed by their /64 network. A receipt is normalised before its prefix is taken (a leading
``-`` or spaces change nothing).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from limits import RateLimitItem, WindowStats, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from netralitas.config import Settings
from netralitas.errors import RateLimitedError

log = logging.getLogger(__name__)

#: Failed sign-ins of one client on one account: 5 a minute, 20 an hour.
LOGIN_PAIR = "5/minute;20/hour"
#: Failed sign-ins of one client over all accounts.
LOGIN_CLIENT = "20/minute;100/hour"
#: Failed sign-ins on one account over all clients (several clients are needed to reach it).
LOGIN_ACCOUNT = "60/hour"
#: Receipts that opened nothing, per client and prefix, per client, per prefix.
RECEIPT_PAIR = "10/minute;40/hour"
RECEIPT_CLIENT = "20/minute;100/hour"
RECEIPT_PREFIX = "60/hour"

#: ``rate_limit_storage`` value that keeps the counters in the application's database.
DATABASE = "database"

#: Seconds an attempt's place in flight is kept if its worker dies before giving it back.
PENDING_SECONDS = 60

_SEPARATORS = str.maketrans("", "", " \t\r\n-_.")
_READ_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def receipt_prefix(receipt: str) -> str:
    """The first four characters of a receipt as its canonical form has them."""
    return receipt.translate(_SEPARATORS).upper().translate(_READ_ALIASES)[:4]


def client_network(address: str) -> str:
    """The client's IPv4 address or IPv6 /64 network (one household or host)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class RateLimits:
    """The limits the web app applies; built per app so tests get fresh ones."""

    def __init__(
        self, storage_url: str = "memory://", key: bytes | None = None, *, database_url: str | None = None
    ) -> None:
        self._key = key or secrets.token_bytes(32)
        self._url = storage_url
        self._storage = _open(storage_url, database_url)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._fallback_lock = threading.Lock()
        self._login = (parse_many(LOGIN_PAIR), parse_many(LOGIN_CLIENT), parse_many(LOGIN_ACCOUNT))
        self._receipt = (parse_many(RECEIPT_PAIR), parse_many(RECEIPT_CLIENT), parse_many(RECEIPT_PREFIX))

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        """Storage from ``rate_limit_storage``; keys from ``secret_key`` (all workers agree)."""
        secret = settings.secret_key.get_secret_value().encode()
        key = hmac.new(secret, b"netralitas/rate-limit-keys/v1", hashlib.sha256).digest()
        return cls(settings.rate_limit_storage, key, database_url=settings.effective_database_url)

    @property
    def storage_url(self) -> str:
        return self._url

    def close(self) -> None:
        """Release the store's connections (the database store keeps a small pool)."""
        close = getattr(self._storage, "close", None)
        if callable(close) and not isinstance(self._storage, MemoryStorage):
            close()

    @contextmanager
    def login_attempt(self, client: str, account: str) -> Iterator[Attempt]:
        """``with limits.login_attempt(client, account) as attempt:`` check the password, then
        ``attempt.failed()`` or ``attempt.succeeded()``. Raises ``RateLimitedError`` on entry."""
        keys = self._login_keys(client, account)
        attempt = Attempt()
        with self._in_flight(self._login, keys):
            try:
                yield attempt
            finally:  # counted before its place in flight is given back, also when it raised
                if attempt.outcome == "failed":
                    self._hit(self._login, keys)
        if attempt.outcome == "succeeded":
            self.login_succeeded(client, account)

    @contextmanager
    def receipt_attempt(self, client: str, receipt: str) -> Iterator[Attempt]:
        """Like ``login_attempt`` for a receipt look-up: ``attempt.failed()`` when it opened nothing."""
        keys = self._receipt_keys(client, receipt)
        attempt = Attempt()
        with self._in_flight(self._receipt, keys):
            try:
                yield attempt
            finally:  # counted before its place in flight is given back, also when it raised
                if attempt.outcome == "failed":
                    self._hit(self._receipt, keys)

    def charge(self, kind: str, client: str, client_rate: str, account: str, account_rate: str) -> None:
        """Count one costly action (``kind``, e.g. a monitoring upload) of this client address and
        account, each under its own rate (``"10/minute;60/hour"``). Every action counts, whatever
        its outcome. Raises ``RateLimitedError`` (nothing counted) when either is spent."""
        keys = (self._digest(kind, "client", client_network(client)), self._digest(kind, "account", account))
        policies = (parse_many(client_rate), parse_many(account_rate))
        self._check(policies, keys)
        self._hit(policies, keys)

    def check_login(self, client: str, account: str) -> None:
        """Raise ``RateLimitedError`` when this client may not try this account now."""
        self._check(self._login, self._login_keys(client, account))

    def login_failed(self, client: str, account: str) -> None:
        self._hit(self._login, self._login_keys(client, account))

    def login_succeeded(self, client: str, account: str) -> None:
        """A right password clears this client's failures on the account (nothing else)."""
        pair_key = self._login_keys(client, account)[0]
        for item in self._login[0]:
            self._safe("clear", item, pair_key, None)

    def check_receipt(self, client: str, receipt: str) -> None:
        self._check(self._receipt, self._receipt_keys(client, receipt))

    def receipt_failed(self, client: str, receipt: str) -> None:
        self._hit(self._receipt, self._receipt_keys(client, receipt))

    def _login_keys(self, client: str, account: str) -> tuple[str, str, str]:
        net, name = client_network(client), account.strip().lower()
        return self._digest("login-pair", net, name), self._digest("client", net), self._digest("login", name)

    def _receipt_keys(self, client: str, receipt: str) -> tuple[str, str, str]:
        net, prefix = client_network(client), receipt_prefix(receipt)
        pair = self._digest("receipt-pair", net, prefix)
        return pair, self._digest("client", net), self._digest("receipt", prefix)

    def _digest(self, *parts: str) -> str:
        return hmac.new(self._key, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()[:32]

    def _check(self, policies: Sequence[list[RateLimitItem]], keys: Sequence[str]) -> None:
        waits = [
            self._wait(item, key)
            for items, key in zip(policies, keys, strict=True)
            for item in items
            if not self._safe("test", item, key, True)
        ]
        if waits:
            raise limited(max(waits))

    @contextmanager
    def _in_flight(self, policies: Sequence[list[RateLimitItem]], keys: Sequence[str]) -> Iterator[None]:
        """Take a numbered place among the attempts in flight on every key, refuse when the
        failures in the window plus the places up to this one exceed a limit; give the places
        back on the way out (after the caller counted a failure)."""
        taken: list[str] = []
        try:
            waits: list[int] = []
            for items, key in zip(policies, keys, strict=True):
                place = self._pending(key, 1)
                taken.append(key)
                waits += [
                    self._wait(i, key) for i in items if not self._safe("test", i, key, True, cost=place)
                ]
            if waits:
                raise limited(max(waits))
            yield
        finally:
            for key in taken:
                self._pending(key, -1)

    def _pending(self, key: str, delta: int) -> int:
        """Atomic add to the attempts in flight on ``key``; the count after it (at least 1)."""
        count = self._safe_store("incr", f"pending/{key}", PENDING_SECONDS, delta)
        return max(1, count if isinstance(count, int) else 1)

    def _hit(self, policies: Sequence[list[RateLimitItem]], keys: Sequence[str]) -> None:
        for items, key in zip(policies, keys, strict=True):
            for item in items:
                self._safe("hit", item, key, True)

    def _wait(self, item: RateLimitItem, key: str) -> int:
        stats = self._safe("get_window_stats", item, key, None)
        reset = stats.reset_time if isinstance(stats, WindowStats) else time.time() + item.get_expiry()
        return max(1, int(reset - time.time() + 0.999))

    def _safe(self, operation: str, item: RateLimitItem, key: str, default: object, **kw: int) -> object:
        """``limiter.<operation>(item, key)``. A shared store that fails falls back to this
        process's memory (limits still hold per worker) rather than refusing every sign-in or
        letting every guess through."""
        return self._fallible(lambda: getattr(self._limiter, operation)(item, key, **kw), default)

    def _safe_store(self, operation: str, *args: object) -> object:
        """``storage.<operation>(*args)`` with the same fallback as ``_safe``."""
        return self._fallible(lambda: getattr(self._storage, operation)(*args), None)

    def _fallible(self, call: Callable[[], object], default: object) -> object:
        try:
            return call()
        except Exception:
            if isinstance(self._storage, MemoryStorage):
                raise
            with self._fallback_lock:
                if not isinstance(self._storage, MemoryStorage):
                    log.warning("rate-limit storage unreachable; counting in this process's memory")
                    self._storage = MemoryStorage()
                    self._limiter = MovingWindowRateLimiter(self._storage)
            try:
                return call()
            except Exception:
                return default


class Attempt:
    """What became of one rate-limited attempt (see ``RateLimits.login_attempt``)."""

    outcome = "unknown"

    def failed(self) -> None:
        self.outcome = "failed"

    def succeeded(self) -> None:
        self.outcome = "succeeded"


def _open(url: str, database_url: str | None = None) -> Storage:
    if url == DATABASE:
        if database_url is None:
            raise ValueError("rate_limit_storage 'database' needs the database URL")
        from netralitas.db.rate_limits import DatabaseRateLimitStorage

        return DatabaseRateLimitStorage(database_url=database_url)
    if url.startswith(("redis://", "rediss://", "redis+")):
        storage = storage_from_string(url, key_prefix="netralitas-limits", socket_timeout=1)
    else:
        storage = storage_from_string(url)
    if not isinstance(storage, Storage):
        raise ValueError(f"rate_limit_storage must name a synchronous storage, not {url!r}")
    return storage


def limited(seconds: int) -> RateLimitedError:
    return RateLimitedError(
        f"Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.",
        message_en=f"Too many attempts. Try again in {seconds} seconds.",
        details={"retry_after": seconds},
    )

"""Reporter receipts: random, shown once, stored only as a salted slow hash.

A receipt is 100 random bits written as 20 characters of Crockford's base32 in groups of four
(``7KQ2-M9XD-4HZ0-PB3R-W8TN``). Only two values are stored for it:

* ``lookup_tag``: the first 20 bits of ``HMAC-SHA256(lookup_key, receipt)``, four Crockford
  characters, indexed. It finds the row without hashing against every row. It is not secret
  without the key, and even with the key it removes at most 20 of the 100 bits.
* ``receipt_hash``: an argon2id PHC string (own random salt, cost from settings).

Checking a receipt always runs at least one argon2 verification: against the rows sharing the
tag (normally zero or one) or, when nothing matches, against a dummy hash of the same cost. A
wrong or unknown receipt therefore costs the same time as a right one. See docs/privacy.md.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from netralitas.errors import ValidationError

if TYPE_CHECKING:
    from netralitas.config import Settings

#: Crockford's base32: digits and upper-case letters without I, L, O, U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_CHARS = 20
RECEIPT_BITS = RECEIPT_CHARS * 5
GROUP_SIZE = 4
TAG_CHARS = 4
TAG_BITS = TAG_CHARS * 5

_READ_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_TAG_CONTEXT = b"netralitas/receipt-lookup/v1\x00"

K = TypeVar("K")


def generate_receipt() -> str:
    """A fresh receipt in display form (``XXXX-XXXX-XXXX-XXXX-XXXX``), 100 bits from ``secrets``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(RECEIPT_CHARS))
    return format_receipt(raw)


def format_receipt(canonical: str) -> str:
    """Group a canonical receipt in fours with dashes, for display."""
    return "-".join(canonical[i : i + GROUP_SIZE] for i in range(0, len(canonical), GROUP_SIZE))


def normalise_receipt(text: str) -> str:
    """Canonical form of what a reporter typed: upper case, no spaces or dashes, O→0, I/L→1.

    Raises ``ValidationError`` (code ``receipt_malformed``) when the result is not 20 base32
    characters. The shape of a receipt is public, so failing fast here reveals nothing.
    """
    cleaned = _SEPARATORS.sub("", text.strip().upper()).translate(_READ_ALIASES)
    if len(cleaned) != RECEIPT_CHARS or any(ch not in ALPHABET for ch in cleaned):
        raise ValidationError(
            f"Nomor tanda terima harus terdiri atas {RECEIPT_CHARS} huruf/angka, "
            "misalnya 7KQ2-M9XD-4HZ0-PB3R-W8TN. Periksa kembali salinan Anda.",
            message_en=f"A receipt has {RECEIPT_CHARS} letters/digits, e.g. 7KQ2-M9XD-4HZ0-PB3R-W8TN.",
            code="receipt_malformed",
            details={"field": "receipt"},
        )
    return cleaned


@dataclass(frozen=True)
class IssuedReceipt:
    """What ``ReceiptHasher.issue`` returns. Store ``lookup_tag`` and ``receipt_hash``; show
    ``receipt`` to the reporter once and never store or log it."""

    receipt: str = field(repr=False)
    lookup_tag: str
    receipt_hash: str


@dataclass(frozen=True)
class ReceiptCandidate(Generic[K]):
    """A stored row sharing the lookup tag: its key (e.g. report id) and its argon2 hash."""

    key: K
    receipt_hash: str


class ReceiptHasher:
    """Issues and checks receipts. Build one per process (the dummy hash is computed once)."""

    def __init__(
        self,
        lookup_key: bytes,
        *,
        time_cost: int = 3,
        memory_kib: int = 65536,
        parallelism: int = 1,
    ) -> None:
        if len(lookup_key) < 16:
            raise ValueError("lookup_key must be at least 16 bytes")
        self._lookup_key = lookup_key
        self._hasher = PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )
        self._dummy_hash: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> ReceiptHasher:
        """Cost from ``receipt_hash_time_cost``/``receipt_hash_memory_kib``; key from
        ``receipt_lookup_key`` or, when that is empty, derived from ``secret_key``."""
        return cls(
            lookup_key_from_settings(settings),
            time_cost=settings.receipt_hash_time_cost,
            memory_kib=settings.receipt_hash_memory_kib,
        )

    def issue(self) -> IssuedReceipt:
        """A new receipt with its tag and argon2id hash."""
        receipt = generate_receipt()
        canonical = normalise_receipt(receipt)
        return IssuedReceipt(
            receipt=receipt,
            lookup_tag=self.lookup_tag(canonical),
            receipt_hash=self._hasher.hash(canonical),
        )

    def lookup_tag(self, receipt: str) -> str:
        """The indexed tag of a receipt (any accepted spelling). Raises ``receipt_malformed``."""
        canonical = normalise_receipt(receipt)
        digest = hmac.new(self._lookup_key, _TAG_CONTEXT + canonical.encode(), hashlib.sha256).digest()
        value = int.from_bytes(digest[:4], "big") >> (32 - TAG_BITS)
        return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(TAG_CHARS)))

    def verify(self, receipt: str, candidates: Iterable[ReceiptCandidate[K]]) -> K | None:
        """The key of the candidate whose hash matches ``receipt``, or ``None``.

        Pass the rows found by ``lookup_tag(receipt)``. Every candidate is checked (no early
        exit) and, when there is none, a dummy hash is checked instead, so the cost does not
        depend on whether the receipt exists.
        """
        canonical = normalise_receipt(receipt)
        found: K | None = None
        checked = 0
        for candidate in candidates:
            checked += 1
            if self._matches(candidate.receipt_hash, canonical) and found is None:
                found = candidate.key
        if checked == 0:
            self._matches(self._dummy(), canonical)
        return found

    def needs_rehash(self, receipt_hash: str) -> bool:
        """True when a stored hash was made with other cost parameters than this hasher's."""
        try:
            return self._hasher.check_needs_rehash(receipt_hash)
        except (InvalidHashError, ValueError):
            return True

    def _matches(self, stored: str, canonical: str) -> bool:
        try:
            return self._hasher.verify(stored, canonical)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash


def lookup_key_from_settings(settings: Settings) -> bytes:
    """The HMAC key for lookup tags: ``receipt_lookup_key`` (any string) or, if empty, a key
    derived from ``secret_key``. Changing it makes existing receipts unfindable."""
    explicit = settings.receipt_lookup_key.get_secret_value()
    if explicit:
        return hashlib.sha256(explicit.encode()).digest()
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, b"netralitas/receipt-lookup-key/v1", hashlib.sha256).digest()

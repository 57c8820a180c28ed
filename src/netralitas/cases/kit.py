"""Everything a case service needs besides the unit of work, bundled once per process.

The privacy building blocks come from ``netralitas.intake`` and the law from
``netralitas.rules``; ``netralitas.cases.wiring.build_kit`` assembles the real ones, tests
pass fakes. The services only see these small protocols."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from netralitas.cases.deadlines import DeadlineCatalogue
from netralitas.cases.records import AuditEntry
from netralitas.clock import Clock
from netralitas.intake.receipts import ReceiptHasher


class IdentityVault(Protocol):
    def encrypt(self, identity: Mapping[str, str]) -> bytes: ...

    def decrypt(self, blob: bytes) -> dict[str, str]: ...


@dataclass(frozen=True)
class SealedFile:
    media_type: str
    sha256: str
    size: int
    original: bytes
    derivative: bytes | None


class EvidenceSealer(Protocol):
    def seal(self, filename: str, data: bytes) -> SealedFile:
        """Sniff the type, bound the size, hash the original and make a metadata-free
        derivative. Raises ValidationError for an unknown type or a file too large."""
        ...


class BlobStore(Protocol):
    def put(self, data: bytes) -> str: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class AuditChain(Protocol):
    def entry_hash(self, prev_hash: str, entry: AuditEntry) -> str: ...

    def first_break(self, entries: Iterable[AuditEntry]) -> tuple[int | None, str]:
        """(seq of the first entry that breaks the chain or None, explanation)."""
        ...


@dataclass(frozen=True)
class DuplicateHit:
    score: float
    reasons: tuple[str, ...]


class DuplicateScorer(Protocol):
    def score(self, new: Mapping[str, Any], existing: Mapping[str, Any]) -> DuplicateHit: ...


class NipCheck(Protocol):
    def __call__(self, nip: str) -> str:
        """Normalised NIP, or ValidationError when its shape is wrong."""
        ...


class Assessor(Protocol):
    def __call__(self, facts: Mapping[str, Any]) -> Any:
        """Run the rule engine; the result has ``findings`` (each with ``rule_id``),
        ``overall_level``, ``catalogue_version`` and ``to_dict()``."""
        ...


class Catalogue(DeadlineCatalogue, Protocol):
    def authority_on(self, function: str, on: date) -> Any: ...


def _uuid_hex() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Kit:
    catalogue: Catalogue
    clock: Clock
    receipts: ReceiptHasher
    identities: IdentityVault
    sealer: EvidenceSealer
    blobs: BlobStore
    chain: AuditChain
    duplicates: DuplicateScorer
    check_nip: NipCheck
    assessor: Assessor
    retention_days: int = 5 * 365
    new_id: Callable[[], str] = field(default=_uuid_hex)
    #: Score from which an existing case is suggested as a duplicate.
    duplicate_threshold: float = 0.6
    #: Argon2 cost for officer passwords (tests lower it).
    password_time_cost: int = 3
    password_memory_kib: int = 65536

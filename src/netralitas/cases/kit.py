"""Everything a case service needs besides the unit of work, bundled once per process.

The privacy building blocks come from ``netralitas.intake`` and the law from
``netralitas.rules``; ``netralitas.cases.wiring.build_kit`` assembles the real ones, tests
pass fakes. The services only see these small protocols."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from netralitas.cases.deadlines import DeadlineCatalogue
from netralitas.cases.workflow import Procedures
from netralitas.clock import Clock
from netralitas.intake.evidence import EvidencePolicy
from netralitas.intake.identity import IdentityKeyring
from netralitas.intake.receipts import ReceiptHasher


class EvidenceFiles(Protocol):
    """Where sealed originals and derivatives live (``intake.evidence_store.EvidenceStore``)."""

    def put_original(self, data: bytes) -> Any: ...

    def put_derivative(self, sha256: str, name: str, data: bytes) -> Any: ...

    def read_original(self, sha256: str) -> bytes: ...

    def read_derivative(self, sha256: str, name: str) -> bytes: ...

    def delete(self, sha256: str) -> bool: ...


class Assessor(Protocol):
    def __call__(self, facts: Mapping[str, Any]) -> Any:
        """Run the rule engine; the result has ``findings`` (each with ``rule_id``),
        ``overall_level``, ``catalogue_version`` and ``to_dict()``."""
        ...


class Screener(Protocol):
    def __call__(self, text: str, on: date | None, election_id: str | None, employee_type: str | None) -> Any:
        """Screen a report text (``netralitas.screening.screen_text``); the result has
        ``labels`` and ``to_dict()``."""
        ...


class Catalogue(DeadlineCatalogue, Procedures, Protocol):
    def authority_on(self, function: str, on: date) -> Any: ...


def _uuid_hex() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Kit:
    catalogue: Catalogue
    clock: Clock
    receipts: ReceiptHasher
    keyring: IdentityKeyring
    evidence_policy: EvidencePolicy
    files: EvidenceFiles
    assessor: Assessor
    retention_days: int = 5 * 365
    new_id: Callable[[], str] = field(default=_uuid_hex)
    #: Score from which an existing case is suggested as a duplicate.
    duplicate_threshold: float = 0.5
    #: Argon2 cost for officer passwords (tests lower it).
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    #: Screens new reports (triage); None stores no screening.
    screener: Screener | None = None
    #: Key of the digests of search texts in the audit trail (``queries.search_digest``).
    audit_key: bytes = b"netralitas-audit-search-digests"
    #: Group commit of the audit entries of list reads (``audit.AuditGroup``; one per database).
    audit_group: Any = field(default=None, compare=False, repr=False)

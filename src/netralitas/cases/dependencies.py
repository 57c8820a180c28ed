"""Everything a case service needs besides the unit of work, bundled once per process.

The privacy building blocks come from ``netralitas.privacy`` and the law from
``netralitas.rules``; ``netralitas.composition.build_kit`` assembles the real ones, tests
pass fakes. The services only see these small, typed ports: the rule engine as a function of
``rules.engine.Facts``, the text screener (the case core does not import ``netralitas.screening``)
as a function returning a ``ScreeningOutcome``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from netralitas.cases.deadlines import DeadlineCatalogue
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.reference_cache import AgencyCache
from netralitas.cases.workflow import Procedures
from netralitas.clock import Clock
from netralitas.privacy.evidence_checks import EvidencePolicy
from netralitas.privacy.receipts import ReceiptHasher
from netralitas.privacy.reporter_identity import IdentityKeyring
from netralitas.rules.engine import Facts
from netralitas.rules.model import EmployeeType, LadderVersion, SanctionLadder, Track


class StoredFile(Protocol):
    """An original as stored (``db.evidence_files.StoredOriginal``)."""

    @property
    def sha256(self) -> str: ...

    @property
    def created(self) -> bool:
        """False when the same bytes were stored already (another report sent them)."""
        ...


class EvidenceFiles(Protocol):
    """Where sealed originals and derivatives live (``db.evidence_files.EvidenceStore``)."""

    def put_original(self, data: bytes) -> StoredFile: ...

    def put_derivative(self, sha256: str, name: str, data: bytes) -> object: ...

    def read_original(self, sha256: str) -> bytes: ...

    def read_derivative(self, sha256: str, name: str) -> bytes: ...

    def delete(self, sha256: str) -> bool: ...


class RuleFinding(Protocol):
    @property
    def rule_id(self) -> str: ...


class Assessment(Protocol):
    """What a service keeps of the engine's answer (``rules.engine.Assessment`` fits)."""

    @property
    def findings(self) -> Sequence[RuleFinding]: ...
    @property
    def overall_level(self) -> str | None: ...
    @property
    def catalogue_version(self) -> str: ...
    def to_dict(self) -> dict[str, object]: ...


#: The rule engine (``rules.engine.assess`` bound to a catalogue).
Assessor = Callable[[Facts], Assessment]


class ScreeningOutcome(Protocol):
    """A screening of a report text (``screening.ScreeningResult`` fits): the suggested labels,
    and the JSON kept with the report (read back by ``cases.suggestions``)."""

    @property
    def labels(self) -> Sequence[str]: ...
    def to_dict(self) -> dict[str, object]: ...


class Screener(Protocol):
    """Screens a text: (text, act date, election id, employee type) -> outcome. ``kind`` says
    what the text is when the caller knows ("post", "speech", "complaint"; None: not said)."""

    def __call__(
        self,
        text: str,
        on: date | None,
        election_id: str | None,
        employee_type: str | None,
        /,
        *,
        kind: str | None = None,
    ) -> ScreeningOutcome: ...


class Authority(Protocol):
    @property
    def id(self) -> str: ...


class Catalogue(DeadlineCatalogue, Procedures, Protocol):
    def authority_on(self, function: str, on: date) -> Authority: ...

    def ladder_on(
        self, track: Track, employee_type: EmployeeType, on: date
    ) -> tuple[SanctionLadder, LadderVersion] | None: ...


class AuditGroupPort(Protocol):
    """Group commit of stand-alone audit entries (``db.audit_group.AuditGroup``)."""

    def record(
        self, uow: UnitOfWork, kit: Kit, actor_id: str, action: str, subject_type: str, subject_id: str,
        detail: Mapping[str, object],
    ) -> None: ...  # fmt: skip


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
    #: Key of the digests of search texts in the audit trail (``queries.search_digest``); no
    #: default, so no kit runs with a key anyone can read in the source.
    audit_key: bytes
    retention_days: int = 5 * 365
    new_id: Callable[[], str] = field(default=_uuid_hex)
    #: Score from which an existing case is suggested as a duplicate.
    duplicate_threshold: float = 0.5
    #: Argon2 cost for officer passwords (tests lower it).
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    #: Screens new reports (triage); None stores no screening.
    screener: Screener | None = None
    #: Group commit of the audit entries of list reads (``db.audit_group.AuditGroup``; one per database).
    audit_group: AuditGroupPort | None = field(default=None, compare=False, repr=False)
    #: The agency list kept per process (``cases.reference_cache``; one per database, like the kit).
    agency_cache: AgencyCache = field(default_factory=AgencyCache, compare=False, repr=False)

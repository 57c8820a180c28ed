"""Interfaces the case services need: repositories and the unit of work.

``netralitas.db`` implements them with SQLAlchemy; unit tests use the in-memory fakes in
``tests/memory.py`` (not shipped). Repositories never commit; the unit of work does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import NamedTuple, Protocol, Self, TypeVar

from netralitas.cases.records import (
    Agency,
    AssessmentRecord,
    AuditEntry,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    Escalation,
    Evidence,
    FollowUp,
    Message,
    Notification,
    NotificationPrefs,
    PpkDecision,
    Recommendation,
    Report,
    ReportedPerson,
    ReporterIdentity,
    Screening,
    ScreeningReview,
    User,
)
from netralitas.cases.workflow import CaseStatus

T = TypeVar("T")


class Repository(Protocol[T]):
    def add(self, item: T) -> None: ...

    def get(self, item_id: str) -> T | None: ...

    def replace(self, item: T) -> None:
        """Overwrite the stored item with the same id."""
        ...

    def find(self, **equals: object) -> list[T]:
        """Items whose fields equal the given values, oldest first."""
        ...

    def delete(self, item_id: str) -> None: ...

    def ids(self) -> Iterator[str]:
        """Every id (in pages for the database)."""
        ...


#: Where a case stands in the listing order (newest first): ``(opened_at, id)``.
CaseKey = tuple[datetime, str]


@dataclass(frozen=True)
class CaseQuery:
    statuses: frozenset[CaseStatus] = frozenset()
    region_prefix: str = ""
    agency_id: str | None = None
    text: str = ""
    limit: int = 50
    offset: int = 0
    #: Keyset paging (``offset`` is then ignored): the cases listed after this key (older ones)...
    after: CaseKey | None = None
    #: ... or the cases listed just before it (newer ones), still returned newest first.
    before: CaseKey | None = None
    #: Only the cases assigned to this user ("Kasus saya"; ``cases.assignment``).
    assignee_id: str | None = None
    #: ``"newest"`` (the default, keyset pages) or ``"deadline"``: the nearest open deadline
    #: first, cases without one last (pages by offset).
    sort: str = "newest"


class CaseRepository(Repository[Case], Protocol):
    def update(self, case: Case, expected_version: int) -> Case:
        """Store ``case`` if the stored version is still ``expected_version``; the returned case
        carries ``expected_version + 1``. Raises ConflictError otherwise."""
        ...

    def search(self, query: CaseQuery) -> tuple[list[Case], int]:
        """A page of cases (newest first) and the total count."""
        ...

    def page(self, query: CaseQuery) -> list[Case]:
        """A page of cases (newest first): ``query.limit`` rows after ``query.offset`` or, with
        ``query.after`` / ``query.before``, next to that key (keyset paging)."""
        ...

    def count(self, query: CaseQuery) -> int:
        """How many cases match ``query`` (its paging ignored)."""
        ...

    def count_by_status(self, region_prefix: str, agency_id: str | None) -> dict[str, int]: ...

    def scope_counts(self, region_prefix: str, agency_id: str | None, on: date) -> tuple[dict[str, int], int]:
        """``count_by_status`` and the deadlines in the same scope breached on ``on``
        (``DeadlineRepository.count_overdue``), read together (the queue shows both)."""
        ...

    def closed_unpurged(self, closed_before: datetime, limit: int) -> list[Case]:
        """Closed, not yet purged cases closed before the given time, oldest closing first."""
        ...


class OverdueRow(NamedTuple):
    """An open deadline due before the day asked, with the few case fields a listing needs
    (a plain tuple: the overdue listing reads tens of thousands of them)."""

    case_id: str
    case_number: str
    status: str
    region_code: str
    agency_id: str | None
    step_id: str
    started_on: date
    due_on: date
    review_status: str


class DeadlineRepository(Repository[CaseDeadline], Protocol):
    def open_for_case(self, case_id: str) -> list[CaseDeadline]: ...

    def overdue(
        self, on: date, scope: CaseQuery | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[OverdueRow]:
        """Open deadlines due before ``on`` of open cases, earliest first; with ``scope`` only
        those of cases matching its statuses, region and agency (its text and paging ignored),
        at most ``limit`` of them after ``offset``."""
        ...

    def count_overdue(self, on: date, scope: CaseQuery) -> int:
        """How many rows ``overdue(on, scope)`` lists."""
        ...

    def due_for_cases(self, case_ids: Sequence[str], before: date) -> list[OverdueRow]:
        """Open deadlines due before ``before`` of these (open) cases, earliest first."""
        ...


class ReportRepository(Repository[Report], Protocol):
    def by_receipt_tag(self, receipt_tag: str) -> list[Report]: ...

    def duplicate_candidates(
        self, nip: str | None, agency_id: str | None, links: tuple[str, ...], region_code: str, limit: int
    ) -> list[Report]:
        """Unpurged reports sharing the NIP, the agency, a link or the exact region (newest first)."""
        ...


class ScreeningRepository(Repository[Screening], Protocol):
    def reviewed_since(self, since: datetime | None) -> list[Screening]:
        """Screenings an officer reviewed (at or after ``since``), oldest review first."""
        ...


class UserRepository(Repository[User], Protocol):
    def by_username(self, username: str) -> User | None: ...

    def active_near(self, region_code: str, agency_id: str | None, roles: frozenset[str]) -> list[User]:
        """Active users with one of ``roles`` whose region contains ``region_code`` or lies inside
        it, and, when ``agency_id`` is given, bound to that agency or to none (any order)."""
        ...

    def update(self, user: User, expected_version: int) -> User:
        """Store ``user`` if the stored version is still ``expected_version``; the returned user
        carries ``expected_version + 1``. Raises ConflictError (code ``conflict``,
        ``details["current_version"]``) otherwise."""
        ...


class MessageRepository(Repository[Message], Protocol):
    def since(self, sender: str, at: datetime) -> list[Message]:
        """The messages of ``sender`` written at ``at`` or later, oldest first."""
        ...


class AuditRepository(Protocol):
    def lock_head(self) -> None:
        """Serialise appends to the chain until the end of the transaction."""
        ...

    def last(self) -> AuditEntry | None: ...

    def head(self) -> tuple[int, str] | None:
        """(seq, hash) of the chain head as recorded apart from the entries."""
        ...

    def append(self, entry: AuditEntry) -> None: ...

    def iter_all(self) -> Iterator[AuditEntry]: ...

    def missing_creations(self, actions: frozenset[str], sample: int) -> tuple[int, list[str]]:
        """Cases and reports that no entry with one of ``actions`` names (as its subject, or as
        ``case_id``/``report_id`` in its detail): how many, and up to ``sample`` of them as
        ``"case:<id>"``/``"report:<id>"``. Worked out by the store, in bounded memory."""
        ...

    def for_subject(self, subject_type: str, subject_id: str) -> list[AuditEntry]: ...

    def search(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """Entries matching ``query``, newest first (a page of them) and how many match."""
        ...


class AssignmentRepository(Repository[CaseAssignment], Protocol):
    def put(self, item: CaseAssignment, expected_version: int) -> CaseAssignment:
        """Store the case's assignment if its stored version is still ``expected_version`` (0: the
        case has none yet); the stored one carries ``expected_version + 1``. Raises
        ConflictError otherwise."""
        ...

    def for_cases(self, case_ids: Sequence[str]) -> dict[str, CaseAssignment]:
        """The assignments of these cases by case id (cases without one left out)."""
        ...


class NotificationRepository(Repository[Notification], Protocol):
    def for_user(self, user_id: str, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
        """The user's notifications, newest first."""
        ...

    def count_unread(self, user_id: str) -> int: ...

    def existing(self, note_ids: Sequence[str]) -> set[str]:
        """Which of these ids are stored."""
        ...

    def unsent(self, limit: int) -> list[Notification]:
        """Notifications not yet offered to e-mail (``emailed_at`` unset), oldest first."""
        ...


@dataclass(frozen=True)
class AuditQuery:
    """Filters of the audit-trail viewer; empty ones match everything."""

    actor_id: str = ""
    action: str = ""
    subject_type: str = ""
    subject_id: str = ""
    since: datetime | None = None
    until: datetime | None = None
    #: Only entries about cases inside this scope (regional viewers); None = every entry.
    case_region_prefix: str | None = None
    case_agency_id: str | None = None
    limit: int = 50
    offset: int = 0


class UnitOfWork(Protocol):
    agencies: Repository[Agency]
    users: UserRepository
    persons: Repository[ReportedPerson]
    reports: ReportRepository
    identities: Repository[ReporterIdentity]
    evidence: Repository[Evidence]
    cases: CaseRepository
    deadlines: DeadlineRepository
    events: Repository[CaseEvent]
    assessments: Repository[AssessmentRecord]
    recommendations: Repository[Recommendation]
    decisions: Repository[PpkDecision]
    followups: Repository[FollowUp]
    escalations: Repository[Escalation]
    messages: MessageRepository
    screenings: ScreeningRepository
    screening_reviews: Repository[ScreeningReview]
    audit: AuditRepository
    assignments: AssignmentRepository
    notifications: NotificationRepository
    notification_prefs: Repository[NotificationPrefs]

    def reading(self) -> Self:
        """Mark the next ``with`` block as read-only (``with uow.reading():``); a refusal
        audited from inside it still works (``rollback`` ends the read-only mode)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Roll back whatever was not committed."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

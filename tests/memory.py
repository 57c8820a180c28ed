"""The fakes of the tests (not shipped): in-memory repositories, unit of work and evidence files, and
a small catalogue and assessor standing in for the rules (``tests/factories.make_kit``).

Same semantics as the database adapter: nothing is visible to a new unit of work until
``commit``; leaving the ``with`` block without committing rolls back. The data the tests seed and
the walks of a case are in ``tests/factories.py``."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar

from netralitas.cases.access_checks import user_conflict
from netralitas.cases.ports import AuditQuery, CaseQuery, OverdueRow
from netralitas.cases.records import (
    AuditEntry,
    Case,
    CaseAssignment,
    CaseDeadline,
    Message,
    Notification,
    Report,
    Screening,
    User,
)
from netralitas.cases.roles import region_contains
from netralitas.errors import ConflictError, NotFoundError
from netralitas.identifiers.links import link_keys
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import Facts
from netralitas.rules.model import EmployeeType, LadderVersion, SanctionLadder, Track
from netralitas.rules.procedures import ProcedureStep

T = TypeVar("T")


class MemoryRepository(Generic[T]):
    def __init__(self, rows: dict[str, Any]) -> None:
        self.rows = rows

    def add(self, item: T) -> None:
        key = item.id  # type: ignore[attr-defined]
        if key in self.rows:
            raise ValueError(f"duplicate id {key}")
        self.rows[key] = item

    def get(self, item_id: str) -> T | None:
        found: T | None = self.rows.get(item_id)
        return found

    def replace(self, item: T) -> None:
        self.rows[item.id] = item  # type: ignore[attr-defined]

    def find(self, **equals: object) -> list[T]:
        return [r for r in self.rows.values() if all(getattr(r, k) == v for k, v in equals.items())]

    def delete(self, item_id: str) -> None:
        self.rows.pop(item_id, None)

    def ids(self) -> Iterator[str]:
        return iter(sorted(self.rows))


class MemoryCases(MemoryRepository[Case]):
    #: The unit of work's assignments and deadlines (the console's filter and order read them).
    assignments: ClassVar[dict[str, Any]] = {}
    deadline_rows: ClassVar[dict[str, Any]] = {}

    def update(self, case: Case, expected_version: int) -> Case:
        stored = self.rows.get(case.id)
        if stored is None or stored.version != expected_version:
            raise ConflictError(
                "Kasus telah diubah oleh pengguna lain; muat ulang lalu ulangi.",
                message_en="The case was changed by someone else; reload and try again.",
                details={"case_id": case.id, "expected_version": expected_version},
            )
        new = replace(case, version=expected_version + 1)
        self.rows[case.id] = new
        return new

    def _matching(self, q: CaseQuery) -> list[Case]:
        text = q.text.lower()
        return [
            c
            for c in self.rows.values()
            if (not q.statuses or c.status in q.statuses)
            and region_contains(q.region_prefix, c.region_code)
            and (q.agency_id is None or c.agency_id == q.agency_id)
            and (not text or text in c.title.lower() or text in c.number.lower())
            and (
                q.assignee_id is None
                or getattr(self.assignments.get(c.id), "assignee_id", None) == q.assignee_id
            )
        ]

    def _next_due(self, case_id: str) -> date | None:
        due = [d.due_on for d in self.deadline_rows.values() if d.case_id == case_id and d.stopped_on is None]
        return min(due) if due else None

    def search(self, query: CaseQuery) -> tuple[list[Case], int]:
        return self.page(query), self.count(query)

    def page(self, query: CaseQuery) -> list[Case]:
        found = sorted(self._matching(query), key=lambda c: (c.opened_at, c.id), reverse=True)
        if query.sort == "deadline":
            found.sort(key=lambda c: (self._next_due(c.id) is None, self._next_due(c.id) or date.min))
            return found[query.offset : query.offset + query.limit]
        if query.before is not None:
            newer = [c for c in found if (c.opened_at, c.id) > query.before]
            return newer[max(0, len(newer) - query.limit) :]
        if query.after is not None:
            return [c for c in found if (c.opened_at, c.id) < query.after][: query.limit]
        return found[query.offset : query.offset + query.limit]

    def count(self, query: CaseQuery) -> int:
        return len(self._matching(query))

    def count_by_status(self, region_prefix: str, agency_id: str | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in self._matching(CaseQuery(region_prefix=region_prefix, agency_id=agency_id)):
            counts[c.status.value] = counts.get(c.status.value, 0) + 1
        return counts

    def scope_counts(self, region_prefix: str, agency_id: str | None, on: date) -> tuple[dict[str, int], int]:
        scope = CaseQuery(region_prefix=region_prefix, agency_id=agency_id)
        late = [
            d for d in self.deadline_rows.values()
            if d.stopped_on is None and d.due_on < on and _in_scope(self.rows[d.case_id], scope)
        ]  # fmt: skip
        return self.count_by_status(region_prefix, agency_id), len(late)

    def closed_unpurged(self, closed_before: datetime, limit: int) -> list[Case]:
        found = [
            c for c in self.rows.values() if c.closed_at and c.closed_at < closed_before and not c.purged_at
        ]
        return sorted(found, key=lambda c: (c.closed_at, c.id))[:limit]


class MemoryDeadlines(MemoryRepository[CaseDeadline]):
    def __init__(self, rows: dict[str, Any], cases: dict[str, Any]) -> None:
        super().__init__(rows)
        self.cases = cases

    def open_for_case(self, case_id: str) -> list[CaseDeadline]:
        return [d for d in self.rows.values() if d.case_id == case_id and d.stopped_on is None]

    def overdue(
        self, on: date, scope: CaseQuery | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[OverdueRow]:
        rows = self._open(lambda d: d.due_on < on, scope)
        return rows[offset : None if limit is None else offset + limit]

    def count_overdue(self, on: date, scope: CaseQuery) -> int:
        return len(self.overdue(on, scope))

    def due_for_cases(self, case_ids: Sequence[str], before: date) -> list[OverdueRow]:
        wanted = set(case_ids)
        return self._open(lambda d: d.case_id in wanted and d.due_on < before, None)

    def _open(self, keep: Any, scope: CaseQuery | None) -> list[OverdueRow]:
        late = [d for d in self.rows.values() if d.stopped_on is None and keep(d)]
        pairs = [(d, self.cases[d.case_id]) for d in sorted(late, key=lambda d: (d.due_on, d.id))]
        return [
            OverdueRow(
                c.id,
                c.number,
                c.status.value,
                c.region_code,
                c.agency_id,
                d.step_id,
                d.started_on,
                d.due_on,
                d.review_status,
            )
            for d, c in pairs
            if scope is None or _in_scope(c, scope)  # an open deadline is an open case's (workflow)
        ]


def _in_scope(case: Case, q: CaseQuery) -> bool:
    return (
        (not q.statuses or case.status in q.statuses)
        and region_contains(q.region_prefix, case.region_code)
        and (q.agency_id is None or case.agency_id == q.agency_id)
    )


class MemoryReports(MemoryRepository[Report]):
    def by_receipt_tag(self, receipt_tag: str) -> list[Report]:
        return [r for r in self.rows.values() if r.receipt_tag == receipt_tag]

    def duplicate_candidates(
        self, nip: str | None, agency_id: str | None, links: tuple[str, ...], region_code: str, limit: int
    ) -> list[Report]:
        wanted = set(links)
        found = [
            r
            for r in self.rows.values()
            if r.purged_at is None
            and (
                (nip and r.person_nip == nip)
                or (agency_id and r.agency_id == agency_id)
                or wanted.intersection(link_keys(r.links))
                or (region_code and r.region_code == region_code)
            )
        ]
        return sorted(found, key=lambda r: r.submitted_at, reverse=True)[:limit]


class MemoryMessages(MemoryRepository[Message]):
    def since(self, sender: str, at: datetime) -> list[Message]:
        found = [m for m in self.rows.values() if m.sender == sender and m.created_at >= at]
        return sorted(found, key=lambda m: (m.created_at, m.id))


class MemoryScreenings(MemoryRepository[Screening]):
    def reviewed_since(self, since: datetime | None) -> list[Screening]:
        found = [
            s
            for s in self.rows.values()
            if s.reviewed_at is not None and (since is None or s.reviewed_at >= since)
        ]
        return sorted(found, key=lambda s: (s.reviewed_at, s.id))


class MemoryUsers(MemoryRepository[User]):
    def by_username(self, username: str) -> User | None:
        return next((u for u in self.rows.values() if u.username == username), None)

    def active_near(self, region_code: str, agency_id: str | None, roles: frozenset[str]) -> list[User]:
        return [
            u
            for u in self.rows.values()
            if u.active
            and u.role in roles
            and (region_contains(region_code, u.region_code) or region_contains(u.region_code, region_code))
            and (agency_id is None or u.agency_id in (None, agency_id))
        ]

    def update(self, user: User, expected_version: int) -> User:
        stored = self.rows.get(user.id)
        if stored is None or stored.version != expected_version:
            raise user_conflict(user, stored.version if stored else None, expected_version)
        new = replace(user, version=expected_version + 1)
        self.rows[user.id] = new
        return new


class MemoryAudit:
    def __init__(
        self,
        rows: dict[str, Any],
        head_rows: dict[str, Any],
        records: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.rows = rows
        self.head_rows = head_rows
        self.records = records or {}

    def missing_creations(self, actions: frozenset[str], sample: int) -> tuple[int, list[str]]:
        audited: set[str] = set()
        for e in self.rows.values():
            if e.action in actions:
                audited.add(f"{e.subject_type}:{e.subject_id}")
                audited.update(
                    f"{k}:{e.detail[f'{k}_id']}" for k in ("case", "report") if f"{k}_id" in e.detail
                )
        missing = sorted(
            f"{kind}:{i}" for kind, table in (("case", "cases"), ("report", "reports"))
            for i in self.records.get(table, {}) if f"{kind}:{i}" not in audited
        )  # fmt: skip
        return len(missing), missing[:sample]

    def lock_head(self) -> None:
        """A single-threaded store needs no lock."""

    def last(self) -> AuditEntry | None:
        return self.rows[max(self.rows, key=int)] if self.rows else None

    def head(self) -> tuple[int, str] | None:
        found: tuple[int, str] | None = self.head_rows.get("head")
        return found

    def append(self, entry: AuditEntry) -> None:
        self.rows[str(entry.seq)] = entry
        self.head_rows["head"] = (entry.seq, entry.hash)

    def iter_all(self) -> Iterator[AuditEntry]:
        for key in sorted(self.rows, key=int):
            yield self.rows[key]

    def for_subject(self, subject_type: str, subject_id: str) -> list[AuditEntry]:
        return [e for e in self.iter_all() if e.subject_type == subject_type and e.subject_id == subject_id]

    cases: ClassVar[dict[str, Any]] = {}

    def search(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        q = query

        def inside(e: AuditEntry) -> bool:
            if q.case_region_prefix is None:
                return True
            case = self.cases.get(e.subject_id) if e.subject_type == "case" else None
            return (
                case is not None
                and region_contains(q.case_region_prefix, case.region_code)
                and (q.case_agency_id is None or case.agency_id == q.case_agency_id)
            )

        found = [
            e
            for e in reversed(list(self.iter_all()))
            if (not q.actor_id or e.actor_id == q.actor_id)
            and (not q.action or e.action == q.action)
            and (not q.subject_type or e.subject_type == q.subject_type)
            and (not q.subject_id or e.subject_id == q.subject_id)
            and (q.since is None or e.at >= q.since)
            and (q.until is None or e.at < q.until)
            and inside(e)
        ]
        return found[q.offset : q.offset + q.limit], len(found)


class MemoryAssignments(MemoryRepository[CaseAssignment]):
    def put(self, item: CaseAssignment, expected_version: int) -> CaseAssignment:
        stored = self.rows.get(item.id)
        if (stored.version if stored else 0) != expected_version:
            raise ConflictError(
                "Penugasan kasus ini telah diubah oleh pengguna lain; muat ulang lalu ulangi.",
                message_en="This case's assignment was changed by someone else; reload and try again.",
                details={"case_id": item.id, "expected_version": expected_version},
            )
        self.rows[item.id] = item
        return item

    def for_cases(self, case_ids: Sequence[str]) -> dict[str, CaseAssignment]:
        return {i: self.rows[i] for i in case_ids if i in self.rows}


class MemoryNotifications(MemoryRepository[Notification]):
    def for_user(self, user_id: str, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
        found = [
            n for n in self.rows.values() if n.user_id == user_id and (not unread_only or n.read_at is None)
        ]
        return sorted(found, key=lambda n: (n.created_at, n.id), reverse=True)[:limit]

    def count_unread(self, user_id: str) -> int:
        return sum(1 for n in self.rows.values() if n.user_id == user_id and n.read_at is None)

    def existing(self, note_ids: Sequence[str]) -> set[str]:
        return {i for i in note_ids if i in self.rows}

    def unsent(self, limit: int) -> list[Notification]:
        found = [n for n in self.rows.values() if n.emailed_at is None]
        return sorted(found, key=lambda n: (n.created_at, n.id))[:limit]


_TABLES = [
    "agencies",
    "users",
    "persons",
    "reports",
    "identities",
    "evidence",
    "cases",
    "deadlines",
    "events",
    "assessments",
    "recommendations",
    "decisions",
    "followups",
    "escalations",
    "messages",
    "screenings",
    "screening_reviews",
    "audit",
    "audit_head",
    "assignments",
    "notifications",
    "notification_prefs",
]
_SPECIAL: dict[str, type[Any]] = {
    "cases": MemoryCases,
    "deadlines": MemoryDeadlines,
    "reports": MemoryReports,
    "users": MemoryUsers,
    "messages": MemoryMessages,
    "screenings": MemoryScreenings,
    "assignments": MemoryAssignments,
    "notifications": MemoryNotifications,
}


class MemoryStore:
    """Committed state shared by the units of work built from it."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Any]] = {name: {} for name in _TABLES}

    def unit_of_work(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)


class MemoryUnitOfWork:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._begin()

    def _begin(self) -> None:
        self._working = {name: copy.copy(rows) for name, rows in self._store.tables.items()}
        for name, rows in self._working.items():
            if name not in ("audit", "audit_head", "deadlines"):
                setattr(self, name, _SPECIAL.get(name, MemoryRepository)(rows))
        records = {"cases": self._working["cases"], "reports": self._working["reports"]}
        self.audit = MemoryAudit(self._working["audit"], self._working["audit_head"], records)
        self.deadlines = MemoryDeadlines(self._working["deadlines"], self._working["cases"])
        self.cases.assignments = self._working["assignments"]  # type: ignore[attr-defined]
        self.cases.deadline_rows = self._working["deadlines"]  # type: ignore[attr-defined]
        self.audit.cases = self._working["cases"]

    def reading(self) -> Self:
        """No locks here: same as ``with uow``."""
        return self

    def __enter__(self) -> Self:
        self._begin()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self._store.tables = {name: copy.copy(rows) for name, rows in self._working.items()}

    def rollback(self) -> None:
        self._begin()


@dataclass(frozen=True)
class MemoryStored:
    sha256: str
    created: bool


class MemoryFiles:
    """Evidence files in a dict keyed by seal (tests, demos); same methods as EvidenceStore."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], bytes] = {}

    def put_original(self, data: bytes) -> MemoryStored:
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        created = (sha, "original") not in self.items
        self.items[(sha, "original")] = data
        return MemoryStored(sha, created)

    def put_derivative(self, sha256: str, name: str, data: bytes) -> str:
        self.items[(sha256, name)] = data
        return name

    def read_original(self, sha256: str) -> bytes:
        return self.items[(sha256, "original")]

    def read_derivative(self, sha256: str, name: str) -> bytes:
        return self.items[(sha256, name)]

    def delete(self, sha256: str) -> bool:
        keys = [k for k in self.items if k[0] == sha256]
        for key in keys:
            del self.items[key]
        return bool(keys)


# --- fakes of the rules (the catalogue's deadlines and authorities, the assessor) ---------------


@dataclass(frozen=True)
class FakeDeadline:
    step_id: str
    amount: int
    unit: str
    review_status: str = "confirmed"


class WeekendCalendar:
    """Working days are Monday to Friday (no holidays)."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5

    def due_date(self, start: date, deadline: FakeDeadline) -> date:
        if deadline.unit == "days":
            return start + timedelta(days=deadline.amount)
        current, left = start, deadline.amount
        while left:
            current += timedelta(days=1)
            left -= self.is_working_day(current)
        return current


@dataclass(frozen=True)
class FakeAuthority:
    id: str


@dataclass
class FakeCatalogue:
    """Round deadlines and the real, dated procedure (the workflow is built from it)."""

    version: str = "0.1.0+fake"
    calendar: WeekendCalendar = field(default_factory=WeekendCalendar)
    #: No elections: reports have no election-law window here.
    elections: dict[str, Any] = field(default_factory=dict)
    deadlines: dict[str, FakeDeadline] = field(
        default_factory=lambda: {
            "taskforce_verification": FakeDeadline("taskforce_verification", 7, "days"),
            "bawaslu_validation": FakeDeadline("bawaslu_validation", 3, "working_days"),
            "ppk_decision": FakeDeadline("ppk_decision", 10, "working_days", "needs_review"),
        }
    )

    def deadline_on(self, step_id: str, on: date) -> FakeDeadline:
        if step_id not in self.deadlines:
            raise NotFoundError(f"no deadline {step_id}")
        return self.deadlines[step_id]

    def procedure_on(self, on: date, procedure: str = "neutrality") -> tuple[ProcedureStep, ...]:
        return default_catalogue().procedure_on(on, procedure)

    def authority_on(self, function: str, on: date) -> FakeAuthority:
        return FakeAuthority("bkn" if on >= date(2024, 9, 4) else "kasn")

    def ladder_on(
        self, track: Track, employee_type: EmployeeType, on: date
    ) -> tuple[SanctionLadder, LadderVersion] | None:
        return default_catalogue().ladder_on(track, employee_type, on)  # the real, dated ladders


@dataclass(frozen=True)
class FakeFinding:
    rule_id: str


@dataclass(frozen=True)
class FakeAssessment:
    findings: tuple[FakeFinding, ...]
    overall_level: str | None
    catalogue_version: str

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.rule_id for f in self.findings], "overall_level": self.overall_level}


def fake_assessor(facts: Facts) -> FakeAssessment:
    """One finding ``skb-b-<behaviour>`` per behaviour, "heavy" when there is any."""
    ids = tuple(FakeFinding(f"skb-b-{b}") for b in sorted(facts.behaviours))
    return FakeAssessment(ids, "heavy" if ids else None, "0.1.0+fake")

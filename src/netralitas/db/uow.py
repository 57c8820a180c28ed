"""The SQL unit of work: one connection, one transaction, the repositories on it."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine

from netralitas.cases import ports as p
from netralitas.cases import records as r
from netralitas.db import console_models as cm
from netralitas.db import models as m
from netralitas.db.console_repositories import SqlAssignments, SqlNotifications
from netralitas.db.engine import READ_ONLY, release
from netralitas.db.repositories import (
    SqlAudit,
    SqlCases,
    SqlDeadlines,
    SqlMessages,
    SqlReports,
    SqlRepository,
    SqlScreenings,
    SqlUsers,
)


class SqlUnitOfWork:
    """``with uow:`` opens a transaction; ``commit()`` ends it; leaving the block without a
    commit rolls back. A unit of work may be entered again after it was left.

    The repositories are declared with the port types of ``cases.ports.UnitOfWork``, so this class
    is one (checked by mypy where ``uow_factory`` is typed)."""

    agencies: p.Repository[r.Agency]
    users: p.UserRepository
    persons: p.Repository[r.ReportedPerson]
    reports: p.ReportRepository
    identities: p.Repository[r.ReporterIdentity]
    evidence: p.Repository[r.Evidence]
    cases: p.CaseRepository
    deadlines: p.DeadlineRepository
    events: p.Repository[r.CaseEvent]
    assessments: p.Repository[r.AssessmentRecord]
    recommendations: p.Repository[r.Recommendation]
    decisions: p.Repository[r.PpkDecision]
    followups: p.Repository[r.FollowUp]
    escalations: p.Repository[r.Escalation]
    messages: p.MessageRepository
    screenings: p.ScreeningRepository
    screening_reviews: p.Repository[r.ScreeningReview]
    audit: p.AuditRepository
    assignments: p.AssignmentRepository
    notifications: p.NotificationRepository
    notification_prefs: p.Repository[r.NotificationPrefs]

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._read_only = False

    def reading(self) -> Self:
        """``with uow.reading():`` — a transaction that only reads. On SQLite it does not take
        the write lock (reads a WAL snapshot beside a running writer). A refusal written from
        inside it (``guard.deny``) rolls back first, and the next transaction writes normally."""
        self._read_only = True
        return self

    def __enter__(self) -> Self:
        conn = self.engine.connect()
        conn.info[READ_ONLY] = self._read_only
        self._read_only = False
        conn.begin()
        self._conn = conn
        self._bind(conn)
        return self

    def _bind(self, c: Connection) -> None:
        """Forget the repositories of the last transaction; each is built on first use in this
        one (``__getattr__``): a request uses a few of the 21, and building all of them on every
        ``with`` was ~40 objects per queue view."""
        built = self.__dict__
        for name in _REPOSITORIES:
            built.pop(name, None)

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute not set yet: a repository of the current transaction.
        make = _REPOSITORIES.get(name)
        if make is None:
            raise AttributeError(name)
        repository = make(self._current())
        setattr(self, name, repository)
        return repository

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            release(conn)

    def _current(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside 'with'")
        return self._conn

    def commit(self) -> None:
        """Commit; the next statement starts a new (writing) transaction on the same connection."""
        conn = self._current()
        conn.commit()
        conn.info[READ_ONLY] = False

    def rollback(self) -> None:
        """Roll back; the next statement starts a new transaction, a writing one."""
        conn = self._current()
        conn.rollback()
        conn.info[READ_ONLY] = False


#: How each repository of a unit of work is built on its connection (``SqlUnitOfWork.__getattr__``).
_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "agencies": lambda c: SqlRepository(c, m.Agency, r.Agency),
    "users": lambda c: SqlUsers(c, m.User, r.User),
    "persons": lambda c: SqlRepository(c, m.ReportedPerson, r.ReportedPerson),
    "reports": lambda c: SqlReports(c, m.Report, r.Report),
    "identities": lambda c: SqlRepository(c, m.ReporterIdentity, r.ReporterIdentity),
    "evidence": lambda c: SqlRepository(c, m.Evidence, r.Evidence),
    "cases": lambda c: SqlCases(c, m.Case, r.Case),
    "deadlines": lambda c: SqlDeadlines(c, m.CaseDeadline, r.CaseDeadline),
    "events": lambda c: SqlRepository(c, m.CaseEvent, r.CaseEvent),
    "assessments": lambda c: SqlRepository(c, m.Assessment, r.AssessmentRecord),
    "recommendations": lambda c: SqlRepository(c, m.Recommendation, r.Recommendation),
    "decisions": lambda c: SqlRepository(c, m.PpkDecision, r.PpkDecision),
    "followups": lambda c: SqlRepository(c, m.FollowUp, r.FollowUp),
    "escalations": lambda c: SqlRepository(c, m.Escalation, r.Escalation),
    "messages": lambda c: SqlMessages(c, m.Message, r.Message),
    "screenings": lambda c: SqlScreenings(c, m.Screening, r.Screening),
    "screening_reviews": lambda c: SqlRepository(c, m.ScreeningReview, r.ScreeningReview),
    "audit": lambda c: SqlAudit(c),
    "assignments": lambda c: SqlAssignments(c, cm.CaseAssignmentRow, r.CaseAssignment),
    "notifications": lambda c: SqlNotifications(c, cm.NotificationRow, r.Notification),
    "notification_prefs": lambda c: SqlRepository(c, cm.NotificationPrefsRow, r.NotificationPrefs),
}


def uow_factory(engine: Engine) -> Callable[[], p.UnitOfWork]:
    return lambda: SqlUnitOfWork(engine)

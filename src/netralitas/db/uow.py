"""The SQL unit of work: one connection, one transaction, the repositories on it."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

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
        self.agencies = SqlRepository(c, m.Agency, r.Agency)
        self.users = SqlUsers(c, m.User, r.User)
        self.persons = SqlRepository(c, m.ReportedPerson, r.ReportedPerson)
        self.reports = SqlReports(c, m.Report, r.Report)
        self.identities = SqlRepository(c, m.ReporterIdentity, r.ReporterIdentity)
        self.evidence = SqlRepository(c, m.Evidence, r.Evidence)
        self.cases = SqlCases(c, m.Case, r.Case)
        self.deadlines = SqlDeadlines(c, m.CaseDeadline, r.CaseDeadline)
        self.events = SqlRepository(c, m.CaseEvent, r.CaseEvent)
        self.assessments = SqlRepository(c, m.Assessment, r.AssessmentRecord)
        self.recommendations = SqlRepository(c, m.Recommendation, r.Recommendation)
        self.decisions = SqlRepository(c, m.PpkDecision, r.PpkDecision)
        self.followups = SqlRepository(c, m.FollowUp, r.FollowUp)
        self.escalations = SqlRepository(c, m.Escalation, r.Escalation)
        self.messages = SqlMessages(c, m.Message, r.Message)
        self.screenings = SqlScreenings(c, m.Screening, r.Screening)
        self.screening_reviews = SqlRepository(c, m.ScreeningReview, r.ScreeningReview)
        self.audit = SqlAudit(c)
        self.assignments = SqlAssignments(c, cm.CaseAssignmentRow, r.CaseAssignment)
        self.notifications = SqlNotifications(c, cm.NotificationRow, r.Notification)
        self.notification_prefs = SqlRepository(c, cm.NotificationPrefsRow, r.NotificationPrefs)

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


def uow_factory(engine: Engine) -> Callable[[], p.UnitOfWork]:
    return lambda: SqlUnitOfWork(engine)

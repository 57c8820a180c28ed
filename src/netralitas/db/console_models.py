"""Tables of the officer console: case assignments, notifications and e-mail preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from netralitas.db.models import ID, UTC_TS, AuditEntry, Base


class CaseAssignmentRow(Base):
    __tablename__ = "case_assignments"
    __table_args__ = (Index("ix_case_assignments_assignee", "assignee_id", "id"),)
    #: The case id: one assignment per case.
    id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    assignee_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    assigned_by: Mapped[str] = mapped_column(String(40))
    assigned_at: Mapped[datetime] = mapped_column(UTC_TS)
    version: Mapped[int] = mapped_column(Integer)


class NotificationRow(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user", "user_id", "created_at"),
        Index("ix_notifications_unsent", "emailed_at", "created_at"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    case_id: Mapped[str] = mapped_column(String(32))
    case_number: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTC_TS)
    read_at: Mapped[datetime | None] = mapped_column(UTC_TS)
    emailed_at: Mapped[datetime | None] = mapped_column(UTC_TS)


class NotificationPrefsRow(Base):
    __tablename__ = "notification_prefs"
    #: The user id.
    id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254))
    email_opt_out: Mapped[bool] = mapped_column(Boolean)


#: The audit-trail viewer filters by who acted and by action, newest first.
Index("ix_audit_entries_actor", AuditEntry.actor_id, AuditEntry.seq)
Index("ix_audit_entries_action", AuditEntry.action, AuditEntry.seq)

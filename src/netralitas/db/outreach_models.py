"""Tables of guidance work (pembinaan): units, rosters, circulars, acknowledgements, pledges,
deliveries, quiz results (per unit, never per person) and region facts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from netralitas.db.models import ID, Base


class OrgUnitRow(Base):
    __tablename__ = "outreach_units"
    agency_id: Mapped[str] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))


class RosterMemberRow(Base):
    __tablename__ = "roster_members"
    __table_args__ = (UniqueConstraint("agency_id", "nip", name="uq_roster_members_agency_nip"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agencies.id"))
    nip: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(200))
    unit_code: Mapped[str] = mapped_column(String(64))
    position: Mapped[str] = mapped_column(String(200))
    position_key: Mapped[str] = mapped_column(String(64))
    employee_type: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean)
    left_on: Mapped[date | None] = mapped_column(index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    last_import_id: Mapped[str | None] = mapped_column(String(32))
    last_import_line: Mapped[int | None] = mapped_column(Integer)


class CircularRow(Base):
    __tablename__ = "circulars"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agencies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    election_id: Mapped[str | None] = mapped_column(String(40))
    phase: Mapped[str | None] = mapped_column(String(40))
    target_units: Mapped[list[str]] = mapped_column(JSON)
    target_positions: Mapped[list[str]] = mapped_column(JSON)
    wants_pledge: Mapped[bool] = mapped_column(Boolean)
    reminder_threshold: Mapped[float] = mapped_column(Float)
    link_days: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    citations: Mapped[list[str]] = mapped_column(JSON)


class RecipientRow(Base):
    """Who a circular addresses, with unit and position as they were (no foreign key to the
    roster: rates stay countable after the retention purge removed the person)."""

    __tablename__ = "circular_recipients"
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    position_key: Mapped[str] = mapped_column(String(64))


class AcknowledgementRow(Base):
    __tablename__ = "acknowledgements"
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime]


class PledgeRow(Base):
    __tablename__ = "pledges"
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str] = mapped_column(String(18))
    at: Mapped[datetime]
    certificate_no: Mapped[str] = mapped_column(String(40), unique=True)


class DeliveryRow(Base):
    """One message to one recipient. ``key`` (circular:member:kind) is the idempotency key: a
    job that runs again after a crash finds the row sent and sends nothing."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_circular_status", "circular_id", "status"),)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"))
    member_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(300))


class QuizAttemptRow(Base):
    """A self-check result: unit and position only, never the person."""

    __tablename__ = "quiz_attempts"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    position_key: Mapped[str] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    on: Mapped[date]


class QuizTakerRow(Base):
    """That a link's holder took the self-check of a circular (not what they answered)."""

    __tablename__ = "quiz_takers"
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)


class RegionFactRow(Base):
    __tablename__ = "region_facts"
    region_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    incumbent_runs: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime]


class AttachmentRow(Base):
    """A file attached to a circular (PDF only, bounded in size; kept in the database with it)."""

    __tablename__ = "circular_attachments"
    circular_id: Mapped[str] = mapped_column(ForeignKey("circulars.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)

"""SQLAlchemy 2 models: one table per record of ``netralitas.cases.records``.

Column names equal the dataclass field names so that ``netralitas.db.mapping`` converts
rows and records one to one. Alembic autogenerates from ``db.schema.metadata`` (these tables and
the guidance tables of ``outreach_models``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(32)
UTC_TS = DateTime(timezone=True)
#: Region codes compared by ranges (``cases.roles.region_range``) need code-point order: "C" on
#: PostgreSQL whatever the database's collation (language collations ignore the dots); SQLite's
#: default BINARY already is.
REGION = String(20).with_variant(String(20, collation="C"), "postgresql")
#: Partial indexes over the open deadlines only (both databases).
OPEN_DEADLINE: dict[str, Any] = {
    "postgresql_where": text("stopped_on IS NULL"),
    "sqlite_where": text("stopped_on IS NULL"),
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTC_TS, dict[str, Any]: JSON, list[str]: JSON}


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    region_code: Mapped[str] = mapped_column(String(20), index=True)
    ppk_title: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(String(64))


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    region_code: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool]
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    session_epoch: Mapped[int] = mapped_column(Integer, server_default="0")


class ReportedPerson(Base):
    __tablename__ = "persons"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(40), index=True)
    employee_type: Mapped[str] = mapped_column(String(20))
    position: Mapped[str | None] = mapped_column(String(200))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id"))


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        # scope ranges, counts per status in a scope, and GROUP BY region, status (index-only)
        Index("ix_cases_region_status", "region_code", "status"),
        # the queue, newest first, and its keyset pages (with and without a status filter); the
        # region rides along so that a walk filters on the index before reading rows (SQLite)
        Index("ix_cases_opened", "opened_at", "id", "region_code"),
        Index("ix_cases_status_opened", "status", "opened_at", "id", "region_code"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    region_code: Mapped[str] = mapped_column(REGION)
    election_id: Mapped[str | None] = mapped_column(String(40))
    act_on: Mapped[date | None]
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer)
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    close_reason: Mapped[str | None] = mapped_column(Text)
    purged_at: Mapped[datetime | None]
    hold_reason: Mapped[str | None] = mapped_column(Text)


class Report(Base):
    __tablename__ = "reports"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    receipt_tag: Mapped[str | None] = mapped_column(String(8), index=True)
    receipt_hash: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    act_on: Mapped[date | None]
    place: Mapped[str | None] = mapped_column(String(300))
    region_code: Mapped[str] = mapped_column(String(20), index=True)
    links: Mapped[list[str]]
    person_name: Mapped[str | None] = mapped_column(String(200))
    person_nip: Mapped[str | None] = mapped_column(String(40), index=True)
    person_position: Mapped[str | None] = mapped_column(String(200))
    employee_type: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    agency_name: Mapped[str | None] = mapped_column(String(300))
    election_id: Mapped[str | None] = mapped_column(String(40))
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    retention_on: Mapped[date] = mapped_column(index=True)
    purged_at: Mapped[datetime | None]
    #: When the reporter learnt of the act (election report windows count from it).
    known_on: Mapped[date | None]


class ReporterIdentity(Base):
    """Kept apart from reports; ``token`` is AES-GCM ciphertext bound to the report id."""

    __tablename__ = "reporter_identities"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), unique=True)
    token: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Evidence(Base):
    __tablename__ = "evidence"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    derivative_name: Mapped[str | None] = mapped_column(String(50))
    metadata_stripped: Mapped[bool]
    created_at: Mapped[datetime]


class CaseDeadline(Base):
    """``region_code`` and ``agency_id`` copy the case's (kept in step by ``db.repositories``;
    not part of the record) so that breached deadlines are found per scope from an index."""

    __tablename__ = "case_deadlines"
    __table_args__ = (
        Index("ix_case_deadlines_open", "due_on", "id", "region_code", **OPEN_DEADLINE),
        Index("ix_case_deadlines_open_region", "region_code", "due_on", **OPEN_DEADLINE),
        Index("ix_case_deadlines_open_agency", "agency_id", "due_on", **OPEN_DEADLINE),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    step_id: Mapped[str] = mapped_column(String(60))
    started_on: Mapped[date]
    due_on: Mapped[date]
    amount: Mapped[int]
    unit: Mapped[str] = mapped_column(String(20))
    review_status: Mapped[str] = mapped_column(String(20))
    stopped_on: Mapped[date | None]
    region_code: Mapped[str] = mapped_column(REGION, server_default="")
    agency_id: Mapped[str | None] = mapped_column(String(64))


class CaseEvent(Base):
    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)


class Assessment(Base):
    __tablename__ = "assessments"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    catalogue_version: Mapped[str] = mapped_column(String(100))
    rule_ids: Mapped[list[str]]
    overall_level: Mapped[str | None] = mapped_column(String(30))
    result: Mapped[dict[str, Any]]
    behaviours: Mapped[list[str]]
    override_reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class Recommendation(Base):
    __tablename__ = "recommendations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    authority_id: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    sent_on: Mapped[date]
    actor_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class PpkDecision(Base):
    __tablename__ = "ppk_decisions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    level: Mapped[str] = mapped_column(String(40))
    form: Mapped[str] = mapped_column(String(400))
    decree_number: Mapped[str] = mapped_column(String(100))
    decree_on: Mapped[date]
    actor_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    decree_sha256: Mapped[str | None] = mapped_column(String(64))
    decree_media_type: Mapped[str | None] = mapped_column(String(100))
    decree_size: Mapped[int | None]
    form_code: Mapped[str | None] = mapped_column(String(120), index=True)
    form_other_reason: Mapped[str | None] = mapped_column(Text)


class FollowUp(Base):
    __tablename__ = "followups"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    confirmed_on: Mapped[date]
    actor_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class Escalation(Base):
    __tablename__ = "escalations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str] = mapped_column(String(40))
    requested_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    sender: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[str | None] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Screening(Base):
    """Text screening of one report (suggested labels, evidence, findings) and its review."""

    __tablename__ = "screenings"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), unique=True)
    screened_at: Mapped[datetime]
    labels: Mapped[list[str]]
    result: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20), index=True)
    reviewed_labels: Mapped[list[str] | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(40))
    reviewed_at: Mapped[datetime | None] = mapped_column(index=True)


class ScreeningReview(Base):
    """Every officer confirmation or correction of a screening: who, when, before, after."""

    __tablename__ = "screening_reviews"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    screening_id: Mapped[str] = mapped_column(ForeignKey("screenings.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"))
    actor_id: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    original_labels: Mapped[list[str]]
    labels: Mapped[list[str]]
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_subject", "subject_type", "subject_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row (id 1): the chain head, locked by every append and compared by verify."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


# --- Oversight (issue 14): one statistics row per case, kept in step by netralitas.db.analytics_queries.
Index("ix_cases_updated_at", Case.updated_at)


class OversightFact(Base):
    """Categories and dates of one case for the dashboard, maps and open data (no personal data)."""

    __tablename__ = "oversight_facts"
    __table_args__ = (
        Index("ix_oversight_facts_election_status", "election_id", "status"),
        Index("ix_oversight_facts_agency_ppk", "agency_id", "recommended_on"),
        # covers the count of recommendations waiting past the PPK deadline (read on every page):
        # one range per waiting status (and province), the rest filtered inside the index
        Index(
            "ix_oversight_facts_waiting",
            "status",
            "province_code",
            "ppk_due_on",
            "decided_on",
            "election_id",
            "behaviour",
            "regency_code",
            "agency_id",
            "opened_on",
        ),
    )
    case_id: Mapped[str] = mapped_column(ID, primary_key=True)
    version: Mapped[int]
    status: Mapped[str] = mapped_column(String(30), index=True)
    region_code: Mapped[str] = mapped_column(String(20), index=True)
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    regency_code: Mapped[str] = mapped_column(String(5), index=True)
    agency_id: Mapped[str | None] = mapped_column(String(64))
    election_id: Mapped[str | None] = mapped_column(String(40))
    opened_on: Mapped[date] = mapped_column(index=True)
    opened_month: Mapped[str] = mapped_column(String(7), index=True)
    behaviour: Mapped[str] = mapped_column(String(40), index=True)
    rule_id: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[str] = mapped_column(String(60), index=True)
    employee_type: Mapped[str] = mapped_column(String(20), index=True)
    recommended_on: Mapped[date | None]
    ppk_due_on: Mapped[date | None]
    decided_on: Mapped[date | None]
    decision_days: Mapped[int | None]
    followed_up: Mapped[bool]


class OversightSync(Base):
    """One row (id 1): locked by each sync (one at a time); ``synced_until`` is when it last ran."""

    __tablename__ = "oversight_sync"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    synced_until: Mapped[datetime]


class LetterNumber(Base):
    """The last letter number issued per agency, letter kind and year (numbering restarts yearly)."""

    __tablename__ = "letter_numbers"
    agency_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int]


class OversightCube(Base):
    """The facts summed per dimension value, at three levels: per province (``level`` "p", per
    behaviour and for every behaviour "*"), per kab/kota (``level`` "r", behaviour "*") and per
    month opened (``level`` "m", nationally, behaviour "*"), each per election ("" none). Kept in
    step with ``oversight_facts`` by the sync (deltas); the primary key puts a page's rows side by
    side (dimension, level, behaviour, area)."""

    __tablename__ = "oversight_cube"
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    level: Mapped[str] = mapped_column(String(1), primary_key=True)
    behaviour: Mapped[str] = mapped_column(String(40), primary_key=True)
    area: Mapped[str] = mapped_column(String(8), primary_key=True)
    election_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int]
    sent: Mapped[int]
    decided: Mapped[int]
    followed: Mapped[int]
    days_total: Mapped[int]
    days_count: Mapped[int]


class CaseStatusCount(Base):
    """Cases per region code, agency ("" none) and status, kept in step by ``SqlCases`` in the
    transaction that adds or changes the case (the queue's counts per status read a few rows)."""

    __tablename__ = "case_status_counts"
    region_code: Mapped[str] = mapped_column(REGION, primary_key=True)
    agency_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int]


class CaseChange(Base):
    """A case added or changed, written by ``SqlCases`` in the same transaction as the change and
    consumed (deleted) by the oversight sync: a transaction that commits late is still seen."""

    __tablename__ = "case_changes"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(32))

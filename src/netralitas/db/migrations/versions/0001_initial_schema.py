"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 07:55:01.167328
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("ppk_title", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
    )
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agencies_region_code"), ["region_code"], unique=False)

    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_type", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entries_subject", ["subject_type", "subject_id"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    # The chain head row exists from the start so that appends can lock it (FOR UPDATE).
    head = sa.table(
        "audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer), sa.column("hash", sa.String)
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
    op.create_table(
        "persons",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("nip", sa.String(length=40), nullable=True),
        sa.Column("employee_type", sa.String(length=20), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("agency_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_persons_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_nip"), ["nip"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("agency_id", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_users_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("agency_id", sa.String(length=64), nullable=True),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("election_id", sa.String(length=40), nullable=True),
        sa.Column("act_on", sa.Date(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("merged_into_id", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_cases_agency_id_agencies")),
        sa.ForeignKeyConstraint(["merged_into_id"], ["cases.id"], name=op.f("fk_cases_merged_into_id_cases")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_cases_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("number", name=op.f("uq_cases_number")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_opened_at"), ["opened_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_status"), ["status"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("catalogue_version", sa.String(length=100), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("overall_level", sa.String(length=30), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("behaviours", sa.JSON(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_assessments_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_deadlines",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("step_id", sa.String(length=60), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("review_status", sa.String(length=20), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_deadlines_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_deadlines")),
    )
    with op.batch_alter_table("case_deadlines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_deadlines_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_case_deadlines_open_due", ["stopped_on", "due_on"], unique=False)

    op.create_table(
        "case_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=30), nullable=True),
        sa.Column("to_status", sa.String(length=30), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_case_id"), ["case_id"], unique=False)

    op.create_table(
        "escalations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_escalations_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
    )
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalations_case_id"), ["case_id"], unique=False)

    op.create_table(
        "followups",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_followups_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
    )
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followups_case_id"), ["case_id"], unique=False)

    op.create_table(
        "ppk_decisions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("form", sa.String(length=400), nullable=False),
        sa.Column("decree_number", sa.String(length=100), nullable=False),
        sa.Column("decree_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_ppk_decisions_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ppk_decisions")),
    )
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ppk_decisions_case_id"), ["case_id"], unique=False)

    op.create_table(
        "recommendations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("authority_id", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_recommendations_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendations_case_id"), ["case_id"], unique=False)

    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.Column("receipt_tag", sa.String(length=8), nullable=True),
        sa.Column("receipt_hash", sa.String(length=200), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("act_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("person_name", sa.String(length=200), nullable=True),
        sa.Column("person_nip", sa.String(length=40), nullable=True),
        sa.Column("person_position", sa.String(length=200), nullable=True),
        sa.Column("employee_type", sa.String(length=20), nullable=False),
        sa.Column("agency_id", sa.String(length=64), nullable=True),
        sa.Column("agency_name", sa.String(length=300), nullable=True),
        sa.Column("election_id", sa.String(length=40), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retention_on", sa.Date(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_reports_agency_id_agencies")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_reports_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_person_nip"), ["person_nip"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_receipt_tag"), ["receipt_tag"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_retention_on"), ["retention_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_submitted_at"), ["submitted_at"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("derivative_name", sa.String(length=50), nullable=True),
        sa.Column("metadata_stripped", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_evidence_report_id_reports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_sha256"), ["sha256"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("sender", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.String(length=40), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_messages_report_id_reports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messages_report_id"), ["report_id"], unique=False)

    op.create_table(
        "reporter_identities",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_reporter_identities_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporter_identities")),
        sa.UniqueConstraint("report_id", name=op.f("uq_reporter_identities_report_id")),
    )


def downgrade() -> None:
    op.drop_table("reporter_identities")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_report_id"))

    op.drop_table("messages")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_sha256"))
        batch_op.drop_index(batch_op.f("ix_evidence_report_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_submitted_at"))
        batch_op.drop_index(batch_op.f("ix_reports_retention_on"))
        batch_op.drop_index(batch_op.f("ix_reports_region_code"))
        batch_op.drop_index(batch_op.f("ix_reports_receipt_tag"))
        batch_op.drop_index(batch_op.f("ix_reports_person_nip"))
        batch_op.drop_index(batch_op.f("ix_reports_case_id"))
        batch_op.drop_index(batch_op.f("ix_reports_agency_id"))

    op.drop_table("reports")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_case_id"))

    op.drop_table("recommendations")
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ppk_decisions_case_id"))

    op.drop_table("ppk_decisions")
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followups_case_id"))

    op.drop_table("followups")
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalations_case_id"))

    op.drop_table("escalations")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_case_id"))

    op.drop_table("case_events")
    with op.batch_alter_table("case_deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_case_deadlines_open_due")
        batch_op.drop_index(batch_op.f("ix_case_deadlines_case_id"))

    op.drop_table("case_deadlines")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_case_id"))

    op.drop_table("assessments")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_status"))
        batch_op.drop_index(batch_op.f("ix_cases_region_code"))
        batch_op.drop_index(batch_op.f("ix_cases_opened_at"))
        batch_op.drop_index(batch_op.f("ix_cases_agency_id"))

    op.drop_table("cases")
    op.drop_table("users")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_nip"))

    op.drop_table("persons")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_subject")

    op.drop_table("audit_entries")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agencies_region_code"))

    op.drop_table("agencies")

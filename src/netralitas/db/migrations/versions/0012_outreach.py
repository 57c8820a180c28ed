"""guidance (pembinaan): units, rosters, circulars, recipients, acknowledgements, pledges,
deliveries, quiz results per unit, region facts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.schema import SchemaItem

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    _rosters()
    _circulars()
    _results()


def _rosters() -> None:
    op.create_table(
        "outreach_units",
        sa.Column("agency_id", sa.String(64), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        _fk("outreach_units", "agency_id", "agencies"),
        sa.PrimaryKeyConstraint("agency_id", "code", name="pk_outreach_units"),
    )
    op.create_table(
        "roster_members",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("agency_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("position_key", sa.String(64), nullable=False),
        sa.Column("employee_type", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("last_import_id", sa.String(32), nullable=True),
        sa.Column("last_import_line", sa.Integer(), nullable=True),
        _fk("roster_members", "agency_id", "agencies"),
        sa.PrimaryKeyConstraint("id", name="pk_roster_members"),
        sa.UniqueConstraint("agency_id", "nip", name="uq_roster_members_agency_nip"),
    )
    op.create_index("ix_roster_members_left_on", "roster_members", ["left_on"])
    op.create_table(
        "region_facts",
        sa.Column("region_code", sa.String(20), nullable=False),
        sa.Column("incumbent_runs", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("region_code", name="pk_region_facts"),
    )


def _circulars() -> None:
    op.create_table(
        "circulars",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("agency_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("election_id", sa.String(40), nullable=True),
        sa.Column("phase", sa.String(40), nullable=True),
        sa.Column("target_units", sa.JSON(), nullable=False),
        sa.Column("target_positions", sa.JSON(), nullable=False),
        sa.Column("wants_pledge", sa.Boolean(), nullable=False),
        sa.Column("reminder_threshold", sa.Float(), nullable=False),
        sa.Column("link_days", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("citations", sa.JSON(), nullable=False),
        _fk("circulars", "agency_id", "agencies"),
        sa.PrimaryKeyConstraint("id", name="pk_circulars"),
    )
    op.create_index("ix_circulars_agency_id", "circulars", ["agency_id"])
    for name in ("circular_recipients", "acknowledgements", "pledges", "quiz_takers"):
        op.create_table(name, *_per_recipient(name))
    op.create_table(
        "deliveries",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("circular_id", sa.String(32), nullable=False),
        sa.Column("member_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("queued_at", TS, nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("error", sa.String(300), nullable=True),
        _fk("deliveries", "circular_id", "circulars"),
        sa.PrimaryKeyConstraint("key", name="pk_deliveries"),
    )
    op.create_index("ix_deliveries_circular_status", "deliveries", ["circular_id", "status"])
    op.create_table(
        "circular_attachments",
        sa.Column("circular_id", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        _fk("circular_attachments", "circular_id", "circulars"),
        sa.PrimaryKeyConstraint("circular_id", "sha256", name="pk_circular_attachments"),
    )


def _per_recipient(name: str) -> list[SchemaItem]:
    columns: dict[str, list[SchemaItem]] = {
        "circular_recipients": [
            sa.Column("unit_code", sa.String(64), nullable=False),
            sa.Column("position_key", sa.String(64), nullable=False),
        ],
        "acknowledgements": [sa.Column("at", TS, nullable=False)],
        "pledges": [
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("nip", sa.String(18), nullable=False),
            sa.Column("at", TS, nullable=False),
            sa.Column("certificate_no", sa.String(40), nullable=False),
            sa.UniqueConstraint("certificate_no", name="uq_pledges_certificate_no"),
        ],
        "quiz_takers": [],
    }
    return [
        sa.Column("circular_id", sa.String(32), nullable=False),
        sa.Column("member_id", sa.String(32), nullable=False),
        *columns[name],
        _fk(name, "circular_id", "circulars"),
        sa.PrimaryKeyConstraint("circular_id", "member_id", name=f"pk_{name}"),
    ]


def _results() -> None:
    op.create_table(
        "quiz_attempts",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("agency_id", sa.String(64), nullable=False),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("position_key", sa.String(64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        _fk("quiz_attempts", "agency_id", "agencies"),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_attempts"),
    )
    op.create_index("ix_quiz_attempts_agency_id", "quiz_attempts", ["agency_id"])


def downgrade() -> None:
    dependents = (
        "circular_attachments",
        "quiz_attempts",
        "deliveries",
        "quiz_takers",
        "pledges",
        "acknowledgements",
    )
    for name in (*dependents, "circular_recipients", "circulars", "region_facts", "roster_members"):
        op.drop_table(name)
    op.drop_table("outreach_units")

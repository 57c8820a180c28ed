"""oversight facts (one statistics row per case), their pre-aggregated counts, the sync watermark,
letter numbers, and an
index on cases.updated_at (the sync reads recently changed cases)

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None

_INDEXED = ("status", "region_code", "province_code", "regency_code", "opened_on", "opened_month",
            "behaviour", "rule_id", "position", "employee_type")  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])
    op.create_table(
        "oversight_facts",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("region_code", sa.String(20), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("regency_code", sa.String(5), nullable=False),
        sa.Column("agency_id", sa.String(64), nullable=True),
        sa.Column("election_id", sa.String(40), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("opened_month", sa.String(7), nullable=False),
        sa.Column("behaviour", sa.String(40), nullable=False),
        sa.Column("rule_id", sa.String(40), nullable=False),
        sa.Column("position", sa.String(60), nullable=False),
        sa.Column("employee_type", sa.String(20), nullable=False),
        sa.Column("recommended_on", sa.Date(), nullable=True),
        sa.Column("ppk_due_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_days", sa.Integer(), nullable=True),
        sa.Column("followed_up", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_oversight_facts")),
    )
    for column in _INDEXED:
        op.create_index(f"ix_oversight_facts_{column}", "oversight_facts", [column])
    op.create_index("ix_oversight_facts_election_status", "oversight_facts", ["election_id", "status"])
    op.create_index("ix_oversight_facts_agency_ppk", "oversight_facts", ["agency_id", "recommended_on"])
    op.create_index("ix_oversight_facts_waiting", "oversight_facts", ["status", "ppk_due_on", "decided_on",
                    "election_id", "region_code", "agency_id", "province_code", "regency_code"])  # fmt: skip
    op.create_table(
        "oversight_sync",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("synced_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oversight_sync")),
    )
    op.create_table(
        "oversight_counts",
        sa.Column("election_id", sa.String(40), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        *(
            sa.Column(c, sa.Integer(), nullable=False)
            for c in ("n", "sent", "decided", "followed", "days_total", "days_count")
        ),
        sa.PrimaryKeyConstraint(
            "election_id", "province_code", "dimension", "key", name=op.f("pk_oversight_counts")
        ),
    )
    op.create_table(
        "letter_numbers",
        sa.Column("agency_key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("agency_key", "kind", "year", name=op.f("pk_letter_numbers")),
    )


def downgrade() -> None:
    op.drop_table("letter_numbers")
    op.drop_table("oversight_counts")
    op.drop_table("oversight_sync")
    op.drop_table("oversight_facts")
    op.drop_index("ix_cases_updated_at", table_name="cases")

"""counts kept in step with the cases: cases per region, agency and status (the queue's status
counts), a change log of cases (the oversight sync consumes it instead of an ``updated_at``
window), and the oversight cube by dimension, level (province / kab/kota / month), behaviour, area and
election (replaces ``oversight_counts``); the waiting-recommendation index leads with status and
province and covers behaviour

Revision ID: 0013_i1417_counts
Revises: 0013_i11m_monitoring
Create Date: 2026-12-03 13:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_i1417_counts"
down_revision = "0013_i11m_monitoring"
branch_labels = None
depends_on = None

REGION = sa.String(20).with_variant(sa.String(20, collation="C"), "postgresql")
MEASURES = ("n", "sent", "decided", "followed", "days_total", "days_count")
DIMENSIONS = ("status", "behaviour", "rule_id", "position", "employee_type", "agency_id", "province_code",
              "regency_code", "opened_month")  # fmt: skip
NEW_WAITING = ("status", "province_code", "ppk_due_on", "decided_on", "election_id", "behaviour",
               "regency_code", "agency_id", "opened_on")  # fmt: skip
WAITING = ("status", "ppk_due_on", "decided_on", "election_id", "region_code", "agency_id", "province_code",
           "regency_code")  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "case_status_counts",
        sa.Column("region_code", REGION, nullable=False),
        sa.Column("agency_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("region_code", "agency_key", "status", name=op.f("pk_case_status_counts")),
    )
    op.execute(
        "INSERT INTO case_status_counts (region_code, agency_key, status, n) "
        "SELECT region_code, coalesce(agency_id, ''), status, count(*) FROM cases "
        "GROUP BY region_code, coalesce(agency_id, ''), status"
    )
    op.create_table(
        "case_changes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_case_changes")),
    )
    # where the facts were kept (a sync ran), the cases whose facts are missing or older than the
    # case wait for the next sync; where none ran, the first sync derives every case anyway
    op.execute(
        "INSERT INTO case_changes (case_id) SELECT c.id FROM cases c "
        "LEFT JOIN oversight_facts f ON f.case_id = c.id "
        "WHERE (f.case_id IS NULL OR f.version <> c.version) AND EXISTS (SELECT 1 FROM oversight_sync)"
    )
    op.drop_table("oversight_counts")
    op.create_table(
        "oversight_cube",
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("level", sa.String(1), nullable=False),
        sa.Column("behaviour", sa.String(40), nullable=False),
        sa.Column("area", sa.String(8), nullable=False),
        sa.Column("election_id", sa.String(40), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in MEASURES),
        sa.PrimaryKeyConstraint(
            "dimension", "level", "behaviour", "area", "election_id", "key", name=op.f("pk_oversight_cube")
        ),
    )
    for dimension in DIMENSIONS:
        for level, area, behaviour in (
            ("p", "province_code", "behaviour"),
            ("p", "province_code", "'*'"),
            ("r", "regency_code", "'*'"),
            ("m", "opened_month", "'*'"),
        ):
            sent = "recommended_on IS NOT NULL"
            skip = "WHERE regency_code <> ''" if level == "r" else ""
            op.execute(
                f"INSERT INTO oversight_cube (dimension, level, behaviour, area, election_id, key, "
                f"{', '.join(MEASURES)}) "
                f"SELECT '{dimension}', '{level}', {behaviour}, {area}, coalesce(election_id, ''), "
                f"coalesce({dimension}, ''), count(*), sum(CASE WHEN {sent} THEN 1 ELSE 0 END), "
                f"sum(CASE WHEN {sent} AND decided_on IS NOT NULL THEN 1 ELSE 0 END), "
                f"sum(CASE WHEN {sent} AND followed_up THEN 1 ELSE 0 END), "
                f"coalesce(sum(CASE WHEN {sent} THEN decision_days END), 0), "
                f"sum(CASE WHEN {sent} AND decision_days IS NOT NULL THEN 1 ELSE 0 END) "
                f"FROM oversight_facts {skip} "
                f"GROUP BY {area}, coalesce(election_id, ''), coalesce({dimension}, '')"
                + (", behaviour" if behaviour == "behaviour" else "")
            )
    op.drop_index("ix_oversight_facts_waiting", table_name="oversight_facts")
    op.create_index("ix_oversight_facts_waiting", "oversight_facts", list(NEW_WAITING))


def downgrade() -> None:
    op.drop_index("ix_oversight_facts_waiting", table_name="oversight_facts")
    op.create_index("ix_oversight_facts_waiting", "oversight_facts", list(WAITING))
    op.drop_table("oversight_cube")
    op.create_table(
        "oversight_counts",
        sa.Column("election_id", sa.String(40), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in MEASURES),
        sa.PrimaryKeyConstraint(
            "election_id", "province_code", "dimension", "key", name=op.f("pk_oversight_counts")
        ),
    )
    sent = "recommended_on IS NOT NULL"
    for dimension in DIMENSIONS:
        op.execute(
            "INSERT INTO oversight_counts (election_id, province_code, dimension, key, "
            f"{', '.join(MEASURES)}) "
            f"SELECT coalesce(election_id, ''), province_code, '{dimension}', coalesce({dimension}, ''), "
            f"count(*), sum(CASE WHEN {sent} THEN 1 ELSE 0 END), "
            f"sum(CASE WHEN {sent} AND decided_on IS NOT NULL THEN 1 ELSE 0 END), "
            f"sum(CASE WHEN {sent} AND followed_up THEN 1 ELSE 0 END), "
            f"coalesce(sum(CASE WHEN {sent} THEN decision_days END), 0), "
            f"sum(CASE WHEN {sent} AND decision_days IS NOT NULL THEN 1 ELSE 0 END) "
            "FROM oversight_facts "
            f"GROUP BY coalesce(election_id, ''), province_code, coalesce({dimension}, '')"
        )
    op.drop_table("case_changes")
    op.drop_table("case_status_counts")

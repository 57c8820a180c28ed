"""case store at national scale: region codes in code-point order, the case's region and agency
copied onto its deadlines, and the indexes of the queue, the overdue list and the counts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OPEN: dict[str, Any] = {
    "postgresql_where": sa.text("stopped_on IS NULL"),
    "sqlite_where": sa.text("stopped_on IS NULL"),
}


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _region(collated: bool) -> sa.String:
    return sa.String(20, collation="C") if collated else sa.String(20)


def upgrade() -> None:
    pg = _postgres()
    with op.batch_alter_table("case_deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_code", _region(pg), server_default="", nullable=False))
        batch_op.add_column(sa.Column("agency_id", sa.String(64), nullable=True))
    op.execute(
        "UPDATE case_deadlines SET "
        "region_code = (SELECT c.region_code FROM cases c WHERE c.id = case_deadlines.case_id), "
        "agency_id = (SELECT c.agency_id FROM cases c WHERE c.id = case_deadlines.case_id)"
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_region_code")
        batch_op.drop_index("ix_cases_opened_at")
        batch_op.drop_index("ix_cases_status")
        if pg:
            batch_op.alter_column("region_code", type_=_region(True), existing_nullable=False)
    op.create_index("ix_cases_region_status", "cases", ["region_code", "status"])
    op.create_index("ix_cases_opened", "cases", ["opened_at", "id", "region_code"])
    op.create_index("ix_cases_status_opened", "cases", ["status", "opened_at", "id", "region_code"])
    op.drop_index("ix_case_deadlines_open_due", table_name="case_deadlines")
    op.create_index("ix_case_deadlines_open", "case_deadlines", ["due_on", "id", "region_code"], **OPEN)
    op.create_index("ix_case_deadlines_open_region", "case_deadlines", ["region_code", "due_on"], **OPEN)
    op.create_index("ix_case_deadlines_open_agency", "case_deadlines", ["agency_id", "due_on"], **OPEN)


def downgrade() -> None:
    pg = _postgres()
    op.drop_index("ix_case_deadlines_open_agency", table_name="case_deadlines")
    op.drop_index("ix_case_deadlines_open_region", table_name="case_deadlines")
    op.drop_index("ix_case_deadlines_open", table_name="case_deadlines")
    op.create_index("ix_case_deadlines_open_due", "case_deadlines", ["stopped_on", "due_on"])
    op.drop_index("ix_cases_status_opened", table_name="cases")
    op.drop_index("ix_cases_opened", table_name="cases")
    op.drop_index("ix_cases_region_status", table_name="cases")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        if pg:
            batch_op.alter_column("region_code", type_=_region(False), existing_nullable=False)
        batch_op.create_index("ix_cases_status", ["status"], unique=False)
        batch_op.create_index("ix_cases_opened_at", ["opened_at"], unique=False)
        batch_op.create_index("ix_cases_region_code", ["region_code"], unique=False)
    with op.batch_alter_table("case_deadlines", schema=None) as batch_op:
        batch_op.drop_column("agency_id")
        batch_op.drop_column("region_code")

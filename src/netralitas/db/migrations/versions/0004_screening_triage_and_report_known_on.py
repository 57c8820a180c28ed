"""screening triage (suggested labels, evidence, officer reviews) and the reporter's knowledge date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 08:48:30.677179
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reviewed_labels", sa.JSON(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=40), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_screenings_report_id_reports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
        sa.UniqueConstraint("report_id", name=op.f("uq_screenings_report_id")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screenings_reviewed_at"), ["reviewed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_screenings_status"), ["status"], unique=False)

    op.create_table(
        "screening_reviews",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("screening_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("original_labels", sa.JSON(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_screening_reviews_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_screening_reviews_report_id_reports")
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"], ["screenings.id"], name=op.f("fk_screening_reviews_screening_id_screenings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_reviews")),
    )
    with op.batch_alter_table("screening_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_reviews_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_screening_reviews_screening_id"), ["screening_id"], unique=False)

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("known_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("known_on")

    with op.batch_alter_table("screening_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_reviews_screening_id"))
        batch_op.drop_index(batch_op.f("ix_screening_reviews_case_id"))

    op.drop_table("screening_reviews")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screenings_status"))
        batch_op.drop_index(batch_op.f("ix_screenings_reviewed_at"))

    op.drop_table("screenings")

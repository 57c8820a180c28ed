"""media monitoring (pantau media): uploaded batches of posts and their screenings

Revision ID: 0013_i11m_monitoring
Revises: 0013_i13b_form
Create Date: 2026-12-03 13:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_i11m_monitoring"
down_revision = "0013_i13b_form"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
REGION = sa.String(20).with_variant(sa.String(20, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "monitoring_batches",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("region_code", REGION, nullable=False),
        sa.Column("agency_id", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("screened", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("election_id", sa.String(40), nullable=True),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("error", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_monitoring_batches"),
    )
    op.create_index("ix_monitoring_batches_scope", "monitoring_batches", ["region_code", "created_at"])
    op.create_table(
        "monitoring_posts",
        sa.Column("batch_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("posted_on", sa.Date(), nullable=True),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("region_code", REGION, nullable=False),
        sa.Column("screened", sa.Boolean(), nullable=False),
        sa.Column("labels", sa.String(1000), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("needs_reading", sa.Boolean(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("case_id", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["monitoring_batches.id"], name="fk_monitoring_posts_batch_id_monitoring_batches"
        ),
        sa.PrimaryKeyConstraint("batch_id", "seq", name="pk_monitoring_posts"),
    )
    op.create_index("ix_monitoring_posts_pending", "monitoring_posts", ["batch_id", "screened"])


def downgrade() -> None:
    op.drop_table("monitoring_posts")
    op.drop_table("monitoring_batches")

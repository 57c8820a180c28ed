"""media monitoring: the kind of each collected item (post, speech or complaint; empty when the
upload has no kind column), and the uploader's username on each batch (shown in the batch list)

Revision ID: 0017_i11m_post_kind
Revises: 0013_i1417_counts
Create Date: 2026-12-03 16:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_i11m_post_kind"
down_revision = "0013_i1417_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("monitoring_posts") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=True))
    with op.batch_alter_table("monitoring_batches") as batch:
        batch.add_column(sa.Column("created_by_name", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("monitoring_batches") as batch:
        batch.drop_column("created_by_name")
    with op.batch_alter_table("monitoring_posts") as batch:
        batch.drop_column("kind")

"""ppk decision decree file (sealed like evidence: sha256, media type, size)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decree_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("decree_media_type", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("decree_size", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.drop_column("decree_size")
        batch_op.drop_column("decree_media_type")
        batch_op.drop_column("decree_sha256")

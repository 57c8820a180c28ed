"""ppk decision: the sanction form picked from the ladder (code, or "lainnya" with a reason);
agency: its parent agency

Revision ID: 0013_i13b_form
Revises: 0013_i13a_console
Create Date: 2026-12-03 13:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_i13b_form"
down_revision = "0013_i13a_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form_code", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("form_other_reason", sa.Text(), nullable=True))
        batch_op.create_index("ix_ppk_decisions_form_code", ["form_code"], unique=False)
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("parent_id")
    with op.batch_alter_table("ppk_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_ppk_decisions_form_code")
        batch_op.drop_column("form_other_reason")
        batch_op.drop_column("form_code")

"""officer console: case assignments, notifications, e-mail preferences; audit viewer indexes

Revision ID: 0013_i13a_console
Revises: 0012
Create Date: 2026-12-03 13:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_i13a_console"
down_revision = "0012"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "case_assignments",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("assignee_id", sa.String(32), nullable=False),
        sa.Column("assigned_by", sa.String(40), nullable=False),
        sa.Column("assigned_at", TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["cases.id"], name="fk_case_assignments_id_cases"),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name="fk_case_assignments_assignee_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_case_assignments"),
    )
    op.create_index("ix_case_assignments_assignee", "case_assignments", ["assignee_id", "id"])
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("case_number", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("read_at", TS, nullable=True),
        sa.Column("emailed_at", TS, nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_notifications_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index("ix_notifications_user", "notifications", ["user_id", "created_at"])
    op.create_index("ix_notifications_unsent", "notifications", ["emailed_at", "created_at"])
    op.create_table(
        "notification_prefs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("email_opt_out", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["users.id"], name="fk_notification_prefs_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_notification_prefs"),
    )
    op.create_index("ix_audit_entries_actor", "audit_entries", ["actor_id", "seq"])
    op.create_index("ix_audit_entries_action", "audit_entries", ["action", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_entries_action", table_name="audit_entries")
    op.drop_index("ix_audit_entries_actor", table_name="audit_entries")
    op.drop_table("notification_prefs")
    op.drop_index("ix_notifications_unsent", table_name="notifications")
    op.drop_index("ix_notifications_user", table_name="notifications")
    op.drop_table("notifications")
    op.drop_index("ix_case_assignments_assignee", table_name="case_assignments")
    op.drop_table("case_assignments")

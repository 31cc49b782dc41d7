"""reminders and their daily occurrences

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("anticoagulant", sa.String(8)))
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("what", sa.String(32), nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("days", sa.SmallInteger(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("next_due_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_reminders_user_id", "reminders", ["user_id"])
    op.create_index("ix_reminders_due", "reminders", ["paused", "next_due_at"])
    op.create_table(
        "reminder_occurrences",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("reminder_id", sa.Integer(),
                  sa.ForeignKey("reminders.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.Column("message_id", sa.BigInteger()),
        sa.Column("resend_at", UTCDateTime()),
        sa.Column("resent", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("answered_at", UTCDateTime()),
        sa.UniqueConstraint("reminder_id", "due_at", name="uq_occurrence_once"),
    )
    op.create_index("ix_reminder_occurrences_user_id", "reminder_occurrences", ["user_id"])
    op.create_index("ix_occurrences_resend", "reminder_occurrences", ["resend_at"])
    op.create_index("ix_occurrences_status", "reminder_occurrences", ["status", "claimed_at"])


def downgrade() -> None:
    op.drop_table("reminder_occurrences")
    op.drop_table("reminders")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("anticoagulant")

"""users and diary entries

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("tz", sa.String(64)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("muscle", sa.String(16)),
        sa.Column("side", sa.String(8)),
        sa.Column("duration_s", sa.Integer()),
        sa.Column("severity", sa.SmallInteger()),
        sa.Column("count", sa.SmallInteger()),
        sa.Column("name", sa.String(32)),
        sa.Column("amount", sa.Float()),
        sa.Column("unit", sa.String(8)),
        sa.Column("minutes", sa.Integer()),
        sa.Column("red_flags", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
        sa.Column("chat_id", sa.BigInteger()),
        sa.Column("message_id", sa.BigInteger()),
        sa.Column("part", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime()),
        sa.UniqueConstraint("user_id", "chat_id", "message_id", "part", name="uq_entries_source"),
    )
    op.create_index("ix_entries_user_at", "entries", ["user_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_entries_user_at", table_name="entries")
    op.drop_table("entries")
    op.drop_table("users")

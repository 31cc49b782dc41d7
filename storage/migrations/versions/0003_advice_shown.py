"""when each piece of advice was last shown to a user

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "advice_shown",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("shown_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "key", name="uq_advice_shown"),
    )


def downgrade() -> None:
    op.drop_table("advice_shown")

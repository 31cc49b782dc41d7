"""personal trials

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trials",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("supplement", sa.String(32), nullable=False),
        sa.Column("first_night", sa.Date(), nullable=False),
        sa.Column("baseline_nights", sa.SmallInteger(), nullable=False),
        sa.Column("taking_nights", sa.SmallInteger(), nullable=False),
        sa.Column("phase", sa.String(10), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_trials_user_id", "trials", ["user_id"])


def downgrade() -> None:
    op.drop_table("trials")

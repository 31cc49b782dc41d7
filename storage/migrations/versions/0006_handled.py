"""handled updates: each update's effect happens once

Revision ID: 0006_handled
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0006_handled"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handled",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("handled_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_handled_handled_at", "handled", ["handled_at"])


def downgrade() -> None:
    op.drop_table("handled")

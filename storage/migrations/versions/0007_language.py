"""users.language (what everything is said in) and users.asked (the question a typed
"yes" or "no" answers)

Revision ID: 0007_language
Revises: 0006_handled
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0007_language"
down_revision: str | None = "0006_handled"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))
        batch.add_column(sa.Column("asked", sa.String(80), nullable=True))
        batch.add_column(sa.Column("asked_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("asked_at")
        batch.drop_column("asked")
        batch.drop_column("language")

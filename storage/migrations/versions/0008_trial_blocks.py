"""trials become N-of-1 trials: randomised on/off blocks after the run-in, a washout,
optional self-blinding, the user's reminders paused for the trial

A trial started before this keeps its design as one "on" block with no washout: the
baseline is its run-in, the taking period its block.

Revision ID: 0008_trial_blocks
Revises: 0007_language
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_trial_blocks"
down_revision: str | None = "0007_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("trials") as batch:
        batch.add_column(sa.Column("blocks", sa.String(16), nullable=False, server_default="1"))
        batch.add_column(sa.Column("block_nights", sa.SmallInteger(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("washout", sa.SmallInteger(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("block", sa.SmallInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("blinded", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("guesses", sa.String(16), nullable=False, server_default=""))
        batch.add_column(sa.Column("paused", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("dose_reminder", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
    trials = sa.table("trials", sa.column("phase", sa.String), sa.column("block", sa.SmallInteger),
                      sa.column("block_nights", sa.SmallInteger),
                      sa.column("taking_nights", sa.SmallInteger))
    op.execute(trials.update().values(block_nights=trials.c.taking_nights))
    op.execute(trials.update().where(trials.c.phase == "baseline").values(phase="run_in"))
    op.execute(trials.update().where(trials.c.phase == "taking").values(phase="blocks", block=1))


def downgrade() -> None:
    trials = sa.table("trials", sa.column("phase", sa.String))
    op.execute(trials.update().where(trials.c.phase == "run_in").values(phase="baseline"))
    op.execute(trials.update().where(trials.c.phase == "blocks").values(phase="taking"))
    op.execute(trials.update().where(trials.c.phase == "ineligible").values(phase="done"))
    with op.batch_alter_table("trials") as batch:
        for name in ("ended_on", "dose_reminder", "paused", "guesses", "blinded", "block",
                     "washout", "block_nights", "blocks"):
            batch.drop_column(name)

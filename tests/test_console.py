"""`charley chat` as a front end: what comes due arrives in it, for its own diary only."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.console import chat
from bot.router import Router
from tests.conftest import open_db


class SlowInput(io.StringIO):
    """A person who types nothing for a while, then leaves (Ctrl-D)."""

    def __init__(self, wait: float) -> None:
        super().__init__("")
        self.wait = wait

    def readline(self, *_args: object) -> str:  # type: ignore[override]
        time.sleep(self.wait)
        return ""


async def test_due_reminders_arrive_in_the_console_and_only_its_own(sqlite_url: str,
                                                                     tmp_path: Path) -> None:
    from sqlalchemy import text

    async with open_db(sqlite_url) as db:
        talk = Router(db, "Europe/London")
        now = datetime.now(UTC)
        for user in (0, 5):  # the console's diary, and a Telegram user's
            await talk.timezone(user, "Europe/London", now)
            await talk.remind(user, "magnesium 21:30", now)
        async with db.session() as session:
            await session.execute(text("UPDATE reminders SET next_due_at = :at WHERE what = 'magnesium'"),
                                  {"at": now - timedelta(minutes=1)})
        out = io.StringIO()
        await chat(talk, 0, SlowInput(1.5), out, tmp_path / "files", tick_seconds=0.2)
        printed = out.getvalue()
        assert "Time for your magnesium" in printed and "[1] Taken" in printed
        others = await talk.tick(datetime.now(UTC))  # the Telegram user's is still due
        assert [o.chat_id for o in others] == [5]

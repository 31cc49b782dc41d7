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


class Typed(io.StringIO):
    """A person who types these lines, one at a time, then waits and leaves."""

    def __init__(self, lines: list[str], wait: float = 0.0) -> None:
        super().__init__("")
        self.lines = list(lines)
        self.wait = wait

    def readline(self, *_args: object) -> str:  # type: ignore[override]
        if self.lines:
            time.sleep(0.05)
            return self.lines.pop(0) + "\n"
        time.sleep(self.wait)
        return ""


async def test_the_opening_buttons_work_by_their_numbers(sqlite_url: str, tmp_path: Path) -> None:
    async with open_db(sqlite_url) as db:
        talk = Router(db, "UTC")
        out = io.StringIO()
        await chat(talk, 0, Typed(["1"]), out, tmp_path / "files", tick_seconds=60)
        _opening, pressed = out.getvalue().split("[1]", 1)
        assert "Time zone set to" in pressed  # typing 1 pressed the first zone button


async def test_a_reminder_is_changed_not_doubled_in_the_console(sqlite_url: str,
                                                               tmp_path: Path) -> None:
    async with open_db(sqlite_url) as db:
        talk = Router(db, "Europe/London")
        await talk.timezone(0, "Europe/London", datetime.now(UTC))
        out = io.StringIO()
        await chat(talk, 0, Typed(["/remind magnesium 21:30", "/remind magnesium 20:15", "1",
                                   "/reminders"]), out, tmp_path / "files", tick_seconds=60)
        printed = out.getvalue()
        assert "You already have Magnesium at 21:30 every day" in printed
        assert "Magnesium: now at 20:15 every day." in printed
        listing = printed.rsplit("Your reminders", 1)[1]
        assert "20:15" in listing and "21:30" not in listing


async def test_the_check_in_and_the_weekly_recap_arrive_in_the_console(sqlite_url: str,
                                                                       tmp_path: Path) -> None:
    from sqlalchemy import text

    async with open_db(sqlite_url) as db:
        talk = Router(db, "Europe/London")
        now = datetime.now(UTC)
        await talk.timezone(0, "Europe/London", now)  # switches the morning check-in on
        await talk.remind(0, "recap sunday 18:00", now)
        async with db.session() as session:
            await session.execute(text("UPDATE reminders SET next_due_at = :at"),
                                  {"at": now - timedelta(minutes=1)})
        out = io.StringIO()
        await chat(talk, 0, Typed(["left calf cramp 2 min"], wait=1.5), out, tmp_path / "files",
                   tick_seconds=0.2)
        printed = out.getvalue()
        assert "Good morning. Any cramps last night?" in printed
        assert "This week" in printed  # the recap itself, not a placeholder
        assert "charley-week-" in printed  # and its chart, saved in the files folder


async def test_fixing_and_reminders_in_the_console(sqlite_url: str, tmp_path: Path) -> None:
    """#19 points 1 and 2 in `charley chat`: an entry fixed by words, a time that is not
    one, an offset kept as typed, a delete that asks first."""
    async with open_db(sqlite_url) as db:
        talk = Router(db, "Europe/London")
        out = io.StringIO()
        await chat(talk, 0, Typed(["/timezone UTC+5:30", "left calf cramp 3 min",
                                   "make it 4 minutes", "/remind K2 25:00",
                                   "/remind magnesium 21:30", "/reminders", "3"]),
                   out, tmp_path / "files", tick_seconds=60)
        printed = out.getvalue()
        assert "Time zone set to UTC+5:30" in printed and "Etc/GMT" not in printed
        assert "Changed: Left calf, 4 min" in printed
        assert "25:00 is not a time of day" in printed
        # [3] is the first row's Delete (the check-in the first zone switched on): it asks
        assert printed.rstrip().endswith("Delete Morning check-in at 08:00 every day?\n"
                                         "[1] Yes, delete   [2] Keep it")
        reminders = await talk.command("reminders", 0, "", datetime.now(UTC))
        assert "Morning check-in at 08:00" in reminders.text  # nothing deleted without a yes


async def test_a_trial_step_arrives_in_the_console(sqlite_url: str, tmp_path: Path) -> None:
    from sqlalchemy import text

    async with open_db(sqlite_url) as db:
        talk = Router(db, "Europe/London")
        now = datetime.now(UTC)
        await talk.timezone(0, "Europe/London", now)
        await talk.command("trial", 0, "magnesium 3 14", now)
        async with db.session() as session:  # as if the run-in's fortnight had passed
            await session.execute(text("UPDATE trials SET first_night = :d"),
                                  {"d": (now - timedelta(days=20)).date()})
            await session.execute(text("UPDATE reminders SET next_due_at = :at WHERE kind = 'trial'"),
                                  {"at": now - timedelta(minutes=1)})
        out = io.StringIO()
        await chat(talk, 0, Typed([], wait=1.5), out, tmp_path / "files", tick_seconds=0.2)
        assert "Your run-in is done" in out.getvalue()

"""Reminders through the real bot process and the Bot API stand-in."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot

pytestmark = pytest.mark.e2e
FAST = {"REMINDER_TICK_SECONDS": "0.3"}


def make_due(db_path: str, ago: timedelta = timedelta(0)) -> datetime:
    """Move every reminder's next due time to now - `ago` (what waiting would do)."""
    due = datetime.now(UTC) - ago
    with sqlite3.connect(db_path) as db:
        db.execute("update reminders set next_due_at = ?",
                   (due.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f"),))
    return due


@contextmanager
def fast_bot(stub: BotApiStub, tmp_path: Path) -> Iterator[str]:
    """The real bot on a SQLite file, ticking every 0.3 s; yields the file's path."""
    db_path = str(tmp_path / "bot.db")
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{db_path}", tmp_path, FAST)
    try:
        bot.wait_ready()
        yield db_path
    finally:
        bot.stop()


def reminder_messages(stub: BotApiStub, user: int) -> list:
    return [c for c in stub.sent(user, "sendMessage")
            if c.params["text"].startswith(("Time for", "Your "))]


def wait_for(predicate, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError


def test_a_reminder_arrives_after_a_429_and_taken_is_recorded(stub: BotApiStub,
                                                               tmp_path: Path) -> None:
    with fast_bot(stub, tmp_path) as db_path:
        user = 601
        stub.send_text(user, "/remind magnesium 21:30")
        [set_reply] = stub.wait_replies(user, 1)
        assert set_reply.params["text"].startswith("Reminder set: magnesium at 21:30")
        stub.fail_next("sendMessage", 429, retry_after=1)  # Telegram says: slow down
        make_due(db_path)
        [reminder] = wait_for(lambda: reminder_messages(stub, user))
        assert len(stub.failed) == 1 and stub.failed[0].params["chat_id"] == user
        labels = [b["text"] for b in reminder.params["reply_markup"]["inline_keyboard"][0]]
        assert labels == ["Taken", "Snooze 30 min", "Skip"]
        taken = reminder.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        before = len(stub.replies(user))
        stub.press(user, taken, on_message={
            "message_id": 4242, "date": int(time.time()), "from": {"id": 1, "is_bot": True,
                                                                   "first_name": "C"},
            "chat": {"id": user, "type": "private"}, "text": reminder.params["text"]})
        [edited] = stub.wait_replies(user, before + 1)[before:]
        assert edited.method == "editMessageText" and "Magnesium taken at" in edited.params["text"]
        time.sleep(1)
        assert len(reminder_messages(stub, user)) == 1  # once, not again
        with sqlite3.connect(db_path) as db:
            kinds = db.execute("select kind, name, source from entries").fetchall()
        assert kinds == [("supplement", "magnesium", "button")]


def test_two_reminders_for_one_chat_are_a_second_apart(stub: BotApiStub, tmp_path: Path) -> None:
    with fast_bot(stub, tmp_path) as db_path:
        user = 603
        for what in ("magnesium", "stretch"):
            stub.send_text(user, f"/remind {what} 21:30")
        stub.wait_replies(user, 2)
        make_due(db_path)
        first, second = wait_for(lambda: (m := reminder_messages(stub, user)) and
                                 len(m) == 2 and m)
        assert second.at - first.at >= 0.95


def test_reminders_survive_a_restart(stub: BotApiStub, tmp_path: Path) -> None:
    db_path = str(tmp_path / "bot.db")
    url = f"sqlite+aiosqlite:///{db_path}"
    first = RunningBot(stub, url, tmp_path, FAST)
    first.wait_ready()
    user = 602
    stub.send_text(user, "/remind stretch 22:00")
    stub.wait_replies(user, 1)
    assert first.stop() == 0
    due = make_due(db_path, ago=timedelta(minutes=20))  # it fell due while the bot was down
    second = RunningBot(stub, url, tmp_path, FAST)
    try:
        second.wait_ready()
        [late] = wait_for(lambda: reminder_messages(stub, user))
        assert late.params["text"] == f"Your bedtime stretches were due at {due:%H:%M}."
    finally:
        second.stop()


def test_two_bot_processes_on_one_postgresql_send_a_reminder_once(
        stub: BotApiStub, tmp_path: Path, pg_url: str) -> None:
    import asyncio

    from bot.router import Router
    from storage import Database

    users = list(range(700, 720))

    async def seed() -> None:
        db = Database(pg_url)
        await db.upgrade()
        talk = Router(db)
        for user in users:
            await talk.remind(user, "stretch 22:00", datetime.now(UTC))
        async with db.session() as s:
            from sqlalchemy import text
            await s.execute(text("update reminders set next_due_at = now()"))
        await db.dispose()

    bots = [RunningBot(stub, pg_url, tmp_path / name, FAST) for name in ("a", "b")
            if (tmp_path / name).mkdir() is None]
    try:
        for bot in bots:
            bot.wait_ready()
        asyncio.run(seed())
        wait_for(lambda: len([c for u in users for c in reminder_messages(stub, u)]) >= len(users))
        time.sleep(1.5)  # several more ticks of both processes
        sent = sorted(c.params["chat_id"] for u in users for c in reminder_messages(stub, u))
        assert sent == users
    finally:
        for bot in bots:
            bot.stop()


def test_the_weekly_recap_arrives_with_its_chart(stub: BotApiStub, tmp_path: Path) -> None:
    with fast_bot(stub, tmp_path) as db_path:
        user = 604
        stub.send_text(user, "/remind recap 19:00")
        stub.wait_replies(user, 1)
        stub.send_text(user, "left calf cramp 2 min")
        stub.wait_replies(user, 2)
        make_due(db_path)
        photos = wait_for(lambda: stub.sent(user, "sendPhoto"))
        texts = [c.params["text"] for c in stub.sent(user, "sendMessage")]
        assert any(t.startswith("This week") and "1 cramp" in t for t in texts)
        assert len(photos) == 1


def test_a_thumbs_up_on_a_reminder_counts_as_taken_once(stub: BotApiStub, tmp_path: Path) -> None:
    with fast_bot(stub, tmp_path) as db_path:
        user = 611
        stub.send_text(user, "/remind magnesium 21:30")
        stub.wait_replies(user, 1)
        make_due(db_path)
        wait_for(lambda: reminder_messages(stub, user))

        def sent_as() -> int | None:
            with sqlite3.connect(db_path) as db:
                row = db.execute("select message_id from reminder_occurrences "
                                 "where status = 'sent'").fetchone()
            return row[0] if row else None

        message_id = wait_for(sent_as)
        before = len(stub.replies(user))
        stub.react(user, message_id, "😢")  # not a "yes": nothing happens
        stub.react(user, message_id, "👍")
        stub.react(user, message_id, "👍")  # a second thumbs up changes nothing
        [edited] = stub.wait_replies(user, before + 1)[before:]
        assert edited.method == "editMessageText" and edited.params["message_id"] == message_id
        assert "Magnesium taken at" in edited.params["text"]
        time.sleep(1)
        with sqlite3.connect(db_path) as db:
            entries = db.execute("select kind, name from entries where deleted_at is null").fetchall()
            status = db.execute("select status from reminder_occurrences").fetchall()
        assert entries == [("supplement", "magnesium")] and status == [("taken",)]
        later = len(stub.replies(user))
        stub.react(user, 99999, "👍")  # on a message that is not a reminder: ignored
        time.sleep(0.5)
        assert len(stub.replies(user)) == later

"""/trial: baseline, then the supplement daily, then the comparison, moved on by the
scheduler's tick on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reminders import KIND_TRIAL
from bot.replies import Reply
from bot.router import Incoming, Router
from storage import Database, ReminderRepo, TrialRepo, UserRepo
from tests.test_reminders import london

USER = 21


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.talk = Router(db, "Europe/London")

    async def say(self, text: str, at: datetime, message_id: int) -> Reply:
        return await self.talk.on_text(Incoming(USER, text, at.astimezone(UTC), USER, message_id))

    async def press(self, reply: Reply, label: str, at: datetime) -> Reply:
        data = next(b.data for row in reply.buttons for b in row if b.label.startswith(label))
        return await self.talk.on_button(USER, data, at.astimezone(UTC))

    async def tick(self, at: datetime) -> list[str]:
        """A tick as the Telegram sender runs it: trial messages are built, sent, applied
        (other messages are noted by their kind)."""
        texts = []
        for out in await self.talk.tick(at.astimezone(UTC)):
            texts.append(out.reply.text if out.kind == KIND_TRIAL else out.kind)
            await self.talk.sent(out, 1, at.astimezone(UTC))
        return texts

    async def phase(self) -> str | None:
        async with self.db.session() as s:
            user, _ = await UserRepo(s).get_or_create(USER)
            trial = await TrialRepo(s, user).current()
            return trial.phase if trial else None


@pytest.fixture
async def world(db_url: str) -> AsyncIterator[World]:
    db = Database(db_url)
    await db.upgrade()
    w = World(db)
    await w.talk.timezone(USER, "Europe/London", london(2026, 1, 5, 9, 0).astimezone(UTC))
    yield w
    await db.dispose()


async def test_a_trial_runs_from_baseline_to_report_by_itself(world: World) -> None:
    start = london(2026, 1, 5, 20, 0)  # Monday evening: tonight is the first baseline night
    reply = await world.talk.trial(USER, "", start.astimezone(UTC))
    reply = await world.press(reply, "Magnesium", start)
    reply = await world.press(reply, "2 weeks, then 4", start)
    assert "baseline: 14 nights, until mon 19 jan" in reply.text.lower()
    assert await world.phase() == "baseline"

    message_id = 100
    sent: list[tuple[datetime, str]] = []
    for day in range(0, 43):
        morning = london(2026, 1, 6, 7, 30) + timedelta(days=day)
        # a known effect: 4 cramps a week in the baseline, 1 every two weeks after
        cramp = day % 7 in (0, 2, 4, 5) if day < 14 else day % 14 == 3
        message_id += 1
        text = "calf cramp 2 min" if cramp else "no cramps last night"
        await world.say(text, morning, message_id)
        evening = london(2026, 1, 6, 19, 0) + timedelta(days=day)
        for t in await world.tick(evening + timedelta(seconds=5)):
            sent.append((evening, t))
        if day >= 13:
            message_id += 1
            await world.say("took my magnesium", evening + timedelta(hours=2), message_id)
        await world.tick(evening + timedelta(hours=2, minutes=5))  # the supplement reminder

    trial_texts = [(at, t) for at, t in sent if "trial" in t or "baseline" in t]
    assert [at.date().isoformat() for at, _ in trial_texts] == ["2026-01-19", "2026-02-16"]
    switch, report = trial_texts[0][1], trial_texts[1][1]
    assert "baseline is done" in switch and "14 of 14 nights logged" in switch
    assert "remind you at 21:00" in switch
    assert "upper limit" in switch.lower()  # the magnesium caution comes with it
    assert "trial is over" in report
    assert "over 14 logged nights (of 14)" in report and "over 28 logged nights (of 28)" in report
    assert "logged on 28 of 28 days" in report
    assert "Baseline: 8 cramps" in report and "magnesium: 2 cramps" in report
    assert "about 88% fewer" in report and "no placebo" in report
    assert await world.phase() is None  # done
    async with world.db.session() as s:
        user, _ = await UserRepo(s).get_or_create(USER)
        kinds = sorted(r.kind for r in await ReminderRepo(s, user).all())
    assert KIND_TRIAL not in kinds and "supplement" in kinds  # the daily reminder stays


async def test_too_few_logged_nights_are_said_so_not_compared(world: World) -> None:
    start = london(2026, 1, 5, 20, 0)
    await world.talk.trial(USER, "magnesium 7 7", start.astimezone(UTC))
    await world.say("calf cramp", london(2026, 1, 6, 7, 0), 1)
    assert await world.tick(london(2026, 1, 12, 19, 1)) != []
    texts = await world.tick(london(2026, 1, 19, 19, 1))
    report = next(t for t in texts if "trial is over" in t)
    assert "too few logged nights" in report and "fewer" not in report


async def test_taking_the_supplement_during_the_baseline_gets_a_note(world: World) -> None:
    start = london(2026, 1, 5, 20, 0)
    await world.talk.trial(USER, "magnesium 14 28", start.astimezone(UTC))
    reply = await world.say("took my magnesium", london(2026, 1, 6, 21, 0), 5)
    assert "Logged" in reply.text and "baseline runs until Mon 19 Jan" in reply.text
    reply = await world.say("took my K2", london(2026, 1, 6, 21, 5), 6)
    assert "baseline" not in reply.text  # another supplement is not this trial's business


async def test_status_stop_and_one_trial_at_a_time(world: World) -> None:
    start = london(2026, 1, 5, 20, 0)
    await world.talk.trial(USER, "k2 14 28", start.astimezone(UTC))
    status = await world.talk.trial(USER, "", london(2026, 1, 9, 9, 0).astimezone(UTC))
    assert "baseline, night 4 of 14" in status.text
    again = await world.talk.on_button(USER, "tr:p:magnesium:14:28", start.astimezone(UTC))
    assert "already have a trial" in again.text
    confirm = await world.press(status, "Stop", london(2026, 1, 9, 9, 0))
    stopped = await world.press(confirm, "Yes, stop", london(2026, 1, 9, 9, 0))
    assert "Trial stopped" in stopped.text and await world.phase() is None
    assert await world.tick(london(2026, 1, 19, 19, 1)) == []  # its clock went with it
    assert "No trial" in (await world.talk.on_button(USER, "tr:xx", start)).text


async def test_k2_trial_is_refused_while_on_warfarin(world: World) -> None:
    at = london(2026, 1, 5, 20, 0).astimezone(UTC)
    await world.talk.on_button(USER, "bt:vka:0", at)
    reply = await world.talk.trial(USER, "k2 14 28", at)
    assert "warfarin" in reply.text.lower() and await world.phase() is None


async def test_bad_periods_and_forged_buttons_get_a_kind_answer(world: World) -> None:
    at = london(2026, 1, 5, 20, 0).astimezone(UTC)
    assert "7 to 84 nights" in (await world.talk.trial(USER, "magnesium 2 500", at)).text
    assert "Which supplement" in (await world.talk.trial(USER, "arsenic", at)).text
    for data in ("tr:p:magnesium:99:99", "tr:p:arsenic:14:14", "tr:s:x", "tr:p:magnesium:a:b"):
        reply = await world.talk.on_button(USER, data, at)
        assert "expired" in reply.text or "nights" in reply.text
    assert await world.phase() is None


async def test_the_trial_clock_is_not_in_the_reminders_list(world: World) -> None:
    at = london(2026, 1, 5, 20, 0).astimezone(UTC)
    await world.talk.trial(USER, "magnesium 14 28", at)
    listing = await world.talk.reminders(USER)
    assert "trial" not in listing.text.lower()


async def test_a_zone_change_does_not_move_the_trial_on_early(world: World) -> None:
    at = london(2026, 1, 5, 20, 0)
    await world.talk.trial(USER, "magnesium 14 28", at.astimezone(UTC))
    await world.talk.timezone(USER, "Europe/Berlin", london(2026, 1, 6, 9, 0).astimezone(UTC))
    # the clock was moved to the next 19:00 by the zone change: it fires, says nothing
    assert await world.tick(london(2026, 1, 6, 19, 0)) == []
    assert await world.phase() == "baseline"
    texts = await world.tick(datetime(2026, 1, 19, 19, 1, tzinfo=ZoneInfo("Europe/Berlin")))
    assert any("baseline is done" in t for t in texts)

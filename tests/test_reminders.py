"""Reminders with an injected clock, on SQLite and PostgreSQL: on time, once, in the
user's zone, across DST and restarts; buttons that record adherence."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.replies import Button
from bot.router import Incoming, Router
from bot.usecases.delivery import Delivery
from storage import Database, Occurrence

LONDON = ZoneInfo("Europe/London")
USER = 11


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@dataclass(frozen=True)
class Outgoing:
    """A message the tick sent, as these tests read it."""

    occurrence_id: int
    chat_id: int
    text: str
    buttons: list[list[Button]]
    kind: str


class World:
    """The core with a clock we move by hand."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.talk = Router(db, "Europe/London")
        self.message_ids = iter(range(5000, 10_000))

    async def tick(self, now: datetime) -> list[Outgoing]:
        """A tick whose messages are all delivered."""
        out = await self.talk.tick(now)
        for o in out:
            await self.talk.sent(o, next(self.message_ids), now)
        return [Outgoing(o.occurrence_id, o.chat_id, o.reply.text, o.reply.buttons, o.kind)
                for o in out]

    async def remind(self, args: str, now: datetime, thinner: str = "none") -> None:
        reply = await self.talk.remind(USER, args, now)
        if reply.buttons and reply.buttons[0][0].data.startswith("bt:"):
            data = {"none": 0, "vka": 1, "other": 2}[thinner]
            await self.talk.on_button(USER, reply.buttons[data][0].data, now)

    async def press(self, out: Outgoing, label: str, now: datetime, message_id: int = 1):
        data = next(b.data for row in out.buttons for b in row if b.label.startswith(label))
        return await self.talk.on_button(USER, data, now, chat_id=USER, message_id=message_id)

    async def export(self, now: datetime) -> list[str]:
        reply = await self.talk.export(USER, now)
        assert reply.document is not None
        return reply.document.content.decode().splitlines()[1:]


@pytest.fixture
async def world(db_url: str) -> AsyncIterator[World]:
    db = Database(db_url)
    await db.upgrade()
    w = World(db)
    await w.talk.timezone(USER, "Europe/London", london(2026, 11, 20, 12))
    listing = await w.talk.reminders(USER)  # a clean slate: no default check-in or recap
    for data in [b.data for row in listing.buttons for b in row if b.label == "Delete"]:
        sure = await w.talk.on_button(USER, data, london(2026, 11, 20, 12))  # it asks first
        await w.talk.on_button(USER, sure.buttons[0][0].data, london(2026, 11, 20, 12))
    yield w
    await db.dispose()


async def test_a_reminder_fires_once_at_local_time(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    assert await world.tick(london(2026, 11, 24, 21, 29)) == []
    [out] = await world.tick(london(2026, 11, 24, 21, 30, 5))
    assert out.chat_id == USER and "magnesium" in out.text and "21:30" in out.text
    assert [b.label for b in out.buttons[0]] == ["Taken", "Snooze 30 min", "Skip"]
    assert await world.tick(london(2026, 11, 24, 21, 30, 20)) == []
    # the follow-up due at 22:30 was never ticked: it is stale by tomorrow, not sent
    [tomorrow] = await world.tick(london(2026, 11, 25, 21, 30))
    assert tomorrow.occurrence_id != out.occurrence_id and "Time for" in tomorrow.text


async def test_taken_records_an_intake_once_however_often_tapped(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 24, 21, 30))
    first = await world.press(out, "Taken", london(2026, 11, 24, 21, 32))
    second = await world.press(out, "Taken", london(2026, 11, 24, 21, 33))
    assert first.edit and first.text == "✅ Magnesium taken at 21:32."
    assert second.text == first.text
    rows = await world.export(london(2026, 11, 24, 22))
    assert len(rows) == 1 and rows[0].startswith("supplement,2026-11-24T21:32:00+00:00,")
    assert ",magnesium," in rows[0] and ",button," in rows[0]
    # answered: no follow-up an hour later
    assert await world.tick(london(2026, 11, 24, 22, 31)) == []


async def test_unanswered_supplement_gets_one_gentle_follow_up(world: World) -> None:
    await world.remind("K2 21:30", london(2026, 11, 24, 12))
    await world.tick(london(2026, 11, 24, 21, 30))
    assert await world.tick(london(2026, 11, 24, 22, 29)) == []
    [follow] = await world.tick(london(2026, 11, 24, 22, 30))
    assert "due at 21:30" in follow.text and "Taken" in follow.buttons[0][0].label
    assert await world.tick(london(2026, 11, 24, 23, 45)) == []


async def test_snooze_sends_again_once_after_thirty_minutes(world: World) -> None:
    await world.remind("stretch 22:00", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 24, 22, 0))
    assert [b.label for b in out.buttons[0]] == ["Done", "Snooze 30 min", "Skip"]
    reply = await world.press(out, "Snooze", london(2026, 11, 24, 22, 1))
    assert "22:31" in reply.text
    assert await world.tick(london(2026, 11, 24, 22, 30)) == []
    [again] = await world.tick(london(2026, 11, 24, 22, 31))
    assert again.occurrence_id == out.occurrence_id
    done = await world.press(again, "Done", london(2026, 11, 24, 22, 40), message_id=2)
    assert done.text.startswith("✅ Stretches done")
    assert await world.tick(london(2026, 11, 24, 23, 59)) == []
    rows = await world.export(london(2026, 11, 25, 8))
    assert [r.split(",")[0] for r in rows] == ["stretch"]


async def test_the_stretch_routine_is_one_tap_away(world: World) -> None:
    await world.remind("stretch 22:00", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 24, 22, 0))
    routine = await world.press(out, "Show the stretches", london(2026, 11, 24, 22, 1))
    assert "Calf" in routine.text and "10 seconds" in routine.text and "stop if it hurts" in routine.text
    assert "Drinking enough" in routine.text


async def test_skip_is_recorded_and_nothing_is_logged(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 24, 21, 30))
    reply = await world.press(out, "Skip", london(2026, 11, 24, 21, 31))
    assert reply.text.startswith("Skipped magnesium")
    assert await world.tick(london(2026, 11, 24, 22, 31)) == []  # no follow-up
    assert await world.export(london(2026, 11, 24, 23)) == []


async def test_taken_in_words_just_before_means_no_reminder(world: World) -> None:
    await world.remind("K2 21:30", london(2026, 11, 24, 12))
    await world.talk.on_text(Incoming(USER, "took my K2", london(2026, 11, 24, 20, 45)))
    assert await world.tick(london(2026, 11, 24, 21, 30)) == []
    assert await world.tick(london(2026, 11, 24, 22, 30)) == []
    # two hours before does not count: the next day's reminder comes
    await world.talk.on_text(Incoming(USER, "took my K2", london(2026, 11, 25, 19, 0)))
    assert len(await world.tick(london(2026, 11, 25, 21, 30))) == 1


async def test_after_downtime_late_is_sent_and_stale_is_skipped(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    [late] = await world.tick(london(2026, 11, 24, 22, 10))  # 40 minutes late
    assert "was due at 21:30" in late.text
    # down for two days: the missed ones are noted, not sent, and no burst follows
    assert await world.tick(london(2026, 11, 27, 9, 0)) == []
    [next_one] = await world.tick(london(2026, 11, 27, 21, 30))
    assert "Time for your magnesium" in next_one.text
    async with world.db.session() as s:
        statuses = (await s.execute(select(Occurrence.status))).scalars().all()
    assert sorted(statuses) == ["missed", "sent", "sent"]


async def test_a_crash_between_claim_and_send_resends_it(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    claimed = await world.talk.tick(london(2026, 11, 24, 21, 30))  # then the process died
    assert len(claimed) == 1
    assert await world.tick(london(2026, 11, 24, 21, 31)) == []  # not yet: maybe in flight
    [again] = await world.tick(london(2026, 11, 24, 21, 33))
    assert again.occurrence_id == claimed[0].occurrence_id
    assert await world.tick(london(2026, 11, 24, 21, 40)) == []


async def test_spring_forward_day_fires_at_the_first_valid_minute(world: World) -> None:
    await world.remind("magnesium 01:30", london(2026, 3, 28, 12))
    assert await world.tick(london(2026, 3, 29, 0, 59)) == []
    # 01:00 GMT becomes 02:00 BST: 01:30 does not exist, it fires at 02:00 BST (01:00 UTC)
    [out] = await world.tick(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
    [next_day] = await world.tick(london(2026, 3, 30, 1, 30))
    assert next_day.occurrence_id != out.occurrence_id


async def test_fall_back_day_fires_once(world: World) -> None:
    await world.remind("magnesium 01:30", london(2026, 10, 24, 12))
    fired = []
    at = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 01:00 BST
    while at < datetime(2026, 10, 25, 4, 0, tzinfo=UTC):
        fired += await world.tick(at)
        at += timedelta(minutes=5)
    assert len({o.occurrence_id for o in fired}) == 1
    assert [o.text.startswith("Time for") for o in fired] == [True, False]  # + its follow-up


async def test_new_york_reminders_keep_their_hour_across_dst(world: World) -> None:
    await world.talk.timezone(USER, "America/New_York", london(2026, 3, 6, 12))
    await world.remind("stretch 22:00", london(2026, 3, 6, 12))
    ny = ZoneInfo("America/New_York")
    for day in (6, 7, 8, 9):  # DST starts on the 8th
        [out] = await world.tick(datetime(2026, 3, day, 22, 0, tzinfo=ny))
        assert out.chat_id == USER


async def test_changing_time_zone_moves_every_reminder(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    await world.talk.timezone(USER, "America/New_York", london(2026, 11, 24, 13))
    assert await world.tick(london(2026, 11, 24, 21, 30)) == []
    ny = ZoneInfo("America/New_York")
    assert len(await world.tick(datetime(2026, 11, 24, 21, 30, tzinfo=ny))) == 1


async def test_warfarin_keeps_the_k2_reminder_off_until_the_doctor_agrees(world: World) -> None:
    reply = await world.talk.remind(USER, "K2 21:30", london(2026, 11, 24, 12))
    assert "blood thinner" in reply.text
    answer = await world.talk.on_button(USER, reply.buttons[1][0].data, london(2026, 11, 24, 12))
    assert "ask your doctor" in answer.text
    assert await world.tick(london(2026, 11, 24, 21, 30)) == []
    listing = await world.talk.reminders(USER)
    assert "(off until your doctor agrees)" in listing.text
    k2_resume = next(b.data for row in listing.buttons for b in row if "K2" in b.label)
    resume = await world.talk.on_button(USER, k2_resume, london(2026, 11, 24, 13))
    assert "ask your doctor" in resume.text  # resuming is refused until they confirm
    agreed = await world.talk.on_button(USER, answer.buttons[0][0].data, london(2026, 11, 24, 14))
    assert agreed.text.startswith("Reminder set")
    assert len(await world.tick(london(2026, 11, 24, 21, 30))) == 1
    # asked once: a second K2 reminder does not ask again (a second one is asked about)
    again = await world.talk.remind(USER, "K2 08:00", london(2026, 11, 25, 22))
    assert again.text.startswith("You already have Vitamin K2 at 21:30 every day.")
    add = next(b.data for row in again.buttons for b in row if b.label == "Add another")
    assert (await world.talk.on_button(USER, add, london(2026, 11, 25, 22))).text.startswith(
        "Reminder set")


async def test_magnesium_reminder_comes_with_its_cautions(world: World) -> None:
    reply = await world.talk.remind(USER, "magnesium 21:30", london(2026, 11, 24, 12))
    assert "kidney disease" in reply.text and "Cochrane" in reply.text


async def test_morning_check_in_no_cramps_and_two_tap_log(world: World) -> None:
    await world.remind("checkin 08:00", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 25, 8, 0))
    assert out.text == "Good morning. Any cramps last night?"
    assert [b.label for row in out.buttons for b in row] == [
        "No cramps", "Yes, log it", "Not sure", "Stop these check-ins"]
    reply = await world.press(out, "No cramps", london(2026, 11, 25, 8, 5))
    assert "no cramps" in reply.text
    [out2] = await world.tick(london(2026, 11, 26, 8, 0))
    where = await world.press(out2, "Yes", london(2026, 11, 26, 8, 1), message_id=2)
    calf = next(b.data for row in where.buttons for b in row if b.label == "Calf")
    how = await world.talk.on_button(USER, calf, london(2026, 11, 26, 8, 2))
    severe = next(b.data for row in how.buttons for b in row if b.label == "Severe")
    logged = await world.talk.on_button(USER, severe, london(2026, 11, 26, 8, 2),
                                        chat_id=USER, message_id=2)
    assert logged.text.startswith("Logged: Calf, severe (7/10)") and "03:00" in logged.text
    rows = await world.export(london(2026, 11, 26, 9))
    assert [r.split(",")[:2] for r in rows] == [
        ["no_cramp", "2026-11-25T03:00:00+00:00"], ["cramp", "2026-11-26T03:00:00+00:00"]]
    week = await world.talk.week(USER, london(2026, 11, 26, 9))
    assert "1 cramp on 1 night, 1 night without" in week.text


async def test_pause_and_delete_from_the_list(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    listing = await world.talk.reminders(USER)
    assert "Magnesium at 21:30 every day" in listing.text
    row = next(r for r in listing.buttons if "Magnesium" in r[0].label)
    pause, change, delete = (b.data for b in row)
    await world.talk.on_button(USER, pause, london(2026, 11, 24, 13))
    assert await world.tick(london(2026, 11, 24, 21, 30)) == []
    await world.talk.on_button(USER, pause, london(2026, 11, 24, 22))  # resume
    times = await world.talk.on_button(USER, change, london(2026, 11, 24, 22))
    t2200 = next(b.data for row in times.buttons for b in row if b.label == "22:00")
    await world.talk.on_button(USER, t2200, london(2026, 11, 24, 22))
    assert await world.tick(london(2026, 11, 25, 21, 30)) == []
    assert len(await world.tick(london(2026, 11, 25, 22, 0))) == 1
    sure = await world.talk.on_button(USER, delete, london(2026, 11, 25, 23))
    assert sure.text == "Delete Magnesium at 22:00 every day?"  # it asks, naming which
    assert len(await world.tick(london(2026, 11, 26, 22, 0))) == 1  # not deleted yet
    gone = await world.talk.on_button(USER, sure.buttons[0][0].data, london(2026, 11, 26, 23))
    assert gone.text == "Deleted: Magnesium at 22:00 every day."
    assert await world.tick(london(2026, 11, 27, 22, 0)) == []
    assert "Magnesium" not in (await world.talk.reminders(USER)).text


async def test_one_user_cannot_press_another_users_reminder(world: World) -> None:
    await world.remind("magnesium 21:30", london(2026, 11, 24, 12))
    [out] = await world.tick(london(2026, 11, 24, 21, 30))
    taken = out.buttons[0][0].data
    reply = await world.talk.on_button(USER + 1, taken, london(2026, 11, 24, 21, 31))
    assert "expired" in reply.text
    assert await world.export(london(2026, 11, 24, 22)) == []


async def test_two_instances_send_each_reminder_once(pg_url: str) -> None:
    setup = Database(pg_url)
    await setup.upgrade()
    talk = Router(setup, "Europe/London")
    for user in range(100, 160):
        await talk.remind(user, "magnesium 21:30", london(2026, 11, 24, 12))
    await setup.dispose()
    first, second = Database(pg_url), Database(pg_url)  # two pools: two processes' worth
    try:
        a, b = Delivery(first), Delivery(second)
        now = london(2026, 11, 24, 21, 30)
        outs = await asyncio.gather(*(s.claim(now) for s in (a, b, a, b)))
        sent = [o.chat_id for out in outs for o in out]
        assert sorted(sent) == list(range(100, 160))
    finally:
        await first.dispose()
        await second.dispose()


async def test_first_time_zone_turns_on_the_morning_check_in(db_url: str) -> None:
    db = Database(db_url)
    await db.upgrade()
    try:
        w = World(db)
        reply = await w.talk.timezone(USER, "London", london(2026, 11, 24, 12))
        assert "Each morning at 08:00" in reply.text and "Sunday evenings at 19:00" in reply.text
        assert reply.buttons[0][0].label == "Set up reminders"
        [checkin] = await w.tick(london(2026, 11, 25, 8, 0))
        stop = next(b.data for row in checkin.buttons for b in row if b.label.startswith("Stop"))
        off = await w.talk.on_button(USER, stop, london(2026, 11, 25, 8, 1))
        assert off.text.startswith("Paused")
        assert await w.tick(london(2026, 11, 26, 8, 0)) == []
        again = await w.talk.timezone(USER, "Paris", london(2026, 11, 26, 9))
        assert "Each morning" not in again.text  # only the first time
    finally:
        await db.dispose()


async def test_set_up_by_buttons_without_any_syntax(world: World) -> None:
    now = london(2026, 11, 24, 12)
    step = await world.talk.on_button(USER, "su:0", now)
    magnesium = next(b.data for row in step.buttons for b in row if b.label == "Magnesium")
    step = await world.talk.on_button(USER, magnesium, now)
    at_2130 = next(b.data for row in step.buttons for b in row if b.label == "21:30")
    step = await world.talk.on_button(USER, at_2130, now)
    assert step.text.startswith("Reminder set: magnesium at 21:30")
    step = await world.talk.on_button(USER, step.buttons[0][0].data, now)  # next: stretches
    at_2200 = next(b.data for row in step.buttons for b in row if b.label == "22:00")
    step = await world.talk.on_button(USER, at_2200, now)
    step = await world.talk.on_button(USER, step.buttons[0][0].data, now)  # next: check-in
    at_0700 = next(b.data for row in step.buttons for b in row if b.label == "07:00")
    done = await world.talk.on_button(USER, at_0700, now)
    assert done.text.startswith("Morning check-in at 07:00")
    listing = await world.talk.reminders(USER)
    names = [line[2:].split(" every")[0] for line in listing.text.splitlines()[1:]]
    assert names == ["Morning check-in at 07:00", "Weekly recap at 19:00 on Sun",
                     "Magnesium at 21:30", "Stretches at 22:00"]
    sent = [o.text for o in await world.tick(london(2026, 11, 25, 7, 0))]
    assert sent == ["Good morning. Any cramps last night?"]


async def test_weekly_recap_comes_on_sunday_evening_and_stops_with_a_tap(db_url: str) -> None:
    db = Database(db_url)
    await db.upgrade()
    try:
        w = World(db)
        await w.talk.timezone(USER, "London", london(2026, 11, 24, 12))  # a Tuesday
        out = await w.tick(london(2026, 11, 29, 19, 0))  # Sunday
        [recap] = [o for o in out if o.kind == "recap"]
        assert recap.chat_id == USER
        assert await w.tick(london(2026, 11, 30, 19, 0)) == []  # Monday: nothing
        stop = recap.buttons[0][0]
        assert stop.label == "Stop weekly recaps"
        await w.talk.on_button(USER, stop.data, london(2026, 11, 29, 19, 5))
        assert [o for o in await w.tick(london(2026, 12, 6, 19, 0)) if o.kind == "recap"] == []
    finally:
        await db.dispose()

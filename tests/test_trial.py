"""/trial as an N-of-1 trial: a run-in, randomised on/off blocks, the result, moved on
by the scheduler's tick on SQLite and PostgreSQL, with the clock moved night by night."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from bot.reminders import KIND_SUPPLEMENT, KIND_TRIAL
from bot.replies import Reply
from bot.router import Incoming, Router
from storage import Database, ReminderRepo, Trial, TrialRepo, UserRepo
from tests.test_reminders import london

USER = 21


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.talk = Router(db, "Europe/London")
        self.message_id = 100

    async def say(self, text: str, at: datetime) -> Reply:
        self.message_id += 1
        return await self.talk.on_text(Incoming(USER, text, at.astimezone(UTC), USER,
                                                self.message_id))

    async def press(self, reply: Reply, label: str, at: datetime) -> Reply:
        data = next(b.data for row in reply.buttons for b in row if b.label.startswith(label))
        return await self.talk.on_button(USER, data, at.astimezone(UTC))

    async def tick(self, at: datetime) -> list[Reply]:
        """A tick as the Telegram sender runs it: the trial's messages, built, sent and
        applied (the others are sent and left out)."""
        out = []
        for due in await self.talk.tick(at.astimezone(UTC)):
            if due.kind == KIND_TRIAL:
                out.append(due.reply)
            await self.talk.sent(due, 1, at.astimezone(UTC))
        return out

    async def trial(self, ended: bool = False) -> Trial | None:
        async with self.db.session() as s:
            user, _ = await UserRepo(s).get_or_create(USER)
            repo = TrialRepo(s, user)
            return await (repo.last_ended() if ended else repo.current())

    async def reminders(self) -> list[tuple[str, str, str, bool]]:
        """(kind, what, local time, paused) of the supplement reminders and the trial's clock."""
        async with self.db.session() as s:
            user, _ = await UserRepo(s).get_or_create(USER)
            return sorted((r.kind, r.what, r.local_time, r.paused)
                          for r in await ReminderRepo(s, user).all()
                          if r.kind in (KIND_SUPPLEMENT, KIND_TRIAL))


@pytest.fixture
async def world(db_url: str) -> AsyncIterator[World]:
    db = Database(db_url)
    await db.upgrade()
    w = World(db)
    await w.talk.timezone(USER, "Europe/London", london(2026, 1, 5, 9, 0).astimezone(UTC))
    yield w
    await db.dispose()


START = london(2026, 1, 5, 20, 0)  # a Monday evening: tonight is the run-in's first night


async def run(world: World, nights: int, cramps, took=lambda night: False,
              first: date = date(2026, 1, 5)) -> list[tuple[date, Reply]]:
    """Night by night from `first`: a morning entry (`cramps(night)` of them, or "no
    cramps"), then the evening's tick at 19:00 and a dose at 21:00 where `took(night)`.
    The trial's messages, by the evening they came."""
    steps = []
    for i in range(nights):
        night = first + timedelta(days=i)
        morning = london(night.year, night.month, night.day, 7, 30) + timedelta(days=1)
        n = cramps(night)
        await world.say(f"{n} calf cramps 2 min" if n else "no cramps last night", morning)
        evening = morning.replace(hour=19, minute=0, second=5)
        steps += [(evening.date(), r) for r in await world.tick(evening)]
        if took(evening.date()):
            await world.say("took my magnesium", evening.replace(hour=21))
    return steps


async def started(world: World, blinded: bool = False) -> Reply:
    reply = await world.talk.trial(USER, "", START.astimezone(UTC))
    reply = await world.press(reply, "Magnesium", START)
    if blinded:
        reply = await world.press(reply, "Blinded", START)
    return await world.press(reply, "3 pairs of 2-week", START)


def order(trial: Trial) -> list[bool]:
    return [c == "1" for c in trial.blocks]


def block_of(night: date, blocks_from: date = date(2026, 1, 19)) -> int:
    """The block (from 1) a night falls in; 0: the run-in."""
    return 0 if night < blocks_from else (night - blocks_from).days // 14 + 1


async def test_a_full_trial_runs_from_run_in_to_result_by_itself(world: World) -> None:
    await world.talk.command("remind", USER, "magnesium 08:00", START.astimezone(UTC))
    reply = await started(world)
    assert "run-in: 14 nights, until mon 19 jan" in reply.text.lower()
    assert "6 blocks of 14 nights" in reply.text and "reminder at 08:00 is paused" in reply.text
    trial = await world.trial()
    on = order(trial)
    assert sorted(on[0:2]) == sorted(on[2:4]) == sorted(on[4:6]) == [False, True]
    assert ("supplement", "magnesium", "08:00", True) in await world.reminders()

    def taking(night: date) -> bool:
        return 0 < block_of(night) <= len(on) and on[block_of(night) - 1]

    # a known effect: a cramp most nights without it, one a fortnight taking it
    steps = await run(world, 14 + 6 * 14 + 1,
                      cramps=lambda n: (n.toordinal() % 14 == 3) if taking(n)
                      else int(n.toordinal() % 7 in (0, 2, 4, 5)),
                      took=taking)
    assert [d for d, _ in steps] == [date(2026, 1, 19) + timedelta(days=14 * i) for i in range(7)]
    first = steps[0][1].text
    assert "run-in is done" in first and "14 of 14 nights logged" in first
    for (_, step), is_on in zip(steps[:6], on, strict=True):
        if is_on:
            assert "take magnesium every day" in step.text and "remind you at 08:00" in step.text
            assert "upper limit" in step.text  # the magnesium caution comes with each
        else:
            assert "no magnesium for 14 nights" in step.text
    result = steps[6][1].text
    assert "trial is over" in result and "random order" in result
    assert "It seems to help" in result and "a sceptic" in result
    assert "on 42 of 42 days in the blocks taking it, and on 0 of 42" in result
    assert "Your own magnesium reminder is back on" in result
    assert await world.trial() is None and (await world.trial(ended=True)).phase == "done"
    assert await world.reminders() == [("supplement", "magnesium", "08:00", False)]

    # the result stays: /trial shows it again, word for word, and so does the PDF
    later = london(2026, 4, 30, 9, 0).astimezone(UTC)
    again = await world.talk.trial(USER, "", later)
    assert result.startswith(again.text)
    report = await world.talk.report(USER, later)
    assert report.document is not None
    pdf = " ".join(" ".join(p.extract_text().split())
                   for p in PdfReader(io.BytesIO(report.document.content)).pages)
    assert "Personal trial" in pdf and "It seems to help" in pdf and "random order" in pdf
    # one answer to "is it working?": /week and the PDF do not add a before/after over
    # the trial's blocks beside it
    week = await world.talk.week(USER, london(2026, 4, 20, 9, 0).astimezone(UTC))
    assert "Magnesium: your trial answers whether it helps" in week.text
    assert "Magnesium, since" not in week.text and "Magnesium, since" not in pdf


async def test_the_dose_reminder_runs_only_in_the_blocks_taking_it(world: World) -> None:
    await started(world)
    on = order(await world.trial())
    assert not [r for r in await world.reminders() if r[0] == KIND_SUPPLEMENT]  # run-in
    await run(world, 14, cramps=lambda n: 1)
    for block in range(1, 7):
        doses = [r for r in await world.reminders() if r[0] == KIND_SUPPLEMENT]
        assert (doses == [("supplement", "magnesium", "21:00", False)]) == on[block - 1], block
        await run(world, 14, cramps=lambda n: 1, first=date(2026, 1, 5) + timedelta(days=14 * block))
    assert not [r for r in await world.reminders() if r[0] == KIND_SUPPLEMENT]  # the end


async def test_too_few_cramps_in_the_run_in_end_it_as_good_news(world: World) -> None:
    await world.talk.command("remind", USER, "magnesium 08:00", START.astimezone(UTC))
    await started(world)
    steps = await run(world, 15, cramps=lambda n: int(n == date(2026, 1, 8)))
    [(day, step)] = steps
    assert day == date(2026, 1, 19)
    assert "1 cramp over 14 logged nights" in step.text and "at least 2" in step.text
    assert "good news" in step.text and "reminder is back on" in step.text
    assert (await world.trial(ended=True)).phase == "ineligible"
    assert await world.reminders() == [("supplement", "magnesium", "08:00", False)]
    shown = await world.talk.trial(USER, "", london(2026, 2, 1, 9, 0).astimezone(UTC))
    assert "stopped after the run-in" in shown.text and "Start another trial" in str(shown.buttons)


async def test_a_blinded_trial_keeps_the_key_and_asks_for_guesses(world: World) -> None:
    reply = await started(world, blinded=True)
    assert "helper's eyes only" in reply.text and "envelope 6" in reply.text
    hidden = await world.press(reply, "Envelopes ready", START)
    assert hidden.edit and "envelope 1 real" not in hidden.text and "look-alike" not in hidden.text
    on = order(await world.trial())

    def cramps(n: date) -> int:
        return 1 if n.day % 3 == 0 else 0

    # block by block; each envelope's guess answered when asked: right for the first
    # two envelopes, wrong for the third, none after
    steps = await run(world, 14, cramps)
    for block in range(1, 7):
        steps += await run(world, 14, cramps, first=date(2026, 1, 5) + timedelta(days=14 * block))
        if block <= 3:
            guess = "Real" if on[block - 1] == (block < 3) else "Look-alike"
            noted = await world.press(steps[-1][1], guess, london(2026, 1, 19, 20, 0)
                                      + timedelta(days=14 * block))
            assert f"Noted for envelope {block}" in noted.text
    texts = [r.text for _, r in steps]
    for text in texts[1:6]:  # the block starts say envelope numbers, never which is real
        assert "envelope" in text and "no magnesium" not in text
        assert "which do you think" in text
    # the dose reminder runs in every block: the user takes from the envelope each day
    assert all("take magnesium every day" not in t for t in texts)
    over = steps[-1][1]
    assert "which envelopes were real" in over.text
    result = await world.press(over, "Show the result", london(2026, 4, 28, 9, 0))
    assert "You guessed 2 of 3 envelopes right" in result.text
    assert "numbered envelopes" in result.text and "A dose logged on 0 of 84 days" in result.text
    # no dose logged: no verdict on taking it daily, whatever the nights say
    assert "cannot say whether taking it daily helps" in result.text
    assert "It seems to help" not in result.text
    # once the key is shown, no guess can be made or changed
    for block in (3, 4):
        again = await world.talk.on_button(USER, f"tr:g:{block}:r", london(2026, 4, 28, 9, 5))
        assert "expired" in again.text
    shown = await world.talk.trial(USER, "", london(2026, 4, 28, 9, 6).astimezone(UTC))
    assert "You guessed 2 of 3 envelopes right" in shown.text


async def test_a_blinded_guess_comes_once_and_only_for_an_envelope_finished(world: World) -> None:
    await started(world, blinded=True)
    await run(world, 14 + 14, cramps=lambda n: 1)  # the run-in, block 1; block 2 starts
    at = london(2026, 2, 3, 9, 0)
    assert "expired" in (await world.talk.on_button(USER, "tr:g:2:r", at.astimezone(UTC))).text
    assert "Noted for envelope 1" in (await world.talk.on_button(USER, "tr:g:1:l",
                                                                  at.astimezone(UTC))).text
    assert "expired" in (await world.talk.on_button(USER, "tr:g:1:r", at.astimezone(UTC))).text
    assert (await world.trial()).guesses.startswith("l-")


async def test_a_run_in_with_few_nights_logged_says_so_not_good_news(world: World) -> None:
    await started(world)
    steps = await run(world, 3, cramps=lambda n: 2)  # three nights logged, then silence
    for day in range(3, 15):
        steps += [(None, r) for r in await world.tick(london(2026, 1, 6 + day, 19, 0))]
    [(_, step)] = steps
    assert "only 3 of its 14 nights were logged" in step.text and "good news" not in step.text
    assert (await world.trial(ended=True)).phase == "ineligible"


async def test_status_never_counts_past_the_end_of_its_period(world: World) -> None:
    await started(world)
    late = await world.talk.trial(USER, "", london(2026, 1, 21, 9, 0).astimezone(UTC))
    assert "run-in, night 14 of 14" in late.text  # the step is late; not "night 16 of 14"



async def test_a_late_step_whose_send_was_lost_is_sent_again_not_marked_missed(world: World) -> None:
    """Days late after a downtime, the step is claimed, and the process dies before it is
    sent: two minutes on it comes again, late, instead of waiting a day as 'missed'."""
    await started(world)
    back = london(2026, 1, 21, 9, 0).astimezone(UTC)  # the run-in ended two days ago
    [lost] = [d for d in await world.talk.tick(back) if d.kind == KIND_TRIAL]  # never sent
    again = [d for d in await world.talk.tick(back + timedelta(minutes=3)) if d.kind == KIND_TRIAL]
    assert [d.reply.text for d in again] == [lost.reply.text]

async def test_status_stop_restores_reminders_and_one_trial_at_a_time(world: World) -> None:
    await world.talk.command("remind", USER, "magnesium 08:00", START.astimezone(UTC))
    await world.talk.trial(USER, "magnesium 2 21", START.astimezone(UTC))
    status = await world.talk.trial(USER, "", london(2026, 1, 9, 9, 0).astimezone(UTC))
    assert "run-in, night 4 of 14" in status.text
    again = await world.talk.on_button(USER, "tr:n:magnesium:3:14:0", START.astimezone(UTC))
    assert "already have a trial" in again.text
    confirm = await world.press(status, "Stop", london(2026, 1, 9, 9, 0))
    stopped = await world.press(confirm, "Yes, stop", london(2026, 1, 9, 9, 0))
    assert "Trial stopped" in stopped.text and "reminder is back on" in stopped.text
    assert await world.trial() is None
    assert await world.reminders() == [("supplement", "magnesium", "08:00", False)]
    assert await world.tick(london(2026, 1, 19, 19, 1)) == []  # its clock went with it
    assert "No trial" in (await world.talk.on_button(USER, "tr:xx", START)).text


async def test_a_k2_block_waits_for_the_blood_thinner_answer(world: World) -> None:
    await world.talk.trial(USER, "k2 3 14", START.astimezone(UTC))
    steps = await run(world, 15, cramps=lambda n: 1)
    [(_, step)] = steps
    assert "run-in is done" in step.text and "stopped the trial" in step.text
    assert "take vitamin K2 every day" not in step.text
    assert not [r for r in await world.reminders() if r[1] == "vitamin_k2"]


async def test_a_k2_trial_is_refused_while_on_warfarin(world: World) -> None:
    at = START.astimezone(UTC)
    await world.talk.on_button(USER, "bt:vka:0", at)
    reply = await world.talk.trial(USER, "k2 3 14", at)
    assert "warfarin" in reply.text.lower() and await world.trial() is None


async def test_bad_plans_and_forged_buttons_get_a_kind_answer(world: World) -> None:
    at = START.astimezone(UTC)
    assert "2 to 4 pairs of blocks of 10 to 28 nights" in (
        await world.talk.trial(USER, "magnesium 2 500", at)).text
    assert "Which supplement" in (await world.talk.trial(USER, "arsenic", at)).text
    for data in ("tr:n:magnesium:9:99:0", "tr:n:arsenic:3:14:0", "tr:s:x", "tr:n:magnesium:a:b:0",
                 "tr:g:1:r", "tr:g:99:x", "tr:k", "tr:r"):
        reply = await world.talk.on_button(USER, data, at)
        assert "expired" in reply.text or "nights" in reply.text, data
    # a before/after plan's button from an old chat offers the blocks instead
    old = await world.talk.on_button(USER, "tr:p:magnesium:14:28", at)
    assert "pairs of blocks" in old.text and "3 pairs of 2-week" in str(old.buttons)
    assert await world.trial() is None


async def test_taking_it_when_it_should_not_be_taken_gets_a_note(world: World) -> None:
    await world.talk.trial(USER, "magnesium 3 14", START.astimezone(UTC))
    reply = await world.say("took my magnesium", london(2026, 1, 6, 21, 0))
    assert "Logged" in reply.text and "no magnesium until Mon 19 Jan" in reply.text
    reply = await world.say("took my K2", london(2026, 1, 6, 21, 5))
    assert "until" not in reply.text  # another supplement is not this trial's business


async def test_the_trial_clock_is_not_in_the_reminders_list(world: World) -> None:
    await world.talk.trial(USER, "magnesium 3 14", START.astimezone(UTC))
    listing = await world.talk.reminders(USER)
    assert "trial" not in listing.text.lower()


async def test_a_zone_change_does_not_move_the_trial_on_early(world: World) -> None:
    await world.talk.trial(USER, "magnesium 3 14", START.astimezone(UTC))
    await world.talk.timezone(USER, "Europe/Berlin", london(2026, 1, 6, 9, 0).astimezone(UTC))
    # the clock was moved to the next 19:00 by the zone change: it fires, says nothing
    assert await world.tick(london(2026, 1, 6, 19, 0)) == []
    assert (await world.trial()).phase == "run_in"
    steps = await world.tick(datetime(2026, 1, 19, 19, 1, tzinfo=ZoneInfo("Europe/Berlin")))
    assert any("run-in is done" in r.text for r in steps)


async def test_a_before_after_trial_running_at_the_upgrade_carries_on(db_url: str) -> None:
    """A trial started before the blocks (baseline 14, taking 28, in its taking period)
    is, after migration 0008, one "on" block compared with its baseline."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from storage.db import MIGRATIONS
    from storage.models import UTCDateTime

    db = Database(db_url)

    def to_0007(connection: sa.Connection) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0007_language")

    async with db.engine.begin() as conn:
        await conn.run_sync(to_0007)
    async with db.session() as s:
        user, _ = await UserRepo(s).get_or_create(USER)
        await UserRepo(s).update(user, tz="Europe/London")
        trials = sa.table("trials", *(sa.column(c) for c in (
            "user_id", "supplement", "first_night", "baseline_nights", "taking_nights", "phase")),
            sa.column("started_at", UTCDateTime()))
        await s.execute(sa.insert(trials).values(
            user_id=user.id, supplement="magnesium", first_night=date(2026, 1, 5),
            baseline_nights=14, taking_nights=28, phase="taking",
            started_at=START.astimezone(UTC)))
    await db.upgrade()
    world = World(db)
    status = await world.talk.trial(USER, "", london(2026, 1, 25, 9, 0).astimezone(UTC))
    assert "block 1 of 1, taking magnesium daily, night 6 of 28" in status.text
    end = await world.talk.trial_step(USER, london(2026, 2, 16, 19, 1).astimezone(UTC), apply=True)
    assert end is not None and "trial is over" in end.text
    assert "so it compares with the baseline" in end.text and "Too few logged nights" in end.text
    await db.dispose()

"""Everyday use through the real bot process and the Bot API stand-in (#19, point 2 and
the edit by words of point 1): one reminder per thing, changes that name it, a delete
that asks, a time that is not one, zones as typed, and "make it 4 minutes"."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot, db_rows
from tests.test_e2e import say
from tests.test_e2e_diary import tap

pytestmark = pytest.mark.e2e


def reminder_rows(running_bot: RunningBot, user: int) -> list[tuple]:
    return db_rows(running_bot.database_url,
                   "select r.what, r.local_time from reminders r join users u on "
                   "u.id = r.user_id where u.telegram_id = :u and r.kind = 'supplement' "
                   "order by r.id", u=user)


def test_one_reminder_per_thing_changes_name_it_and_delete_asks(running_bot: RunningBot,
                                                               stub: BotApiStub) -> None:
    user = 1901
    [first] = say(stub, user, "/remind magnesium 21:30")
    assert first.params["text"].startswith("Reminder set: magnesium at 21:30")
    [again] = say(stub, user, "/remind magnesium 20:15")
    assert again.params["text"].startswith("You already have Magnesium at 21:30 every day. "
                                           "Change it to 20:15 every day, or add another?")
    changed = tap(stub, user, again, "Change it")
    assert changed.params["text"] == "Magnesium: now at 20:15 every day."
    assert reminder_rows(running_bot, user) == [("magnesium", "20:15")]  # changed, not added

    [third] = say(stub, user, "/remind magnesium 08:00")
    added = tap(stub, user, third, "Add another")
    assert "08:00" in added.params["text"]
    assert sorted(reminder_rows(running_bot, user)) == [("magnesium", "08:00"), ("magnesium", "20:15")]

    [listing] = say(stub, user, "/reminders")
    ask = tap(stub, user, listing, "Delete")
    assert ask.params["text"].startswith("Delete Magnesium at ")  # it names which one
    assert len(reminder_rows(running_bot, user)) == 2  # nothing deleted before the yes
    kept = tap(stub, user, ask, "Keep it")
    assert len(reminder_rows(running_bot, user)) == 2 and "Deleted" not in kept.params["text"]
    gone = tap(stub, user, ask, "Yes, delete")
    assert gone.params["text"].startswith("Deleted: Magnesium at ")
    assert len(reminder_rows(running_bot, user)) == 1


def test_a_time_that_is_not_one_and_zones_as_people_type_them(running_bot: RunningBot,
                                                              stub: BotApiStub) -> None:
    for typed, answer in (("/remind K2 25:00", "25:00 is not a time of day"),
                          ("/timezone UTC+5:30", "Time zone set to UTC+5:30"),
                          ("I'm in Berlin", "Time zone set to Europe/Berlin")):
        [reply] = say(stub, 1902, typed)
        # an offset is named as typed, never as POSIX's inverted Etc/GMT-5
        assert reply.params["text"].startswith(answer) and "Etc/GMT" not in reply.params["text"]


def test_an_entry_is_fixed_by_words(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 1903
    say(stub, user, "left calf cramp 3 min")
    [fixed] = say(stub, user, "make it 4 minutes")
    assert fixed.params["text"].startswith("Changed: Left calf, 4 min")
    undone = tap(stub, user, fixed, "Undo")
    assert "3 min" in undone.params["text"]
    [page] = say(stub, user, "/diary")
    assert page.params["text"].count("Left calf") == 1  # fixed, never a second entry


def test_the_diary_pages_back_and_a_period_is_asked_for_in_words(running_bot: RunningBot,
                                                                 stub: BotApiStub) -> None:
    user = 1904
    for minutes in range(1, 8):  # seven entries: a page of five, then two older
        say(stub, user, f"right foot cramp {minutes} min")
    [page] = say(stub, user, "/diary")
    assert "Right foot, 7 min" in page.params["text"]
    assert "Right foot, 1 min" not in page.params["text"]
    older = tap(stub, user, page, "Older ›")
    assert "Right foot, 1 min" in older.params["text"]
    assert "Right foot, 7 min" not in older.params["text"]
    newer = tap(stub, user, older, "‹ Newer")
    assert "Right foot, 7 min" in newer.params["text"]
    [today] = say(stub, user, "what have I logged today?")
    assert today.params["text"].startswith("What you logged today:")
    assert today.params["text"].count("Right foot") == 7

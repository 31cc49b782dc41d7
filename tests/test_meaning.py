"""What a message means, as the diary acts on it: answers, thanks, things not done,
corrections, sensations that are not cramps, nights named (through the router, on both
databases: what `charley chat` and Telegram use)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.router import Incoming, Router

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 11, 25, 8, 10, tzinfo=LONDON)



async def say(talk: Router, text: str, at: datetime = MORNING, mid: int | None = None):
    return await talk.on_text(Incoming(1, text, at, chat_id=1 if mid else None, message_id=mid))


async def rows(talk: Router) -> list[dict[str, str]]:
    document = (await talk.export(1, MORNING)).document
    assert document is not None
    return list(csv.DictReader(io.StringIO(document.content.decode())))


async def test_thanks_gets_a_kind_word_and_stores_nothing(talk: Router) -> None:
    for text in ("thanks", "thank you very much x", "hi", "ok 👍"):
        reply = await say(talk, text)
        assert "I'm here whenever you need me" in reply.text, text
    assert await rows(talk) == []


async def test_a_correction_changes_the_entry_and_adds_nothing(talk: Router) -> None:
    await say(talk, "right calf cramp 3 min", MORNING - timedelta(minutes=5), mid=10)
    fixed = await say(talk, "oops that was the left calf, and it lasted 2 minutes", mid=11)
    assert fixed.text.startswith("Changed: Left calf, 2 min")
    again = await say(talk, "sorry, i meant left foot", mid=12)
    assert again.text.startswith("Changed: Left foot, 2 min")
    [row] = await rows(talk)
    assert (row["kind"], row["muscle"], row["side"], row["duration_s"]) == ("cramp", "foot", "left", "120")
    undo = next(b.data for row_ in again.buttons for b in row_ if b.label == "Undo")
    back = await talk.on_button(1, undo, MORNING)
    assert "Left calf" in back.text  # Undo puts back what the correction changed


async def test_things_not_done_are_stored_as_misses_never_as_doses(talk: Router) -> None:
    for text in ("didnt stretch tonight", "haven't taken k2", "forgot my magnesium"):
        reply = await say(talk, text)
        assert reply.text.startswith("Noted: "), text
    kinds = [(r["kind"], r["name"]) for r in await rows(talk)]
    assert kinds == [("skipped", "stretch"), ("skipped", "vitamin_k2"), ("skipped", "magnesium")]
    week = await talk.week(1, MORNING)
    assert "taken on" not in week.text  # no dose counted


async def test_a_sensation_is_a_symptom_not_a_cramp(talk: Router) -> None:
    for text in ("calf still sore this morning", "toes went numb for a bit", "not a cramp, just sore",
                 "my leg hurts"):
        reply = await say(talk, text)
        assert "Logged: Symptom" in reply.text, text
    assert {r["kind"] for r in await rows(talk)} == {"symptom"}
    assert "0 cramps" in (await talk.week(1, MORNING)).text or "nothing logged" in (
        await talk.week(1, MORNING)).text


async def test_a_named_night_is_stored_as_that_night(talk: Router) -> None:
    await say(talk, "no cramps on Sunday night")
    [row] = await rows(talk)
    assert row["kind"] == "no_cramp" and row["at"].startswith("2026-11-23T03:00")  # Sunday's night


async def test_a_typed_yes_answers_was_that_a_cramp(talk: Router) -> None:
    asked = await say(talk, "ouch, my leg")
    assert "Was that a cramp?" in asked.text
    logged = await say(talk, "yes")
    assert logged.text.startswith("Logged: ")
    assert [r["kind"] for r in await rows(talk)] == ["cramp"]
    puzzled = await say(talk, "yes")  # nothing asked any more
    assert "Yes or no to what?" in puzzled.text


async def test_nope_to_the_morning_check_in_is_a_quiet_night(talk: Router) -> None:
    await talk.timezone(1, "Europe/London", MORNING - timedelta(days=1))  # turns the check-in on
    sent = await talk.tick(datetime(2026, 11, 25, 8, 0, 30, tzinfo=LONDON))
    [checkin] = [o for o in sent if o.kind == "checkin"]
    await talk.sent(checkin, 77, MORNING)
    answered = await say(talk, "nope")
    assert "no cramps last night" in answered.text.lower()
    assert [r["kind"] for r in await rows(talk)] == ["no_cramp"]

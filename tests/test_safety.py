"""Safety: red flags never missed, never raised for nothing, every advice text sourced.

`safety_set.jsonl` is a labelled set (true signs by every flag, passed symptoms,
negations, everyday look-alikes, flags inside help/undo/recap): each line has the
`text`, the expected `flags` and `urgency` (emergency | same_day | soon | null) and
its `group`. Emergency and same-day signs must all be caught; at most 2% of the
messages with no sign may raise one.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import advice, emergency
from bot.parsing import read
from bot.router import Incoming, Router
from bot.talk.catalogue import texts
from bot.vocab import RED_FLAGS
from tests.conftest import open_db

HERE = Path(__file__).parent
# a copy of shared/medical-facts.md, so that a lone clone can test (kept in step below)
FACTS = HERE / "medical-facts.md"
SHARED_FACTS = HERE.parents[1] / "shared" / "medical-facts.md"
SET = [json.loads(line) for line in (HERE / "safety_set.jsonl").read_text().splitlines() if line]
NOW = datetime(2026, 11, 25, 8, 10)
RANK = {"emergency": 0, "same_day": 1, "soon": 2, None: 3}


def judged(text: str) -> tuple[list[str], str | None]:
    reading = read(text, NOW, "Europe/London")
    return sorted(reading.red_flags), advice.urgency(reading.red_flags, text)


def test_the_set_is_big_enough_and_covers_every_sign() -> None:
    assert len(SET) >= 120
    named = {f for row in SET for f in row["flags"]}
    assert named == set(RED_FLAGS)
    groups = {row["group"] for row in SET}
    assert {"true", "passed", "negated", "lookalike", "request"} <= groups


@pytest.mark.parametrize("level", ["emergency", "same_day"])
def test_every_urgent_sign_is_caught(level: str) -> None:
    missed = []
    for row in SET:
        if row["urgency"] == level:
            _flags, got = judged(row["text"])
            if RANK[got] > RANK[level]:
                missed.append((row["text"], got))
    assert not missed, missed  # 100% recall


def test_false_alarms_are_at_most_two_percent() -> None:
    calm = [row for row in SET if row["urgency"] is None]
    alarms = [(row["text"], judged(row["text"])) for row in calm if any(judged(row["text"]))]
    assert len(alarms) <= 0.02 * len(calm), alarms


def test_the_flags_themselves_match_the_labels() -> None:
    wrong = [(row["text"], row["flags"], judged(row["text"])[0]) for row in SET
             if judged(row["text"])[0] != row["flags"]]
    assert len(wrong) <= 0.02 * len(SET), wrong


def _facts() -> str:
    return " ".join(FACTS.read_text().split())


def test_every_advice_text_names_its_line_in_medical_facts() -> None:
    """Each advice key has a text and a source; the source quotes its line of
    medical-facts.md (`medical-facts.md...: "<words of that line>"`)."""
    catalogue = tomllib.loads((HERE.parent / "bot/talk/texts/en/advice.toml").read_text())
    facts = _facts()
    for key in advice.REGISTRY:
        assert catalogue["advice"].get(key, "").strip(), f"advice.{key} has no text"
        source = catalogue["source"].get(key, "")
        m = re.search(r'medical-facts\.md[^"]*"(.+)"\s*$', source)
        assert m, f"source.{key} names no line of medical-facts.md: {source!r}"
        assert " ".join(m.group(1).split()) in facts, f"source.{key}: not a line of the facts"


@pytest.mark.parametrize(("text", "said"), [
    ("I take warfarin", "vka"),
    ("I'm on Coumadin", "vka"),
    ("acenocoumarol every morning", "vka"),
    ("I take phenprocoumon (Marcumar)", "vka"),
    ("fluindione", "vka"),
    ("my pills are Sintrom", "vka"),
    ("Jantoven 5mg", "vka"),
    ("I'm not on warfarin", None),
    ("I take apixaban", "other"),
    ("no blood thinners", "none"),
    ("my doctor agreed I can take K2", "vka_ok"),
    ("took my K2", None),
])
def test_blood_thinners_are_understood_in_words(text: str, said: str | None) -> None:
    assert advice.blood_thinner_said(text) == said


@pytest.mark.parametrize(("text", "linked"), [
    ("cramps since I started a statin", True),
    ("I take furosemide for my heart", True),
    ("my salbutamol inhaler", True),
    ("nifedipine 30mg", True),
    ("cramps began after my new tablets", True),
    ("calf cramp 3 min", False),
    ("I'm not on statins", False),
])
def test_medicines_linked_to_cramps(text: str, linked: bool) -> None:
    assert advice.medicine_linked(text) is linked


# ---- through the router (SQLite): what follows the advice, what is kept ---------------

LONDON = ZoneInfo("Europe/London")
NIGHT = datetime(2026, 11, 25, 3, 20, tzinfo=LONDON)
MORNING = datetime(2026, 11, 25, 9, 30, tzinfo=LONDON)


@pytest.fixture
async def talk(sqlite_url: str) -> AsyncIterator[Router]:
    async with open_db(sqlite_url) as db:
        yield Router(db, "Europe/London")


def words(key: str) -> str:
    return texts().speaking_to("Europe/London")(f"advice.{key}")


async def say(talk: Router, text: str, at: datetime = NIGHT, user: int = 1):
    return await talk.on_text(Incoming(user, text, at))


async def entries(talk: Router, user: int = 1):
    async with talk.units.open(user) as u:
        return await u.entries.all()


async def test_a_sign_with_no_cramp_is_a_symptom_never_a_cramp(talk: Router) -> None:
    reply = await say(talk, "my left calf is swollen and warm")
    assert reply.text.startswith(words("same_day"))
    assert words("ease_cramp") not in reply.text and "Where was it?" not in reply.text
    [row] = await entries(talk)
    assert (row.kind, row.muscle, row.side) == ("symptom", "calf", "left")
    assert set(row.red_flags.split(",")) == {"swelling", "warmth"}
    week = await talk.week(1, NIGHT)
    assert "1 cramp" not in week.text


async def test_after_red_flag_advice_no_self_care_tip_and_no_question(talk: Router) -> None:
    reply = await say(talk, "cramp and chest pain")  # a cramp, no place: no "Where was it?"
    assert reply.text.startswith(words("emergency"))
    assert "Where was it?" not in reply.text and words("ease_cramp") not in reply.text
    [row] = await entries(talk)
    assert row.kind == "cramp" and row.red_flags == "chest_pain"


async def test_a_cold_white_foot_is_an_emergency(talk: Router) -> None:
    reply = await say(talk, "my foot has gone cold and white")
    assert reply.text.startswith(words("limb_emergency"))
    assert "call emergency services now" in reply.text


async def test_a_cramp_that_will_not_stop_is_same_day_and_said_once(talk: Router) -> None:
    reply = await say(talk, "calf cramp for 20 minutes and it won't stop")
    assert reply.text.startswith(words("cramp_wont_stop"))
    assert words("long_cramp") not in reply.text and words("long_cramps") not in reply.text
    assert words("ease_cramp") not in reply.text


async def test_a_long_cramp_is_mentioned_once(talk: Router) -> None:
    reply = await say(talk, "left calf cramp 15 min")
    assert reply.text.count("over 10 minutes") == 1


async def test_a_medicine_linked_to_cramps_gets_the_note_once(talk: Router) -> None:
    first = await say(talk, "calf cramp 2 min, I started a statin last month", MORNING)
    assert words("medicine_cramps") in first.text
    again = await say(talk, "calf cramp 1 min, on my statin still", MORNING + timedelta(days=1))
    assert words("medicine_cramps") not in again.text
    asked = await say(talk, "I take furosemide", MORNING, user=2)
    assert words("medicine_cramps") in asked.text


async def test_vitamin_b_comes_with_its_b6_caution(talk: Router) -> None:
    reply = await say(talk, "took my vitamin B", MORNING)
    assert "B6" in reply.text and "numbness" in reply.text


async def test_morning_reports_without_a_time_are_not_daytime_cramps(talk: Router) -> None:
    said = [(await say(talk, "calf cramp 1 min", MORNING - timedelta(days=day))).text
            for day in (2, 1, 0)]
    assert not any(words("daytime") in text for text in said)
    said = [(await say(talk, "calf cramp at 2pm", MORNING + timedelta(hours=6, days=-day),
                       user=2)).text for day in (2, 1, 0)]
    assert any(words("daytime") in text for text in said)


async def test_one_two_three_cramps_for_a_new_user_is_not_getting_worse(talk: Router) -> None:
    plan = {14: 1, 7: 2, 0: 3}
    said = []
    for days_ago, n in plan.items():
        for i in reversed(range(n)):
            said.append((await say(talk, f"calf cramp 1 min at {2 + i}am",
                                   NIGHT + timedelta(hours=5) - timedelta(days=days_ago + i))).text)
    assert not any(words("getting_worse") in text for text in said)


async def test_the_yes_button_keeps_the_flags_of_its_message(talk: Router) -> None:
    reply = await say(talk, "cramp earlier, calf swollen? maybe", MORNING)
    flags = [r for r in await entries(talk) if r.red_flags]
    assert flags, reply.text  # the flags are kept whatever the answer



@pytest.mark.skipif(not SHARED_FACTS.exists(), reason="no shared/ beside this checkout")
def test_the_copy_of_medical_facts_is_in_step_with_shared() -> None:
    assert FACTS.read_bytes() == SHARED_FACTS.read_bytes()


@pytest.mark.parametrize(("zone", "number"), [
    ("Europe/Moscow", "103 / 112"), ("Europe/Madrid", "112"), ("America/Sao_Paulo", "192"),
    ("Europe/Lisbon", "112"), ("America/Chicago", "911"), ("Europe/London", "999 / 112"),
    ("Europe/Kiev", "103 / 112"), ("UTC+5:30", "112 / 911"), ("Etc/UTC", "112 / 911"),
])
def test_the_emergency_number_is_the_one_of_the_persons_country(zone: str, number: str) -> None:
    assert emergency.number_for(zone) == number
    assert f"({number})" in texts().speaking_to(zone)("advice.emergency")


async def test_emergency_advice_names_the_number_of_the_users_zone(talk: Router) -> None:
    await talk.command("timezone", 7, "Europe/Moscow", NIGHT)
    reply = await say(talk, "chest pain and my calf is swollen", user=7)
    assert "(103 / 112)" in reply.text and "999" not in reply.text

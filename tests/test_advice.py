"""Safety advice: red flags first, patterns at most weekly, cautions once, never a dose."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import advice
from bot.advice import patterns
from bot.router import Incoming, Router
from bot.talk.catalogue import texts

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 11, 25, 8, 10, tzinfo=LONDON)



def words(item: advice.Advice) -> str:
    return texts().speaking_to("Europe/London")(f"advice.{item.key}")


async def say(talk: Router, text: str, at: datetime = MORNING, user: int = 1):
    return await talk.on_text(Incoming(user, text, at))


@pytest.mark.parametrize(("text", "must", "must_not"), [
    ("calf cramp and now my calf is swollen and hot", ["same_day"], ["emergency"]),
    ("calf cramp and chest pain", ["emergency"], []),
    ("cramp, calf swollen and I'm short of breath", ["emergency", "same_day"], []),
    ("calf cramp 2 min, no swelling", [], ["same_day", "emergency", "see_doctor"]),
    ("calf cramp, not red, not swollen", [], ["same_day"]),
    ("foot cramp again, my toes are numb afterwards", ["see_doctor"], ["same_day", "emergency"]),
    ("thigh cramp and my leg feels weak", ["see_doctor"], ["emergency"]),
    ("calf cramp, skin looks discoloured", ["see_doctor"], []),
    ("calf cramp, hot water bottle helped", [], ["same_day"]),
    ("left calf cramp 15 min", ["long_cramp"], ["same_day"]),
    ("calf cramp 5 min", [], ["long_cramp", "same_day", "see_doctor"]),
    ("is quinine good for cramps?", ["quinine"], []),
    ("should I drink tonic water", ["quinine"], []),
])
async def test_advice_table(talk: Router, text: str, must: list[str],
                            must_not: list[str]) -> None:
    reply = await say(talk, text)
    for key in must:
        assert words(advice.REGISTRY[key]) in reply.text, key
    for key in must_not:
        assert words(advice.REGISTRY[key]) not in reply.text, key


async def test_red_flag_advice_comes_before_anything_else(talk: Router) -> None:
    reply = await say(talk, "calf cramp and now my calf is swollen and hot")
    assert reply.text.startswith(words(advice.SAME_DAY))
    emergency = await say(talk, "cramp, calf swollen and I'm short of breath")
    assert emergency.text.startswith(words(advice.EMERGENCY))
    assert "call emergency services" in words(advice.EMERGENCY)


async def test_the_flag_is_stored_with_the_entry(talk: Router) -> None:
    await say(talk, "calf cramp and now my calf is swollen and hot")
    async with talk.units.open(1) as u:
        [row] = await u.entries.all()
    assert set(row.red_flags.split(",")) == {"swelling", "warmth"}


async def test_someone_on_quinine_hears_the_bleeding_signs(talk: Router) -> None:
    reply = await say(talk, "took my quinine")
    assert reply.text.startswith("Logged:")
    assert "bruising" in reply.text and "warns against" in reply.text


async def test_why_shows_the_sources(talk: Router) -> None:
    reply = await say(talk, "calf cramp and chest pain")
    why = next(b.data for row in reply.buttons for b in row if b.label == "Why?")
    sources = await talk.on_button(1, why, MORNING)
    assert "DVT leaflet" in sources.text and "not a doctor" in sources.text


async def test_easing_tip_after_a_cramp_that_just_happened_at_most_twice_a_day(
        talk: Router) -> None:
    first = await say(talk, "calf cramp", datetime(2026, 11, 25, 3, 0, tzinfo=LONDON))
    assert words(advice.EASE_CRAMP) in first.text
    second = await say(talk, "calf cramp again", datetime(2026, 11, 25, 3, 30, tzinfo=LONDON))
    assert words(advice.EASE_CRAMP) not in second.text
    old = await say(talk, "calf cramp last night", datetime(2026, 11, 25, 16, 0, tzinfo=LONDON))
    assert words(advice.EASE_CRAMP) not in old.text  # long over: no tip


async def test_k2_logged_asks_about_blood_thinners_once(talk: Router) -> None:
    first = await say(talk, "took my K2")
    asked = texts()("logged.k2_question")
    assert asked in first.text and "reminder" not in asked  # no reminder was asked for
    vka = next(b.data for row in first.buttons for b in row if b.label.startswith("Warfarin"))
    answer = await talk.on_button(1, vka, MORNING)
    assert "ask your doctor" in answer.text
    second = await say(talk, "took my K2", MORNING + timedelta(days=1))
    assert asked not in second.text


async def test_magnesium_caution_once(talk: Router) -> None:
    first = await say(talk, "took magnesium 300mg")
    assert "kidney disease" in first.text and "Cochrane" in first.text
    assert "upper limit from supplements is 350 mg a day" in first.text
    second = await say(talk, "took magnesium 300mg", MORNING + timedelta(days=1))
    assert "kidney disease" not in second.text


async def test_pattern_advice_at_most_once_a_week(talk: Router) -> None:
    start = datetime(2026, 11, 10, 3, 0, tzinfo=LONDON)
    seen = []
    for day in range(24):  # a cramp every night
        at = start + timedelta(days=day)
        reply = await say(talk, "calf cramp", at)
        seen.append(words(advice.MOST_NIGHTS) in reply.text)
    first = seen.index(True)
    assert seen[first + 1: first + 7] == [False] * 6  # not again within the week
    assert seen[first + 7]  # a week later, once more
    last = max(i for i, shown in enumerate(seen) if shown)
    week = await talk.week(1, start + timedelta(days=last + 1, hours=6))
    assert words(advice.MOST_NIGHTS) not in week.text  # shown a day ago: not again
    later = await talk.week(1, start + timedelta(days=last + 7, hours=6))
    assert words(advice.MOST_NIGHTS) in later.text  # the recap checks the patterns too


def night(day: int, hour: int = 3, count: int = 1, duration: int | None = None):
    base = datetime(2026, 11, 25, hour, 0, tzinfo=LONDON)
    return (base - timedelta(days=day), count, duration)


NOW = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)


@pytest.mark.parametrize(("history", "expected"), [
    ([night(d) for d in range(14) if d % 7 in (0, 2, 4, 6)], {"most_nights"}),
    ([night(d) for d in range(14)], {"most_nights", "broken_sleep"}),
    ([night(d) for d in (0, 2, 4, 7, 9, 11)], set()),  # three nights a week: not "most"
    ([night(d) for d in (0, 1, 2)], {"broken_sleep"}),
    ([night(d) for d in (0, 2, 4)], set()),  # not in a row
    # 1 -> 2 -> 3 a week is a new diary, not a worsening (issue 17)
    ([night(15), night(8), night(9), night(1), night(3), night(5)], set()),
    ([night(d) for d in (14, 16, 7, 8, 10, 0, 1, 2, 3, 4)], {"getting_worse", "broken_sleep"}),
    ([night(16, duration=60), night(9, duration=120), night(2, duration=300)], {"getting_worse"}),
    ([night(3, duration=700)], {"long_cramps"}),
    ([night(3, duration=600)], set()),
    ([night(1, hour=14), night(3, hour=11)], {"daytime"}),
    ([night(1, hour=14)], set()),
    ([night(30 + d) for d in range(14)], set()),  # long ago
])
def test_pattern_rules(history: list, expected: set[str]) -> None:
    assert {a.key for a in patterns(history, NOW, LONDON)} == expected


def test_every_advice_text_has_a_source_and_no_dose() -> None:
    dose = re.compile(r"\d+\s*(?:mg|mcg|µg|ug|iu|g)\b", re.I)
    limit = "The official upper limit from supplements is 350 mg a day for adults"
    for key, item in advice.REGISTRY.items():
        assert texts()(f"source.{key}").strip(), key
        said = words(item)
        text = said.replace(limit, "") if key == "magnesium_caution" else said
        # an upper limit from medical-facts.md is a ceiling to stay under, not a dose
        text = " ".join(x for x in re.split(r"(?<=[.;:])\s+", text) if "upper limit" not in x)
        assert not dose.search(text), f"{key} states a dose"
        if "quinine" in said.lower():
            assert key == "quinine" and "warns against" in said

"""The reader's rules, one behaviour per row (parse-contract.md)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.parsing import read

MORNING = datetime(2026, 11, 25, 8, 10)  # a Wednesday
LONDON = "Europe/London"


def reading(text: str, now: datetime = MORNING, tz: str = LONDON) -> dict:
    return read(text, now, tz).to_dict()


def local(iso: str) -> str:
    return iso[:16]


@pytest.mark.parametrize(("text", "intent"), [
    ("woke up with my left foot cramping", "cramp"),
    ("Charley horse!!! right calf", "cramp"),
    ("no leg cramps tonight", "no_cramp"),
    ("didn't have any cramps", "no_cramp"),
    ("slept like a log", "no_cramp"),
    ("took 180 mcg of K2 this morning", "supplement"),
    ("MK7 taken", "supplement"),
    ("did 5 minutes of stretching", "stretch"),
    ("yoga 15 min", "stretch"),
    ("is the K2 working?", "recap"),
    ("show me my progress", "recap"),
    ("how many cramps this month", "recap"),
    ("scratch that", "undo"),
    ("that was a mistake", "undo"),
    ("what do I do", "help"),
    ("good morning", "smalltalk"),  # a greeting (the contract's smalltalk), not a report
    ("thank you so much", "smalltalk"),
    ("forgot my K2 yesterday", "skipped"),  # not taken: never a dose
    ("should I take magnesium?", "unknown"),
    ("delete all my data", "unknown"),
    ("took magnesium for my cramps", "supplement"),
])
def test_intent(text: str, intent: str) -> None:
    assert reading(text)["intent"] == intent


@pytest.mark.parametrize(("text", "muscle", "side"), [
    ("right hammy seized at 3", "hamstring", "right"),
    ("quad cramp 1 min mild", "thigh", None),
    ("cramp in the arch of my left foot", "foot", "left"),
    ("cramps in my calves", "calf", "both"),
    ("at 3 in the morning both feet cramped", "foot", "both"),
    ("cramp in my hand", "other", None),
    ("leg cramp at 11pm", None, None),
    ("cramo in my calv", "calf", None),
    ("R foot cramp", "foot", "right"),
    ("calf cramp right now", "calf", None),
    ("front of my thigh cramped", "thigh", None),
    ("back of my thigh cramped", "hamstring", None),
])
def test_muscle_and_side(text: str, muscle: str | None, side: str | None) -> None:
    cramp = reading(text)["cramp"]
    assert (cramp["muscle"], cramp["side"]) == (muscle, side)


def test_half_is_not_corrected_to_calf() -> None:
    cramp = reading("foot cramp half a minute")["cramp"]
    assert (cramp["muscle"], cramp["duration_s"]) == ("foot", 30)


def test_skin_is_not_corrected_to_shin() -> None:
    r = reading("calf cramp, skin looks discoloured")
    assert r["cramp"]["muscle"] == "calf" and r["red_flags"] == ["skin_change"]


@pytest.mark.parametrize(("text", "detail", "value"), [
    ("cramp for ten seconds", "duration_s", 10),
    ("calf cramp lasting a minute and a half", "duration_s", 90),
    ("one and a half minutes cramp", "duration_s", 90),
    ("cramp for 1 min 30 sec", "duration_s", 90),
    ("calf cramp 2-3 minutes", "duration_s", 150),
    ("cramp 5 to 10 mins", "duration_s", 450),
    ("cramp 90s", "duration_s", 90),
    ("calf cramp 3m bad", "duration_s", 180),
    ("calf cramp for a couple of minutes", "duration_s", 120),
    ("calf cramp a few seconds", "duration_s", 10),
    ("calf cramp, three minutes", "duration_s", 180),
    ("cramps in my calves twice last night", "count", 2),
    ("had 3 cramps overnight, left calf", "count", 3),
    ("a couple of cramps in my foot", "count", 2),
    ("calf cramp again", "count", 1),
])
def test_how_long_and_how_many(text: str, detail: str, value: int) -> None:
    assert reading(text)["cramp"][detail] == value


def test_minutes_ago_is_a_time_not_a_duration() -> None:
    cramp = reading("calf cramp 20 minutes ago")["cramp"]
    assert cramp["duration_s"] is None and local(cramp["occurred_at"]) == "2026-11-25T07:50"


@pytest.mark.parametrize(("text", "lo", "hi"), [
    ("calf cramp, pain 9/10", 9, 9),
    ("right calf cramp, 7 out of 10", 7, 7),
    ("calf cramp, pain level 4", 4, 4),
    ("calf cramp, mild", 1, 3),
    ("very mild calf cramp", 1, 2),
    ("calf cramp, sore", 4, 6),
    ("calf cramp, bad", 7, 8),
    ("calf cramp really bad", 8, 8),
    ("it was agony, left calf", 9, 10),
    ("not too painful foot cramp", 1, 3),
])
def test_severity(text: str, lo: int, hi: int) -> None:
    assert lo <= reading(text)["cramp"]["severity"] <= hi


def test_score_out_of_ten_is_not_a_date() -> None:
    cramp = reading("calf spasm, pain 9/10")["cramp"]
    assert local(cramp["occurred_at"]) == "2026-11-25T08:10"


@pytest.mark.parametrize(("text", "now", "at"), [
    # a clock time without a date is its most recent past occurrence
    ("cramp at 3am", datetime(2026, 11, 25, 2, 0), "2026-11-24T03:00"),
    ("cramp at 1am", datetime(2026, 11, 25, 2, 0), "2026-11-25T01:00"),
    # night words bind to the night just passed
    ("cramp last night around 2", MORNING, "2026-11-25T02:00"),
    ("cramp last night at 11", MORNING, "2026-11-24T23:00"),
    ("calf cramp last night", MORNING, "2026-11-25T03:00"),
    # a bare hour in a night report is a night hour
    ("calf cramp at 5", datetime(2026, 11, 25, 18, 0), "2026-11-25T05:00"),
    ("calf cramp at 5pm", datetime(2026, 11, 25, 18, 0), "2026-11-25T17:00"),
    # "Tuesday night at 2am" is early Wednesday
    ("Tuesday night at 2am calf cramp", datetime(2026, 11, 25, 9, 0), "2026-11-25T02:00"),
    ("calf cramp the night before last at 3", MORNING, "2026-11-24T03:00"),
    ("calf cramp in the early hours", MORNING, "2026-11-25T03:00"),
    ("calf cramp tonight", datetime(2026, 11, 25, 23, 30), "2026-11-25T23:30"),
    ("calf cramp earlier tonight at 11", datetime(2026, 11, 25, 23, 30), "2026-11-25T23:00"),
    ("calf cramp yesterday afternoon", MORNING, "2026-11-24T14:30"),
    ("calf cramp at half past 3", MORNING, "2026-11-25T03:30"),
    ("calf cramp around quarter to 4", MORNING, "2026-11-25T03:45"),
    ("calf cramp at three thirty", MORNING, "2026-11-25T03:30"),
    ("calf cramp at three a.m.", MORNING, "2026-11-25T03:00"),
    ("calf cramp about 4 o'clock", MORNING, "2026-11-25T04:00"),
    ("calf cramp on the 23rd at 4am", MORNING, "2026-11-23T04:00"),
    ("calf cramp nov 22 at 3am", MORNING, "2026-11-22T03:00"),
    ("took magnesium before bed", datetime(2026, 11, 25, 9, 0), "2026-11-24T22:30"),
    ("took magnesium before bed", datetime(2026, 11, 25, 22, 40), "2026-11-25T22:40"),
])
def test_time(text: str, now: datetime, at: str) -> None:
    r = reading(text, now)
    section = r["cramp"] or (r["supplements"] or [{}])[0]
    assert local(section.get("occurred_at") or section.get("taken_at")) == at


def test_never_in_the_future() -> None:
    now = datetime(2026, 11, 25, 2, 0)
    for text in ("cramp at 3am", "cramp at 4", "cramp this evening", "cramp at 23:00"):
        at = datetime.fromisoformat(reading(text, now)["cramp"]["occurred_at"])
        assert at.replace(tzinfo=None) <= now, text


def test_hours_ago_across_the_autumn_fold_counts_real_hours() -> None:
    # London, 25 Oct 2026: 02:00 BST becomes 01:00 GMT. 09:00 GMT minus 8 h is 01:00 GMT.
    at = reading("calf cramp 8 hours ago", datetime(2026, 10, 25, 9, 0))["cramp"]["occurred_at"]
    assert at == "2026-10-25T01:00:00+00:00"


def test_time_in_the_spring_gap_moves_forward() -> None:
    # London, 29 Mar 2026: 01:00 GMT becomes 02:00 BST; 01:30 does not exist.
    at = reading("calf cramp at 1:30am", datetime(2026, 3, 29, 9, 0))["cramp"]["occurred_at"]
    assert at == "2026-03-29T02:30:00+01:00"


def test_new_york_spring_gap() -> None:
    at = read("calf cramp at 2:30am", datetime(2026, 3, 8, 9, 0), "America/New_York")
    assert at.cramp is not None and at.cramp.occurred_at.isoformat() == "2026-03-08T03:30:00-04:00"


@pytest.mark.parametrize(("text", "flags"), [
    ("the calf is swollen and hot after the cramp", ["swelling", "warmth"]),
    ("cramp in calf, no swelling or redness", []),
    ("calf cramp, leg not swollen but it's red", ["redness"]),
    ("calf cramp and i'm short of breath", ["breathless"]),
    ("left calf cramp, pins and needles", ["numbness"]),
    ("calf cramp, hot water bottle helped", []),
    ("calf cramp and chest pain", ["chest_pain"]),
    ("no fever, calf cramp", []),
])
def test_red_flags(text: str, flags: list[str]) -> None:
    assert sorted(reading(text)["red_flags"]) == sorted(flags)


def test_several_supplements_with_their_amounts() -> None:
    items = reading("took K2 180mcg and magnesium 300 mg")["supplements"]
    assert [(s["name"], s["amount"], s["unit"]) for s in items] == [
        ("vitamin_k2", 180, "mcg"), ("magnesium", 300, "mg")]


@pytest.mark.parametrize("text", ["", "   ", "🙂", "\u200b\u200b", "\x00\x01", "مرحبا", "你好"])
def test_nothing_understood_is_unknown_with_low_confidence(text: str) -> None:
    r = reading(text)
    assert r["intent"] == "unknown" and r["confidence"] < 0.5


def test_unsure_cramp_has_low_confidence() -> None:
    assert reading("ouch, my leg")["confidence"] < 0.5
    assert reading("calf cramp 3 min")["confidence"] > 0.9
    hurts = reading("my leg hurts")  # pain said, no cramp: a symptom, never a cramp 7/10
    assert hurts["intent"] == "symptom" and hurts["cramp"] is None


def test_about_forty_seconds_is_a_duration_not_four_oclock() -> None:
    cramp = reading("calf cramped up, medium pain, about 40 seconds")["cramp"]
    assert cramp["duration_s"] == 40 and local(cramp["occurred_at"]) == "2026-11-25T08:10"


def test_minutes_before_bed_is_still_a_duration() -> None:
    stretch = reading("stretched my calves for 5 mins before bed")["stretch"]
    assert stretch["minutes"] == 5


def test_an_amount_belongs_to_one_supplement_only() -> None:
    items = reading("took vitamin B12 1000 mcg and D3")["supplements"]
    assert [(s["name"], s["amount"]) for s in items] == [("vitamin_b", 1000), ("vitamin_d", None)]


def test_good_night_alone_is_a_greeting_not_a_report() -> None:
    assert reading("good night")["intent"] == "smalltalk"
    assert reading("had a good night")["intent"] == "no_cramp"


def test_number_words_do_not_hide_undo() -> None:
    assert reading("wrong one, delete")["intent"] == "undo"


@pytest.mark.parametrize("text", ["calf cramp on 31 Dec 9999", "calf cramp on 1 Jan 0001",
                                  "calf cramp on 3 Jan 1990"])
def test_a_date_outside_the_last_year_is_asked_about_not_stored(text: str) -> None:
    r = reading(text)
    assert r["intent"] == "cramp" and r["confidence"] < 0.5  # "Was that a cramp?" first
    assert local(r["cramp"]["occurred_at"]) == "2026-11-25T08:10"

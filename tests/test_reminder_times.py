"""When reminders are due: local wall-clock time, across DST, on chosen days."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.reminders import DAILY, next_due, parse_clock, parse_days, parse_request

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_daily_reminder_fires_at_local_time_in_winter_and_summer() -> None:
    assert next_due(time(21, 30), DAILY, LONDON, utc(2026, 1, 10, 12)) == utc(2026, 1, 10, 21, 30)
    assert next_due(time(21, 30), DAILY, LONDON, utc(2026, 7, 10, 12)) == utc(2026, 7, 10, 20, 30)


def test_just_after_it_fired_the_next_is_tomorrow() -> None:
    due = next_due(time(21, 30), DAILY, LONDON, utc(2026, 1, 10, 21, 30))
    assert due == utc(2026, 1, 11, 21, 30)


@pytest.mark.parametrize(("zone", "day", "at", "expected"), [
    # London springs forward 29 Mar 2026 at 01:00 GMT -> 02:00 BST: 01:30 does not exist
    (LONDON, (2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 0)),  # 02:00 BST
    # New York springs forward 8 Mar 2026 at 02:00 EST -> 03:00 EDT
    (NEW_YORK, (2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 0)),  # 03:00 EDT
])
def test_a_time_in_the_spring_gap_fires_at_the_first_valid_minute(zone, day, at, expected) -> None:
    before = datetime(*day, 0, 0, tzinfo=zone)
    assert next_due(at, DAILY, zone, before) == expected


@pytest.mark.parametrize(("zone", "day", "at"), [
    (LONDON, (2026, 10, 25), time(1, 30)),  # 01:30 happens twice
    (NEW_YORK, (2026, 11, 1), time(1, 30)),
])
def test_a_time_in_the_autumn_fold_fires_once(zone, day, at) -> None:
    start = datetime(*day, 0, 0, tzinfo=zone)
    first = next_due(at, DAILY, zone, start)
    second = next_due(at, DAILY, zone, first)
    assert first.astimezone(zone).date() == start.date()
    assert second.astimezone(zone).date() > start.date()  # not again an hour later


def test_the_day_after_a_dst_change_keeps_the_wall_time() -> None:
    due = next_due(time(21, 30), DAILY, LONDON, utc(2026, 3, 29, 12))
    assert due.astimezone(LONDON).strftime("%H:%M") == "21:30"
    due = next_due(time(7, 0), DAILY, NEW_YORK, utc(2026, 11, 1, 12))
    assert due.astimezone(NEW_YORK).strftime("%d %H:%M") == "02 07:00"


def test_chosen_days_only() -> None:
    mon_wed = parse_days(["mon", "wed"])
    assert mon_wed is not None
    # Tuesday 24 Nov 2026 noon -> Wednesday 25 Nov
    due = next_due(time(9, 0), mon_wed, LONDON, utc(2026, 11, 24, 12))
    assert due == utc(2026, 11, 25, 9, 0)
    due = next_due(time(9, 0), mon_wed, LONDON, due)
    assert due == utc(2026, 11, 30, 9, 0)


def test_a_far_east_zone() -> None:
    auckland = ZoneInfo("Pacific/Auckland")  # UTC+13 in November
    due = next_due(time(22, 0), DAILY, auckland, utc(2026, 11, 25, 0))
    assert due == utc(2026, 11, 25, 9, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("21:30", time(21, 30)), ("9:30pm", time(21, 30)), ("2130", time(21, 30)),
    ("9pm", time(21, 0)), ("07.15", time(7, 15)), ("24:00", time(0, 0)),
    ("25:00", None), ("21:61", None), ("13pm", None), ("soon", None), ("", None),
])
def test_parse_clock(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


def test_parse_request() -> None:
    names = {"k2": "vitamin_k2", "magnesium": "magnesium"}
    r = parse_request("K2 21:30", names)
    assert not isinstance(r, str) and (r.kind, r.what, r.at) == ("supplement", "vitamin_k2", time(21, 30))
    r = parse_request("stretch 22:00", names)
    assert not isinstance(r, str) and (r.kind, r.what) == ("stretch", "stretch")
    r = parse_request("fish oil 8am weekdays", names)
    assert not isinstance(r, str) and (r.what, r.label, r.days) == ("other", "fish oil", 0b0011111)
    assert isinstance(parse_request("K2", names), str)
    assert isinstance(parse_request("K2 21:30 someday", names), str)
    assert isinstance(parse_request("21:30", names), str)

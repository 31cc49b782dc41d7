"""Everyday use: time zones as people give them, times that are not times."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import available_timezones

import pytest

import bot
from bot.router import Incoming, Router
from bot.zones import find_zone, zone, zone_statement

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)



@pytest.mark.parametrize(("typed", "expected"), [
    ("UTC+5:30", "UTC+5:30"), ("utc-3:30", "UTC-3:30"), ("UTC+2", "UTC+2"), ("+5.30", "UTC+5:30"),
    ("GMT-3", "UTC-3"), ("UTC+5:45", "UTC+5:45"), ("UTC+0", "UTC"),
    ("UTC+15", None), ("UTC+5:20", None), ("berlin", "Europe/Berlin"),
])
def test_offsets_are_kept_as_typed(typed: str, expected: str | None) -> None:
    assert find_zone(typed) == expected


def test_a_half_hour_offset_is_a_real_zone() -> None:
    assert datetime(2026, 1, 1, 12, tzinfo=UTC).astimezone(zone("UTC+5:30")).hour == 17
    assert datetime(2026, 1, 1, 12, tzinfo=UTC).astimezone(zone("UTC-3:30")).minute == 30


@pytest.mark.parametrize(("typed", "expected"), [
    ("NYC", "America/New_York"), ("Scotland", "Europe/London"), ("est", "America/New_York"),
    ("mexico city", "America/Mexico_City"), ("kiev", "Europe/Kyiv"), ("atlantis", None),
])
def test_places_that_are_not_zone_names(typed: str, expected: str | None) -> None:
    assert find_zone(typed) == expected


def test_every_listed_place_names_one_real_zone() -> None:
    """A typo in zones.toml would set people's reminders by a zone that does not exist; a
    place under two zones would silently take the later one."""
    listed = tomllib.loads((Path(bot.__file__).parent / "zones.toml").read_text("utf-8"))
    names = [name for places in listed.values() for name in places]
    assert set(listed) <= available_timezones() | {"Etc/UTC"}
    assert len(names) == len(set(names))
    assert all(name == name.lower().strip() for name in names)


@pytest.mark.parametrize(("said", "expected"), [
    ("I'm in Berlin", "Europe/Berlin"), ("we live near Chicago.", "America/Chicago"),
    ("my time zone is UTC+2", "UTC+2"), ("i am in New York", "America/New_York"),
    ("I'm in pain", None), ("i'm in bed", None), ("calf cramp in berlin", None),
])
def test_a_zone_said_in_words(said: str, expected: str | None) -> None:
    assert zone_statement(said) == expected


async def test_timezone_offsets_are_shown_as_typed_and_used(talk: Router) -> None:
    reply = await talk.timezone(1, "UTC+5:30", NOON)
    assert "Time zone set to UTC+5:30" in reply.text and "17:30" in reply.text
    assert "Etc/GMT" not in reply.text and "does not change for summer time" in reply.text
    logged = await talk.on_text(Incoming(1, "calf cramp at 3am", NOON))
    assert "03:00" in logged.text  # the user's 3 a.m., in their offset


async def test_im_in_berlin_sets_the_zone(talk: Router) -> None:
    reply = await talk.on_text(Incoming(1, "I'm in Berlin", NOON))
    assert "Time zone set to Europe/Berlin" in reply.text and "13:00" in reply.text


async def test_a_time_that_is_not_one_is_named(talk: Router) -> None:
    reply = await talk.remind(1, "K2 25:00", NOON)
    assert reply.text.startswith("25:00 is not a time of day")
    assert "Tell me what and when" in (await talk.remind(1, "K2", NOON)).text

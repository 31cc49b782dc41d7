"""What people type for a time zone -> an IANA zone name (pure)."""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta, timezone, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
_NAME = re.compile(r"^UTC([+-])(\d{1,2})(?::(\d{2}))?$")  # our own name for a fixed offset
# "I'm in Berlin", "we live near Lyon", "my time zone is UTC+2", "timezone: Chicago"
_STATEMENT = re.compile(
    r"^\s*(?:i'?m|i am|we'?re|we are|i live|we live|i'?m living|i'?m based|based|living|currently)"
    r"\s+(?:in|near|at)\s+(?P<place>[a-z][a-z .'/_-]{1,40}?)\s*[.!]*\s*$|"
    r"^\s*(?:my |our )?time ?zone(?: is|:)?\s+(?P<zone>[a-z0-9][a-z0-9 .'/_+:-]{0,40}?)\s*[.!]*\s*$",
    re.I)


@lru_cache(maxsize=256)
def zone(name: str) -> tzinfo:
    """The tzinfo for a stored zone name: an IANA zone, or a fixed offset such as
    "UTC+5:30" (kept as the person typed it; IANA has no name for half hours)."""
    m = _NAME.match(name)
    if m is None:
        return ZoneInfo(name)
    offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    return timezone(offset if m.group(1) == "+" else -offset, name)


@cache
def cities() -> dict[str, str]:
    """Well-known places that are not themselves the name of an IANA zone (zones.toml,
    a zone with the names people type for it) -> the zone."""
    with (Path(__file__).parent / "zones.toml").open("rb") as f:
        return {name: tz for tz, names in tomllib.load(f).items() for name in names}


def is_fixed(name: str) -> bool:
    """A zone that does not follow summer time (an offset, not a place)."""
    return bool(_NAME.match(name)) or name.startswith("Etc/GMT")


def zone_statement(text: str) -> str | None:
    """The zone someone names in words ("I'm in Berlin"), if it is one we know."""
    m = _STATEMENT.match(text)
    if m is None:
        return None
    return find_zone(m.group("place") or m.group("zone") or "")


@lru_cache(maxsize=1)
def _zone_index() -> dict[str, str]:
    """Lower-case full names and city parts of every IANA zone -> the zone name."""
    index: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/", "posix/", "right/")) or "/" not in name:
            continue
        index.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        index.setdefault(city, name)
    return index


def find_zone(text: str) -> str | None:
    """An IANA zone for "Europe/London", "london", "New York", "UTC+2"; None if unknown.

    An offset ("UTC+2", "UTC-3:30", "+5:30") is kept as a fixed offset named as typed,
    "UTC+2" (not POSIX's inverted Etc/GMT-2); it does not follow daylight saving, which
    the answer says.
    """
    query = " ".join(text.strip().lower().replace("_", " ").split())
    if not query:
        return None
    if query in ("utc", "gmt", "z", "etc/utc"):
        return "UTC"
    m = _OFFSET.match(query.replace(" ", ""))
    if m:
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes not in (0, 15, 30, 45) or (hours == 14 and minutes):
            return None
        if hours == minutes == 0:
            return "UTC"
        return f"UTC{m.group(1)}{hours}" + (f":{minutes:02d}" if minutes else "")
    place = cities().get(query)
    if place is not None:
        return place
    index = _zone_index()
    for key in (query, query.replace(" ", "/"), query.replace("/", " ").rsplit(" ", 1)[-1]):
        if key.replace(" ", "_") in index:
            return index[key.replace(" ", "_")]
        if key in index:
            return index[key]
    try:  # last: the text as given (zoneinfo raises on anything odd)
        ZoneInfo(text.strip())
    except Exception:
        return None
    return text.strip()

"""What people type for a time zone -> an IANA zone name (pure)."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

# Well-known cities that are not themselves the name of an IANA zone.
CITIES: dict[str, str] = {
    "new york": "America/New_York", "nyc": "America/New_York", "boston": "America/New_York",
    "washington": "America/New_York", "miami": "America/New_York",
    "atlanta": "America/New_York", "philadelphia": "America/New_York",
    "chicago": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "austin": "America/Chicago", "denver": "America/Denver",
    "phoenix": "America/Phoenix", "los angeles": "America/Los_Angeles",
    "la": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles", "portland": "America/Los_Angeles",
    "montreal": "America/Toronto", "ottawa": "America/Toronto",
    "calgary": "America/Edmonton", "honolulu": "Pacific/Honolulu", "hawaii": "Pacific/Honolulu",
    "uk": "Europe/London", "england": "Europe/London", "scotland": "Europe/London",
    "wales": "Europe/London", "edinburgh": "Europe/London", "manchester": "Europe/London",
    "birmingham": "Europe/London", "glasgow": "Europe/London", "cardiff": "Europe/London",
    "ireland": "Europe/Dublin", "france": "Europe/Paris", "germany": "Europe/Berlin",
    "munich": "Europe/Berlin", "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "spain": "Europe/Madrid", "barcelona": "Europe/Madrid", "italy": "Europe/Rome",
    "milan": "Europe/Rome", "netherlands": "Europe/Amsterdam", "holland": "Europe/Amsterdam",
    "switzerland": "Europe/Zurich", "geneva": "Europe/Zurich", "austria": "Europe/Vienna",
    "india": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "beijing": "Asia/Shanghai",
    "china": "Asia/Shanghai", "japan": "Asia/Tokyo", "osaka": "Asia/Tokyo",
    "melbourne": "Australia/Melbourne", "canberra": "Australia/Sydney",
    "new zealand": "Pacific/Auckland", "wellington": "Pacific/Auckland",
    "cape town": "Africa/Johannesburg", "south africa": "Africa/Johannesburg",
    "israel": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem", "dubai": "Asia/Dubai",
    "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong", "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv", "moscow": "Europe/Moscow", "sao paulo": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo", "mexico city": "America/Mexico_City", "mexico": "America/Mexico_City",
    "gmt": "Etc/UTC", "utc": "Etc/UTC", "bst": "Europe/London", "cet": "Europe/Paris",
    "est": "America/New_York", "edt": "America/New_York", "cst": "America/Chicago",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "mst": "America/Denver",
}
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
    if query in CITIES:
        return CITIES[query]
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

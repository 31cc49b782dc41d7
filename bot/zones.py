"""What people type for a time zone -> an IANA zone name (pure)."""

from __future__ import annotations

import re
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
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(00))?$")


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

    Whole-hour offsets become Etc/GMT zones (whose sign is inverted by POSIX);
    they do not follow daylight saving, which the answer should say.
    """
    query = " ".join(text.strip().lower().replace("_", " ").split())
    if not query:
        return None
    if query in ("utc", "gmt", "z", "etc/utc"):
        return "UTC"
    m = _OFFSET.match(query.replace(" ", ""))
    if m:
        hours = int(m.group(2))
        if hours == 0:
            return "UTC"
        if hours <= 14:
            sign = "-" if m.group(1) == "+" else "+"
            return f"Etc/GMT{sign}{hours}"
        return None
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

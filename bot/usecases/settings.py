"""Settings: the greeting's facts, the time zone, forgetting everything."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ..zones import find_zone
from . import reminders
from .results.settings import Forgotten, Started, ZoneSet, ZoneShown, ZoneUnknown
from .unit import Unit


def start(u: Unit, first_name: str) -> Started:
    return Started(first_name, u.has_timezone, u.tz_name)


async def set_zone(u: Unit, query: str, now: datetime) -> ZoneSet | ZoneShown | ZoneUnknown:
    """Set the zone from a name, a city or an offset; every reminder keeps its local time."""
    if not query.strip():
        return ZoneShown(u.tz_name)
    name = find_zone(query)
    if name is None:
        return ZoneUnknown(query)
    ZoneInfo(name)  # raises for an unknown zone
    first = not u.has_timezone
    await u.users.set_tz(u.user, name)
    await reminders.move_all(u, now)
    started = await reminders.first_zone_set(u, now) if first else False
    return ZoneSet(name, first, started)


async def forget(u: Unit) -> Forgotten:
    await u.users.delete(u.user)
    return Forgotten()

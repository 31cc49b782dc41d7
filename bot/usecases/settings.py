"""Settings: the greeting's facts, the time zone, forgetting everything."""

from __future__ import annotations

from datetime import datetime

from ..languages import language_of
from ..zones import find_zone, zone
from . import reminders
from .results.settings import Forgotten, LanguageSet, Started, ZoneSet, ZoneShown, ZoneUnknown
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
    zone(name)  # raises for an unknown zone
    first = not u.has_timezone
    await u.users.set_tz(u.user, name)
    await reminders.move_all(u, now)
    started = await reminders.first_zone_set(u, now) if first else False
    return ZoneSet(name, first, started)


async def forget(u: Unit) -> Forgotten:
    await u.users.delete(u.user)
    return Forgotten()


async def remember_language(u: Unit, code: str | None) -> None:
    """On first contact, the language Telegram says the person uses (if we speak it)."""
    if u.user.language is None and (language := language_of(code)) is not None:
        await u.users.update(u.user, language=language)


async def set_language(u: Unit, language: str) -> LanguageSet:
    await u.users.update(u.user, language=language)
    return LanguageSet(language)

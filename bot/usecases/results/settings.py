"""Results of the settings: greeting, time zone, forgetting."""

from __future__ import annotations

from ...values import frozen


@frozen
class Started:
    first_name: str
    has_zone: bool
    tz_name: str


@frozen
class ZoneShown:
    tz_name: str


@frozen
class ZoneUnknown:
    query: str


@frozen
class ZoneSet:
    tz_name: str
    first: bool  # the first zone this user set: the set-up follows
    checkin_started: bool  # the morning check-in and weekly recap were switched on


@frozen
class Forgotten:
    pass


@frozen
class LanguageSet:
    language: str

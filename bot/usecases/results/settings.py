"""Results of the settings: greeting, time zone, forgetting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Started:
    first_name: str
    has_zone: bool
    tz_name: str


@dataclass(frozen=True, slots=True)
class ZoneShown:
    tz_name: str


@dataclass(frozen=True, slots=True)
class ZoneUnknown:
    query: str


@dataclass(frozen=True, slots=True)
class ZoneSet:
    tz_name: str
    first: bool  # the first zone this user set: the set-up follows
    checkin_started: bool  # the morning check-in and weekly recap were switched on


@dataclass(frozen=True, slots=True)
class Forgotten:
    pass


@dataclass(frozen=True, slots=True)
class LanguageSet:
    language: str

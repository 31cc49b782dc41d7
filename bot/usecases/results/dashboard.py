"""Results of the dashboard (the Mini App): the same numbers the chat says, at a glance."""

from __future__ import annotations

from datetime import date

from ...kinds import Entry
from ...values import frozen
from .recap import WeekRecap
from .trial import TrialInfo


@frozen
class Night:
    night: date  # the evening the night began
    cramps: int | None  # None: no data; 0: a cramp-free night


@frozen
class Summary:
    week: WeekRecap  # what /week says (without marking advice shown: reading changes nothing)
    nights: list[Night]  # the calendar, oldest first, whole weeks from a Monday night
    trial: TrialInfo | None  # a running trial
    trial_night: int | None  # its current period's night (from 1)
    language: str
    tz: str


@frozen
class EntryPage:
    entries: list[Entry]  # newest first
    offset: int
    more: bool

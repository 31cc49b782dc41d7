"""Reminders, the pure part: when the next one is due, what a request means.

No words here: what a person reads about reminders is in the catalogue
(`bot/talk/texts/en/reminders.toml`), worded by `bot.talk.reminders`.

Reminders fire at a local wall-clock time in the user's zone. On the spring-forward
day a time that does not exist fires at the first valid minute after it; on the
fall-back day a time that happens twice fires once (the first time).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .values import frozen

DAILY = 0b1111111  # bit 0 Monday ... bit 6 Sunday
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LATE_LIMIT = timedelta(hours=1)  # later than this after a downtime: skipped, not sent
FOLLOW_UP_AFTER = timedelta(hours=1)
ANSWERED_WINDOW = timedelta(hours=1)  # "took my K2" this long before: counts as taken

KIND_SUPPLEMENT, KIND_STRETCH, KIND_CHECKIN = "supplement", "stretch", "checkin"
KIND_RECAP = "recap"  # the automatic weekly recap rides on the same machinery
KIND_TRIAL = "trial"  # a /trial's clock: due when its current period ends
SUNDAY = 1 << 6


def too_late(kind: str, due: datetime, now: datetime) -> bool:
    """Due over LATE_LIMIT ago (a downtime): noted as missed, not sent. A trial's step is
    sent late, never skipped: the trial waits on it."""
    return kind != KIND_TRIAL and now - due > LATE_LIMIT


WEEKDAYS, WEEKENDS = 0b0011111, 0b1100000

# The times offered by buttons: "Change time", and the set-up's steps.
TIME_CHOICES = (time(20), time(20, 30), time(21), time(21, 30), time(22), time(22, 30), time(23))
SUPPLEMENT_TIMES = (time(8), time(9), time(12), time(18), time(20), time(21), time(21, 30),
                    time(22))
BEDTIME_TIMES = (time(21), time(21, 30), time(22), time(22, 30), time(23))
MORNING_TIMES = (time(7), time(8), time(9), time(10))
DEFAULT_CHECKIN = time(8, 0)  # turned on with the first time zone
DEFAULT_RECAP = time(19, 0)  # Sundays

# What a reminder made by taps is called in the diary (its `label`, kept with the
# entries it logs as "<label> (reminder)"): stored data, as a typed label would be.
SETUP_LABELS = {"vitamin_k2": "Vitamin K2", "magnesium": "Magnesium", "vitamin_b": "Vitamin B"}


def exists(naive: datetime, zone: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def wall_time(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant a wall-clock time happens on `day`: the first valid minute after a
    time in the spring gap; the first of the two in the autumn fold."""
    naive = datetime.combine(day, at)
    for _ in range(24 * 60):
        if exists(naive, zone):
            return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
        naive += timedelta(minutes=1)
    raise ValueError(f"no valid time after {day} {at} in {zone}")  # pragma: no cover


def next_due(at: time, days: int, zone: ZoneInfo, after: datetime) -> datetime:
    """The first occurrence strictly after `after` (aware), in UTC."""
    if not days & DAILY:
        raise ValueError("a reminder needs at least one day")
    start = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(9):
        day = start + timedelta(days=offset)
        if days >> day.weekday() & 1:
            due = wall_time(day, at, zone)
            if due > after:
                return due
    raise AssertionError("unreachable: a week always has a chosen day")  # pragma: no cover


def parse_clock(text: str) -> time | None:
    """ "21:30", "9:30pm", "2130", "9pm" -> time; None if not a clock time."""
    t = text.strip().lower().replace(".", ":")
    m = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?", t)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(3) == "pm" else 0)
    elif m.group(2) is None and len(m.group(1)) <= 2 and hour > 24:
        return None
    if hour == 24 and minute == 0:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_days(words: list[str]) -> int | None:
    """ "mon wed fri", "weekdays", "daily" -> bit mask; None if a word is not a day."""
    if not words:
        return DAILY
    mask = 0
    for word in " ".join(words).lower().replace(",", " ").split():
        if word in ("daily", "every", "day", "everyday", "days"):
            mask |= DAILY
        elif word in ("weekdays", "weekday"):
            mask |= WEEKDAYS
        elif word in ("weekends", "weekend"):
            mask |= WEEKENDS
        elif word[:3] in DAY_NAMES and (len(word) == 3 or word.startswith(word[:3])):
            mask |= 1 << DAY_NAMES.index(word[:3])
        else:
            return None
    return mask or None


class RequestError(StrEnum):
    """What is wrong with a /remind request (worded by the catalogue's `remind.<code>`)."""

    NO_TIME = "no_time"  # no what-and-when: no clock time
    BAD_DAYS = "bad_days"  # a word after the time is not a day
    NO_WHAT = "no_what"  # a time but nothing to be reminded of
    BAD_TIME = "bad_time"  # something shaped like a time that is not one ("25:00")


_TIMEISH = re.compile(r"^\d{1,2}(?:[:.]\d{1,2})?\s*(?:am|pm)?$|^\d{3,4}$", re.I)


def bad_time(args: str) -> str | None:
    """The first word shaped like a clock time that is not one ("25:00", "9:75")."""
    return next((w for w in args.split() if _TIMEISH.match(w) and parse_clock(w) is None), None)


@frozen
class ReminderRequest:
    kind: str  # supplement | stretch | checkin
    what: str  # a supplement name (vitamin_k2...), "stretch" or "checkin"
    label: str  # what the user called it, for the message
    at: time
    days: int


_STRETCH_WORDS = re.compile(r"^(?:stretch\w*|exercises?|routine)$")
_CHECKIN_WORDS = re.compile(r"^(?:check-?in|checkin|morning|diary)$")
_RECAP_WORDS = re.compile(r"^(?:recap|summary|weekly(?: recap| summary)?|week)$")


def parse_request(args: str, supplement_of: dict[str, str]) -> ReminderRequest | RequestError:
    """ "/remind K2 21:30 [mon wed]" -> a request, or what is wrong with it.

    `supplement_of` maps a lower-case word to a canonical supplement name.
    """
    words = args.split()
    clock_at = next((i for i, w in enumerate(words) if parse_clock(w) is not None), None)
    if not words or clock_at is None:
        return RequestError.BAD_TIME if bad_time(args) else RequestError.NO_TIME
    what_words, at = words[:clock_at], parse_clock(words[clock_at])
    assert at is not None
    days = parse_days(words[clock_at + 1:])
    if _RECAP_WORDS.match(" ".join(what_words).lower()) and not words[clock_at + 1:]:
        days = SUNDAY  # a weekly recap is weekly unless told otherwise
    if days is None:
        return RequestError.BAD_DAYS
    label = " ".join(what_words).strip()
    if not label:
        return RequestError.NO_WHAT
    key = label.lower()
    if _STRETCH_WORDS.match(key):
        return ReminderRequest(KIND_STRETCH, "stretch", "stretching", at, days)
    if _RECAP_WORDS.match(key):
        return ReminderRequest(KIND_RECAP, "recap", "weekly recap", at, days)
    if _CHECKIN_WORDS.match(key):
        return ReminderRequest(KIND_CHECKIN, "checkin", "morning check-in", at, days)
    name = supplement_of.get(key) or supplement_of.get(key.replace(" ", ""))
    return ReminderRequest(KIND_SUPPLEMENT, name or "other", label[:40], at, days)


class SupplementNames(dict[str, str]):
    """Supplement words -> canonical names, by the reader's own vocabulary (for
    `parse_request`: "k2", "mag", "vitamin b")."""

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        from .parsing import read  # the reader is pure; imported late to keep this light

        items = read(f"took {key}", datetime(2026, 1, 1, 12), "UTC").supplements
        return items[0].name if items and items[0].name != "other" else default


def supplement_named(words: str) -> str | None:
    """A supplement's canonical name from the user's words ("k2", "mag", "vitamin b")."""
    return SupplementNames().get(words)

"""When something happened, from the words people use at night.

Pure: the prepared text, the local wall-clock `now` and the zone go in; an aware
datetime comes out. Domain rules run first (night words, bare hours, "ago",
part-of-day windows); dateparser only sees what they leave, and only when the
text has a date-looking token, because it is slow and misreads "3 min" and "at 5".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..values import frozen

UTC = ZoneInfo("UTC")

MIDDLE_OF_NIGHT = time(3, 0)
_FURTHEST_AGO = 366 * 24 * 3600  # seconds: no diary entry is from further back
BEDTIME = time(22, 30)
WINDOWS: dict[str, tuple[time, time]] = {
    "morning": (time(5), time(11)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(22)),
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_UNIT_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
}
_VAGUE = {"a few": 3, "few": 3, "a couple of": 2, "a couple": 2, "couple of": 2,
          "couple": 2, "several": 4, "some": 3}
_AGO = re.compile(
    r"\b(\d+(?:\.\d+)?|a few|few|a couple of|a couple|couple of|couple|several|some)"
    r"\s*(secs?|seconds?|mins?|minutes?|m|hrs?|hours?|h|days?|weeks?)\s+(?:ago|back|earlier)\b"
)
_JUST_NOW = re.compile(
    r"\b(?:just now|right now|moments? ago|a moment ago|just (?:had|happened|woke)|"
    r"at the moment|currently|still (?:cramping|going|happening))\b"
)
_AMPM = re.compile(
    r"(?<![\d.:/])(\d{1,2})(?:[:. ](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])"
)
_IN_THE = re.compile(r"\b(?:in the|this|at)\s+(morning|afternoon|evening|night)\b")

# the night, and of those words the ones that say it is over ("last night", not "in bed")
_PAST_NIGHT_WORDS = r"last ?night|overnight|over night|during the night|through the night"
_PAST_NIGHT = re.compile(rf"\b(?:{_PAST_NIGHT_WORDS})\b")
_NIGHT = re.compile(
    rf"\b(?:{_PAST_NIGHT_WORDS}|in the night|"
    r"in my sleep|middle of the night|mid[- ]night hours|in the (?:early|wee|small) hours|"
    r"(?:early|wee|small) hours|night time|nighttime|"
    r"(?:woke|waking|wakes|woken|awoke|awakened) (?:me )?up|(?:woke|wakes|waking) me|"
    r"in bed|asleep|sleeping|at night)\b"
)
_BEDTIME = re.compile(r"\b(?:before (?:bed|sleep|sleeping)|at bedtime|bed ?time|before i went to bed)\b")
_TONIGHT = re.compile(r"\b(?:tonight|to night|this night)\b")
_PART_OF_DAY = re.compile(
    r"\b(this|yesterday|early this|earlier this|early|in the|late|later this)?\s*"
    r"(morning|afternoon|evening)\b"
)


# "the day before yesterday", "yesterday", "today": how many days back; the first that fits
_DAYS_BACK: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b(?:the )?day before yesterday\b"), 2),
    (re.compile(r"\byesterday\b"), 1),
    (re.compile(r"\b(?:today|earlier today|this day)\b"), 0),
)


def _days_back(text: str) -> int | None:
    return next((days for pattern, days in _DAYS_BACK if pattern.search(text)), None)


@frozen
class When:
    at: datetime
    sure: bool = True
    explicit: bool = False  # the text said when (not just "now")
    far: bool = False  # a date outside the last year: now instead, and the person is asked


@frozen
class _Clock:
    hour: int
    minute: int
    meridiem: str | None  # "am" / "pm" / None (bare)


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach the zone; a wall time in a spring-forward gap becomes the first valid
    instant after it, a time repeated in the autumn fold its first occurrence."""
    aware = naive.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != naive:  # in the gap: move forward
        return back
    return aware


# ---- the ways a clock time is said: each form's pattern, then how its groups read -----
# A reading: the clock said; None: not a time after all.
_Read = _Clock | None


def _hour_minute(h: int, mi: int) -> _Read:
    """A clock that may be 24-hour: 0 or past 12 says so; 1-12 leaves am or pm open."""
    if h >= 24 or mi >= 60:
        return None
    return _Clock(h, mi, "24h" if h == 0 or h > 12 else None)


_BETWEEN = re.compile(r"\bbetween (\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.?|p\.m\.?)? and "
                      r"(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.?|p\.m\.?)?(?![\d:])"
                      r"(?!\s*(?:secs?|seconds?|mins?|minutes?|hours?|hrs?|times|cramps?|mg|mcg|iu|/|out of)\b)")


def _midway(m: re.Match[str]) -> _Read:
    """ "between 2 and 3am": the middle of the two."""
    h1, m1, h2, m2 = int(m.group(1)), int(m.group(2) or 0), int(m.group(4)), int(m.group(5) or 0)
    mer = m.group(6) or m.group(3)
    if not (1 <= h1 <= 12 and 1 <= h2 <= 12 and m1 < 60 and m2 < 60):
        return None
    a, b = h1 % 12 * 60 + m1, h2 % 12 * 60 + m2
    b += 720 if b <= a else 0
    mid = (a + b) // 2 % 720
    hour = mid // 60 or 12
    meridiem = None if mer is None else "am" if mer.startswith("a") else "pm"
    return _Clock(hour, mid % 60, meridiem)


_HALF_PAST = re.compile(r"\b(half|quarter|\d{1,2})\s+(past|after|to|before)\s+(\d{1,2})\b(?!\s*(?:mins?|minutes?))"
                        r"(?:\s*(a\.?m\.?|p\.?m\.?)(?![a-z]))?")


def _past_or_to(m: re.Match[str]) -> _Read:
    amount, rel, h = m.group(1), m.group(2), int(m.group(3))
    mins = 30 if amount == "half" else 15 if amount == "quarter" else int(amount)
    mer = None if m.group(4) is None else "am" if m.group(4).startswith("a") else "pm"
    if not (1 <= h <= 12 and mins < 60):
        return None
    if rel in ("past", "after"):
        return _Clock(h, mins, mer)
    return _Clock((h - 1) or 12, 60 - mins, mer)


def _with_meridiem(m: re.Match[str]) -> _Read:
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    mer = "am" if m.group(3).startswith("a") else "pm"
    return _Clock(h, mi, mer) if 1 <= h <= 12 and mi < 60 else None


_NAMED = re.compile(r"\b(midnight|noon|midday)\b")


def _named(m: re.Match[str]) -> _Read:
    return _Clock(0 if m.group(1) == "midnight" else 12, 0, "24h")


# "half 3" (British for 3:30)
_HALF_HOUR = re.compile(r"\bhalf (\d{1,2})\b(?!\s*(?:past|to|an?\b|hours?|hrs?|mins?|minutes?|secs?))")


def _half_hour(m: re.Match[str]) -> _Read:
    return _Clock(int(m.group(1)), 30, None) if 1 <= int(m.group(1)) <= 12 else None


# "0345", "at 2130": a 24-hour clock without a colon
_FOUR_DIGITS = re.compile(
    r"(?:\b(?:at|around|about|by|approx|roughly)\s+|@\s*|~\s*|(?<![\d.:/,]))"
    r"(0\d|1\d|2[0-3])([0-5]\d)(?![\d:])(?![.,]\d)(?!\s*(?:mg|mcg|iu|g|ml|units?|steps|cal\b|kcal|x\b))")


def _four_digits(m: re.Match[str]) -> _Read:
    first = m.group(0)[:1]
    if first.isdigit() and first != "0":  # "1130" alone may be a count; "0345", "at 1130" not
        return None
    return _hour_minute(int(m.group(1)), int(m.group(2)))


_HHMM = re.compile(r"(?<![\d.:/])(\d{1,2}):(\d{2})(?![\d:])(?!\s*(?:mins?|minutes?|m\b|secs?))")
_DOTTED = re.compile(r"(?<![\d.:/,])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.,:%])(?!\s*(?:mg|mcg|iu|g|ml|kg|lb)\b)")


def _hours_minutes(m: re.Match[str]) -> _Read:
    return _hour_minute(int(m.group(1)), int(m.group(2)))


_OCLOCK = re.compile(r"\b(\d{1,2})\s*o'?\s?clock\b")


def _oclock(m: re.Match[str]) -> _Read:
    return _Clock(int(m.group(1)), 0, None) if 1 <= int(m.group(1)) <= 12 else None


_BARE = re.compile(
    r"\b(?:at|around|about|abt|bout|round|by|near|approx(?:imately)?|roughly|~|before|after|"
    r"til|till|until|since|circa|ca\.?)\s*(\d{1,2})(?![\d,])(?:[:. ](\d{2}))?(?:\s*ish)?"
    r"(?!\s*(?:[.:]\d|secs?\b|seconds?\b|mins?\b|minutes?\b|m\b|hrs?\b|hours?\b|h\b|x\b|"
    r"times\b|cramps\b|/|out of|of 10|%|mg\b|mcg\b|iu\b|g\b|ml\b|days?\b|weeks?\b|am\b|pm\b|"
    r"a\.m|p\.m|o'?clock))"
)
_ISH = re.compile(r"\b(\d{1,2})\s*-?\s*ish\b")  # "3ish", "11-ish"


def _bare(m: re.Match[str]) -> _Read:
    """ "at 3", "around 3:30", "3ish"."""
    return _hour_minute(int(m.group(1)), int(m.group(2)) if m.re is _BARE and m.group(2) else 0)


# Tried in this order; the first form that reads as a time wins. Where a form has two
# patterns, only the first of them found is read. Half past comes before am/pm:
# "half past 11 pm" is 23:30, not 23:00.
_CLOCK_FORMS: tuple[tuple[tuple[re.Pattern[str], ...], Callable[[re.Match[str]], _Read]], ...] = (
    ((_BETWEEN,), _midway), ((_HALF_PAST,), _past_or_to), ((_AMPM,), _with_meridiem),
    ((_NAMED,), _named), ((_HALF_HOUR,), _half_hour), ((_FOUR_DIGITS,), _four_digits),
    ((_HHMM, _DOTTED), _hours_minutes), ((_OCLOCK,), _oclock), ((_BARE, _ISH), _bare),
)


def _find_clock(text: str) -> _Clock | None:
    """The clock time said, if any."""
    for patterns, read in _CLOCK_FORMS:
        m = next((found for found in (p.search(text) for p in patterns) if found), None)
        if m is not None and (clock := read(m)) is not None:
            return clock
    return None


# "the night before last", "two nights ago", "yesterday night": a night named by how far back
_NIGHT_BEFORE_LAST = re.compile(r"\b(?:the )?night before last\b")
_NIGHTS_AGO = re.compile(r"\b(\d{1,2}) nights? ago\b")
_YESTERDAY_NIGHT = re.compile(r"\byesterday (?:night|evening|at night)\b")


def _nights_back(text: str) -> int | None:
    """How many nights before last night the night named is (0: last night itself)."""
    if _NIGHT_BEFORE_LAST.search(text):
        return 1
    m = _NIGHTS_AGO.search(text)  # "two nights ago": the night before last
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1)) - 1
    m = _YESTERDAY_NIGHT.search(text)
    return 0 if m and "evening" not in m.group(0) else None


def _night_hour(h: int) -> int:
    """A bare hour in a night report: 1-6 early morning, 9-11 late evening, 12 midnight."""
    if h == 12:
        return 0
    if 9 <= h <= 11:
        return h + 12
    return h


def _most_recent(now: datetime, candidates: list[time]) -> datetime:
    best: datetime | None = None
    for t in candidates:
        at = datetime.combine(now.date(), t)
        if at > now:
            at -= timedelta(days=1)
        if best is None or at > best:
            best = at
    assert best is not None
    return best


# a weekday named: "monday night", "on tuesday", "last friday"
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?"
_WEEKDAY_NIGHT = re.compile(rf"\b(?:on |last )?({_WEEKDAY}) (night|evening|morning|afternoon)\b")
_WEEKDAY_ONLY = re.compile(rf"\b(last |on |this past )?({_WEEKDAY})\b")


def _weekday_date(today: date, name: str, strictly_before: bool) -> date:
    target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(name[:3]))
    delta = (today.weekday() - target) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return today - timedelta(days=delta)


def _hours_for(clock: _Clock, part: str | None, night_report: bool) -> list[int]:
    h = clock.hour
    if clock.meridiem == "24h":
        return [h]
    if clock.meridiem == "am":
        return [0 if h == 12 else h]
    if clock.meridiem == "pm":
        return [12 if h == 12 else h + 12]
    if part == "morning":
        return [0 if h == 12 else h]
    if part in ("afternoon", "evening"):
        return [h if h == 12 else h + 12]
    if part == "night" or night_report:
        if h in (7, 8):
            return [h, h + 12]
        return [_night_hour(h)]
    return [0 if h == 12 else h, 12 if h == 12 else h + 12]


def _clock_part(text: str) -> str | None:
    """ "at 3 in the morning", "11 at night": the meridiem said after the hour."""
    m = _IN_THE.search(text)
    return m.group(1) if m else None


def resolve(text: str, now: datetime, zone: ZoneInfo, night_report: bool) -> When:
    """When the message's event happened (see the contract's `occurred_at`)."""
    now_aware = localize(now, zone)

    m = _AGO.search(text)
    if m:
        qty_s, unit = m.group(1), m.group(2)
        qty = _VAGUE.get(qty_s) or float(qty_s)
        seconds = min(qty * _UNIT_SECONDS[unit], _FURTHEST_AGO)  # "1100000000 min ago"
        if unit.startswith("day") or unit.startswith("week"):
            day = (now - timedelta(seconds=seconds)).date()
            return _on_day(text, now, zone, day, night_report, _find_clock(text), _clock_part(text))
        # in UTC: aware arithmetic in Python is wall-clock arithmetic, wrong across DST
        at = (now_aware.astimezone(UTC) - timedelta(seconds=seconds)).astimezone(zone)
        return When(at, explicit=True)

    if _JUST_NOW.search(text) and not _AMPM.search(text):
        return When(now_aware, explicit=True)

    today = now.date()
    clock = _find_clock(text)
    part = _clock_part(text)

    # Nights, named by their morning: hours before noon fall on the morning's date.
    m = _WEEKDAY_NIGHT.search(text)
    if m:
        day = _weekday_date(today, m.group(1), strictly_before=m.group(0).startswith("last"))
        if m.group(2) == "night":
            if day == today and now.hour < 18:  # tonight has not begun: last week's
                day -= timedelta(days=7)
            return _in_night(now, zone, day + timedelta(days=1), clock, explicit=True)
        return _in_window(now, zone, day, m.group(2), clock)
    back = _nights_back(text)
    if back is not None:
        return _in_night(now, zone, today - timedelta(days=back), clock, explicit=True)

    m = _PART_OF_DAY.search(text)
    if m:
        which, part_name = (m.group(1) or "").strip(), m.group(2)
        back = _days_back(text)
        if back:  # "yesterday morning", "the day before yesterday in the evening"
            day = today - timedelta(days=back)
        else:
            wd = _WEEKDAY_ONLY.search(text)
            day = (
                _weekday_date(today, wd.group(2), bool(wd.group(1) and "last" in wd.group(1)))
                if wd else today
            )
        if which in ("early", "early this") and part_name == "morning" and clock is None:
            return _finish(now, zone, datetime.combine(day, time(5)), explicit=True)
        return _in_window(now, zone, day, part_name, clock)

    if _BEDTIME.search(text) and clock is None and 6 <= now.hour < 19:
        # "before bed" said in the day: the bedtime that has passed
        return _finish(now, zone, datetime.combine(today - timedelta(days=1), BEDTIME), True)

    if _DATE_HINT.search(text):
        found = _dateparser_fallback(text, now)
        if found is not None:
            if clock is not None:
                return _on_day(text, now, zone, found.date(), night_report, clock, part)
            return _finish(now, zone, found, explicit=True)

    if _TONIGHT.search(text):
        # the night under way: in the evening it ends tomorrow morning
        morning = today + timedelta(days=1) if now.hour >= 12 else today
        return _in_night(now, zone, morning, clock, explicit=True, under_way_ok=True)

    if _NIGHT.search(text):
        if clock is None and now.hour >= 20 and not _PAST_NIGHT.search(text):
            # "woke up with a cramp" at 23:30: the night under way, i.e. just now
            return When(localize(now, zone), explicit=True)
        return _in_night(now, zone, today, clock, explicit=True, under_way_ok=True)

    day_anchor: date | None = None
    back = _days_back(text)
    if back is not None:
        day_anchor = today - timedelta(days=back)
    else:
        wd = _WEEKDAY_ONLY.search(text)
        if wd:
            day_anchor = _weekday_date(today, wd.group(2), bool(wd.group(1) and "last" in wd.group(1)))
    if day_anchor is not None:
        return _on_day(text, now, zone, day_anchor, night_report, clock, part)

    if clock is not None:
        hours = _hours_for(clock, part, night_report)
        naive = _most_recent(now, [time(h, clock.minute) for h in hours])
        return _finish(now, zone, naive, explicit=True)

    return When(now_aware)


def _on_day(
    text: str, now: datetime, zone: ZoneInfo, day: date, night_report: bool,
    clock: _Clock | None, part: str | None,
) -> When:
    """On `day`, at the clock said (`part`: "in the morning" after it), else now's time."""
    if clock is None:
        naive = datetime.combine(day, now.time())
        return _finish(now, zone, min(naive, now), explicit=True)
    hours = _hours_for(clock, part, night_report=False)
    if len(hours) > 1 and night_report:
        hours = [_night_hour(clock.hour)] if clock.hour not in (7, 8) else hours
    options = [datetime.combine(day, time(h, clock.minute)) for h in hours]
    past = [d for d in options if d <= now]
    return _finish(now, zone, max(past) if past else min(options), explicit=True)


def _in_night(
    now: datetime, zone: ZoneInfo, morning: date, clock: _Clock | None, *, explicit: bool,
    under_way_ok: bool = False,
) -> When:
    if clock is None:
        naive = datetime.combine(morning, MIDDLE_OF_NIGHT)
        if naive > now and under_way_ok:
            # "tonight" in the evening: the night under way, i.e. now
            return When(localize(now, zone), explicit=True)
        return _finish(now, zone, naive, explicit=explicit)
    hours = _hours_for(clock, "night", night_report=True)
    if len(hours) > 1:  # 7 or 8: evening before if that is what the night holds
        hours = [hours[1]] if clock.meridiem is None else hours
    h = hours[0]
    day = morning if h < 12 else morning - timedelta(days=1)
    return _finish(now, zone, datetime.combine(day, time(h, clock.minute)), explicit=explicit)


def _in_window(
    now: datetime, zone: ZoneInfo, day: date, part: str, clock: _Clock | None,
) -> When:
    start, end = WINDOWS[part]
    if clock is not None:
        hours = _hours_for(clock, part, night_report=False)
        return _finish(now, zone, datetime.combine(day, time(hours[0], clock.minute)), True)
    lo, hi = datetime.combine(day, start), datetime.combine(day, end)
    mid = lo + (hi - lo) / 2
    if mid <= now:
        return _finish(now, zone, mid, explicit=True)
    if lo <= now:  # the window is under way: it happened just now, within it
        return When(localize(now, zone), explicit=True)
    return _finish(now, zone, mid, explicit=True)


def _finish(now: datetime, zone: ZoneInfo, naive: datetime, explicit: bool) -> When:
    """Never in the future: a day back if that lands in the past, else now, unsure. Never
    more than a year back ("31 Dec 0001"): now, unsure, so the person is asked."""
    if naive < now - timedelta(days=366) or naive > now + timedelta(days=2):
        return When(localize(now, zone), sure=False, explicit=explicit, far=True)
    if naive > now:
        earlier = naive - timedelta(days=1)
        if timedelta(0) <= now - earlier <= timedelta(hours=20):
            return When(localize(earlier, zone), sure=False, explicit=explicit)
        return When(localize(now, zone), sure=False, explicit=explicit)
    return When(localize(naive, zone), explicit=explicit)


# a date written out ("3 Nov", "the 3rd", "11/3"): only then is dateparser asked
_DATE_HINT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\s*\d|"
    r"\d\s*(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}/(?!10\b)\d{1,2}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b"
)


def _dateparser_fallback(text: str, now: datetime) -> datetime | None:
    """The long tail ("on the 21st", "nov 23 at 4am"), read by dateparser."""
    from dateparser.search import search_dates  # slow import: only when needed

    found = search_dates(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": now,
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if not found:
        return None
    for phrase, value in found:
        if _DATE_HINT.search(phrase):
            if value.time() == time(0) and not re.search(r"\d[:.]\d|am|pm|midnight", phrase):
                value = datetime.combine(value.date(), now.time())
            return value
    return None

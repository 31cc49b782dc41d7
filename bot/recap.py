"""Weekly statistics over entries (pure).

Nights are the unit, as people count them: a cramp at 03:00 on Tuesday belongs to
Monday's night. A night's date is the local date twelve hours before; a week is
seven nights, Monday's night first. A night with no entry is "no data", never
"no cramps".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from .kinds import Entry
from .stats import LEVEL, Period, RateRatio, rate_ratio
from .values import frozen

NIGHT_SHIFT = timedelta(hours=12)


@lru_cache(maxsize=8192)
def night_of(at: datetime, zone: ZoneInfo) -> date:
    """The night an instant belongs to (memoized: a recap asks about each entry often)."""
    return (at.astimezone(zone) - NIGHT_SHIFT).date()


def week_start(night: date, first_weekday: int = 0) -> date:
    return night - timedelta(days=(night.weekday() - first_weekday) % 7)


@frozen
class WeekSummary:
    start: date  # the week's first night
    cramps: int  # cramps reported (a "two cramps" entry counts 2)
    cramp_nights: int
    free_nights: int  # nights reported without cramps (and none logged)
    no_data_nights: int
    mean_severity: float | None
    total_duration_s: int
    longest_s: int | None
    nights: int = 7  # nights of the week so far (this week: up to last night)

    @property
    def logged(self) -> int:
        return self.nights - self.no_data_nights

    @property
    def per_night(self) -> float | None:
        return self.cramps / self.logged if self.logged else None


def summarize_week(entries: Iterable[Entry], start: date, zone: ZoneInfo,
                   nights: int = 7) -> WeekSummary:
    cramp_nights: set[date] = set()
    free_nights: set[date] = set()
    cramps = 0
    severities: list[int] = []
    durations: list[int] = []
    end = start + timedelta(days=nights)
    for e in entries:
        night = night_of(e.at, zone)
        if not start <= night < end:
            continue
        if e.kind == "cramp":
            cramps += e.count or 1
            cramp_nights.add(night)
            if e.severity is not None:
                severities.append(e.severity)
            if e.duration_s is not None:
                durations.append(e.duration_s)
        elif e.kind == "no_cramp":
            free_nights.add(night)
    free_nights -= cramp_nights
    return WeekSummary(
        start=start,
        cramps=cramps,
        cramp_nights=len(cramp_nights),
        free_nights=len(free_nights),
        no_data_nights=nights - len(cramp_nights) - len(free_nights),
        mean_severity=round(sum(severities) / len(severities), 1) if severities else None,
        total_duration_s=sum(durations),
        longest_s=max(durations) if durations else None,
        nights=nights,
    )


@frozen
class Recap:
    this_week: WeekSummary
    last_week: WeekSummary
    earlier_mean: float | None  # mean cramps per week over the weeks before last, with data
    earlier_weeks: int


def recap(entries: list[Entry], now: datetime, zone: ZoneInfo, earlier: int = 4) -> Recap:
    """This week against last week and against the mean of up to `earlier` weeks before."""
    today = night_of(now, zone)
    current = week_start(today)
    so_far = (today - current).days + 1  # nights still to come are not "no data"
    weeks = [
        summarize_week(entries, current - timedelta(weeks=i), zone, so_far if i == 0 else 7)
        for i in range(earlier + 2)
    ]
    with_data = [w for w in weeks[2:] if w.logged]
    logged = sum(w.logged for w in with_data)  # per logged night: a part-logged week is not a whole one
    mean = round(sum(w.cramps for w in with_data) / logged * 7, 1) if logged else None
    return Recap(weeks[0], weeks[1], mean, len(with_data))


@frozen
class WeekPoint:
    start: date
    cramps: int
    mean_severity: float | None
    nights_with_data: int


def weekly_series(entries: list[Entry], now: datetime, zone: ZoneInfo,
                  weeks: int = 12) -> list[WeekPoint]:
    """Cramps per week for the last `weeks` weeks, oldest first (for the chart)."""
    current = week_start(night_of(now, zone))
    points = []
    for i in range(weeks - 1, -1, -1):
        w = summarize_week(entries, current - timedelta(weeks=i), zone)
        points.append(WeekPoint(w.start, w.cramps, w.mean_severity, 7 - w.no_data_nights))
    return points


def supplement_starts(entries: list[Entry], zone: ZoneInfo) -> dict[str, date]:
    """The first night each supplement was logged."""
    starts: dict[str, date] = {}
    for e in sorted(entries, key=lambda e: e.at):
        if e.kind == "supplement" and e.name and e.name not in starts:
            starts[e.name] = night_of(e.at, zone)
    return starts


@frozen
class Comparison:
    """Cramps per logged night before and since a supplement was started (shown per
    week), with an interval that allows for clustering (`bot.stats`)."""

    supplement: str
    started: date
    before: Period
    after: Period
    rr: RateRatio
    weeks: int  # the look this is: 4 or 8 weeks after the start
    next_look: date | None  # when the next look comes, if any

    @property
    def before_per_week(self) -> float:
        return self.before.per_week or 0.0

    @property
    def after_per_week(self) -> float:
        return self.after.per_week or 0.0


@frozen
class Month:
    start: date  # its first night
    nights: int  # nights logged
    cramps: int
    cramp_nights: int

    @property
    def per_week(self) -> float | None:
        return self.cramps / self.nights * 7 if self.nights else None


def months(entries: list[Entry], now: datetime, zone: ZoneInfo, count: int = 12) -> list[Month]:
    """Cramps by calendar month (of the night), oldest first, per logged night."""
    today = night_of(now, zone)
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        first = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
        p = period(entries, zone, first, min(end, today + timedelta(days=1)))
        if p.nights:
            out.append(Month(first, p.nights, p.cramps, p.cramp_nights))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


MIN_NIGHTS = 14  # two weeks with data on each side before comparing
BEFORE_NIGHTS = 28  # "before" is at most the 4 weeks just before the start
GAP_NIGHTS = 14  # a dose after this many nights without one starts a new run
LOOKS = (4, 8)  # weeks after the start at which the comparison is made, and only then
# two looks share the chance of a false "fewer" (Bonferroni), halved again: people start
# after a bad spell, so the weeks before run high and ease by themselves (regression to
# the mean); at 97.5% the simulation (bench/stats_sim.py) told 5.8% of no-effect people
# "fewer", at 98.75% 4.0%
LOOK_LEVEL = 1 - (1 - LEVEL) / len(LOOKS) / 2


def nightly(entries: list[Entry], zone: ZoneInfo, first: date, end: date) -> dict[date, int]:
    """Cramps on each logged night of [first, end) (a night not logged is not in it)."""
    counts: dict[date, int] = {}
    for e in entries:
        if e.kind not in ("cramp", "no_cramp"):
            continue
        night = night_of(e.at, zone)
        if first <= night < end:
            counts[night] = counts.get(night, 0) + ((e.count or 1) if e.kind == "cramp" else 0)
    return counts


def period(entries: list[Entry], zone: ZoneInfo, first: date, end: date) -> Period:
    """Nightly cramp counts over the nights [first, end); None for a night not logged."""
    counts = nightly(entries, zone, first, end)
    days = (end - first).days
    return Period(tuple(counts.get(first + timedelta(days=i)) for i in range(max(days, 0))))


def current_run(entries: list[Entry], supplement: str, zone: ZoneInfo) -> tuple[date, date] | None:
    """(the first night of the current run of doses, the first dose-free night before it
    that "before" may use): a dose after `GAP_NIGHTS` dose-free nights starts a run, so
    earlier use never counts as "before"."""
    nights = sorted({night_of(e.at, zone) for e in entries
                     if e.kind == "supplement" and e.name == supplement})
    if not nights:
        return None
    start, previous = nights[0], None
    for a, b in pairwise(nights):
        if (b - a).days > GAP_NIGHTS:
            start, previous = b, a
    since = start - timedelta(days=BEFORE_NIGHTS)
    if previous is not None:
        since = max(since, previous + timedelta(days=1))
    return start, since


def compare(entries: list[Entry], supplement: str, started: date, now: datetime,
            zone: ZoneInfo, since: date | None = None) -> Comparison | None:
    """Before against since `started`, over logged nights only (a night not logged is
    left out, so forgetting to log never looks like an improvement).

    The comparison is made at fixed looks, 4 and 8 weeks after the start, and stays the
    same between looks: asked every week, the same data is not tested again and again
    until it happens to say "fewer"."""
    today = night_of(now, zone)
    since = since or started - timedelta(days=BEFORE_NIGHTS)
    done = [w for w in LOOKS if started + timedelta(weeks=w) <= today]
    if not done:
        return None
    weeks = done[-1]
    later = [w for w in LOOKS if w > weeks]
    next_look = started + timedelta(weeks=later[0]) if later else None
    until = started + timedelta(weeks=weeks)  # a past look: its nights are all over
    before = period(entries, zone, since, started)
    after = period(entries, zone, started, until)
    if before.nights < MIN_NIGHTS or after.nights < MIN_NIGHTS:
        return None
    rr = rate_ratio(before, after, LOOK_LEVEL)
    assert rr is not None  # both periods have logged nights
    return Comparison(supplement, started, before, after, rr, weeks, next_look)

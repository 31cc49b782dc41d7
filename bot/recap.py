"""Weekly statistics over entries (pure).

Nights are the unit, as people count them: a cramp at 03:00 on Tuesday belongs to
Monday's night. A night's date is the local date twelve hours before; a week is
seven nights, Monday's night first. A night with no entry is "no data", never
"no cramps".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from .kinds import Entry

NIGHT_SHIFT = timedelta(hours=12)


@lru_cache(maxsize=8192)
def night_of(at: datetime, zone: ZoneInfo) -> date:
    """The night an instant belongs to (memoized: a recap asks about each entry often)."""
    return (at.astimezone(zone) - NIGHT_SHIFT).date()


def week_start(night: date, first_weekday: int = 0) -> date:
    return night - timedelta(days=(night.weekday() - first_weekday) % 7)


@dataclass(frozen=True, slots=True)
class WeekSummary:
    start: date  # the week's first night
    cramps: int  # cramps reported (a "two cramps" entry counts 2)
    cramp_nights: int
    free_nights: int  # nights reported without cramps (and none logged)
    no_data_nights: int
    mean_severity: float | None
    total_duration_s: int
    longest_s: int | None


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
    )


@dataclass(frozen=True, slots=True)
class Recap:
    this_week: WeekSummary
    last_week: WeekSummary
    earlier_mean: float | None  # mean cramps per week over the weeks before last, with data
    earlier_weeks: int


def recap(entries: list[Entry], now: datetime, zone: ZoneInfo, earlier: int = 4) -> Recap:
    """This week against last week and against the mean of up to `earlier` weeks before."""
    current = week_start(night_of(now, zone))
    weeks = [
        summarize_week(entries, current - timedelta(weeks=i), zone) for i in range(earlier + 2)
    ]
    with_data = [w for w in weeks[2:] if w.no_data_nights < 7]
    mean = round(sum(w.cramps for w in with_data) / len(with_data), 1) if with_data else None
    return Recap(weeks[0], weeks[1], mean, len(with_data))


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Comparison:
    """Cramps per week before and since a supplement was started, with uncertainty."""

    supplement: str
    started: date
    before_weeks: float  # nights with data / 7
    after_weeks: float
    before_per_week: float
    after_per_week: float
    ratio: float  # after rate / before rate
    low: float  # 95% interval of the ratio
    high: float


MIN_NIGHTS = 14  # two weeks with data on each side before comparing


def compare(entries: list[Entry], supplement: str, started: date, now: datetime,
            zone: ZoneInfo, min_nights: int = MIN_NIGHTS, until: date | None = None,
            since: date | None = None) -> Comparison | None:
    """Rate ratio (Poisson, log-normal 95% interval) over nights with data only.

    A night counts when it has a cramp or a "no cramps" entry; nights with no data are
    left out, so forgetting to log never looks like an improvement. `since`/`until`
    bound the nights looked at (a trial's own periods).
    """
    import math

    today = night_of(now, zone)
    cramps: dict[date, int] = {}
    data_nights: set[date] = set()
    for e in entries:
        if e.kind not in ("cramp", "no_cramp"):
            continue
        night = night_of(e.at, zone)
        if night > today or (until and night >= until) or (since and night < since):
            continue
        data_nights.add(night)
        if e.kind == "cramp":
            cramps[night] = cramps.get(night, 0) + (e.count or 1)
    before = [n for n in data_nights if n < started]
    after = [n for n in data_nights if n >= started]
    if len(before) < min_nights or len(after) < min_nights:
        return None
    c_before = sum(cramps.get(n, 0) for n in before)
    c_after = sum(cramps.get(n, 0) for n in after)
    t_before, t_after = len(before) / 7, len(after) / 7
    # zero counts: add a half to both (the usual correction) so the interval exists
    cb, ca = (c_before + 0.5, c_after + 0.5) if 0 in (c_before, c_after) else (c_before, c_after)
    ratio = (ca / t_after) / (cb / t_before)
    spread = 1.96 * math.sqrt(1 / ca + 1 / cb)
    return Comparison(
        supplement=supplement, started=started, before_weeks=t_before, after_weeks=t_after,
        before_per_week=c_before / t_before, after_per_week=c_after / t_after,
        ratio=ratio, low=ratio * math.exp(-spread), high=ratio * math.exp(spread),
    )

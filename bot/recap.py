"""Weekly statistics over entries (pure).

Nights are the unit, as people count them: a cramp at 03:00 on Tuesday belongs to
Monday's night. A night's date is the local date twelve hours before; a week is
seven nights, Monday's night first. A night with no entry is "no data", never
"no cramps".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .entries import Entry, duration_words

NIGHT_SHIFT = timedelta(hours=12)


def night_of(at: datetime, zone: ZoneInfo) -> date:
    return (at.astimezone(zone) - NIGHT_SHIFT).date()


def week_start(night: date, first_weekday: int = 0) -> date:
    return night - timedelta(days=(night.weekday() - first_weekday) % 7)


def night_bounds(first_night: date, nights: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants [start, end) that cover `nights` nights from `first_night` (noon to noon)."""
    start = datetime.combine(first_night, time(12), tzinfo=zone)
    end = datetime.combine(first_night + timedelta(days=nights), time(12), tzinfo=zone)
    return start, end


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


def week_words(w: WeekSummary) -> str:
    if w.cramps == 0 and w.free_nights == 0:
        return "nothing logged yet."
    text = f"{w.cramps} cramp{'s' if w.cramps != 1 else ''}"
    if w.cramps:
        text += f" on {w.cramp_nights} night{'s' if w.cramp_nights != 1 else ''}"
    if w.free_nights:
        text += f", {w.free_nights} night{'s' if w.free_nights != 1 else ''} without"
    extras = []
    if w.mean_severity is not None:
        extras.append(f"average severity {w.mean_severity:g}/10")
    if w.longest_s is not None:
        extras.append(f"longest {duration_words(w.longest_s)}")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


def trend(now_count: int, before: int, label: str) -> str:
    if now_count == before:
        return f"→ The same as {label} so far." if now_count else ""
    arrow = "↓ fewer" if now_count < before else "↑ more"
    return f"{arrow} than {label} so far."

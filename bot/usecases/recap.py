"""Looking back: the weekly recap, the clinician report's data, the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

from ..kinds import EXPORT_COLUMNS, Entry, export_row
from ..recap import compare, recap, supplement_starts, weekly_series
from .logging import pattern_advice
from .results.recap import Adherence, Export, Report, WeekRecap
from .unit import Unit, to_entry


def adherence(entries: list[Entry], today: date, zone: object, days: int = 7) -> list[Adherence]:
    """On how many of the last `days` days each supplement was logged (pure)."""
    taken: dict[str, set[date]] = {}
    for e in entries:
        if e.kind == "supplement" and e.name:
            day = e.at.astimezone(zone).date()  # type: ignore[arg-type]
            if 0 <= (today - day).days < days:
                taken.setdefault(e.name, set()).add(day)
    return [Adherence(name, len(d), days) for name, d in sorted(taken.items())]


def stretch_days(entries: list[Entry], today: date, zone: object, days: int = 7) -> int:
    local = [e.at.astimezone(zone).date() for e in entries if e.kind == "stretch"]  # type: ignore[arg-type]
    return len({d for d in local if 0 <= (today - d).days < days})


async def week(u: Unit, now: datetime) -> WeekRecap:
    """This week against last week and the weeks before, supplement and stretching days,
    comparisons since each supplement was started, pattern advice due: one query for a year."""
    zone = u.zone
    today = now.astimezone(zone).date()
    history = await u.history(now, weeks=52)
    recent = [e for e in history if e.at >= now - timedelta(weeks=13)]
    comparisons = []
    for name, started in supplement_starts(history, zone).items():
        result = compare(history, name, started, now, zone)
        if result is not None:
            comparisons.append((name, result))
    return WeekRecap(
        recap=recap(recent, now, zone), adherence=adherence(recent, today, zone),
        stretch_days=stretch_days(recent, today, zone), comparisons=comparisons,
        advice=await pattern_advice(u, now, recent), series=weekly_series(recent, now, zone),
        starts=supplement_starts(recent, zone))


async def report(u: Unit, now: datetime) -> Report:
    """What the clinician report shows: the last 12 weeks."""
    zone = u.zone
    history = await u.history(now)
    rows = await u.entries.between(now - timedelta(weeks=7), now + timedelta(days=1))
    return Report(recap=recap([to_entry(r) for r in rows], now, zone),
                  series=weekly_series(history, now, zone),
                  starts=supplement_starts(history, zone), entries=history,
                  adherence=adherence(history, now.astimezone(zone).date(), zone, days=28))


async def export(u: Unit, as_json: bool) -> Export:
    """All live entries: CSV in the contract's columns (`at` local, with offset), or JSON."""
    zone = u.zone
    rows = [export_row(e, e.at.astimezone(zone).isoformat(timespec="seconds"))
            for e in map(to_entry, await u.entries.all())]
    if as_json:
        return Export(json.dumps(rows, ensure_ascii=False, indent=1), len(rows), True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_cell(name, row[name]) for name in EXPORT_COLUMNS])
    return Export(out.getvalue(), len(rows), False)


def _cell(name: str, value: object) -> object:
    if value is None:
        return ""
    if name == "amount" and float(value).is_integer():  # type: ignore[arg-type]
        return int(value)  # type: ignore[call-overload]
    if name == "red_flags":
        return ";".join(value)  # type: ignore[arg-type]
    if name == "text":
        return _inert(str(value))
    return value


def _inert(text: str) -> str:
    """User text that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's advice for CSV injection); the JSON export keeps it exactly as typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

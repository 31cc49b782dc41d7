"""Looking back: the weekly recap, the clinician report's data, the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from typing import Any

from storage import Trial

from ..advice import Advice
from ..kinds import EXPORT_COLUMNS, Entry, export_row
from ..recap import (
    Comparison,
    compare,
    current_run,
    months,
    night_of,
    recap,
    supplement_starts,
    weekly_series,
)
from . import trial
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


Spans = dict[str, tuple[date, date]]  # a trial's supplement: its nights [first, end)


def comparisons(history: list[Entry], now: datetime, zone: Any,
                trials: Spans | None = None) -> tuple[list[tuple[str, Comparison]], tuple[str, ...]]:
    """Before/since each supplement's current run, where the data allow (the one engine);
    and the supplements left to their trial: a before/after over a trial's on/off blocks
    would be a second answer to the same question, and could contradict it."""
    found, by_trial = [], []
    for name in supplement_starts(history, zone):
        run = current_run(history, name, zone)
        if run is None:
            continue
        span = (trials or {}).get(name)
        if span is not None and span[0] <= night_of(now, zone) and run[1] < span[1]:
            by_trial.append(name)  # the trial is running, or its nights are in the window
            continue
        result = compare(history, name, run[0], now, zone, since=run[1])
        if result is not None:
            found.append((name, result))
    return found, tuple(by_trial)


async def trials(u: Unit) -> tuple[Trial | None, Trial | None]:
    """The last trial that ran to its end, and the running one."""
    return await u.trials.last_ended(), await u.trials.current()


def trial_spans(*rows: Trial | None) -> Spans:
    """The nights of these trials (the last ended, the running one)."""
    spans: Spans = {}
    for row in rows:
        if row is not None and row.phase != "ineligible":  # one that never got to doses
            spans[row.supplement] = (row.first_night, trial.ends(row))
    return spans


def week_of(history: list[Entry], now: datetime, zone: Any, advice: list[Advice],
            trials: Spans | None = None) -> WeekRecap:
    """The week's recap from a year of entries (pure: the chat, the chart and the
    dashboard all say these same numbers)."""
    today = now.astimezone(zone).date()
    recent = [e for e in history if e.at >= now - timedelta(weeks=13)]
    found, by_trial = comparisons(history, now, zone, trials)
    return WeekRecap(
        recap=recap(recent, now, zone), adherence=adherence(recent, today, zone),
        stretch_days=stretch_days(recent, today, zone), comparisons=found,
        advice=advice, series=weekly_series(recent, now, zone), starts=supplement_starts(recent, zone),
        by_trial=by_trial)


async def week(u: Unit, now: datetime) -> WeekRecap:
    """This week against last week and the weeks before, supplement and stretching days,
    comparisons since each supplement was started, pattern advice due: one query for a year."""
    history = await u.history(now, weeks=52)
    recent = [e for e in history if e.at >= now - timedelta(weeks=13)]
    return week_of(history, now, u.zone, await pattern_advice(u, now, recent),
                   trial_spans(*await trials(u)))


async def report(u: Unit, now: datetime) -> Report:
    """What the clinician report shows: the whole diary's dates, its months, the last 12
    weeks in detail, supplements with their start and adherence, the same comparisons
    as /week (one engine, so the page and the chat agree)."""
    zone = u.zone
    year = await u.history(now, weeks=52)
    history = [e for e in year if e.at >= now - timedelta(weeks=13)]
    rows = await u.entries.between(now - timedelta(weeks=7), now + timedelta(days=1))
    runs = {name: run[0] for name in supplement_starts(year, zone)
            if (run := current_run(year, name, zone)) is not None}
    nights = [night_of(e.at, zone) for e in year if e.kind in ("cramp", "no_cramp")]
    last, current = await trials(u)
    return Report(recap=recap([to_entry(r) for r in rows], now, zone),
                  series=weekly_series(history, now, zone),
                  starts=supplement_starts(history, zone), entries=history,
                  adherence=adherence(history, now.astimezone(zone).date(), zone, days=28),
                  first_night=min(nights) if nights else None, months=months(year, now, zone),
                  comparisons=comparisons(year, now, zone, trial_spans(last, current))[0], runs=runs,
                  trial=await trial.finished(u, last, now) if last else None,
                  running=trial.info(current) if current else None)


async def export(u: Unit, as_json: bool) -> Export:
    """All live entries: CSV in the contract's columns (`at` local, with offset), or JSON."""
    zone = u.zone
    rows = [export_row(e, e.at.astimezone(zone).isoformat(timespec="seconds"))
            for e in map(to_entry, await u.entries.all())]
    if as_json:
        return Export(json.dumps(rows, ensure_ascii=False, indent=1), len(rows), True)
    out = io.StringIO()
    # RFC 4180's line ends: then any field holding a \r or a \n is quoted (with "\n"
    # alone, a bare \r was not, and a spreadsheet started a new row at it)
    writer = csv.writer(out, lineterminator="\r\n")
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


# what a spreadsheet skips before it looks for a formula: whitespace (\r and \n
# included), a byte-order mark, zero-width and other invisible format characters
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u180e\u00ad"
_FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\u2212"  # with fullwidth forms


def _inert(text: str) -> str:
    """User text that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's advice for CSV injection), also when the formula sign comes after spaces,
    a BOM or a zero-width character, or in its fullwidth form (＝); the JSON export
    keeps it exactly as typed."""
    start = text.lstrip(" \t\r\n\v\f\u00a0\u3000" + _INVISIBLE)
    risky = any(t[:1] != "" and t[0] in _FORMULA_STARTS for t in (text, start))
    return "'" + text if risky else text

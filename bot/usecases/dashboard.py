"""The dashboard's units of work (the Mini App): reading the diary at a glance.

Every number comes from the engine the chat uses (`bot.recap`: nights, weeks,
`weekly_series`, `period`, `compare`), composed as `recap.week` composes it; changes
go through `diary` and `reminders`, the use cases the chat's buttons use. Reading
writes nothing: unlike `/week`, pattern advice is not looked up (that marks it shown).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..kinds import Entry
from ..languages import DEFAULT_LANGUAGE
from ..recap import (
    night_of,
    period,
    week_start,
)
from .recap import trial_spans, trials, week_of
from .reminders import list_reminders
from .results.dashboard import EntryPage, Night, Summary
from .results.reminders import ReminderInfo
from .trial import status
from .unit import Unit, to_entry

CALENDAR_WEEKS = 12  # as many as the trend chart
MAX_PAGE = 50


async def summary(u: Unit, now: datetime) -> Summary:
    zone = u.zone
    history = await u.history(now, weeks=52)
    recent = [e for e in history if e.at >= now - timedelta(weeks=13)]
    last, current = await trials(u)
    week = week_of(history, now, zone, [], trial_spans(last, current))  # as /week says it
    last = night_of(now, zone)  # tonight's night, if it has begun, has no data yet
    first = week_start(last) - timedelta(weeks=CALENDAR_WEEKS - 1)
    counts = period(recent, zone, first, last + timedelta(days=1)).counts
    nights = [Night(first + timedelta(days=i), c) for i, c in enumerate(counts)]
    trial = info = None
    if current is not None:
        running = status(u, current, now)
        info, trial = running.trial, running.night
    return Summary(week, nights, info, trial, u.user.language or DEFAULT_LANGUAGE, u.tz_name)


async def entries(u: Unit, offset: int, limit: int) -> EntryPage:
    """Live entries, newest first, `limit` (at most `MAX_PAGE`) from `offset`."""
    limit = max(1, min(limit, MAX_PAGE))
    rows = await u.entries.page(max(offset, 0), limit + 1)
    return EntryPage([to_entry(r) for r in rows[:limit]], offset, len(rows) > limit)


async def entry(u: Unit, entry_id: int) -> Entry | None:
    """One of this user's live entries (None: not theirs, or gone)."""
    row = await u.entries.get(entry_id)
    return None if row is None else to_entry(row)


async def reminder(u: Unit, reminder_id: int) -> ReminderInfo | None:
    """One of this user's reminders, a trial's clock excepted (None: not theirs)."""
    listed = await list_reminders(u)
    return next((r for r in listed.reminders if r.id == reminder_id), None)

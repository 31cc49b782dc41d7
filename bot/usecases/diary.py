"""/diary: the recent entries a page at a time, and fixing any field of one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ..parsing.model import LookBack
from ..vocab import MUSCLES, SIDES
from .results.diary import Changed, Deleted, DiaryPage, FieldChoices
from .unit import Unit, to_entry

PAGE = 5
FIELDS = {  # what an edit may set, by entry kind
    "cramp": ("muscle", "side", "duration_s", "severity", "count", "at"),
    "no_cramp": ("at",),
    "supplement": ("at",),
    "stretch": ("at",),
}


PERIOD_PAGE = 10  # entries shown for a period asked for in words ("what did I log yesterday?")


async def page(u: Unit, number: int, asked: LookBack | None = None) -> DiaryPage:
    """A page of the diary, newest first; with `asked`, the entries of that period."""
    if asked is None or asked.what is None:  # the diary from the newest
        rows = await u.entries.page(number * PAGE, PAGE + 1)
        return DiaryPage([to_entry(r) for r in rows[:PAGE]], number, len(rows) > PAGE)
    assert asked.since is not None and asked.until is not None  # a period has both ends
    since = asked.since.replace(tzinfo=u.zone).astimezone(UTC)
    until = asked.until.replace(tzinfo=u.zone).astimezone(UTC)
    rows = await u.entries.page(0, PERIOD_PAGE + 1, since, until)
    last = (asked.until - timedelta(microseconds=1)).date()
    return DiaryPage([to_entry(r) for r in rows[:PERIOD_PAGE]], 0, len(rows) > PERIOD_PAGE,
                     asked.what, asked.since.date(), last)


async def choices(u: Unit, entry_id: int, field: str) -> FieldChoices:
    row = await u.entries.get(entry_id)
    entry = to_entry(row) if row is not None and field in FIELDS.get(row.kind, ()) else None
    return FieldChoices(entry, field)


def _valid(field: str, value: object, row: object, now: datetime) -> bool:
    """What a field may hold: the vocabulary's names, sane numbers, a time that has
    passed and is not long before the entry was made."""
    if field == "muscle":
        return value in MUSCLES
    if field == "side":
        return value in SIDES
    if field == "at":
        made = row.created_at  # type: ignore[attr-defined]
        return isinstance(value, datetime) and min(made, now) - timedelta(days=366) <= value <= now
    limits = {"duration_s": (1, 86_400), "severity": (1, 10), "count": (1, 20)}
    low, high = limits.get(field, (1, 0))
    return isinstance(value, int) and low <= value <= high


async def change(u: Unit, entry_id: int, field: str, value: object, now: datetime) -> Changed:
    """Set one field of one entry, if the entry's kind has it and the value makes sense."""
    row = await u.entries.get(entry_id)
    if row is None or field not in FIELDS.get(row.kind, ()) or not _valid(field, value, row, now):
        return Changed(None)
    before = to_entry(row)
    after = to_entry(await u.entries.update(row, **{field: value}))
    return Changed(after, before)


async def move(u: Unit, entry_id: int, minutes: int, now: datetime) -> Changed:
    """Move an entry's time by `minutes` (never into the future)."""
    row = await u.entries.get(entry_id)
    if row is None:
        return Changed(None)
    return await change(u, entry_id, "at", min(row.at + timedelta(minutes=minutes), now), now)


async def delete(u: Unit, entry_id: int) -> Deleted:
    row = await u.entries.get(entry_id)
    if row is None:
        return Deleted(None)
    await u.entries.soft_delete([row])
    return Deleted(to_entry(row))


async def restore(u: Unit, entry_id: int) -> Changed:
    row = await u.entries.removed(entry_id)
    if row is None:
        return Changed(None)
    restored = await u.entries.update(row, deleted_at=None)
    entry = to_entry(restored)
    return Changed(entry, replace(entry))

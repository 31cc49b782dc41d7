"""The use cases: log a reading, undo, correct, recap, export.

A `Diary` is one user's diary inside one transaction. It takes storage
repositories and returns plain values (`bot.entries.Entry`, `bot.recap.Recap`)
that any front end can render.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from storage import AdviceRepo, EntryRepo, UserRepo
from storage import models as m

from .advice import Advice, patterns
from .entries import SUPPLEMENT_NAMES, Entry
from .parsing import Reading
from .parsing.model import MUSCLES, SIDES
from .recap import Recap, recap

EXPORT_HEADER = (
    "kind", "at", "muscle", "side", "duration_s", "severity", "count", "name", "amount",
    "unit", "minutes", "source", "text",
)


def to_entry(row: m.Entry) -> Entry:
    return Entry(
        id=row.id, kind=row.kind, at=row.at, source=row.source, text=row.text,
        muscle=row.muscle, side=row.side, duration_s=row.duration_s, severity=row.severity,
        count=row.count, name=row.name, amount=row.amount, unit=row.unit, minutes=row.minutes,
        red_flags=tuple(f for f in row.red_flags.split(",") if f),
    )


@dataclass(frozen=True, slots=True)
class Logged:
    entries: list[Entry]
    duplicate: bool  # the same message was stored before: nothing new written


class Diary:
    def __init__(self, session: AsyncSession, user: m.User, default_tz: str) -> None:
        self.session = session
        self.user = user
        self.users = UserRepo(session)
        self.entries = EntryRepo(session, user)
        self.default_tz = default_tz
        # work for after the commit (e.g. drawing), so as not to hold the transaction
        self.afterwards: list[Callable[[], Awaitable[None]]] = []
        self._shown: dict[str, datetime] | None = None  # advice key -> last shown

    @property
    def tz_name(self) -> str:
        return self.user.tz or self.default_tz

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def has_timezone(self) -> bool:
        return self.user.tz is not None

    async def set_timezone(self, name: str) -> None:
        ZoneInfo(name)  # raises for an unknown zone
        await self.users.set_tz(self.user, name)

    async def log(
        self, reading: Reading, *, sent_at: datetime, text: str, source: str,
        chat_id: int | None, message_id: int | None,
    ) -> Logged:
        """Store what the reading says happened (once per message)."""
        rows = self._rows(reading, sent_at)
        common = {"text": text, "source": source, "chat_id": chat_id, "message_id": message_id,
                  "red_flags": ",".join(reading.red_flags)}
        stored, duplicate = await self.entries.add([{**common, **r} for r in rows])
        live = [to_entry(e) for e in stored if e.deleted_at is None]
        return Logged(live, duplicate)

    async def revise(
        self, reading: Reading, *, sent_at: datetime, text: str, chat_id: int, message_id: int,
        existing: list[m.Entry],
    ) -> tuple[list[Entry], str]:
        """An edited message: its entries follow the new text, in place.

        Returns the live entries and "updated", "new" (the message had stored nothing,
        so this is a first reading), or "removed" (the user had undone it: it stays
        undone; an edit never brings an entry back). `existing`: what the message stored
        (`entries.from_message`), which the caller has read already.
        """
        if not existing:
            logged = await self.log(reading, sent_at=sent_at, text=text, source="text",
                                    chat_id=chat_id, message_id=message_id)
            return logged.entries, "new"
        if all(e.deleted_at is not None for e in existing):
            return [], "removed"
        rows = self._rows(reading, sent_at)
        blank = {"muscle": None, "side": None, "duration_s": None, "severity": None,
                 "count": None, "name": None, "amount": None, "unit": None, "minutes": None}
        flags = ",".join(reading.red_flags)
        kept: list[m.Entry] = []
        for i, row in enumerate(rows):
            fields = {**blank, **row, "text": text, "red_flags": flags}
            if i < len(existing):
                if existing[i].deleted_at is None:
                    kept.append(await self.entries.update(existing[i], **fields))
            else:
                added = await self.entries.add_part(
                    {**fields, "source": "text", "chat_id": chat_id, "message_id": message_id}, i)
                kept.append(added)
        await self.entries.soft_delete([e for e in existing[len(rows):] if e.deleted_at is None])
        return [to_entry(e) for e in kept], "updated"

    def _rows(self, reading: Reading, sent_at: datetime) -> list[dict[str, Any]]:
        if reading.intent == "cramp" and reading.cramp is not None:
            c = reading.cramp
            return [{"kind": "cramp", "at": c.occurred_at, "muscle": c.muscle, "side": c.side,
                     "duration_s": c.duration_s, "severity": c.severity, "count": c.count}]
        if reading.intent == "supplement":
            return [{"kind": "supplement", "at": s.taken_at, "name": s.name, "amount": s.amount,
                     "unit": s.unit} for s in reading.supplements]
        if reading.intent == "stretch" and reading.stretch is not None:
            return [{"kind": "stretch", "at": reading.stretch.done_at,
                     "minutes": reading.stretch.minutes}]
        if reading.intent == "no_cramp":
            return [{"kind": "no_cramp", "at": self.night_just_passed(sent_at)}]
        return []

    def night_just_passed(self, sent_at: datetime) -> datetime:
        """A cramp-free night is stored at 03:00 of the night that ended this morning
        (or at `sent_at` when the night is still under way)."""
        local = sent_at.astimezone(self.zone)
        if local.hour < 6:
            return sent_at
        return datetime.combine(local.date(), time(3), tzinfo=self.zone)

    async def undo_last(self) -> list[Entry]:
        group = await self.entries.last_group()
        await self.entries.soft_delete(group)
        return [to_entry(e) for e in group]

    async def undo(self, entry_id: int) -> list[Entry]:
        """Undo the message that stored `entry_id`; [] if it is not this user's or gone."""
        row = await self.entries.get(entry_id)
        if row is None:
            return []
        group = await self.entries.group_of(row)
        await self.entries.soft_delete(group)
        return [to_entry(e) for e in group]

    async def correct(self, entry_id: int, field: str, value: str) -> Entry | None:
        """Set a cramp's muscle or side (the Edit buttons); None if it can't be."""
        allowed = {"muscle": MUSCLES, "side": SIDES}.get(field, ())
        row = await self.entries.get(entry_id)
        if row is None or row.kind != "cramp" or value not in allowed:
            return None
        return to_entry(await self.entries.update(row, **{field: value}))

    async def recap(self, now: datetime, earlier_weeks: int = 4) -> Recap:
        zone = self.zone
        since = now - timedelta(weeks=earlier_weeks + 3)
        rows = await self.entries.between(since, now + timedelta(days=1))
        return recap([to_entry(r) for r in rows], now, zone, earlier_weeks)

    async def history(self, now: datetime, weeks: int = 12) -> list[Entry]:
        """The live entries of the last `weeks` weeks (one query on the user/time index)."""
        rows = await self.entries.rows_between(now - timedelta(weeks=weeks + 1),
                                               now + timedelta(days=1))
        return [to_entry(r) for r in rows]

    def adherence(self, history: list[Entry], now: datetime, days: int = 7) -> list[str]:
        """ "Magnesium: taken on 5 of the last 7 days", one line per supplement logged."""
        zone = self.zone
        today = now.astimezone(zone).date()
        taken: dict[str, set] = {}
        for e in history:
            if e.kind == "supplement" and e.name:
                day = e.at.astimezone(zone).date()
                if 0 <= (today - day).days < days:
                    taken.setdefault(e.name, set()).add(day)
        return [f"{SUPPLEMENT_NAMES.get(name, name).capitalize()}: taken on {len(d)} of the "
                f"last {days} days" for name, d in sorted(taken.items())]

    def stretch_days(self, history: list[Entry], now: datetime, days: int = 7) -> int:
        zone = self.zone
        today = now.astimezone(zone).date()
        return len({e.at.astimezone(zone).date() for e in history if e.kind == "stretch"
                    and 0 <= (today - e.at.astimezone(zone).date()).days < days})

    async def export_json(self) -> str:
        """All live entries as a JSON list, the same fields as the CSV."""
        import json

        zone = self.zone
        rows = []
        for row in await self.entries.all():
            e = to_entry(row)
            rows.append({
                "kind": e.kind, "at": e.at.astimezone(zone).isoformat(timespec="seconds"),
                "muscle": e.muscle, "side": e.side, "duration_s": e.duration_s,
                "severity": e.severity, "count": e.count if e.kind == "cramp" else None,
                "name": e.name, "amount": e.amount, "unit": e.unit, "minutes": e.minutes,
                "source": e.source, "text": e.text, "red_flags": list(e.red_flags),
            })
        return json.dumps(rows, ensure_ascii=False, indent=1)

    async def export_csv(self) -> str:
        """All live entries, one row each, in the contract's columns (`at` local, with offset)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EXPORT_HEADER)
        zone = self.zone
        for row in await self.entries.all():
            e = to_entry(row)
            amount = "" if e.amount is None else (
                int(e.amount) if float(e.amount).is_integer() else e.amount)
            writer.writerow([
                e.kind, e.at.astimezone(zone).isoformat(timespec="seconds"), e.muscle or "", e.side or "",
                _blank(e.duration_s), _blank(e.severity),
                _blank(e.count if e.kind == "cramp" else None), e.name or "", amount,
                e.unit or "", _blank(e.minutes), e.source, _inert(e.text),
            ])
        return out.getvalue()

    async def fresh_advice(self, candidates: list[Advice], now: datetime,
                           every: timedelta | None = timedelta(days=7)) -> list[Advice]:
        """The candidates not shown within `every` (None: shown ever), now marked shown."""
        repo = AdviceRepo(self.session, self.user)
        if self._shown is None:  # read once per transaction
            self._shown = await repo.last_shown()
        fresh = []
        for item in candidates:
            seen = self._shown.get(item.key)
            if seen is None or (every is not None and now - seen >= every):
                fresh.append(item)
                await repo.shown(item.key, now)
                self._shown[item.key] = now
        return fresh

    async def pattern_advice(self, now: datetime, history: list[Entry] | None = None) -> list[Advice]:
        """Pattern rules over the last three weeks, each at most once a week."""
        if history is None:
            history = await self.history(now, weeks=3)
        since = now - timedelta(days=22)
        cramps = [(e.at, e.count or 1, e.duration_s) for e in history
                  if e.kind == "cramp" and since <= e.at <= now + timedelta(minutes=1)]
        return await self.fresh_advice(patterns(cramps, now, self.zone), now)

    async def forget(self) -> None:
        await self.users.delete(self.user)


def _inert(text: str) -> str:
    """User text that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's advice for CSV injection); the JSON export keeps it exactly as typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _blank(value: int | None) -> str | int:
    return "" if value is None else value

"""One user's diary in one transaction: the only place a storage session is opened
for a person's message, command or button press."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage import (
    AdviceRepo,
    Database,
    EntryRepo,
    HandledRepo,
    ReminderRepo,
    TrialRepo,
    UserRepo,
)
from storage import models as m

from ..advice import Advice
from ..kinds import Entry
from ..zones import zone


class AlreadyHandled(Exception):
    """This update's effect is done already (Telegram delivered it again, or the inbox
    replayed it after a crash): nothing is changed, nothing is said."""


def to_entry(row: m.Entry) -> Entry:
    return Entry(
        id=row.id, kind=row.kind, at=row.at, source=row.source, text=row.text,
        muscle=row.muscle, side=row.side, duration_s=row.duration_s, severity=row.severity,
        count=row.count, name=row.name, amount=row.amount, unit=row.unit, minutes=row.minutes,
        red_flags=tuple(f for f in row.red_flags.split(",") if f),
    )


class Unit:
    """A user and their repositories, inside one transaction."""

    def __init__(self, session: object, user: m.User, default_tz: str) -> None:
        self.user = user
        self.users = UserRepo(session)  # type: ignore[arg-type]
        self.entries = EntryRepo(session, user)  # type: ignore[arg-type]
        self.reminders = ReminderRepo(session, user)  # type: ignore[arg-type]
        self.trials = TrialRepo(session, user)  # type: ignore[arg-type]
        self._advice = AdviceRepo(session, user)  # type: ignore[arg-type]
        self._handled = HandledRepo(session)  # type: ignore[arg-type]
        self.default_tz = default_tz
        self._shown: dict[str, datetime] | None = None  # advice key -> last shown

    async def once(self, key: str) -> bool:
        """Record that what `key` names is done, with this transaction's effect; False
        if it was done already. Keys are hashed: the table holds nothing personal."""
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        return await self._handled.first_time(digest, datetime.now(UTC))

    @property
    def tz_name(self) -> str:
        return self.user.tz or self.default_tz

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.tz_name)  # type: ignore[return-value]

    @property
    def has_timezone(self) -> bool:
        return self.user.tz is not None

    def night_just_passed(self, sent_at: datetime) -> datetime:
        """A cramp-free night is stored at 03:00 of the night that ended this morning
        (or at `sent_at` when the night is still under way)."""
        local = sent_at.astimezone(self.zone)
        if local.hour < 6:
            return sent_at
        return datetime.combine(local.date(), time(3), tzinfo=self.zone)

    async def history(self, now: datetime, weeks: int = 12) -> list[Entry]:
        """The live entries of the last `weeks` weeks (one query on the user/time index)."""
        rows = await self.entries.rows_between(now - timedelta(weeks=weeks + 1),
                                               now + timedelta(days=1))
        return [to_entry(r) for r in rows]

    async def fresh_advice(self, candidates: list[Advice], now: datetime,
                           every: timedelta | None = timedelta(days=7)) -> list[Advice]:
        """The candidates not shown within `every` (None: shown ever), now marked shown."""
        if self._shown is None:  # read once per transaction
            self._shown = await self._advice.last_shown()
        fresh = []
        for item in candidates:
            seen = self._shown.get(item.key)
            if seen is None or (every is not None and now - seen >= every):
                fresh.append(item)
                await self._advice.shown(item.key, now)
                self._shown[item.key] = now
        return fresh


class Units:
    """Opens a `Unit` per message, command or press: one transaction each, committed
    before the answer is sent, so a stored entry is never lost to a failed send."""

    def __init__(self, db: Database, default_tz: str = "UTC") -> None:
        self.db = db
        self.default_tz = default_tz

    @asynccontextmanager
    async def open(self, user_id: int, once: str | None = None) -> AsyncIterator[Unit]:
        """`once`: the update this unit of work answers (see `Incoming.update_key`);
        recorded in the same transaction as its effect, and `AlreadyHandled` is raised
        (before any effect) if it was recorded already."""
        async with self.db.session() as session:
            user, _created = await UserRepo(session).get_or_create(user_id)
            unit = Unit(session, user, self.default_tz)
            if once is not None and not await unit.once(once):
                raise AlreadyHandled(once)
            yield unit

"""Repositories. Every entry query is scoped to one user: there is no other kind."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import (
    AdviceShown,
    Entry,
    Handled,
    Inbox,
    Occurrence,
    Reminder,
    Trial,
    User,
    utcnow,
)


class UserRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, telegram_id: int) -> User | None:
        result = await self.session.execute(_USER, {"telegram_id": telegram_id})
        return result.scalar_one_or_none()

    async def get_or_create(self, telegram_id: int) -> tuple[User, bool]:
        """The user, and whether they were created just now."""
        user = await self.get(telegram_id)
        if user is not None:
            return user, False
        try:
            async with self.session.begin_nested():
                user = User(telegram_id=telegram_id)
                self.session.add(user)
        except IntegrityError:  # another instance created them meanwhile
            user = await self.get(telegram_id)
            assert user is not None
            return user, False
        return user, True

    async def set_tz(self, user: User, tz: str) -> None:
        user.tz = tz
        await self.session.flush()

    async def update(self, user: User, **fields: Any) -> User:
        for name, value in fields.items():
            setattr(user, name, value)  # written with the transaction's commit
        return user

    async def delete(self, user: User) -> None:
        """The user and everything they own."""
        await self.session.execute(delete(Trial).where(Trial.user_id == user.id))
        await self.session.execute(delete(AdviceShown).where(AdviceShown.user_id == user.id))
        await self.session.execute(delete(Occurrence).where(Occurrence.user_id == user.id))
        await self.session.execute(delete(Reminder).where(Reminder.user_id == user.id))
        await self.session.execute(delete(Entry).where(Entry.user_id == user.id))
        await self.session.execute(delete(User).where(User.id == user.id))
        await self.session.execute(delete(Inbox).where(Inbox.telegram_user_id == user.telegram_id))
        self.session.info["forgot"] = True  # Database.session: SQLite's WAL is checkpointed


class EntryRepo:
    """One user's diary entries."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user

    def _mine(self) -> Any:
        return select(Entry).where(Entry.user_id == self.user.id)

    async def from_message(self, chat_id: int, message_id: int) -> list[Entry]:
        """What one message stored (undone entries included: they stay undone)."""
        result = await self.session.execute(_FROM_MESSAGE, {
            "user_id": self.user.id, "chat_id": chat_id, "message_id": message_id})
        return list(result.scalars())

    async def add(self, rows: Sequence[dict[str, Any]]) -> tuple[list[Any], bool]:
        """Store the entries of one message, once.

        Returns the entries (plain rows or Entry objects, the same attributes) and True
        when the message had been stored before (a re-delivered update): then nothing
        new is written.
        """
        if not rows:
            return [], False
        chat_id, message_id = rows[0].get("chat_id"), rows[0].get("message_id")
        values = [{**row, "user_id": self.user.id, "part": i} for i, row in enumerate(rows)]
        if chat_id is None or message_id is None:  # no message to be unique to
            entries = [Entry(**v) for v in values]
            self.session.add_all(entries)
            await self.session.flush()
            return entries, False
        # one statement: a concurrent or repeated handling of the same message inserts
        # nothing (the unique source key), and then gets what the first one stored
        entries = list((await self.session.execute(_statements(self.session).add_entries,
                                                   values)).all())
        if len(entries) == len(rows):
            return sorted(entries, key=lambda e: e.part), False
        return await self.from_message(chat_id, message_id), True

    async def add_part(self, row: dict[str, Any], part: int) -> Entry:
        """One more part of a message already stored (an edit that now says more)."""
        entry = Entry(user_id=self.user.id, part=part, **row)
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def get(self, entry_id: int) -> Entry | None:
        result = await self.session.execute(
            self._mine().where(Entry.id == entry_id, Entry.deleted_at.is_(None))
        )
        return result.scalar_one_or_none()

    async def page(self, offset: int, limit: int, since: datetime | None = None,
                   until: datetime | None = None) -> list[Entry]:
        """Live entries, newest first (by when they happened), `limit` from `offset`;
        only those that happened in [since, until) when given."""
        query = self._mine().where(Entry.deleted_at.is_(None))
        if since is not None:
            query = query.where(Entry.at >= since)
        if until is not None:
            query = query.where(Entry.at < until)
        result = await self.session.execute(
            query.order_by(Entry.at.desc(), Entry.id.desc()).offset(offset).limit(limit))
        return list(result.scalars())

    async def removed(self, entry_id: int) -> Entry | None:
        """One of this user's entries that was removed (for "Undo" after a delete)."""
        result = await self.session.execute(
            self._mine().where(Entry.id == entry_id, Entry.deleted_at.is_not(None))
        )
        return result.scalar_one_or_none()

    async def last_group(self) -> list[Entry]:
        """The newest live entry and the others stored from the same message."""
        result = await self.session.execute(
            self._mine().where(Entry.deleted_at.is_(None)).order_by(Entry.id.desc()).limit(1)
        )
        last = result.scalar_one_or_none()
        if last is None:
            return []
        return await self.group_of(last)

    async def group_of(self, entry: Entry) -> list[Entry]:
        if entry.message_id is None or entry.chat_id is None:
            return [entry]
        live = [
            e for e in await self.from_message(entry.chat_id, entry.message_id)
            if e.deleted_at is None
        ]
        return live or [entry]

    async def soft_delete(self, entries: Sequence[Entry]) -> None:
        now = utcnow()
        for entry in entries:
            entry.deleted_at = now
        await self.session.flush()

    async def update(self, entry: Entry, **fields: Any) -> Entry:
        for key, value in fields.items():
            setattr(entry, key, value)
        await self.session.flush()
        return entry

    async def between(self, start: datetime, end: datetime) -> list[Entry]:
        """Live entries with start <= at < end, oldest first."""
        result = await self.session.execute(
            self._mine()
            .where(Entry.deleted_at.is_(None), Entry.at >= start, Entry.at < end)
            .order_by(Entry.at, Entry.id)
        )
        return list(result.scalars())

    async def all(self) -> list[Entry]:
        result = await self.session.execute(
            self._mine().where(Entry.deleted_at.is_(None)).order_by(Entry.at, Entry.id)
        )
        return list(result.scalars())

    async def rows_between(self, start: datetime, end: datetime) -> list[Any]:
        """Like `between`, as plain rows (no ORM bookkeeping): for reading many at once."""
        result = await self.session.execute(
            _ROWS_BETWEEN, {"user_id": self.user.id, "start": start, "end": end})
        return list(result.all())


class ReminderRepo:
    """One user's reminders and their occurrences."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user

    async def add(self, **fields: Any) -> Reminder:
        reminder = Reminder(user_id=self.user.id, **fields)
        self.session.add(reminder)
        await self.session.flush()
        return reminder

    async def all(self) -> list[Reminder]:
        result = await self.session.execute(
            select(Reminder).where(Reminder.user_id == self.user.id)
            .order_by(Reminder.local_time, Reminder.id)
        )
        return list(result.scalars())

    async def get(self, reminder_id: int) -> Reminder | None:
        result = await self.session.execute(
            select(Reminder).where(Reminder.id == reminder_id, Reminder.user_id == self.user.id)
        )
        return result.scalar_one_or_none()

    async def update(self, row: Reminder | Occurrence, **fields: Any) -> None:
        """Change a reminder or one of its occurrences (both this user's)."""
        assert row.user_id == self.user.id
        for name, value in fields.items():
            setattr(row, name, value)  # written with the transaction's commit

    async def delete(self, reminder: Reminder) -> None:
        await self.session.execute(delete(Occurrence).where(Occurrence.reminder_id == reminder.id))
        await self.session.delete(reminder)
        await self.session.flush()

    async def occurrence_sent_as(self, message_id: int) -> int | None:
        """The occurrence whose reminder went out as this message (for a reaction)."""
        result = await self.session.execute(
            select(Occurrence.id).where(Occurrence.user_id == self.user.id,
                                        Occurrence.message_id == message_id)
            .order_by(Occurrence.id.desc()).limit(1)
        )
        return result.scalar_one_or_none()

    async def occurrence(self, occurrence_id: int) -> tuple[Occurrence, Reminder] | None:
        result = await self.session.execute(
            select(Occurrence, Reminder)
            .join(Reminder, Reminder.id == Occurrence.reminder_id)
            .where(Occurrence.id == occurrence_id, Occurrence.user_id == self.user.id)
        )
        row = result.first()
        return (row[0], row[1]) if row else None


class Schedule:
    """The scheduler's view across users: claim what is due, atomically.

    Rows are locked with FOR UPDATE SKIP LOCKED on PostgreSQL, so several instances
    share the work without taking the same row; on every backend the unique
    (reminder, due time) occurrence makes a second send impossible.
    """

    def __init__(self, session: AsyncSession, only: int | None = None) -> None:
        self.session = session
        # one user's (a Telegram id): the console serves only its own diary
        self.mine = true() if only is None else User.telegram_id == only

    async def claim_due(self, now: datetime, limit: int) -> list[tuple[Reminder, User]]:
        result = await self.session.execute(
            select(Reminder, User)
            .join(User, User.id == Reminder.user_id)
            .where(Reminder.paused.is_(False), Reminder.next_due_at <= now, self.mine)
            .order_by(Reminder.next_due_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Reminder)
        )
        return [(r, u) for r, u in result.all()]

    async def claim_resends(self, now: datetime, limit: int) -> list[tuple[Occurrence, Reminder, User]]:
        result = await self.session.execute(
            select(Occurrence, Reminder, User)
            .join(Reminder, Reminder.id == Occurrence.reminder_id)
            .join(User, User.id == Occurrence.user_id)
            .where(Occurrence.resend_at <= now, self.mine)
            .order_by(Occurrence.resend_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Occurrence)
        )
        return [(o, r, u) for o, r, u in result.all()]

    async def claim_stuck(self, older_than: datetime, limit: int) -> list[tuple[Occurrence, Reminder, User]]:
        """Occurrences claimed but never confirmed sent (a crash or a failed send)."""
        result = await self.session.execute(
            select(Occurrence, Reminder, User)
            .join(Reminder, Reminder.id == Occurrence.reminder_id)
            .join(User, User.id == Occurrence.user_id)
            .where(Occurrence.status == "due", Occurrence.claimed_at <= older_than, self.mine)
            .order_by(Occurrence.claimed_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Occurrence)
        )
        return [(o, r, u) for o, r, u in result.all()]

    async def add_occurrences(self, rows: list[dict[str, Any]]) -> dict[int, int]:
        """Insert many occurrences at once; {reminder_id: occurrence_id} for those that
        were new (a conflicting one was inserted by another instance: not ours to send)."""
        if not rows:
            return {}
        result = await self.session.execute(_statements(self.session).add_occurrences, rows)
        return {reminder_id: occurrence_id for reminder_id, occurrence_id in result.all()}

    async def occurrence(self, occurrence_id: int) -> Occurrence | None:
        return await self.session.get(Occurrence, occurrence_id)

    async def supplements_taken_since(self, user_ids: list[int], since: datetime,
                                      until: datetime) -> list[tuple[int, str, datetime]]:
        """(user, supplement, when) for these users' intakes in [since, until]."""
        if not user_ids:
            return []
        result = await self.session.execute(
            select(Entry.user_id, Entry.name, Entry.at).where(
                Entry.user_id.in_(user_ids), Entry.kind == "supplement",
                Entry.deleted_at.is_(None), Entry.at >= since, Entry.at <= until,
            )
        )
        return [(u, n or "", a) for u, n, a in result.all()]

    async def supplement_taken_between(self, user_id: int, name: str, start: datetime,
                                       end: datetime) -> bool:
        result = await self.session.execute(
            select(Entry.id).where(
                Entry.user_id == user_id, Entry.kind == "supplement", Entry.name == name,
                Entry.deleted_at.is_(None), Entry.at >= start, Entry.at <= end,
            ).limit(1)
        )
        return result.first() is not None


class AdviceRepo:
    """When each piece of advice was last shown to one user."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user

    async def last_shown(self) -> dict[str, datetime]:
        result = await self.session.execute(_ADVICE_SHOWN, {"user_id": self.user.id})
        return dict(result.all())

    async def shown(self, key: str, at: datetime) -> None:
        await self.session.execute(_statements(self.session).advice_shown,
                                   {"user_id": self.user.id, "key": key, "shown_at": at})


class TrialRepo:
    """One user's personal trials."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user

    async def current(self) -> Trial | None:
        result = await self.session.execute(_CURRENT_TRIAL, {"user_id": self.user.id})
        return result.scalar_one_or_none()

    async def last_ended(self) -> Trial | None:
        """The latest trial that ran to its end (its result stays available)."""
        result = await self.session.execute(_LAST_TRIAL, {"user_id": self.user.id})
        return result.scalar_one_or_none()

    async def add(self, **fields: Any) -> Trial:
        trial = Trial(user_id=self.user.id, **fields)
        self.session.add(trial)
        await self.session.flush()
        return trial

    async def update(self, trial: Trial, **fields: Any) -> None:
        assert trial.user_id == self.user.id
        for name, value in fields.items():
            setattr(trial, name, value)  # written with the transaction's commit


# Statements on the hot path, built once: building one (coercing each column, making
# its cache key) costs about as much as running it on SQLite.
_USER = select(User).where(User.telegram_id == bindparam("telegram_id"))
_ROWS_BETWEEN = (
    select(*Entry.__table__.c)
    .where(Entry.user_id == bindparam("user_id"), Entry.deleted_at.is_(None),
           Entry.at >= bindparam("start"), Entry.at < bindparam("end"))
    .order_by(Entry.at, Entry.id)
)
_ADVICE_SHOWN = select(AdviceShown.key, AdviceShown.shown_at).where(
    AdviceShown.user_id == bindparam("user_id"))
_FROM_MESSAGE = select(Entry).where(
    Entry.user_id == bindparam("user_id"), Entry.chat_id == bindparam("chat_id"),
    Entry.message_id == bindparam("message_id")).order_by(Entry.part)
_CURRENT_TRIAL = select(Trial).where(
    Trial.user_id == bindparam("user_id"), Trial.phase.in_(("run_in", "blocks"))
).order_by(Trial.id.desc()).limit(1)
_LAST_TRIAL = select(Trial).where(
    Trial.user_id == bindparam("user_id"), Trial.phase.in_(("done", "ineligible"))
).order_by(Trial.id.desc()).limit(1)
# Core, not ORM: an ORM bulk delete would first look for the rows among loaded objects
_INBOX_DONE = delete(Inbox.__table__).where(
    Inbox.__table__.c.update_id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True)
class _Upserts:
    """INSERT .. ON CONFLICT for one backend (both supported ones have it)."""

    add_entries: Any
    advice_shown: Any
    add_inbox: Any
    add_occurrences: Any
    add_handled: Any

    @classmethod
    def build(cls, insert: Any) -> _Upserts:
        entries = Entry.__table__
        shown = insert(AdviceShown.__table__)
        return cls(
            add_entries=insert(entries).on_conflict_do_nothing(
                index_elements=["user_id", "chat_id", "message_id", "part"]
            ).returning(*entries.c),
            advice_shown=shown.on_conflict_do_update(
                index_elements=["user_id", "key"], set_={"shown_at": shown.excluded.shown_at}),
            add_inbox=insert(Inbox.__table__).on_conflict_do_nothing(
                index_elements=["update_id"]).returning(Inbox.update_id),
            add_occurrences=insert(Occurrence.__table__).on_conflict_do_nothing(
                index_elements=["reminder_id", "due_at"]
            ).returning(Occurrence.reminder_id, Occurrence.id),
            add_handled=insert(Handled.__table__).on_conflict_do_nothing(
                index_elements=["key"]).returning(Handled.key),
        )


@functools.cache
def _upserts(dialect: str) -> _Upserts:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return _Upserts.build(insert)


def _statements(session: AsyncSession) -> _Upserts:
    return _upserts(session.get_bind().dialect.name)


class InboxRepo:
    """Raw updates between arrival and the end of their handling (across users)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, rows: Sequence[dict[str, Any]]) -> set[int]:
        """Store updates (update_id, telegram_user_id, payload, lease_until) in one
        statement; returns the ids that are new (the others are re-deliveries)."""
        if not rows:
            return set()
        result = await self.session.execute(_statements(self.session).add_inbox,
                                            [{**row, "attempts": 0} for row in rows])
        return set(result.scalars())

    async def done(self, update_ids: Sequence[int]) -> None:
        await self.session.execute(_INBOX_DONE, {"ids": list(update_ids)})

    async def claim_stale(self, now: datetime, lease: timedelta, limit: int = 100,
                          leased_at: datetime | None = None) -> list[Inbox]:
        """Updates whose lease ran out by `now`: leased again to this caller (from
        `leased_at`, by default `now`), attempts counted."""
        result = await self.session.execute(
            select(Inbox).where(Inbox.lease_until <= now).order_by(Inbox.update_id).limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = list(result.scalars())
        for row in rows:
            row.lease_until = (leased_at or now) + lease
            row.attempts += 1
        await self.session.flush()
        return rows


class HandledRepo:
    """What has been done already, by update (see `models.Handled`)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def first_time(self, key: str, now: datetime) -> bool:
        """Record `key` as handled; False if it was already (the effect is done)."""
        result = await self.session.execute(_statements(self.session).add_handled,
                                            {"key": key, "handled_at": now})
        return result.scalar_one_or_none() is not None

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(delete(Handled).where(Handled.handled_at < before))
        return int(getattr(result, "rowcount", 0) or 0)

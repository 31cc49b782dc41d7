"""Repositories. Every entry query is scoped to one user: there is no other kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Entry, User, utcnow


class UserRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, telegram_id: int) -> User | None:
        result = await self.session.execute(select(User).where(User.telegram_id == telegram_id))
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

    async def delete(self, user: User) -> None:
        """The user and everything they own."""
        await self.session.execute(delete(Entry).where(Entry.user_id == user.id))
        await self.session.execute(delete(User).where(User.id == user.id))


class EntryRepo:
    """One user's diary entries."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user

    def _mine(self) -> Any:
        return select(Entry).where(Entry.user_id == self.user.id)

    async def from_message(self, chat_id: int, message_id: int) -> list[Entry]:
        """What one message stored (undone entries included: they stay undone)."""
        result = await self.session.execute(
            self._mine()
            .where(Entry.chat_id == chat_id, Entry.message_id == message_id)
            .order_by(Entry.part)
        )
        return list(result.scalars())

    async def add(self, rows: Sequence[dict[str, Any]]) -> tuple[list[Entry], bool]:
        """Store the entries of one message, once.

        Returns the entries and True when the message had been stored before (a
        re-delivered update): then nothing new is written.
        """
        if not rows:
            return [], False
        chat_id, message_id = rows[0].get("chat_id"), rows[0].get("message_id")
        if chat_id is not None and message_id is not None:
            existing = await self.from_message(chat_id, message_id)
            if existing:
                return existing, True
        entries = [Entry(user_id=self.user.id, part=i, **row) for i, row in enumerate(rows)]
        try:
            async with self.session.begin_nested():
                self.session.add_all(entries)
        except IntegrityError:  # the same update, handled concurrently elsewhere
            assert chat_id is not None and message_id is not None
            return await self.from_message(chat_id, message_id), True
        return entries, False

    async def get(self, entry_id: int) -> Entry | None:
        result = await self.session.execute(
            self._mine().where(Entry.id == entry_id, Entry.deleted_at.is_(None))
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

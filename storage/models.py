"""Tables: users and their diary entries. Instants are stored in UTC."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime in, an aware UTC datetime out, on every backend.

    SQLite has no time zones: it gets naive UTC, which also sorts correctly as text.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class CleanText(TypeDecorator[str]):
    """Free text as people typed it, minus what a database refuses: NUL (PostgreSQL
    rejects it, SQLite keeps it) and lone surrogates are dropped, the same on both."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else clean_text(value)


def clean_text(value: str) -> str:
    if "\x00" in value:
        value = value.replace("\x00", "")
    return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value


class Amount(TypeDecorator[float]):
    """An amount taken: a finite number within reason, or none (never inf or NaN,
    which PostgreSQL and JSON would hold differently)."""

    impl = Float
    cache_ok = True
    MOST = 1e6

    def process_bind_param(self, value: float | None, dialect: Dialect) -> Any:
        if value is None or not math.isfinite(value) or not 0 <= value <= self.MOST:
            return None
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, nullable=False)
    tz: Mapped[str | None] = mapped_column(String(64))  # IANA name; None: not set yet
    # blood thinner, asked before a K2 reminder: None (not asked), none, vka (warfarin
    # or similar), vka_ok (their prescriber agreed), other
    anticoagulant: Mapped[str | None] = mapped_column(String(8))
    # what everything is said in (a catalogue's code: en, ru, es, pt, de); None: not
    # known yet (taken from Telegram's language_code on first contact)
    language: Mapped[str | None] = mapped_column(String(8))
    # the yes/no question last put to them (button data, or "checkin:<occurrence>"), so
    # that a typed "yes" or "nope" answers it, after a restart and on any instance
    asked: Mapped[str | None] = mapped_column(String(80))
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class Entry(Base):
    """One diary entry: a cramp, a night without, a supplement taken, a stretch.

    (user, chat, message, part) is unique so that a re-delivered update is stored
    once; `deleted_at` keeps an undone entry from coming back on re-delivery.
    """

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("user_id", "chat_id", "message_id", "part", name="uq_entries_source"),
        Index("ix_entries_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    muscle: Mapped[str | None] = mapped_column(String(16))
    side: Mapped[str | None] = mapped_column(String(8))
    duration_s: Mapped[int | None] = mapped_column(Integer)
    severity: Mapped[int | None] = mapped_column(SmallInteger)
    count: Mapped[int | None] = mapped_column(SmallInteger)
    name: Mapped[str | None] = mapped_column(String(32))
    amount: Mapped[float | None] = mapped_column(Amount())
    unit: Mapped[str | None] = mapped_column(String(8))
    minutes: Mapped[int | None] = mapped_column(Integer)
    red_flags: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    source: Mapped[str] = mapped_column(String(8), nullable=False)  # text | voice | button
    text: Mapped[str] = mapped_column(CleanText(), default="", nullable=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    part: Mapped[int] = mapped_column(SmallInteger, default=0, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Reminder(Base):
    """A daily (or chosen-days) reminder; `next_due_at` is the source of truth for when."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due", "paused", "next_due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # supplement|stretch|checkin
    what: Mapped[str] = mapped_column(String(32), nullable=False)
    label: Mapped[str] = mapped_column(String(40), nullable=False)
    local_time: Mapped[str] = mapped_column(String(5), nullable=False)  # "HH:MM"
    days: Mapped[int] = mapped_column(SmallInteger, nullable=False)  # bit 0 = Monday
    paused: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    next_due_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class Occurrence(Base):
    """One day's firing of a reminder: sent once (unique per due time), then answered.

    status: due (claimed, being sent) | sent | snoozed | taken | skipped | missed |
    answered (the user logged it in words just before, so it was not sent)
    """

    __tablename__ = "reminder_occurrences"
    __table_args__ = (
        UniqueConstraint("reminder_id", "due_at", name="uq_occurrence_once"),
        Index("ix_occurrences_resend", "resend_at"),
        Index("ix_occurrences_status", "status", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reminder_id: Mapped[int] = mapped_column(
        ForeignKey("reminders.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    resend_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resent: Mapped[int] = mapped_column(SmallInteger, default=0, nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AdviceShown(Base):
    """When a piece of advice was last shown to a user (so patterns never nag)."""

    __tablename__ = "advice_shown"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_advice_shown"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    key: Mapped[str] = mapped_column(String(40), nullable=False)
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class Trial(Base):
    """A personal N-of-1 trial: a run-in without the supplement, then on/off blocks in a
    randomised order (a trial from before the blocks is one "on" block, no washout)."""

    __tablename__ = "trials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    supplement: Mapped[str] = mapped_column(String(32), nullable=False)
    first_night: Mapped[date] = mapped_column(Date, nullable=False)  # the run-in's first
    baseline_nights: Mapped[int] = mapped_column(SmallInteger, nullable=False)  # the run-in
    taking_nights: Mapped[int] = mapped_column(SmallInteger, nullable=False)  # all blocks
    # run_in | blocks | done | ineligible (too few cramps in the run-in) | stopped
    phase: Mapped[str] = mapped_column(String(10), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    blocks: Mapped[str] = mapped_column(String(16), nullable=False, default="1")  # "1" on, "0" off
    block_nights: Mapped[int] = mapped_column(SmallInteger, nullable=False, default=0)
    washout: Mapped[int] = mapped_column(SmallInteger, nullable=False, default=0)
    block: Mapped[int] = mapped_column(SmallInteger, nullable=False, default=0)  # 0: run-in
    blinded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # blinded: the user's guess after each block, "r" real, "l" look-alike, "?" can't tell,
    # "-" not answered
    guesses: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    # the user's own reminders for the supplement, paused for the trial (ids, comma-separated)
    paused: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    dose_reminder: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the trial's own
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Inbox(Base):
    """A Telegram update stored before it is confirmed to Telegram (or answered 200).

    Deleted once handled; a row whose lease ran out (the process died, or the handler
    failed) is handled again. Raw updates hold message texts: they live only until
    handled, and /forget deletes a user's.
    """

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0, nullable=False)


class Handled(Base):
    """An update whose effect is done, recorded in the same transaction as the effect,
    so an update Telegram delivers again (or the inbox replays) changes nothing twice.

    The key is a hash of what identifies the update (its id; for an edit, the chat,
    message and edit date), so the table holds nothing about anyone. Rows older than
    Telegram's re-delivery window are pruned.
    """

    __tablename__ = "handled"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)

"""The reminder tick, its data side: what is due now, claimed once.

The database is the source of truth. APScheduler (ptb's JobQueue) only wakes the
bot every few seconds; nothing about a reminder lives in the job store, so restarts
lose nothing and several instances never send twice:

  1. in one transaction, claim reminders whose `next_due_at` has come (rows locked,
     SKIP LOCKED on PostgreSQL), advance them to their next day, and insert that
     day's occurrence (unique per reminder and due time);
  2. the messages are worded (`bot.talk.reminders.due_message`) and sent after the
     commit;
  3. each occurrence is marked sent. One that was claimed but never marked (a crash,
     a failed send) is claimed again after a short while, until it is an hour late.

A reminder more than an hour late (the bot was down) is skipped and noted as
"missed", so a restart never sends a burst of stale reminders. A supplement the user
logged in words shortly before its time counts as answered, and is not sent.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from storage import Database, Occurrence, Reminder, Schedule, User

from ..advice import k2_cleared
from ..languages import DEFAULT_LANGUAGE
from ..reminders import (
    ANSWERED_WINDOW,
    FOLLOW_UP_AFTER,
    KIND_SUPPLEMENT,
    LATE_LIMIT,
    next_due,
    too_late,
)
from ..vocab import K2
from ..zones import zone as zone_of
from .results.reminders import Due

log = logging.getLogger("charley.reminders")
STUCK_AFTER = timedelta(minutes=2)
LATE_AFTER = timedelta(minutes=5)  # a reminder sent later than this says it is late


def _gated(reminder: Reminder, user: User) -> bool:
    """A K2 reminder for someone who has not cleared the blood-thinner gate."""
    return (reminder.kind == KIND_SUPPLEMENT and reminder.what == K2
            and not k2_cleared(user.anticoagulant))


class Delivery:
    """Claims what is due across all users (one transaction a tick) and records what
    became of each message. Cross-user by nature, so it works on `Schedule`, not on
    one user's `Unit`."""

    def __init__(self, db: Database, default_tz: str = "UTC", batch: int = 500) -> None:
        self.db = db
        self.default_tz = default_tz
        self.batch = batch

    def _tz(self, user: User) -> str:
        return user.tz or self.default_tz

    def _due(self, occurrence_id: int, due_at: datetime, reminder: Reminder, user: User,
             why: str) -> Due:
        return Due(occurrence_id=occurrence_id, chat_id=user.telegram_id, kind=reminder.kind,
                   why=why, reminder_id=reminder.id, what=reminder.what, label=reminder.label,
                   due_at=due_at, tz=self._tz(user),
                   language=user.language or DEFAULT_LANGUAGE)

    async def claim(self, now: datetime, only: int | None = None) -> list[Due]:
        """Claim everything due at `now` (of one Telegram user with `only`): the
        messages to send (after the commit)."""
        out: list[Due] = []
        async with self.db.session() as session:
            schedule = Schedule(session, only)
            out += await self._fire_due(schedule, now)
            for occurrence, reminder, user in await schedule.claim_resends(now, self.batch):
                due = await self._resend(schedule, occurrence, reminder, user, now)
                if due is not None:
                    out.append(due)
            for occurrence, reminder, user in await schedule.claim_stuck(now - STUCK_AFTER,
                                                                         self.batch):
                if too_late(reminder.kind, occurrence.due_at, now):
                    occurrence.status = "missed"
                    continue
                occurrence.claimed_at = now
                out.append(self._due(occurrence.id, occurrence.due_at, reminder, user, "late"))
        return out

    async def _fire_due(self, schedule: Schedule, now: datetime) -> list[Due]:
        """The reminders whose time has come, in a few statements however many they are."""
        claimed = await schedule.claim_due(now, self.batch)
        if not claimed:
            return []
        earliest = min(r.next_due_at for r, _ in claimed) - ANSWERED_WINDOW
        taken: dict[tuple[int, str], list[datetime]] = {}
        supplement_users = [u.id for r, u in claimed if r.kind == KIND_SUPPLEMENT]
        for user_id, name, at in await schedule.supplements_taken_since(
                supplement_users, earliest, now):
            taken.setdefault((user_id, name), []).append(at)
        rows, to_send = [], []
        for reminder, user in claimed:
            zone = zone_of(self._tz(user))
            due = reminder.next_due_at
            reminder.next_due_at = next_due(time.fromisoformat(reminder.local_time),
                                            reminder.days, zone, max(now, due))
            if _gated(reminder, user):  # rule 3, whatever path turned it on: held, not sent
                reminder.paused = True
                continue
            row = {"reminder_id": reminder.id, "user_id": user.id, "due_at": due,
                   "claimed_at": now, "status": "due"}
            if too_late(reminder.kind, due, now):
                row["status"] = "missed"
                log.info("reminder %s missed (%s late)", reminder.id, now - due)
            elif reminder.kind == KIND_SUPPLEMENT and any(
                    due - ANSWERED_WINDOW <= at <= now
                    for at in taken.get((user.id, reminder.what), ())):
                row["status"], row["answered_at"] = "answered", now
            else:
                to_send.append((reminder, user, due))
            rows.append(row)
        ids = await schedule.add_occurrences(rows)
        out = []
        for reminder, user, due in to_send:
            occurrence_id = ids.get(reminder.id)
            if occurrence_id is None:  # another instance fired this one
                continue
            why = "late" if now - due > LATE_AFTER else "due"
            out.append(self._due(occurrence_id, due, reminder, user, why))
        return out

    async def _resend(self, schedule: Schedule, occurrence: Occurrence, reminder: Reminder,
                      user: User, now: datetime) -> Due | None:
        why = "snooze" if occurrence.status == "snoozed" else "follow_up"
        stale = occurrence.resend_at is not None and now - occurrence.resend_at > LATE_LIMIT
        occurrence.resend_at = None
        if occurrence.status not in ("sent", "snoozed") or stale or _gated(reminder, user):
            return None
        if why == "follow_up" and reminder.kind == KIND_SUPPLEMENT and (
                await schedule.supplement_taken_between(
                    user.id, reminder.what, occurrence.due_at - ANSWERED_WINDOW, now)):
            occurrence.status = "answered"
            occurrence.answered_at = now
            return None
        occurrence.resent += 1
        occurrence.status = "due"
        occurrence.claimed_at = now
        return self._due(occurrence.id, occurrence.due_at, reminder, user, why)

    async def mark_sent(self, occurrence_id: int, message_id: int, now: datetime) -> None:
        async with self.db.session() as session:
            occurrence = await Schedule(session).occurrence(occurrence_id)
            if occurrence is None or occurrence.status != "due":
                return
            reminder = await session.get(Reminder, occurrence.reminder_id)
            occurrence.status = "sent"
            occurrence.sent_at = now
            occurrence.message_id = message_id
            if (reminder is not None and reminder.kind == KIND_SUPPLEMENT
                    and occurrence.resent == 0):
                occurrence.resend_at = occurrence.due_at + FOLLOW_UP_AFTER

    async def mark_quiet(self, occurrence_id: int, now: datetime) -> None:
        """Nothing was to be said (a trial's clock that was early): not sent, done."""
        async with self.db.session() as session:
            occurrence = await Schedule(session).occurrence(occurrence_id)
            if occurrence is not None and occurrence.status == "due":
                occurrence.status = "answered"
                occurrence.answered_at = now

    async def mark_undeliverable(self, occurrence_id: int) -> None:
        """The user blocked the bot or the chat is gone: do not try again."""
        async with self.db.session() as session:
            occurrence = await Schedule(session).occurrence(occurrence_id)
            if occurrence is not None and occurrence.status == "due":
                occurrence.status = "missed"

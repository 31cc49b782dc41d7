"""The reminder tick: what is due now, claimed once, as messages to send.

The database is the source of truth. APScheduler (ptb's JobQueue) only wakes the
bot every few seconds to call `tick(now)`; nothing about a reminder lives in the
job store, so restarts lose nothing and several instances never send twice:

  1. in one transaction, claim reminders whose `next_due_at` has come (rows locked,
     SKIP LOCKED on PostgreSQL), advance them to their next day, and insert that
     day's occurrence (unique per reminder and due time);
  2. send the messages after the commit;
  3. mark each occurrence sent. One that was claimed but never marked (a crash, a
     failed send) is claimed again after a short while, until it is an hour late.

A reminder more than an hour late (the bot was down) is skipped and noted as
"missed", so a restart never sends a burst of stale reminders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage import Database, Occurrence, Reminder, Schedule, User

from .entries import SUPPLEMENT_NAMES
from .reminders import (
    ANSWERED_WINDOW,
    FOLLOW_UP_AFTER,
    KIND_CHECKIN,
    KIND_RECAP,
    KIND_STRETCH,
    KIND_SUPPLEMENT,
    KIND_TRIAL,
    LATE_LIMIT,
    next_due,
)
from .replies import Button

log = logging.getLogger("charley.reminders")
STUCK_AFTER = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Outgoing:
    occurrence_id: int
    chat_id: int
    text: str
    buttons: list[list[Button]]
    kind: str = KIND_SUPPLEMENT  # KIND_RECAP, KIND_TRIAL: the sender builds the message


def reminder_name(reminder: Reminder) -> str:
    if reminder.kind == KIND_SUPPLEMENT and reminder.what != "other":
        return SUPPLEMENT_NAMES.get(reminder.what, reminder.label)
    return reminder.label


def reminder_message(reminder: Reminder, occurrence: Occurrence, zone: ZoneInfo,
                     why: str) -> tuple[str, list[list[Button]]]:
    """The text and buttons of a reminder; `why` is "due", "late", "snooze" or "follow_up"."""
    due = occurrence.due_at.astimezone(zone).strftime("%H:%M")
    oid = occurrence.id
    if reminder.kind == KIND_RECAP:
        return ("Your weekly recap", [[Button("Stop weekly recaps", f"rm:p:{reminder.id}")]])
    if reminder.kind == KIND_TRIAL:  # the sender asks the trial what to say
        return ("Your trial", [])
    if reminder.kind == KIND_CHECKIN:
        return ("Good morning. Any cramps last night?", [
            [Button("No cramps", f"c:n:{oid}"), Button("Yes, log it", f"c:y:{oid}")],
            [Button("Not sure", f"c:u:{oid}"),
             Button("Stop these check-ins", f"rm:p:{reminder.id}")],
        ])
    name = reminder_name(reminder)
    if reminder.kind == KIND_STRETCH:
        text = {
            "due": f"Time for your bedtime stretches ({due}).",
            "late": f"Your bedtime stretches were due at {due}.",
            "snooze": f"Stretches, as you asked (due {due}).",
            "follow_up": f"Did you manage your stretches? They were due at {due}.",
        }[why]
        return text, [
            [Button("Done", f"r:t:{oid}"), Button("Snooze 30 min", f"r:z:{oid}"),
             Button("Skip", f"r:s:{oid}")],
            [Button("Show the stretches", "r:h")],
        ]
    text = {
        "due": f"Time for your {name} ({due}).",
        "late": f"Your {name} was due at {due}.",
        "snooze": f"Your {name}, as you asked (due {due}).",
        "follow_up": f"Just checking: your {name} was due at {due}. Taken it?",
    }[why]
    return text, [[Button("Taken", f"r:t:{oid}"), Button("Snooze 30 min", f"r:z:{oid}"),
                    Button("Skip", f"r:s:{oid}")]]


class ReminderService:
    def __init__(self, db: Database, default_tz: str = "UTC", batch: int = 500) -> None:
        self.db = db
        self.default_tz = default_tz
        self.batch = batch

    def _zone(self, user: User) -> ZoneInfo:
        return ZoneInfo(user.tz or self.default_tz)

    async def tick(self, now: datetime) -> list[Outgoing]:
        """Claim everything due at `now`; return the messages to send (after commit)."""
        out: list[Outgoing] = []
        async with self.db.session() as session:
            schedule = Schedule(session)
            out += await self._fire_due(schedule, now)
            for occurrence, reminder, user in await schedule.claim_resends(now, self.batch):
                message = await self._resend(schedule, occurrence, reminder, user, now)
                if message is not None:
                    out.append(message)
            for occurrence, reminder, user in await schedule.claim_stuck(now - STUCK_AFTER,
                                                                         self.batch):
                if now - occurrence.due_at > LATE_LIMIT:
                    occurrence.status = "missed"
                    continue
                occurrence.claimed_at = now
                text, buttons = reminder_message(reminder, occurrence, self._zone(user), "late")
                out.append(Outgoing(occurrence.id, user.telegram_id, text, buttons, reminder.kind))
        return out

    async def _fire_due(self, schedule: Schedule, now: datetime) -> list[Outgoing]:
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
            zone = self._zone(user)
            due = reminder.next_due_at
            reminder.next_due_at = next_due(time.fromisoformat(reminder.local_time),
                                            reminder.days, zone, max(now, due))
            row = {"reminder_id": reminder.id, "user_id": user.id, "due_at": due,
                   "claimed_at": now, "status": "due"}
            if now - due > LATE_LIMIT:
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
            why = "late" if now - due > timedelta(minutes=5) else "due"
            occurrence = Occurrence(id=occurrence_id, due_at=due)
            text, buttons = reminder_message(reminder, occurrence, self._zone(user), why)
            out.append(Outgoing(occurrence_id, user.telegram_id, text, buttons, reminder.kind))
        return out

    async def _resend(self, schedule: Schedule, occurrence: Occurrence, reminder: Reminder,
                      user: User, now: datetime) -> Outgoing | None:
        why = "snooze" if occurrence.status == "snoozed" else "follow_up"
        stale = occurrence.resend_at is not None and now - occurrence.resend_at > LATE_LIMIT
        occurrence.resend_at = None
        if occurrence.status not in ("sent", "snoozed") or stale:
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
        text, buttons = reminder_message(reminder, occurrence, self._zone(user), why)
        return Outgoing(occurrence.id, user.telegram_id, text, buttons)

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

"""Reminders in the conversation: /remind, /reminders, and the buttons on reminders.

Button data (all a press needs, so it works after a restart or on another instance):
  r:t|z|s:<occurrence>   Taken/Done, Snooze, Skip on a reminder;  r:h  the stretches
  c:n|y|u:<occurrence>   morning check-in: no cramps, yes (log it), not sure
  c:m:<occ>:<muscle>     check-in log, step 2: where;  c:v:<occ>:<muscle>:<sev> step 3
  rm:p|d|c:<reminder>    pause/resume, delete, change time;  rm:t:<reminder>:<HHMM>
  bt:none|vka|other|ok:<reminder>   the blood-thinner question before a K2 reminder
  su:...                 set-up by buttons: supplement, its time, bedtime stretch, check-in
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from storage import Reminder, ReminderRepo

from . import advice
from .diary import Diary
from .entries import describe
from .parsing import Cramp, Reading, Stretch, Supplement, read
from .parsing.model import MUSCLES
from .reminders import (
    DAILY,
    KIND_CHECKIN,
    KIND_RECAP,
    KIND_STRETCH,
    KIND_SUPPLEMENT,
    KIND_TRIAL,
    STRETCH_ROUTINE,
    SUNDAY,
    ReminderRequest,
    days_words,
    next_due,
    parse_request,
)
from .replies import Button, Reply
from .scheduler import reminder_name

MUSCLE_LABELS = {"calf": "Calf", "foot": "Foot", "toes": "Toes", "thigh": "Thigh",
                 "hamstring": "Back of thigh", "shin": "Shin", "other": "Elsewhere"}
SEVERITY_CHOICES = (("Mild", 2), ("Moderate", 5), ("Severe", 7), ("Very severe", 9))
TIME_CHOICES = ("20:00", "20:30", "21:00", "21:30", "22:00", "22:30", "23:00")
SUPPLEMENT_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00", "21:30", "22:00")
BEDTIME_TIMES = ("21:00", "21:30", "22:00", "22:30", "23:00")
MORNING_TIMES = ("07:00", "08:00", "09:00", "10:00")
DEFAULT_CHECKIN = time(8, 0)
DEFAULT_RECAP = time(19, 0)
SETUP_SUPPLEMENTS = (("Vitamin K2", "vitamin_k2"), ("Magnesium", "magnesium"),
                     ("Vitamin B", "vitamin_b"))
EXPIRED = "Sorry, that button has expired."


class _Names(dict[str, str]):
    """Supplement words -> canonical names, by the reader's own vocabulary."""

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        items = read(f"took {key}", datetime(2026, 1, 1, 12), "UTC").supplements
        return items[0].name if items and items[0].name != "other" else default


def supplement_named(words: str) -> str | None:
    """A supplement's canonical name from the user's words ("k2", "mag", "vitamin b")."""
    return _Names().get(words)


def blood_thinner_buttons() -> list[list[Button]]:
    """The blood-thinner question asked after a first K2 (no reminder waits on it)."""
    return [[Button("No", "bt:none:0"), Button("Warfarin or similar", "bt:vka:0"),
             Button("Another one", "bt:other:0")]]


def _id(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[0-9]{1,15}", text) else None


async def remind(diary: Diary, args: str, now: datetime) -> Reply:
    request = parse_request(args, _Names())
    if isinstance(request, str):
        return Reply(request)
    return await _create(diary, request, now)


async def _create(diary: Diary, request: ReminderRequest, now: datetime) -> Reply:
    repo = ReminderRepo(diary.session, diary.user)
    due = next_due(request.at, request.days, diary.zone, now)
    k2 = request.kind == KIND_SUPPLEMENT and request.what == "vitamin_k2"
    gated = k2 and diary.user.anticoagulant in (None, "vka")
    reminder = await repo.add(kind=request.kind, what=request.what, label=request.label,
                              local_time=request.at.strftime("%H:%M"), days=request.days,
                              paused=gated, next_due_at=due)
    if gated and diary.user.anticoagulant is None:
        return Reply(advice.K2_BLOOD_THINNER_QUESTION.text, buttons=[
            [Button("No", f"bt:none:{reminder.id}")],
            [Button("Warfarin or similar", f"bt:vka:{reminder.id}")],
            [Button("Another blood thinner", f"bt:other:{reminder.id}")],
        ])
    if gated:
        return _vka_reply(reminder)
    return Reply(_set_text(reminder, diary))


def _set_text(reminder: Reminder, diary: Diary) -> str:
    what = {KIND_STRETCH: "bedtime stretches", KIND_CHECKIN: "morning check-in",
            KIND_RECAP: "weekly recap"}.get(
        reminder.kind, reminder_name(reminder))
    text = (f"Reminder set: {what} at {reminder.local_time} {days_words(reminder.days)} "
            f"({diary.tz_name}). /reminders lists them.")
    if reminder.kind == KIND_SUPPLEMENT and reminder.what == "magnesium":
        text += "\n\n" + advice.MAGNESIUM_CAUTION.text
    if reminder.kind == KIND_SUPPLEMENT and reminder.what == "vitamin_k2":
        text += "\n\n" + advice.K2_EVIDENCE.text
    return text


def _vka_reply(reminder: Reminder) -> Reply:
    return Reply(advice.K2_WARFARIN.text, buttons=[
        [Button("My doctor agreed", f"bt:ok:{reminder.id}")],
    ])


async def list_reminders(diary: Diary) -> Reply:
    reminders = [r for r in await ReminderRepo(diary.session, diary.user).all()
                 if r.kind != KIND_TRIAL]  # a trial's clock is /trial's business
    if not reminders:
        return Reply("You have no reminders. Set one like /remind K2 21:30, "
                     "/remind stretch 22:00 or /remind checkin 08:00, or tap below.",
                     buttons=[[SETUP_START]])
    lines, buttons = [f"Your reminders ({diary.tz_name}):"], []
    for r in reminders:
        name = {KIND_STRETCH: "Stretches", KIND_CHECKIN: "Morning check-in",
                KIND_RECAP: "Weekly recap"}.get(r.kind, reminder_name(r))
        name = name[:1].upper() + name[1:]
        state = " (paused)" if r.paused else ""
        lines.append(f"• {name} at {r.local_time} {days_words(r.days)}{state}")
        buttons.append([
            Button(f"{'Resume' if r.paused else 'Pause'} {name}"[:30], f"rm:p:{r.id}"),
            Button("Change time", f"rm:c:{r.id}"),
            Button("Delete", f"rm:d:{r.id}"),
        ])
    buttons.append([Button("Add a reminder", "su:0")])
    return Reply("\n".join(lines), buttons=buttons)


async def move_all(diary: Diary, now: datetime) -> None:
    """After a zone change every reminder keeps its local time in the new zone."""
    for r in await ReminderRepo(diary.session, diary.user).all():
        r.next_due_at = next_due(time.fromisoformat(r.local_time), r.days, diary.zone, now)


async def press(diary: Diary, data: str, now: datetime, chat_id: int | None,
                message_id: int | None, snooze: timedelta) -> Reply | None:
    """A reminder-area button; None if `data` is not one of ours."""
    parts = data.split(":")
    head = parts[0]
    if head == "r":
        return await _reminder_button(diary, parts, now, chat_id, message_id, snooze)
    if head == "c":
        return await _checkin_button(diary, parts, now, chat_id, message_id)
    if head == "rm":
        return await _manage_button(diary, parts, now)
    if head == "bt":
        return await _blood_thinner_button(diary, parts, now)
    if head == "su":
        return await _setup_button(diary, parts, now)
    return None


def _times(prefix: str, choices: tuple[str, ...]) -> list[list[Button]]:
    row = [Button(t, f"{prefix}:{t.replace(':', '')}") for t in choices]
    return [row[i:i + 4] for i in range(0, len(row), 4)]


def _hhmm(text: str) -> time | None:
    if not re.fullmatch(r"[0-2][0-9][0-5][0-9]", text) or int(text[:2]) > 23:
        return None
    return time(int(text[:2]), int(text[2:]))


SETUP_START = Button("Set up reminders", "su:0")


async def first_zone_set(diary: Diary, now: datetime) -> str:
    """On the first time zone: the morning check-in, on by default (one tap turns it off)."""
    repo = ReminderRepo(diary.session, diary.user)
    kinds = {r.kind for r in await repo.all()}
    if KIND_CHECKIN in kinds:
        return ""
    await repo.add(kind=KIND_CHECKIN, what="checkin", label="morning check-in",
                   local_time=DEFAULT_CHECKIN.strftime("%H:%M"), days=DAILY,
                   next_due_at=next_due(DEFAULT_CHECKIN, DAILY, diary.zone, now))
    if KIND_RECAP not in kinds:
        await repo.add(kind=KIND_RECAP, what="recap", label="weekly recap",
                       local_time=DEFAULT_RECAP.strftime("%H:%M"), days=SUNDAY,
                       next_due_at=next_due(DEFAULT_RECAP, SUNDAY, diary.zone, now))
    return ("Each morning at 08:00 I'll ask whether you had cramps, so quiet nights count "
            "too, and on Sunday evenings at 19:00 I'll send your weekly recap. You can change "
            "or stop either in /reminders.")


async def _setup_button(diary: Diary, parts: list[str], now: datetime) -> Reply:
    step = parts[1] if len(parts) > 1 else ""
    if step == "0":
        rows = [[Button(label, f"su:s:{name}") for label, name in SETUP_SUPPLEMENTS]]
        rows.append([Button("None / skip", "su:b")])
        return Reply("Do you take a supplement for cramps? Pick one to be reminded of "
                     "(you can add more later with /remind).", buttons=rows, edit=True)
    if step == "s" and len(parts) == 3 and parts[2] in dict((n, n) for _, n in SETUP_SUPPLEMENTS):
        return Reply("At what time do you take it?", edit=True,
                     buttons=_times(f"su:st:{parts[2]}", SUPPLEMENT_TIMES))
    if step == "st" and len(parts) == 4 and parts[2] in dict((n, n) for _, n in SETUP_SUPPLEMENTS):
        at = _hhmm(parts[3])
        if at is None:
            return Reply(EXPIRED)
        label = next(lbl for lbl, n in SETUP_SUPPLEMENTS if n == parts[2])
        reply = await _create(diary, ReminderRequest(KIND_SUPPLEMENT, parts[2], label, at, DAILY), now)
        if not reply.buttons:
            reply.buttons = [[Button("Next: bedtime stretches", "su:b")]]
        reply.edit = True
        return reply
    if step == "b" and len(parts) == 2:
        rows = [*_times("su:bt", BEDTIME_TIMES), [Button("No thanks", "su:c")]]
        return Reply("Gentle stretching before bed may help. A reminder at bedtime?",
                     buttons=rows, edit=True)
    if step == "bt" and len(parts) == 3 and (at := _hhmm(parts[2])) is not None:
        request = ReminderRequest(KIND_STRETCH, "stretch", "stretching", at, DAILY)
        reply = await _create(diary, request, now)
        reply.buttons = [[Button("Next: morning check-in", "su:c")]]
        reply.edit = True
        return reply
    if step == "c" and len(parts) == 2:
        rows = [*_times("su:ct", MORNING_TIMES), [Button("No morning check-in", "su:off")]]
        return Reply("Each morning I can ask “Any cramps last night?”, so quiet nights count "
                     "too. At what time?", buttons=rows, edit=True)
    if step in ("ct", "off"):
        repo = ReminderRepo(diary.session, diary.user)
        checkins = [r for r in await repo.all() if r.kind == KIND_CHECKIN]
        at = _hhmm(parts[2]) if step == "ct" and len(parts) == 3 else None
        if step == "ct" and at is None:
            return Reply(EXPIRED)
        if at is not None and not checkins:
            await first_zone_set(diary, now)
            checkins = [r for r in await repo.all() if r.kind == KIND_CHECKIN]
        for r in checkins:
            r.paused = at is None
            if at is not None:
                r.local_time = at.strftime("%H:%M")
                r.next_due_at = next_due(at, r.days, diary.zone, now)
        done = f"Morning check-in at {at:%H:%M}." if at else "No morning check-in."
        return Reply(f"{done} All set. /reminders shows your reminders; /help shows how to "
                     "log a cramp.", edit=True)
    return Reply(EXPIRED)


async def _reminder_button(diary: Diary, parts: list[str], now: datetime, chat_id: int | None,
                           message_id: int | None, snooze: timedelta) -> Reply:
    if parts[1:] == ["h"]:
        return Reply(f"{STRETCH_ROUTINE}\n\n{advice.FLUIDS.text}",
                     buttons=[[Button("Why?", "why:fluids")]])
    if len(parts) != 3 or parts[1] not in ("t", "z", "s") or _id(parts[2]) is None:
        return Reply(EXPIRED)
    found = await ReminderRepo(diary.session, diary.user).occurrence(_id(parts[2]) or 0)
    if found is None:
        return Reply(EXPIRED)
    occurrence, reminder = found
    name = "stretches" if reminder.kind == KIND_STRETCH else reminder_name(reminder)
    local = now.astimezone(diary.zone).strftime("%H:%M")
    if parts[1] == "t":
        if reminder.kind == KIND_STRETCH:
            reading = Reading("stretch", 1.0, stretch=Stretch(done_at=now))
        else:
            what = reminder.what if reminder.kind == KIND_SUPPLEMENT else "other"
            reading = Reading("supplement", 1.0, supplements=(Supplement(what, now),))
        logged = await diary.log(reading, sent_at=now, text=f"{reminder.label} (reminder)",
                                 source="button", chat_id=chat_id, message_id=message_id)
        occurrence.status, occurrence.resend_at = "taken", None
        occurrence.answered_at = occurrence.answered_at or now
        verb = "done" if reminder.kind == KIND_STRETCH else "taken"
        when = (logged.entries[0].at if logged.entries else now).astimezone(diary.zone)
        return Reply(f"✅ {name[:1].upper()}{name[1:]} {verb} at {when:%H:%M}.", edit=True)
    if parts[1] == "z":
        if occurrence.status in ("taken", "skipped"):
            return Reply(f"Already answered: {occurrence.status}.", edit=True)
        if occurrence.resent >= 2:
            return Reply("I'll leave it for today.", edit=True)
        occurrence.status, occurrence.resend_at = "snoozed", now + snooze
        again = (now + snooze).astimezone(diary.zone).strftime("%H:%M")
        return Reply(f"⏰ I'll remind you again at {again}.", edit=True)
    if occurrence.status == "taken":
        return Reply("Already marked as taken.", edit=True)
    occurrence.status, occurrence.resend_at = "skipped", None
    occurrence.answered_at = now
    return Reply(f"Skipped {name} for today ({local}).", edit=True)


async def _checkin_button(diary: Diary, parts: list[str], now: datetime, chat_id: int | None,
                          message_id: int | None) -> Reply:
    if len(parts) < 3 or _id(parts[2]) is None:
        return Reply(EXPIRED)
    found = await ReminderRepo(diary.session, diary.user).occurrence(_id(parts[2]) or 0)
    if found is None:
        return Reply(EXPIRED)
    occurrence, _ = found
    oid = occurrence.id
    step = parts[1]
    if step == "n" and len(parts) == 3:
        reading = Reading("no_cramp", 1.0)
        await diary.log(reading, sent_at=now, text="no cramps (check-in)", source="button",
                        chat_id=chat_id, message_id=message_id)
        occurrence.status, occurrence.answered_at = "taken", now
        return Reply("Noted: no cramps last night. 🌙", edit=True)
    if step == "u" and len(parts) == 3:
        occurrence.status, occurrence.answered_at = "skipped", now
        return Reply("All right, nothing logged. If you remember, just tell me.", edit=True)
    if step == "y" and len(parts) == 3:
        labels = [Button(MUSCLE_LABELS[m], f"c:m:{oid}:{m}") for m in MUSCLES]
        return Reply("Where was it?", buttons=[labels[:4], labels[4:]], edit=True)
    if step == "m" and len(parts) == 4 and parts[3] in MUSCLES:
        return Reply("How bad was it?", edit=True, buttons=[
            [Button(label, f"c:v:{oid}:{parts[3]}:{sev}") for label, sev in SEVERITY_CHOICES]])
    if step == "v" and len(parts) == 5 and parts[3] in MUSCLES and parts[4] in ("2", "5", "7", "9"):
        at = diary.night_just_passed(now)
        cramp = Cramp(occurred_at=at, muscle=parts[3], severity=int(parts[4]))
        logged = await diary.log(Reading("cramp", 1.0, cramp=cramp), sent_at=now,
                                 text="cramp (check-in)", source="button",
                                 chat_id=chat_id, message_id=message_id)
        occurrence.status, occurrence.answered_at = "taken", now
        if not logged.entries:
            return Reply("That night is already in your diary.", edit=True)
        entry = logged.entries[0]
        return Reply("Logged: " + describe(entry, diary.zone, now), edit=True,
                     buttons=[[Button("Undo", f"undo:{entry.id}")]])
    return Reply(EXPIRED)


async def _manage_button(diary: Diary, parts: list[str], now: datetime) -> Reply:
    if len(parts) < 3 or _id(parts[2]) is None:
        return Reply(EXPIRED)
    repo = ReminderRepo(diary.session, diary.user)
    reminder = await repo.get(_id(parts[2]) or 0)
    if reminder is None:
        return Reply("That reminder is no longer there.", edit=True)
    action = parts[1]
    if action == "d" and len(parts) == 3:
        await repo.delete(reminder)
        return Reply(f"Deleted the {reminder.local_time} reminder.", edit=True)
    if action == "p" and len(parts) == 3:
        if reminder.paused and reminder.kind == KIND_SUPPLEMENT and \
                reminder.what == "vitamin_k2" and diary.user.anticoagulant in (None, "vka"):
            return _vka_reply(reminder)
        reminder.paused = not reminder.paused
        if not reminder.paused:
            reminder.next_due_at = next_due(time.fromisoformat(reminder.local_time),
                                            reminder.days, diary.zone, now)
        return Reply(f"{'Paused' if reminder.paused else 'Resumed'}: the {reminder.local_time} "
                     "reminder.", edit=True)
    if action == "c" and len(parts) == 3:
        choices = [Button(t, f"rm:t:{reminder.id}:{t.replace(':', '')}") for t in TIME_CHOICES]
        return Reply("Pick a new time (or send /remind again with any time):", edit=True,
                     buttons=[choices[:4], choices[4:]])
    if action == "t" and len(parts) == 4 and re.fullmatch(r"[0-2][0-9][0-5][0-9]", parts[3]):
        at = time(int(parts[3][:2]) % 24, int(parts[3][2:]))
        reminder.local_time = at.strftime("%H:%M")
        reminder.next_due_at = next_due(at, reminder.days, diary.zone, now)
        return Reply(f"Moved to {reminder.local_time}.", edit=True)
    return Reply(EXPIRED)


async def _blood_thinner_button(diary: Diary, parts: list[str], now: datetime) -> Reply:
    if len(parts) != 3 or parts[1] not in ("none", "vka", "other", "ok") or _id(parts[2]) is None:
        return Reply(EXPIRED)
    reminder = await ReminderRepo(diary.session, diary.user).get(_id(parts[2]) or 0)
    answer = parts[1]
    if answer == "ok":
        diary.user.anticoagulant = "vka_ok"
    elif answer == "vka":
        diary.user.anticoagulant = "vka"
    else:
        diary.user.anticoagulant = answer
    if reminder is None:  # asked when K2 was logged, not at a reminder
        text = {"vka": advice.K2_WARFARIN.text.split(" I'll keep")[0],
                "other": advice.K2_OTHER_ANTICOAGULANT.text}.get(answer, "Thank you, noted.")
        return Reply(text, edit=True)
    if answer == "vka":
        reminder.paused = True
        reply = _vka_reply(reminder)
        reply.edit = True
        return reply
    reminder.paused = False
    reminder.next_due_at = next_due(time.fromisoformat(reminder.local_time), reminder.days,
                                    diary.zone, now)
    text = _set_text(reminder, diary)
    if answer == "other":
        text = advice.K2_OTHER_ANTICOAGULANT.text + "\n\n" + text
    return Reply(text, edit=True)

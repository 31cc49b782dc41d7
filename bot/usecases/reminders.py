"""Reminders: /remind, /reminders, the buttons on reminders and check-ins, the set-up by
taps, and keeping reminders at their local time when the zone changes.

Each function is one unit of work over a `Unit`; every write goes through its
repositories, and what happened comes back as a result from `results.reminders`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from storage import Reminder

from .. import advice
from .. import buttons as b
from ..parsing import Cramp, Reading, Stretch, Supplement
from ..reminders import (
    BEDTIME_TIMES,
    DAILY,
    DEFAULT_CHECKIN,
    DEFAULT_RECAP,
    KIND_CHECKIN,
    KIND_RECAP,
    KIND_STRETCH,
    KIND_SUPPLEMENT,
    KIND_TRIAL,
    MORNING_TIMES,
    SETUP_LABELS,
    SUNDAY,
    SUPPLEMENT_TIMES,
    TIME_CHOICES,
    ReminderRequest,
    RequestError,
    SupplementNames,
    bad_time,
    next_due,
    parse_request,
)
from ..vocab import K2, SUPPLEMENTS
from .logging import store
from .results.reminders import (
    AlreadyAnswered,
    AlreadyHave,
    BloodThinnerNoted,
    CheckinAskSeverity,
    CheckinAskWhere,
    CheckinLogged,
    ConfirmDelete,
    Done,
    Expired,
    Kept,
    PauseToggled,
    ReminderCreated,
    ReminderDeleted,
    ReminderInfo,
    ReminderList,
    ReminderMoved,
    RemindRefused,
    ResumeHeld,
    Said,
    SetupDone,
    SetupOffer,
    Skipped,
    Snoozed,
    Stretches,
    TimeChoices,
)
from .unit import Unit

OCCURRENCE_ACTIONS = (b.Taken, b.Snooze, b.Skip)
CHECKIN_ACTIONS = (b.CheckinNone, b.CheckinYes, b.CheckinUnsure, b.CheckinWhere, b.CheckinLog)
MANAGE_ACTIONS = (b.PauseReminder, b.DeleteReminder, b.DeleteConfirmed, b.KeepReminder,
                  b.ChangeTime, b.MoveReminder, b.ReplaceReminder)
SETUP_ACTIONS = (b.SetupStart, b.SetupSupplement, b.SetupSupplementTime, b.SetupBedtime,
                 b.SetupBedtimeTime, b.SetupCheckin, b.SetupCheckinTime, b.SetupNoCheckin)
ACTIONS = (*OCCURRENCE_ACTIONS, b.ShowStretches, *CHECKIN_ACTIONS, *MANAGE_ACTIONS,
           b.AddReminder, b.BloodThinner, *SETUP_ACTIONS)


def info(row: Reminder) -> ReminderInfo:
    return ReminderInfo(id=row.id, kind=row.kind, what=row.what, label=row.label,
                        local_time=row.local_time, days=row.days, paused=row.paused)


def _due(u: Unit, row: Reminder, now: datetime, at: time | None = None) -> datetime:
    """When `row` is next due after `now`, at its own local time (or at `at`)."""
    at = at if at is not None else time.fromisoformat(row.local_time)
    return next_due(at, row.days, u.zone, now)


def _held_for_k2(u: Unit, kind: str, what: str) -> bool:
    """A K2 reminder stays off until we know the user takes no warfarin-like medicine, or
    their prescriber agreed (rule 3): unknown, "vka" and "unsure" all hold it."""
    return kind == KIND_SUPPLEMENT and what == K2 and not advice.k2_cleared(u.user.anticoagulant)


def _why_held(u: Unit) -> str:
    return advice.k2_held_why(u.user.anticoagulant)


# ---- commands ------------------------------------------------------------------

async def remind(u: Unit, args: str, now: datetime) -> RemindRefused | ReminderCreated | AlreadyHave:
    """/remind WHAT HH:MM [days]; for a thing that has a reminder, it asks first."""
    request = parse_request(args, SupplementNames())
    if isinstance(request, RequestError):
        return RemindRefused(request, bad_time(args) or "")
    same = await _same_thing(u, request.kind, request.what)
    if same is not None:
        return AlreadyHave(info(same), request.at, request.days)
    return await _create(u, request, now)


async def _same_thing(u: Unit, kind: str, what: str) -> Reminder | None:
    """The user's reminder of this thing, if there is one (one per thing by default)."""
    return next((r for r in await u.reminders.all() if r.kind == kind and r.what == what), None)


def request_for(what: str, at: time, days: int) -> ReminderRequest | None:
    """A reminder request from a button's `what` (a supplement, stretch, checkin, recap)."""
    kinds = {"stretch": KIND_STRETCH, "checkin": KIND_CHECKIN, "recap": KIND_RECAP}
    kind = kinds.get(what, KIND_SUPPLEMENT if what in SUPPLEMENTS else None)
    if kind is None or not days & DAILY:
        return None
    labels = {"stretch": "stretching", "checkin": "morning check-in", "recap": "weekly recap"}
    return ReminderRequest(kind, what, labels.get(what) or SETUP_LABELS.get(what, what), at, days)


async def _create(u: Unit, request: ReminderRequest, now: datetime,
                  step: str | None = None) -> ReminderCreated:
    same = await _same_thing(u, request.kind, request.what) if step is not None else None
    if same is not None:  # set up by taps: the one reminder of it changes, no second one
        await u.reminders.update(same, local_time=request.at.strftime("%H:%M"), days=request.days,
                                 next_due_at=next_due(request.at, request.days, u.zone, now))
        return ReminderCreated(info(same), _why_held(u) if same.paused and _held_for_k2(
            u, same.kind, same.what) else None, step)
    held = _held_for_k2(u, request.kind, request.what)
    row = await u.reminders.add(
        kind=request.kind, what=request.what, label=request.label,
        local_time=request.at.strftime("%H:%M"), days=request.days, paused=held,
        next_due_at=next_due(request.at, request.days, u.zone, now))
    why = _why_held(u) if held else None
    return ReminderCreated(info(row), why, step)


async def list_reminders(u: Unit) -> ReminderList:
    """/reminders: all but trials' clocks (a trial's clock is /trial's business)."""
    rows = [r for r in await u.reminders.all() if r.kind != KIND_TRIAL]
    held = frozenset(r.id for r in rows if r.paused and _held_for_k2(u, r.kind, r.what))
    return ReminderList([info(r) for r in rows], held, _why_held(u) if held else "")


async def move_all(u: Unit, now: datetime) -> None:
    """After a zone change every reminder keeps its local time in the new zone."""
    for row in await u.reminders.all():
        await u.reminders.update(row, next_due_at=_due(u, row, now))


async def first_zone_set(u: Unit, now: datetime) -> bool:
    """On the first time zone: the morning check-in, on by default (one tap turns it
    off), and the Sunday recap. True when it turned them on (no check-in before)."""
    kinds = {r.kind for r in await u.reminders.all()}
    if KIND_CHECKIN in kinds:
        return False
    await u.reminders.add(kind=KIND_CHECKIN, what="checkin", label="morning check-in",
                          local_time=DEFAULT_CHECKIN.strftime("%H:%M"), days=DAILY,
                          next_due_at=next_due(DEFAULT_CHECKIN, DAILY, u.zone, now))
    if KIND_RECAP not in kinds:
        await u.reminders.add(kind=KIND_RECAP, what="recap", label="weekly recap",
                              local_time=DEFAULT_RECAP.strftime("%H:%M"), days=SUNDAY,
                              next_due_at=next_due(DEFAULT_RECAP, SUNDAY, u.zone, now))
    return True


# ---- buttons -------------------------------------------------------------------

async def press(u: Unit, action: b.Action, now: datetime, chat_id: int | None,
                message_id: int | None, snooze: timedelta) -> Any:
    """A reminder-area button (any class of `ACTIONS`); `Expired` for anything else."""
    if isinstance(action, b.ShowStretches):
        return Stretches()
    if isinstance(action, OCCURRENCE_ACTIONS):
        return await _occurrence_button(u, action, now, chat_id, message_id, snooze)
    if isinstance(action, CHECKIN_ACTIONS):
        return await _checkin_button(u, action, now, chat_id, message_id)
    if isinstance(action, MANAGE_ACTIONS):
        return await _manage_button(u, action, now)
    if isinstance(action, b.AddReminder):  # "add another" after "you have one already"
        request = request_for(action.what, action.at, action.days)
        return await _create(u, request, now) if request is not None else Expired()
    if isinstance(action, b.BloodThinner):
        return await _blood_thinner(u, action, now)
    if isinstance(action, SETUP_ACTIONS):
        return await _setup_button(u, action, now)
    return Expired()


async def _occurrence_button(u: Unit, action: b.Taken | b.Snooze | b.Skip, now: datetime,
                             chat_id: int | None, message_id: int | None,
                             snooze: timedelta) -> Any:
    found = await u.reminders.occurrence(action.occurrence)
    if found is None:
        return Expired()
    occurrence, reminder = found
    if isinstance(action, b.Taken):
        if reminder.kind == KIND_STRETCH:
            reading = Reading("stretch", 1.0, stretch=Stretch(done_at=now))
        else:
            what = reminder.what if reminder.kind == KIND_SUPPLEMENT else "other"
            reading = Reading("supplement", 1.0, supplements=(Supplement(what, now),))
        logged = await store(u, reading, sent_at=now, text=f"{reminder.label} (reminder)",
                             source="button", chat_id=chat_id, message_id=message_id)
        await u.reminders.update(occurrence, status="taken", resend_at=None,
                                 answered_at=occurrence.answered_at or now)
        return Done(info(reminder), logged.entries[0].at if logged.entries else now)
    if isinstance(action, b.Snooze):
        if occurrence.status in ("taken", "skipped"):
            return AlreadyAnswered(occurrence.status)
        if occurrence.resent >= 2:
            return Said("snooze_refused")
        await u.reminders.update(occurrence, status="snoozed", resend_at=now + snooze)
        return Snoozed(now + snooze)
    if occurrence.status == "taken":
        return Said("already_taken")
    await u.reminders.update(occurrence, status="skipped", resend_at=None, answered_at=now)
    return Skipped(info(reminder), now)


async def _checkin_button(u: Unit, action: Any, now: datetime, chat_id: int | None,
                          message_id: int | None) -> Any:
    found = await u.reminders.occurrence(action.occurrence)
    if found is None:
        return Expired()
    occurrence, _ = found
    if isinstance(action, b.CheckinNone):
        await store(u, Reading("no_cramp", 1.0), sent_at=now, text="no cramps (check-in)",
                    source="button", chat_id=chat_id, message_id=message_id)
        await u.reminders.update(occurrence, status="taken", answered_at=now)
        return Said("checkin_no_cramps")
    if isinstance(action, b.CheckinUnsure):
        await u.reminders.update(occurrence, status="skipped", answered_at=now)
        return Said("checkin_unsure")
    if isinstance(action, b.CheckinYes):
        return CheckinAskWhere(occurrence.id)
    if isinstance(action, b.CheckinWhere):
        return CheckinAskSeverity(occurrence.id, action.muscle)
    assert isinstance(action, b.CheckinLog)
    cramp = Cramp(occurred_at=u.night_just_passed(now), muscle=action.muscle,
                  severity=action.severity)
    logged = await store(u, Reading("cramp", 1.0, cramp=cramp), sent_at=now,
                         text="cramp (check-in)", source="button", chat_id=chat_id,
                         message_id=message_id)
    await u.reminders.update(occurrence, status="taken", answered_at=now)
    return CheckinLogged(logged.entries[0] if logged.entries else None)


async def _manage_button(u: Unit, action: Any, now: datetime) -> Any:
    reminder = await u.reminders.get(action.reminder)
    if reminder is None:
        return Said("reminder_gone")
    if isinstance(action, b.DeleteReminder):
        return ConfirmDelete(info(reminder))
    if isinstance(action, b.DeleteConfirmed):
        gone = info(reminder)
        await u.reminders.delete(reminder)
        return ReminderDeleted(gone)
    if isinstance(action, b.KeepReminder):
        return Kept(info(reminder))
    if isinstance(action, b.ReplaceReminder):
        if not action.days & DAILY:
            return Expired()
        await u.reminders.update(reminder, local_time=action.at.strftime("%H:%M"), days=action.days,
                                 next_due_at=next_due(action.at, action.days, u.zone, now))
        return ReminderMoved(info(reminder))
    if isinstance(action, b.PauseReminder):
        if reminder.paused and _held_for_k2(u, reminder.kind, reminder.what):
            return ResumeHeld(info(reminder), _why_held(u))
        if reminder.paused:
            await u.reminders.update(reminder, paused=False, next_due_at=_due(u, reminder, now))
        else:
            await u.reminders.update(reminder, paused=True)
        return PauseToggled(info(reminder))
    if isinstance(action, b.ChangeTime):
        return TimeChoices(info(reminder), TIME_CHOICES)
    assert isinstance(action, b.MoveReminder)
    await u.reminders.update(reminder, local_time=action.at.strftime("%H:%M"),
                             next_due_at=_due(u, reminder, now, action.at))
    return ReminderMoved(info(reminder))


async def _blood_thinner(u: Unit, action: b.BloodThinner, now: datetime) -> BloodThinnerNoted:
    """The answer to "do you take a blood thinner?" (reminder 0: asked after a K2)."""
    reminder = await u.reminders.get(action.reminder)
    await u.users.update(u.user, anticoagulant="vka_ok" if action.answer == "ok" else action.answer)
    if not advice.k2_cleared(u.user.anticoagulant):
        await _hold_k2(u)
    if reminder is None:  # asked after a K2 was logged: K2 is already being taken
        return BloodThinnerNoted(action.answer, None, k2_mentioned=True)
    if not advice.k2_cleared(u.user.anticoagulant):
        await u.reminders.update(reminder, paused=True)
    else:
        await u.reminders.update(reminder, paused=False, next_due_at=_due(u, reminder, now))
    return BloodThinnerNoted(action.answer, info(reminder))


async def _hold_k2(u: Unit) -> None:
    """Every K2 reminder off: the gate is closed (warfarin or similar, or not sure)."""
    for row in await u.reminders.all():
        if row.kind == KIND_SUPPLEMENT and row.what == K2 and not row.paused:
            await u.reminders.update(row, paused=True)


async def blood_thinner_words(u: Unit, said: str, now: datetime, text: str) -> BloodThinnerNoted:
    """ "I take warfarin", "I'm on apixaban", "my doctor agreed to K2": the answer to the
    blood-thinner question, in words. Agreement counts only after warfarin or "not sure"
    was said (a doctor's word is about a vitamin K antagonist); a VKA holds every K2
    reminder until it comes."""
    current = u.user.anticoagulant
    if said == "vka_ok" and current not in ("vka", "unsure", "vka_ok"):
        said = current if current in ("none", "other") else "vka_ok"
    if said == "vka" and current == "vka_ok" and not advice.mentions_k2(text):
        said = "vka_ok"  # "I take warfarin" again: the agreement they told us of stands
    await u.users.update(u.user, anticoagulant=said)
    if not advice.k2_cleared(said):
        await _hold_k2(u)
    answer = "ok" if said == "vka_ok" else said
    return BloodThinnerNoted(answer, None, k2_mentioned=advice.mentions_k2(text), in_words=True)


async def _setup_button(u: Unit, action: Any, now: datetime) -> Any:
    """Set-up by taps: a supplement and its time, bedtime stretches, the check-in."""
    if isinstance(action, b.SetupStart):
        return SetupOffer("supplement")
    if isinstance(action, b.SetupSupplement):
        return SetupOffer("supplement_time", SUPPLEMENT_TIMES, action.supplement)
    if isinstance(action, b.SetupSupplementTime):
        request = ReminderRequest(KIND_SUPPLEMENT, action.supplement,
                                  SETUP_LABELS[action.supplement], action.at, DAILY)
        return await _create(u, request, now, step="supplement")
    if isinstance(action, b.SetupBedtime):
        return SetupOffer("bedtime", BEDTIME_TIMES)
    if isinstance(action, b.SetupBedtimeTime):
        request = ReminderRequest(KIND_STRETCH, "stretch", "stretching", action.at, DAILY)
        return await _create(u, request, now, step="bedtime")
    if isinstance(action, b.SetupCheckin):
        return SetupOffer("checkin", MORNING_TIMES)
    at = action.at if isinstance(action, b.SetupCheckinTime) else None
    checkins = [r for r in await u.reminders.all() if r.kind == KIND_CHECKIN]
    if at is not None and not checkins:
        await first_zone_set(u, now)
        checkins = [r for r in await u.reminders.all() if r.kind == KIND_CHECKIN]
    for row in checkins:
        if at is None:
            await u.reminders.update(row, paused=True)
        else:
            await u.reminders.update(row, paused=False, local_time=at.strftime("%H:%M"),
                                     next_due_at=_due(u, row, now, at))
    return SetupDone(at)

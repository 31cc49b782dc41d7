"""Words for reminders: /remind, /reminders, the reminders the tick sends, the answers
to their buttons, the morning check-in and the set-up by taps."""

from __future__ import annotations

from datetime import datetime, time

from .. import buttons as b
from ..reminders import (
    DAILY,
    DAY_NAMES,
    KIND_CHECKIN,
    KIND_RECAP,
    KIND_STRETCH,
    KIND_SUPPLEMENT,
    WEEKDAYS,
    WEEKENDS,
)
from ..replies import Button, Reply
from ..usecases.results import reminders as R
from ..vocab import K2, OFFERED_SUPPLEMENTS
from ..zones import zone
from .catalogue import Texts
from .common import (
    Speech,
    blood_thinner_buttons,
    capital,
    describe,
    doctor_agreed_button,
    muscle_buttons,
    undo_button,
    why_button,
)

SEVERITY_WORDS = {2: "mild", 5: "moderate", 7: "severe", 9: "very_severe"}  # b.SEVERITY_CHOICES


# ---- names, days, times --------------------------------------------------------

def _name(t: Texts, kind: str, what: str, label: str) -> str:
    """A reminder's name in a sentence: a known supplement by its name, else its label."""
    key = f"supplement.{what}"
    if kind == KIND_SUPPLEMENT and what != "other" and t.has(key):
        return t(key)
    return label


def reminder_name(t: Texts, r: R.ReminderInfo) -> str:
    return _name(t, r.kind, r.what, r.label)


def _what(t: Texts, r: R.ReminderInfo) -> str:
    """What "Reminder set: …" names: the kind, or the supplement."""
    if r.kind in (KIND_STRETCH, KIND_CHECKIN, KIND_RECAP):
        return t(f"reminder_name.{r.kind}")
    return reminder_name(t, r)


def _title(t: Texts, r: R.ReminderInfo) -> str:
    """What /reminders calls it, at the start of a line."""
    if r.kind in (KIND_STRETCH, KIND_CHECKIN, KIND_RECAP):
        return t(f"reminder_title.{r.kind}")
    return capital(reminder_name(t, r))


SAID = {"snooze_refused": "reminder_press.snooze_refused",
        "already_taken": "reminder_press.already_taken", "checkin_no_cramps": "checkin.no_cramps",
        "checkin_unsure": "checkin.unsure", "reminder_gone": "reminder_manage.gone"}


def _named(t: Texts, r: R.ReminderInfo) -> dict[str, str]:
    """What a change says of a reminder, so two at one time are told apart."""
    return {"name": _title(t, r), "time": r.local_time, "days": days_words(t, r.days)}


def days_words(t: Texts, mask: int) -> str:
    """ "every day", "on weekdays", "at weekends", "on Mon, Wed"."""
    if mask & DAILY == DAILY:
        return t("reminder_days.every_day")
    if mask == WEEKDAYS:
        return t("reminder_days.weekdays")
    if mask == WEEKENDS:
        return t("reminder_days.weekends")
    names = [t(f"reminder_days.{d}") for i, d in enumerate(DAY_NAMES) if mask >> i & 1]
    return t("reminder_days.some", days=t("reminder_days.separator").join(names))


def _hhmm(at: time) -> str:
    return f"{at:%H:%M}"


def _time_rows(times: tuple[time, ...], action: object) -> list[list[Button]]:
    """Times as buttons, four a row; `action(at)` is the button's action."""
    row = [Button(_hhmm(at), action(at).pack()) for at in times]  # type: ignore[operator]
    return [row[i:i + 4] for i in range(0, len(row), 4)]


def setup_start_button(t: Texts) -> Button:
    return Button(t("reminder_button.set_up"), b.SetupStart().pack())


# ---- what the tick sends -------------------------------------------------------

def due_message(s: Speech, due: R.Due) -> Reply:
    """A reminder's text and buttons (a recap: its "Stop weekly recaps" button only;
    a trial's step is worded by the trial's renderer)."""
    t = s.t
    oid = due.occurrence_id
    if due.kind == KIND_RECAP:
        return Reply("", buttons=[[Button(t("reminder_button.stop_recaps"),
                                          b.PauseReminder(due.reminder_id).pack())]])
    if due.kind == KIND_CHECKIN:
        return Reply(t("reminder_due.checkin"), buttons=[
            [Button(t("reminder_button.checkin_none"), b.CheckinNone(oid).pack()),
             Button(t("reminder_button.checkin_yes"), b.CheckinYes(oid).pack())],
            [Button(t("reminder_button.checkin_unsure"), b.CheckinUnsure(oid).pack()),
             Button(t("reminder_button.checkin_stop"), b.PauseReminder(due.reminder_id).pack())],
        ])
    at = s.pattern(due.due_at.astimezone(zone(due.tz)), "today")
    if due.kind == KIND_STRETCH:
        return Reply(t(f"reminder_due.stretch_{due.why}", time=at), buttons=[
            [Button(t("reminder_button.done"), b.Taken(oid).pack()),
             Button(t("reminder_button.snooze"), b.Snooze(oid).pack()),
             Button(t("reminder_button.skip"), b.Skip(oid).pack())],
            [Button(t("reminder_button.show_stretches"), b.ShowStretches().pack())],
        ])
    name = _name(t, due.kind, due.what, due.label)
    return Reply(t(f"reminder_due.supplement_{due.why}", name=name, time=at), buttons=[
        [Button(t("reminder_button.taken"), b.Taken(oid).pack()),
         Button(t("reminder_button.snooze"), b.Snooze(oid).pack()),
         Button(t("reminder_button.skip"), b.Skip(oid).pack())],
    ])


# ---- results -------------------------------------------------------------------

def _set_text(s: Speech, r: R.ReminderInfo) -> str:
    t = s.t
    text = t("remind.set", what=_what(t, r), time=r.local_time, days=days_words(t, r.days),
             zone=s.tz_name)
    if r.kind == KIND_SUPPLEMENT and r.what == "magnesium":
        text += "\n\n" + t("advice.magnesium_caution")
    if r.kind == KIND_SUPPLEMENT and r.what == "vitamin_b":
        text += "\n\n" + t("advice.b_vitamin_caution")
    if r.kind == KIND_SUPPLEMENT and r.what == K2:
        text += "\n\n" + t("advice.k2_evidence")
    return text


def _held_for_warfarin(t: Texts, r: R.ReminderInfo, edit: bool = False,
                       why: str = "warfarin") -> Reply:
    """A K2 reminder kept off: the question (not answered yet), or until the prescriber
    agrees (warfarin or similar, or not sure)."""
    if why == "ask":
        return Reply(t("advice.k2_blood_thinner_question"), edit=edit,
                     buttons=blood_thinner_buttons(t, r.id))
    key = "advice.k2_unsure" if why == "unsure" else "advice.k2_warfarin"
    return Reply(t(key), edit=edit, buttons=[doctor_agreed_button(t, r.id)])


def created(s: Speech, r: R.ReminderCreated) -> Reply:
    t = s.t
    if r.held == "ask":
        reply = Reply(t("advice.k2_blood_thinner_question"),
                      buttons=blood_thinner_buttons(t, r.reminder.id))
    elif r.held in ("warfarin", "unsure"):
        reply = _held_for_warfarin(t, r.reminder, why=r.held)
    else:
        reply = Reply(_set_text(s, r.reminder))
    if r.step == "supplement" and not reply.buttons:
        reply.buttons = [[Button(t("reminder_button.setup_next_bedtime"), b.SetupBedtime().pack())]]
    elif r.step == "bedtime":
        reply.buttons = [[Button(t("reminder_button.setup_next_checkin"), b.SetupCheckin().pack())]]
    reply.edit = r.step is not None
    return reply


def listing(s: Speech, r: R.ReminderList) -> Reply:
    t = s.t
    if not r.reminders:
        return Reply(t("reminders.none"), buttons=[[setup_start_button(t)]])
    lines, rows = [t("reminders.header", zone=s.tz_name)], []
    for item in r.reminders:
        name = _title(t, item)
        state = (f"reminders.line_held_{r.why}" if item.id in r.held else
                 "reminders.line_paused" if item.paused else "reminders.line")
        lines.append(t(state, name=name,
                       time=item.local_time, days=days_words(t, item.days)))
        toggle = t("reminder_button.resume" if item.paused else "reminder_button.pause", name=name)
        rows.append([
            Button(toggle[:30], b.PauseReminder(item.id).pack()),
            Button(t("reminder_button.change_time"), b.ChangeTime(item.id).pack()),
            Button(t("reminder_button.delete"), b.DeleteReminder(item.id).pack()),
        ])
    rows.append([Button(t("reminder_button.add"), b.SetupStart().pack())])
    return Reply("\n".join(lines), buttons=rows)


def _clock(s: Speech, at: datetime) -> str:
    return s.clock(at)


def blood_thinner_noted(s: Speech, r: R.BloodThinnerNoted) -> Reply:
    t = s.t
    if r.reminder is None:  # asked when K2 was logged (or said in words), not at a reminder
        if r.answer in ("vka", "unsure"):
            lines = [t("advice.k2_unsure" if r.answer == "unsure" else "advice.k2_warfarin")]
            if r.k2_mentioned:
                lines.append(t("advice.k2_warfarin_stopping"))
            keys = ["k2_warfarin_stopping"] if r.k2_mentioned else []
            keys.append("k2_unsure" if r.answer == "unsure" else "k2_warfarin")
            return Reply("\n\n".join(lines), edit=not r.in_words,
                         buttons=[[*doctor_agreed_button(t), why_button(t, keys)]])
        if r.answer == "ok":  # the prescriber agreed: what starting and stopping K2 mean
            return Reply(t("blood_thinner.agreed") + "\n\n" + t("advice.k2_warfarin_stopping"),
                         edit=not r.in_words, buttons=[[why_button(t, ["k2_warfarin_stopping"])]])
        text = t("advice.k2_other_anticoagulant") if r.answer == "other" else t("blood_thinner.noted")
        return Reply(text, edit=not r.in_words)
    if r.answer in ("vka", "unsure"):
        why = "unsure" if r.answer == "unsure" else "warfarin"
        return _held_for_warfarin(t, r.reminder, edit=True, why=why)
    text = _set_text(s, r.reminder)
    if r.answer == "other":
        text = t("advice.k2_other_anticoagulant") + "\n\n" + text
    return Reply(text, edit=True)


def setup_offer(s: Speech, r: R.SetupOffer) -> Reply:
    t = s.t
    if r.step == "supplement":
        rows = [[Button(t(f"supplement_button.{name}"), b.SetupSupplement(name).pack())
                 for name in OFFERED_SUPPLEMENTS],
                [Button(t("reminder_button.setup_skip_supplement"), b.SetupBedtime().pack())]]
        return Reply(t("setup.supplement"), buttons=rows, edit=True)
    if r.step == "supplement_time":
        supplement = r.supplement or ""
        return Reply(t("setup.supplement_time"), edit=True, buttons=_time_rows(
            r.times, lambda at: b.SetupSupplementTime(supplement, at)))
    if r.step == "bedtime":
        rows = [*_time_rows(r.times, b.SetupBedtimeTime),
                [Button(t("reminder_button.setup_no_bedtime"), b.SetupCheckin().pack())]]
        return Reply(t("setup.bedtime"), buttons=rows, edit=True)
    rows = [*_time_rows(r.times, b.SetupCheckinTime),
            [Button(t("reminder_button.setup_no_checkin"), b.SetupNoCheckin().pack())]]
    return Reply(t("setup.checkin"), buttons=rows, edit=True)


def render(s: Speech, result: object) -> Reply:
    """The reply to any result of `bot.usecases.reminders`."""
    t = s.t
    match result:
        case R.Expired():
            return Reply(t("common.expired"))
        case R.RemindRefused(error=error, word=word):
            return Reply(t(f"remind.{error.value}", word=word[:20]))
        case R.ReminderCreated():
            return created(s, result)
        case R.ReminderList():
            return listing(s, result)
        case R.Stretches():
            return Reply(t("stretches.routine") + "\n\n" + t("advice.fluids"),
                         buttons=[[why_button(t, ["fluids"])]])
        case R.Done(reminder=reminder, at=at):
            if reminder.kind == KIND_STRETCH:
                return Reply(t("reminder_press.stretches_done", time=_clock(s, at)), edit=True)
            return Reply(t("reminder_press.taken", name=capital(reminder_name(t, reminder)),
                           time=_clock(s, at)), edit=True)
        case R.AlreadyAnswered(status=status):
            return Reply(t("reminder_press.already_answered",
                           status=t(f"reminder_press.status_{status}")), edit=True)
        case R.Said(what=what):
            return Reply(t(SAID[what]), edit=True)
        case R.Snoozed(until=until):
            return Reply(t("reminder_press.snoozed", time=_clock(s, until)), edit=True)
        case R.Skipped(reminder=reminder, at=at):
            if reminder.kind == KIND_STRETCH:
                return Reply(t("reminder_press.skipped_stretches", time=_clock(s, at)), edit=True)
            return Reply(t("reminder_press.skipped", name=reminder_name(t, reminder),
                           time=_clock(s, at)), edit=True)
        case R.CheckinAskWhere(occurrence=occurrence):
            return Reply(t("logged.where"), edit=True,
                         buttons=muscle_buttons(t, b.CheckinWhere, occurrence))
        case R.CheckinAskSeverity(occurrence=occurrence, muscle=muscle):
            return Reply(t("checkin.how_bad"), edit=True, buttons=[[
                Button(capital(t(f"severity.{SEVERITY_WORDS[severity]}")),
                       b.CheckinLog(occurrence, muscle, severity).pack())
                for severity in b.SEVERITY_CHOICES]])
        case R.CheckinLogged(entry=entry):
            if entry is None:
                return Reply(t("checkin.already"), edit=True)
            return Reply(t("logged.new", summary=describe(s, entry)), edit=True,
                         buttons=[[undo_button(t, entry.id)]])
        case R.ReminderDeleted(reminder=reminder):
            return Reply(t("reminder_manage.deleted", **_named(t, reminder)), edit=True)
        case R.ConfirmDelete(reminder=reminder):
            return Reply(t("reminder_manage.confirm_delete", **_named(t, reminder)), edit=True, buttons=[[
                Button(t("reminder_button.delete_yes"), b.DeleteConfirmed(reminder.id).pack()),
                Button(t("reminder_button.keep"), b.KeepReminder(reminder.id).pack())]])
        case R.Kept(reminder=reminder):
            return Reply(t("reminder_manage.kept", **_named(t, reminder)), edit=True)
        case R.AlreadyHave(reminder=reminder, at=at, days=days):
            return Reply(t("remind.already", **_named(t, reminder), new_time=_hhmm(at),
                           new_days=days_words(t, days)), buttons=[[
                Button(t("reminder_button.change_it"), b.ReplaceReminder(reminder.id, at, days).pack()),
                Button(t("reminder_button.add_another"),
                       b.AddReminder(reminder.what, at, days).pack())]])
        case R.PauseToggled(reminder=reminder):
            key = "reminder_manage.paused" if reminder.paused else "reminder_manage.resumed"
            return Reply(t(key, **_named(t, reminder)), edit=True)
        case R.ResumeHeld(reminder=reminder, why=why):
            return _held_for_warfarin(t, reminder, why=why)
        case R.TimeChoices(reminder=reminder, times=times):
            return Reply(t("reminder_manage.pick_time", **_named(t, reminder)), edit=True, buttons=_time_rows(
                times, lambda at: b.MoveReminder(reminder.id, at)))
        case R.ReminderMoved(reminder=reminder):
            return Reply(t("reminder_manage.moved", **_named(t, reminder)), edit=True)
        case R.BloodThinnerNoted():
            return blood_thinner_noted(s, result)
        case R.SetupOffer():
            return setup_offer(s, result)
        case R.SetupDone(checkin=checkin):
            done = (t("setup.checkin_at", time=_hhmm(checkin)) if checkin is not None
                    else t("setup.no_checkin"))
            return Reply(t("setup.done", checkin=done), edit=True)
    raise TypeError(f"not a reminders result: {result!r}")

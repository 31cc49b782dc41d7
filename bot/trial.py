"""/trial: a personal before/after experiment, shaped like the K2 trial's design.

A baseline (no new supplement, every night logged), then a set period taking the
supplement daily with a reminder, then the comparison. The trial's clock is a
reminder row of kind "trial" due at the end of the current period, so the step
from one period to the next is sent by the scheduler, survives restarts and
happens once however many instances run.

Button data:
  tr:s:<supplement>                 chosen supplement -> choose the periods
  tr:p:<supplement>:<base>:<take>   start with these periods (nights)
  tr:x  stop the trial (asks first);  tr:xx  stop, confirmed;  tr:st  where am I
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from storage import ReminderRepo, Trial, TrialRepo

from . import advice
from .diary import Diary
from .entries import supplement_label
from .recap import compare, comparison_words, night_of
from .reminder_talk import SETUP_SUPPLEMENTS, blood_thinner_buttons, supplement_named
from .reminders import DAILY, KIND_SUPPLEMENT, KIND_TRIAL, next_due, wall_time
from .replies import Button, Reply

STEP_AT = time(19, 0)  # a period ends at 19:00 local, before that night's dose
SUPPLEMENT_AT = time(21, 0)  # the daily reminder a trial sets up, if there is none
PLANS = ((14, 28, "2 weeks, then 4 weeks"), (28, 56, "4 weeks, then 8 (like the study)"),
         (14, 14, "2 weeks, then 2 weeks"))
CHOICES = SETUP_SUPPLEMENTS
MIN_NIGHTS, MAX_NIGHTS = 7, 84
MIN_DATA_NIGHTS = 7  # nights with data in each period before comparing
EXPIRED = "Sorry, that button has expired."

INTRO = (
    "A personal trial, shaped like the vitamin K2 study: first a baseline with no new "
    "supplement, then a period taking it daily, then I compare the two.\n\n"
    "It works best if you log every night, “no cramps” too (the morning check-in asks for "
    "you). Which supplement?"
)


def taking_from(trial: Trial) -> date:
    return trial.first_night + timedelta(days=trial.baseline_nights)


def ends(trial: Trial) -> date:
    return taking_from(trial) + timedelta(days=trial.taking_nights)


def _step_due(trial: Trial, diary: Diary) -> datetime:
    day = taking_from(trial) if trial.phase == "baseline" else ends(trial)
    return wall_time(day, STEP_AT, diary.zone)


async def command(diary: Diary, args: str, now: datetime) -> Reply:
    """/trial, /trial magnesium, /trial magnesium 14 28, /trial stop."""
    current = await TrialRepo(diary.session, diary.user).current()
    words = args.lower().split()
    if current is not None:
        if words[:1] == ["stop"]:
            return _confirm_stop(current)
        return status(current, diary, now)
    named = " ".join(w for w in words if not w.isdigit())
    name = supplement_named(named) if named else None
    if name not in (None, *(n for _, n in CHOICES)):
        name = None
    if named and name is None:
        return Reply("Which supplement? Tap one (a trial is for one at a time).",
                     buttons=_supplement_buttons())
    numbers = [int(w) for w in words if re.fullmatch(r"\d{1,3}", w)]
    if name is not None and len(numbers) == 2:
        return await begin(diary, name, numbers[0], numbers[1], now)
    if name is not None:
        return _plans(name)
    return Reply(INTRO, buttons=_supplement_buttons())


async def baseline_note(diary: Diary, names: set[str]) -> str | None:
    """A supplement logged during its own trial's baseline: say what the baseline is for."""
    trial = await TrialRepo(diary.session, diary.user).current()
    if trial is None or trial.phase != "baseline" or trial.supplement not in names:
        return None
    return (f"(Noted. Your trial's baseline runs until {taking_from(trial):%a %d %b}: the "
            f"comparison is fairest with no {supplement_label(trial.supplement)} until then.)")


def _supplement_buttons() -> list[list[Button]]:
    return [[Button(text, f"tr:s:{name}") for text, name in CHOICES]]


def _plans(name: str) -> Reply:
    rows = [[Button(text, f"tr:p:{name}:{b}:{t}")] for b, t, text in PLANS]
    return Reply(f"How long? First the baseline (no {supplement_label(name)}), then taking it daily. "
                 f"Or type e.g. /trial {supplement_label(name)} 21 42 for other numbers of nights.",
                 buttons=rows, edit=True)


async def begin(diary: Diary, name: str, baseline: int, taking: int, now: datetime) -> Reply:
    if not (MIN_NIGHTS <= baseline <= MAX_NIGHTS and MIN_NIGHTS <= taking <= MAX_NIGHTS):
        return Reply(f"Each period needs {MIN_NIGHTS} to {MAX_NIGHTS} nights, e.g. "
                     f"/trial {supplement_label(name)} 14 28.")
    if name == "vitamin_k2" and diary.user.anticoagulant == "vka":
        return Reply(advice.K2_WARFARIN.text)
    trials = TrialRepo(diary.session, diary.user)
    if await trials.current() is not None:
        return Reply("You already have a trial running: /trial shows it.", edit=True)
    first = night_of(now, diary.zone)
    if now.astimezone(diary.zone).hour >= 12:  # tonight is the first baseline night
        first = now.astimezone(diary.zone).date()
    trial = await trials.add(supplement=name, first_night=first, baseline_nights=baseline,
                             taking_nights=taking, phase="baseline", started_at=now)
    await ReminderRepo(diary.session, diary.user).add(
        kind=KIND_TRIAL, what=name, label="trial", local_time=STEP_AT.strftime("%H:%M"),
        days=DAILY, paused=False, next_due_at=_step_due(trial, diary))
    text = (
        f"Your {supplement_label(name)} trial has started.\n"
        f"• Baseline: {baseline} nights, until {taking_from(trial):%a %d %b}. Don't start "
        f"{supplement_label(name)} yet, and log every night, “no cramps” too.\n"
        f"• Then {taking} nights taking {supplement_label(name)} daily, with a reminder. I'll tell you "
        "when.\n"
        f"• On {ends(trial):%a %d %b} I'll compare the two, honestly.\n"
        "/trial shows where you are."
    )
    if name == "vitamin_k2" and diary.user.anticoagulant is None:
        text += "\n\n" + advice.K2_BLOOD_THINNER_QUESTION.text
        return Reply(text, edit=True, buttons=blood_thinner_buttons())
    return Reply(text, edit=True)


def status(trial: Trial, diary: Diary, now: datetime) -> Reply:
    today = night_of(now, diary.zone)
    if trial.phase == "baseline":
        night = (today - trial.first_night).days + 1
        where = (f"baseline, night {max(night, 1)} of {trial.baseline_nights}. Don't take "
                 f"{supplement_label(trial.supplement)} yet; on {taking_from(trial):%a %d %b} you start.")
    else:
        night = (today - taking_from(trial)).days + 1
        where = (f"taking {supplement_label(trial.supplement)} daily, night {max(night, 1)} of "
                 f"{trial.taking_nights}. The comparison comes on {ends(trial):%a %d %b}.")
    return Reply(f"Your {supplement_label(trial.supplement)} trial: {where}",
                 buttons=[[Button("Stop the trial", "tr:x")]])


def _confirm_stop(trial: Trial) -> Reply:
    return Reply(f"Stop your {supplement_label(trial.supplement)} trial? Your diary stays as it is.",
                 buttons=[[Button("Yes, stop it", "tr:xx"), Button("No, carry on", "tr:st")]])


async def press(diary: Diary, data: str, now: datetime) -> Reply | None:
    """A trial button; None if `data` is not one of ours."""
    parts = data.split(":")
    if parts[0] != "tr":
        return None
    choices = {n for _, n in CHOICES}
    if parts[1:2] == ["s"] and len(parts) == 3 and parts[2] in choices:
        return _plans(parts[2])
    if (parts[1:2] == ["p"] and len(parts) == 5 and parts[2] in choices
            and all(re.fullmatch(r"\d{1,2}", p) for p in parts[3:])):
        return await begin(diary, parts[2], int(parts[3]), int(parts[4]), now)
    current = await TrialRepo(diary.session, diary.user).current()
    if parts[1:] == ["st"]:
        return status(current, diary, now) if current else Reply("No trial is running.", edit=True)
    if parts[1:] == ["x"] and current is not None:
        return _confirm_stop(current)
    if parts[1:] == ["xx"]:
        if current is None:
            return Reply("No trial is running.", edit=True)
        current.phase = "stopped"
        await _drop_clock(diary)
        return Reply(f"Trial stopped. Your {supplement_label(current.supplement)} reminder, if any, stays: "
                     "/reminders changes it.", edit=True)
    return Reply(EXPIRED)


async def _drop_clock(diary: Diary) -> None:
    repo = ReminderRepo(diary.session, diary.user)
    for r in await repo.all():
        if r.kind == KIND_TRIAL:
            await repo.delete(r)


async def step(diary: Diary, now: datetime, apply: bool) -> Reply | None:
    """The scheduler's call at a period's end: start taking, or report. None: nothing yet
    (the clock was early, e.g. after a time-zone change; it is set right again).

    Called twice: with apply=False for the message, then, once it is sent, with
    apply=True to move the trial on, so a failed send is tried again, not lost."""
    trial = await TrialRepo(diary.session, diary.user).current()
    if trial is None:
        if apply:
            await _drop_clock(diary)
        return None
    if now < _step_due(trial, diary):
        if apply:
            await _reset_clock(diary, trial, now)
        return None
    if trial.phase == "baseline":
        reply = await _start_taking(diary, trial, now, apply)
        if apply and trial.phase == "baseline":
            trial.phase = "taking"
            await _reset_clock(diary, trial, now)
        return reply
    reply = await report(diary, trial, now)
    if apply:
        trial.phase = "done"
        await _drop_clock(diary)
    return reply


async def _reset_clock(diary: Diary, trial: Trial, now: datetime) -> None:
    for r in await ReminderRepo(diary.session, diary.user).all():
        if r.kind == KIND_TRIAL:
            r.next_due_at = max(_step_due(trial, diary), now + timedelta(minutes=1))


async def _start_taking(diary: Diary, trial: Trial, now: datetime, apply: bool) -> Reply:
    name = supplement_label(trial.supplement)
    history = await diary.history(now, weeks=trial.baseline_nights // 7 + 2)
    nights, cramps = _period(history, diary, trial.first_night, taking_from(trial))
    per_week = f"{cramps / nights * 7:.1f} cramps a week" if nights else "no nights logged"
    text = (f"Your baseline is done: {per_week} ({nights} of {trial.baseline_nights} nights "
            f"logged). From tonight, take {name} every day as its label or your doctor says, "
            f"for {trial.taking_nights} nights, and keep logging.")
    if trial.supplement == "vitamin_k2" and diary.user.anticoagulant == "vka":
        if apply:
            trial.phase = "stopped"
            await _drop_clock(diary)
        return Reply(text.split(" From tonight")[0] + "\n\n" + advice.K2_WARFARIN.text
                     + "\n\nSo I've stopped the trial here.")
    reminders = ReminderRepo(diary.session, diary.user)
    existing = [r for r in await reminders.all()
                if r.kind == KIND_SUPPLEMENT and r.what == trial.supplement]
    if existing:
        text += f" Your reminder at {existing[0].local_time} stays."
    else:
        if apply:
            await reminders.add(kind=KIND_SUPPLEMENT, what=trial.supplement, label=name,
                                local_time=SUPPLEMENT_AT.strftime("%H:%M"), days=DAILY,
                                paused=False,
                                next_due_at=next_due(SUPPLEMENT_AT, DAILY, diary.zone, now))
        text += (f" I'll remind you at {SUPPLEMENT_AT:%H:%M} each day; /reminders changes "
                 "the time.")
    if trial.supplement == "magnesium":
        text += "\n\n" + advice.MAGNESIUM_CAUTION.text
    return Reply(text, buttons=[[Button("Where am I?", "tr:st")]])


def _period(history: list, diary: Diary, start: date, end: date) -> tuple[int, int]:
    """(nights with data, cramps) over the nights [start, end)."""
    nights: set[date] = set()
    cramps = 0
    for e in history:
        if e.kind not in ("cramp", "no_cramp"):
            continue
        night = night_of(e.at, diary.zone)
        if start <= night < end:
            nights.add(night)
            cramps += (e.count or 1) if e.kind == "cramp" else 0
    return len(nights), cramps


async def report(diary: Diary, trial: Trial, now: datetime) -> Reply:
    """The end of a trial: the two periods side by side, with honest uncertainty."""
    name = supplement_label(trial.supplement)
    weeks = (trial.baseline_nights + trial.taking_nights) // 7 + 2
    history = await diary.history(now, weeks=weeks)
    start, switch, end = trial.first_night, taking_from(trial), ends(trial)
    base_nights, base_cramps = _period(history, diary, start, switch)
    take_nights, take_cramps = _period(history, diary, switch, end)
    taken = {e.at.astimezone(diary.zone).date() for e in history
             if e.kind == "supplement" and e.name == trial.supplement
             and switch <= e.at.astimezone(diary.zone).date() < end}
    lines = [f"Your {name} trial is over.",
             f"Baseline: {base_cramps} cramps over {base_nights} logged nights "
             f"(of {trial.baseline_nights}).",
             f"Taking {name}: {take_cramps} cramps over {take_nights} logged nights "
             f"(of {trial.taking_nights}); {name} logged on {len(taken)} of "
             f"{trial.taking_nights} days."]
    result = compare(history, trial.supplement, switch, now, diary.zone,
                     min_nights=MIN_DATA_NIGHTS, until=end, since=start)
    if result is None:
        lines.append(f"That is too few logged nights to compare (I need {MIN_DATA_NIGHTS} in "
                     "each period). You could run it again with /trial.")
    else:
        lines.append(comparison_words(result, name))
    lines.append("Whether to carry on is worth talking over with your doctor or pharmacist; "
                 "/report makes a PDF to show them.")
    return Reply("\n\n".join(lines))

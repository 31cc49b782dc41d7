"""/trial: a personal before/after experiment, shaped like the K2 trial's design.

A baseline (no new supplement, every night logged), then a set period taking the
supplement daily with a reminder, then the comparison. The trial's clock is a
reminder row of kind "trial" due at the end of the current period, so the step
from one period to the next is sent by the scheduler, survives restarts and
happens once however many instances run.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage import Trial

from .. import advice
from .. import buttons as b
from ..kinds import Entry
from ..recap import compare, night_of
from ..reminders import (
    DAILY,
    KIND_SUPPLEMENT,
    KIND_TRIAL,
    SETUP_LABELS,
    next_due,
    supplement_named,
    wall_time,
)
from ..vocab import K2, OFFERED_SUPPLEMENTS
from .results.trial import (
    AlreadyRunning,
    BadPeriods,
    BaselineDone,
    ConfirmStop,
    NoTrial,
    NotWithWarfarin,
    Period,
    PlanChoice,
    Started,
    Status,
    Stopped,
    SupplementChoice,
    TrialInfo,
    TrialOver,
    TrialResult,
    TrialStep,
)
from .unit import Unit

STEP_AT = time(19, 0)  # a period ends at 19:00 local, before that night's dose
SUPPLEMENT_AT = time(21, 0)  # the daily reminder a trial sets up, if there is none
PLANS = ((14, 28), (28, 56), (14, 14))  # (baseline, taking) nights offered by buttons
MIN_NIGHTS, MAX_NIGHTS = 7, 84
MIN_DATA_NIGHTS = 7  # nights with data in each period before comparing

TrialAction = b.TrialSupplement | b.TrialPlan | b.TrialStatus | b.TrialStop | b.TrialStopConfirmed


# ---- the rules (pure) -----------------------------------------------------------------

def taking_from(trial: Trial) -> date:
    return trial.first_night + timedelta(days=trial.baseline_nights)


def ends(trial: Trial) -> date:
    return taking_from(trial) + timedelta(days=trial.taking_nights)


def step_due(trial: Trial, zone: ZoneInfo) -> datetime:
    """When the current period ends: the moment the scheduler steps the trial on."""
    day = taking_from(trial) if trial.phase == "baseline" else ends(trial)
    return wall_time(day, STEP_AT, zone)


def period(history: list[Entry], zone: ZoneInfo, start: date, end: date) -> Period:
    """Nights with data and cramps over the nights [start, end)."""
    nights: set[date] = set()
    cramps = 0
    for e in history:
        if e.kind not in ("cramp", "no_cramp"):
            continue
        night = night_of(e.at, zone)
        if start <= night < end:
            nights.add(night)
            cramps += (e.count or 1) if e.kind == "cramp" else 0
    return Period(len(nights), cramps)


def info(trial: Trial) -> TrialInfo:
    return TrialInfo(supplement=trial.supplement, phase=trial.phase,
                     first_night=trial.first_night, baseline_nights=trial.baseline_nights,
                     taking_nights=trial.taking_nights, taking_from=taking_from(trial),
                     ends=ends(trial))


# ---- commands and buttons ---------------------------------------------------------------

async def command(u: Unit, args: str, now: datetime) -> TrialResult:
    """/trial, /trial magnesium, /trial magnesium 14 28, /trial stop."""
    current = await u.trials.current()
    words = args.lower().split()
    if current is not None:
        if words[:1] == ["stop"]:
            return ConfirmStop(current.supplement)
        return status(u, current, now)
    named = " ".join(w for w in words if not w.isdigit())
    name = supplement_named(named) if named else None
    if name not in (None, *OFFERED_SUPPLEMENTS):
        name = None
    if named and name is None:
        return SupplementChoice(OFFERED_SUPPLEMENTS, unknown=True)
    numbers = [int(w) for w in words if re.fullmatch(r"\d{1,3}", w)]
    if name is not None and len(numbers) == 2:
        return await begin(u, name, numbers[0], numbers[1], now)
    if name is not None:
        return PlanChoice(name, PLANS)
    return SupplementChoice(OFFERED_SUPPLEMENTS)


async def press(u: Unit, action: TrialAction, now: datetime) -> TrialResult:
    """One of the trial's buttons."""
    if isinstance(action, b.TrialSupplement):
        return PlanChoice(action.supplement, PLANS)
    if isinstance(action, b.TrialPlan):
        return await begin(u, action.supplement, action.baseline, action.taking, now)
    current = await u.trials.current()
    if isinstance(action, b.TrialStatus):
        return status(u, current, now) if current else NoTrial()
    if isinstance(action, b.TrialStop):
        return ConfirmStop(current.supplement) if current else NoTrial(stale=True)
    if current is None:  # TrialStopConfirmed
        return NoTrial()
    await u.trials.update(current, phase="stopped")
    await _drop_clock(u)
    return Stopped(current.supplement)


async def begin(u: Unit, name: str, baseline: int, taking: int, now: datetime) -> TrialResult:
    if not (MIN_NIGHTS <= baseline <= MAX_NIGHTS and MIN_NIGHTS <= taking <= MAX_NIGHTS):
        return BadPeriods(name, MIN_NIGHTS, MAX_NIGHTS)
    if name == K2 and u.user.anticoagulant in ("vka", "unsure"):
        return NotWithWarfarin(name, u.user.anticoagulant if u.user.anticoagulant == "unsure"
                               else "warfarin")  # until their prescriber agrees (rule 3)
    if await u.trials.current() is not None:
        return AlreadyRunning()
    zone = u.zone
    first = night_of(now, zone)
    if now.astimezone(zone).hour >= 12:  # tonight is the first baseline night
        first = now.astimezone(zone).date()
    trial = await u.trials.add(supplement=name, first_night=first, baseline_nights=baseline,
                               taking_nights=taking, phase="baseline", started_at=now)
    await u.reminders.add(
        kind=KIND_TRIAL, what=name, label="trial", local_time=STEP_AT.strftime("%H:%M"),
        days=DAILY, paused=False, next_due_at=step_due(trial, zone))
    return Started(info(trial), ask_blood_thinner=name == K2 and u.user.anticoagulant is None)


def status(u: Unit, trial: Trial, now: datetime) -> Status:
    today = night_of(now, u.zone)
    start = trial.first_night if trial.phase == "baseline" else taking_from(trial)
    return Status(info(trial), max((today - start).days + 1, 1))


async def baseline_of(u: Unit, names: set[str]) -> tuple[str, date] | None:
    """A supplement logged during its own trial's baseline: (it, the baseline's end)."""
    trial = await u.trials.current()
    if trial is None or trial.phase != "baseline" or trial.supplement not in names:
        return None
    return trial.supplement, taking_from(trial)


# ---- the scheduler's steps ------------------------------------------------------------

async def _drop_clock(u: Unit) -> None:
    for r in await u.reminders.all():
        if r.kind == KIND_TRIAL:
            await u.reminders.delete(r)


async def _reset_clock(u: Unit, trial: Trial, now: datetime) -> None:
    for r in await u.reminders.all():
        if r.kind == KIND_TRIAL:
            await u.reminders.update(
                r, next_due_at=max(step_due(trial, u.zone), now + timedelta(minutes=1)))


async def step(u: Unit, now: datetime, apply: bool) -> TrialStep | None:
    """The scheduler's call at a period's end: start taking, or report. None: nothing yet
    (the clock was early, e.g. after a time-zone change; it is set right again).

    Called twice: with apply=False for the message, then, once it is sent, with
    apply=True to move the trial on, so a failed send is tried again, not lost."""
    trial = await u.trials.current()
    if trial is None:
        if apply:
            await _drop_clock(u)
        return None
    if now < step_due(trial, u.zone):
        if apply:
            await _reset_clock(u, trial, now)
        return None
    if trial.phase == "baseline":
        result = await _start_taking(u, trial, now, apply)
        if apply and trial.phase == "baseline":
            await u.trials.update(trial, phase="taking")
            await _reset_clock(u, trial, now)
        return result
    result = await report(u, trial, now)
    if apply:
        await u.trials.update(trial, phase="done")
        await _drop_clock(u)
    return result


async def _start_taking(u: Unit, trial: Trial, now: datetime, apply: bool) -> BaselineDone:
    history = await u.history(now, weeks=trial.baseline_nights // 7 + 2)
    base = period(history, u.zone, trial.first_night, taking_from(trial))
    if trial.supplement == K2 and not advice.k2_cleared(u.user.anticoagulant):
        # rule 3: no "take K2 from tonight" and no K2 reminder while the blood-thinner
        # answer is unknown, warfarin or similar, or "not sure"
        held = {None: "ask", "unsure": "unsure"}.get(u.user.anticoagulant, "warfarin")
        if apply:
            await u.trials.update(trial, phase="stopped")
            await _drop_clock(u)
        caution = {"ask": advice.K2_NOT_YET, "unsure": advice.K2_UNSURE}.get(held, advice.K2_WARFARIN)
        return BaselineDone(info(trial), base.nights, base.cramps, stopped=True, held=held,
                            advice=(caution,))
    cautions = {"magnesium": (advice.MAGNESIUM_CAUTION,),
                "vitamin_b": (advice.B_VITAMIN_CAUTION,)}.get(trial.supplement, ())
    existing = [r for r in await u.reminders.all()
                if r.kind == KIND_SUPPLEMENT and r.what == trial.supplement]
    if existing:
        hours, minutes = existing[0].local_time.split(":")
        return BaselineDone(info(trial), base.nights, base.cramps,
                            reminder_at=time(int(hours), int(minutes)), reminder_existing=True,
                            advice=cautions)
    if apply:
        await u.reminders.add(kind=KIND_SUPPLEMENT, what=trial.supplement,
                              label=SETUP_LABELS[trial.supplement],
                              local_time=SUPPLEMENT_AT.strftime("%H:%M"), days=DAILY,
                              paused=False, next_due_at=next_due(SUPPLEMENT_AT, DAILY, u.zone, now))
    return BaselineDone(info(trial), base.nights, base.cramps, reminder_at=SUPPLEMENT_AT,
                        advice=cautions)


async def report(u: Unit, trial: Trial, now: datetime) -> TrialOver:
    """The end of a trial: the two periods side by side, with honest uncertainty."""
    zone = u.zone
    weeks = (trial.baseline_nights + trial.taking_nights) // 7 + 2
    history = await u.history(now, weeks=weeks)
    start, switch, end = trial.first_night, taking_from(trial), ends(trial)
    taken = {e.at.astimezone(zone).date() for e in history
             if e.kind == "supplement" and e.name == trial.supplement
             and switch <= e.at.astimezone(zone).date() < end}
    result = compare(history, trial.supplement, switch, now, zone,
                     min_nights=MIN_DATA_NIGHTS, until=end, since=start)
    return TrialOver(info(trial), period(history, zone, start, switch),
                     period(history, zone, switch, end), len(taken), result, MIN_DATA_NIGHTS)

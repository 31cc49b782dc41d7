"""/trial: a personal N-of-1 trial (the design and its analysis are `bot.nof1`'s).

A 14-night run-in without the supplement that must show at least 2 cramps, then pairs
of on/off blocks in a randomised order, a daily dose reminder in the "on" blocks only
(through the blood-thinner gate), the user's own reminders for the same supplement
paused meanwhile and switched back on at the end. Optionally self-blinded: someone
else fills numbered envelopes, real or look-alike, by the key the bot keeps; the
dose reminder then runs in every block, and after each the bot asks which the user
thinks it was.

The trial's clock is a reminder row of kind "trial" due at the current block's end, so
each step is sent by the scheduler, survives restarts and happens once however many
instances run. The result is worked out from the diary whenever asked (at the end,
by /trial later, in the PDF): one engine, the same answer each time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from storage import Reminder, Trial

from .. import advice, nof1
from .. import buttons as b
from ..kinds import Entry
from ..recap import night_of, nightly, period
from ..reminders import (
    DAILY,
    KIND_SUPPLEMENT,
    KIND_TRIAL,
    SETUP_LABELS,
    next_due,
    supplement_named,
    wall_time,
)
from ..stats import Period
from ..vocab import K2, OFFERED_SUPPLEMENTS
from .results.trial import (
    AlreadyRunning,
    BadPlan,
    BlockStarts,
    ConfirmStop,
    Finished,
    GuessNoted,
    Held,
    KeyHidden,
    NotEligible,
    NoTrial,
    NotWithWarfarin,
    Outcome,
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

# a block ends at noon local: where a night begins (bot.recap.night_of), so a dose at any
# hour belongs to the block its night is in, and the dose reminder is set for it in time
STEP_AT = time(12, 0)
DOSE_AT = time(21, 0)  # the trial's dose reminder, unless the user had one at another time
MIN_SECONDARY = 5  # cramps with a severity (or a length) on each side before comparing them

TrialAction = (b.TrialSupplement | b.TrialPlan | b.TrialBlocks | b.TrialBlind | b.TrialKeyHidden
               | b.TrialGuess | b.TrialResultShown | b.TrialStatus | b.TrialStop | b.TrialStopConfirmed)


# ---- the rules (pure) -----------------------------------------------------------------

def plan_of(trial: Trial) -> nof1.Plan:
    return nof1.Plan(tuple(c == "1" for c in trial.blocks), trial.block_nights,
                     trial.baseline_nights, trial.washout)


def ends(trial: Trial) -> date:
    return plan_of(trial).boundary(trial.first_night, len(trial.blocks))


def step_due(trial: Trial, zone: ZoneInfo) -> datetime:
    """When the current block (or the run-in) ends: the moment the scheduler steps on."""
    return wall_time(plan_of(trial).boundary(trial.first_night, trial.block), STEP_AT, zone)


def info(trial: Trial) -> TrialInfo:
    plan = plan_of(trial)
    return TrialInfo(supplement=trial.supplement, phase=trial.phase,
                     first_night=trial.first_night, run_in_nights=plan.run_in,
                     blocks=plan.blocks, block_nights=plan.block_nights, washout=plan.washout,
                     block=trial.block, blinded=trial.blinded)


def outcome(trial: Trial, history: list[Entry], zone: ZoneInfo) -> Outcome:
    """The trial's result from the diary: the rate ratio on the analysed nights, how
    likely it helps, severity and length as secondary outcomes, adherence, guesses."""
    plan, first = plan_of(trial), trial.first_night
    counts = nightly(history, zone, first, ends(trial))
    analysis = nof1.analyse(plan, first, counts)
    on_nights: set[date] = set()
    off_nights: set[date] = set()
    for block in nof1.blocks(plan, first):
        days = {block.first + timedelta(days=i) for i in range(plan.block_nights)}
        (on_nights if block.on or trial.blinded else off_nights).update(days)
    taken = {night_of(e.at, zone) for e in history
             if e.kind == "supplement" and e.name == trial.supplement}
    analysed_on, analysed_off = map(set, nof1.analysed_nights(plan, first))
    cramps = [e for e in history if e.kind == "cramp"]

    def mean(nights: set[date], value: str, scale: float = 1.0) -> float | None:
        """The mean over the analysed nights' cramps; None from too few to compare."""
        values = [getattr(e, value) / scale for e in cramps
                  if night_of(e.at, zone) in nights and getattr(e, value) is not None]
        return fmean(values) if len(values) >= MIN_SECONDARY else None

    guesses = None
    if trial.blinded:
        said = [(g, on) for g, on in zip(trial.guesses, plan.blocks, strict=False) if g in "rl"]
        guesses = (sum(1 for g, on in said if (g == "r") == on), len(said))
    return Outcome(
        trial=info(trial), analysis=analysis, days_on=len(on_nights),
        taken_on=len(on_nights & taken), days_off=len(off_nights),
        taken_off=len(off_nights & taken),
        severity=(mean(analysed_on, "severity"), mean(analysed_off, "severity")),
        minutes=(mean(analysed_on, "duration_s", 60), mean(analysed_off, "duration_s", 60)),
        guesses=guesses)


def _run_in(trial: Trial, history: list[Entry], zone: ZoneInfo) -> Period:
    """The run-in's nightly counts (what decides whether the blocks start)."""
    first = trial.first_night
    return period(history, zone, first, plan_of(trial).boundary(first, 0))


# ---- commands and buttons ---------------------------------------------------------------

def _choice(name: str, blinded: bool = False) -> PlanChoice:
    return PlanChoice(name, nof1.PLANS, nof1.RUN_IN_NIGHTS, nof1.WASHOUT_NIGHTS, blinded)


async def command(u: Unit, args: str, now: datetime) -> TrialResult:
    """/trial, /trial magnesium, /trial magnesium 3 14 (pairs, nights a block), /trial
    magnesium blind, /trial stop. With no trial running, /trial shows the last result."""
    current = await u.trials.current()
    words = args.lower().split()
    if current is not None:
        if words[:1] == ["stop"]:
            return ConfirmStop(current.supplement)
        return status(u, current, now)
    blind = any(w in ("blind", "blinded", "envelopes") for w in words)
    named = " ".join(w for w in words if not w.isdigit() and w not in ("blind", "blinded",
                                                                        "envelopes"))
    name = supplement_named(named) if named else None
    if name not in (None, *OFFERED_SUPPLEMENTS):
        name = None
    if named and name is None:
        return SupplementChoice(OFFERED_SUPPLEMENTS, unknown=True)
    numbers = [int(w) for w in words if re.fullmatch(r"\d{1,3}", w)]
    if name is not None and len(numbers) == 2:
        return await begin(u, name, numbers[0], numbers[1], blind, now)
    if name is not None:
        return _choice(name, blind)
    if not words and (last := await u.trials.last_ended()) is not None:
        return await finished(u, last, now)
    return SupplementChoice(OFFERED_SUPPLEMENTS)


async def press(u: Unit, action: TrialAction, now: datetime) -> TrialResult:
    """One of the trial's buttons."""
    if isinstance(action, b.TrialSupplement):
        return _choice(action.supplement)
    if isinstance(action, b.TrialBlind):
        return _choice(action.supplement, blinded=True)
    if isinstance(action, b.TrialPlan):  # a before/after plan's button in an old chat
        return _choice(action.supplement)
    if isinstance(action, b.TrialBlocks):
        return await begin(u, action.supplement, action.pairs, action.nights, bool(action.blind),
                           now)
    if isinstance(action, b.TrialGuess):
        return await _guess(u, action, now)
    if isinstance(action, b.TrialResultShown):
        last = await u.trials.last_ended()
        return await finished(u, last, now) if last else NoTrial(stale=True)
    current = await u.trials.current()
    if isinstance(action, b.TrialKeyHidden):
        return (KeyHidden(current.supplement, len(current.blocks)) if current
                else NoTrial(stale=True))
    if isinstance(action, b.TrialStatus):
        return status(u, current, now) if current else NoTrial()
    if isinstance(action, b.TrialStop):
        return ConfirmStop(current.supplement) if current else NoTrial(stale=True)
    if current is None:  # TrialStopConfirmed
        return NoTrial()
    restored = await _wind_up(u, current, now, phase="stopped")
    return Stopped(current.supplement, restored)


async def begin(u: Unit, name: str, pairs: int, nights: int, blind: bool,
                now: datetime) -> TrialResult:
    if name == K2 and u.user.anticoagulant in ("vka", "unsure"):
        return NotWithWarfarin(name, u.user.anticoagulant if u.user.anticoagulant == "unsure"
                               else "warfarin")  # until their prescriber agrees (rule 3)
    if not (nof1.PAIRS[0] <= pairs <= nof1.PAIRS[1]
            and nof1.BLOCK_NIGHTS[0] <= nights <= nof1.BLOCK_NIGHTS[1]):
        return BadPlan(name, nof1.PAIRS, nof1.BLOCK_NIGHTS)
    if await u.trials.current() is not None:
        return AlreadyRunning()
    zone = u.zone
    first = now.astimezone(zone).date()  # tonight: a night already over may have had a dose
    plan = nof1.draw(pairs, nights)
    own = [r for r in await u.reminders.all()
           if r.kind == KIND_SUPPLEMENT and r.what == name and not r.paused]
    dose_at = time.fromisoformat(own[0].local_time) if own else DOSE_AT
    for r in own:  # "don't take it yet": its reminders would say the opposite
        await u.reminders.update(r, paused=True)
    trial = await u.trials.add(
        supplement=name, first_night=first, baseline_nights=plan.run_in,
        taking_nights=len(plan.blocks) * plan.block_nights, phase="run_in", started_at=now,
        blocks="".join("1" if on else "0" for on in plan.blocks), block_nights=plan.block_nights,
        washout=plan.washout, block=0, blinded=blind, guesses="-" * len(plan.blocks),
        paused=",".join(str(r.id) for r in own))
    await u.reminders.add(
        kind=KIND_TRIAL, what=name, label="trial", local_time=STEP_AT.strftime("%H:%M"),
        days=DAILY, paused=False, next_due_at=step_due(trial, zone))
    return Started(info(trial), ask_blood_thinner=name == K2 and u.user.anticoagulant is None,
                   paused=tuple(time.fromisoformat(r.local_time) for r in own), dose_at=dose_at)


def status(u: Unit, trial: Trial, now: datetime) -> Status:
    today = night_of(now, u.zone)
    t = info(trial)
    start = t.first_night if trial.block == 0 else t.block_first(trial.block)
    nights = t.run_in_nights if trial.block == 0 else t.block_nights
    # past the end of its period (the step is on its way): its last night, not one beyond
    return Status(t, min(max((today - start).days + 1, 1), nights))


async def finished(u: Unit, trial: Trial, now: datetime) -> Finished:
    """A trial's result. A blinded one's key is shown with it: envelopes not guessed by
    then stay "can't tell", so no guess can follow the key."""
    if trial.blinded and trial.phase == "done" and "-" in trial.guesses:
        await u.trials.update(trial, guesses=trial.guesses.replace("-", "u"))
    history = await _history(u, trial, now)
    run_in = _run_in(trial, history, u.zone)
    done = trial.phase == "done"
    return Finished(info(trial), run_in, outcome(trial, history, u.zone) if done else None)


async def _guess(u: Unit, action: b.TrialGuess, now: datetime) -> TrialResult:
    """A blinded block's guess: once per envelope, only for a block that has ended, and
    never once the result (the key) has been shown."""
    trial = await u.trials.current()
    if trial is None or not trial.blinded:  # the last block's guess comes after the end
        trial = await u.trials.last_ended()
    if trial is None or not trial.blinded or trial.phase not in ("blocks", "done"):
        return NoTrial(stale=True)
    ended = len(trial.blocks) if trial.phase == "done" else trial.block - 1
    guesses = list(trial.guesses.ljust(len(trial.blocks), "-"))
    if not 1 <= action.block <= ended or guesses[action.block - 1] != "-":
        return NoTrial(stale=True)
    guesses[action.block - 1] = action.guess
    await u.trials.update(trial, guesses="".join(guesses))
    if trial.phase == "done":
        return GuessNoted(action.block, (await finished(u, trial, now)).outcome)
    return GuessNoted(action.block)


async def baseline_of(u: Unit, taken: set[tuple[str, date]]) -> tuple[str, date] | None:
    """A dose of the trial's supplement logged (supplement, night) on a night of its
    run-in or of an (unblinded) "off" block: (it, the night it may be taken again)."""
    trial = await u.trials.current()
    if trial is None or trial.blinded:
        return None
    plan = plan_of(trial)
    for name, night in sorted(taken):
        if name != trial.supplement or not trial.first_night <= night < ends(trial):
            continue
        block = nof1.where(plan, trial.first_night, night)
        if block is None:  # the run-in
            return name, plan.boundary(trial.first_night, 0)
        if not block.on:
            return name, block.end
    return None


# ---- the scheduler's steps ------------------------------------------------------------

async def _history(u: Unit, trial: Trial, now: datetime) -> list[Entry]:
    weeks = max((now.date() - trial.first_night).days // 7 + 2, 2)
    return await u.history(now, weeks=weeks)


async def _drop_clock(u: Unit) -> None:
    for r in await u.reminders.all():
        if r.kind == KIND_TRIAL:
            await u.reminders.delete(r)


async def _reset_clock(u: Unit, trial: Trial, now: datetime) -> None:
    for r in await u.reminders.all():
        if r.kind == KIND_TRIAL:
            await u.reminders.update(
                r, next_due_at=max(step_due(trial, u.zone), now + timedelta(minutes=1)))


async def _dose_time(u: Unit, trial: Trial) -> time:
    """The trial's dose time: its reminder's, else the user's own (paused) one's, else 21:00."""
    ids = [trial.dose_reminder] if trial.dose_reminder else []
    ids += [int(i) for i in trial.paused.split(",") if i]
    for rid in ids:
        if (row := await u.reminders.get(rid)) is not None:
            return time.fromisoformat(row.local_time)
    return DOSE_AT


async def _dose(u: Unit, trial: Trial, on: bool, now: datetime) -> time:
    """The trial's dose reminder for the block starting: there (made again if the user
    deleted it) in a block taking it, gone in one without; its time."""
    at = await _dose_time(u, trial)
    row = await u.reminders.get(trial.dose_reminder) if trial.dose_reminder else None
    if not on:
        if row is not None:
            await u.reminders.delete(row)
        await u.trials.update(trial, dose_reminder=None)
    elif row is None:
        row = await u.reminders.add(
            kind=KIND_SUPPLEMENT, what=trial.supplement, label=SETUP_LABELS[trial.supplement],
            local_time=at.strftime("%H:%M"), days=DAILY, paused=False,
            next_due_at=next_due(at, DAILY, u.zone, now))
        await u.trials.update(trial, dose_reminder=row.id)
    elif row.paused:
        await u.reminders.update(row, paused=False, next_due_at=next_due(at, row.days, u.zone, now))
    return at


async def _restorable(u: Unit, trial: Trial) -> list[Reminder]:
    """The user's own reminders the trial paused that come back on at its end (a K2 one
    only through the gate; one they switched on themselves meanwhile is left as it is)."""
    rows = []
    for rid in filter(None, trial.paused.split(",")):
        row = await u.reminders.get(int(rid))
        if row is None or not row.paused:
            continue
        if row.what == K2 and not advice.k2_cleared(u.user.anticoagulant):
            continue
        rows.append(row)
    return rows


async def _wind_up(u: Unit, trial: Trial, now: datetime, phase: str, apply: bool = True) -> int:
    """The end, however it comes: the trial's dose reminder and clock go, the user's own
    reminders it paused come back on. How many do (with apply=False, only counted)."""
    restorable = await _restorable(u, trial)
    if not apply:
        return len(restorable)
    if trial.dose_reminder and (row := await u.reminders.get(trial.dose_reminder)) is not None:
        await u.reminders.delete(row)
    for row in restorable:
        await u.reminders.update(row, paused=False,
                                 next_due_at=next_due(time.fromisoformat(row.local_time),
                                                      row.days, u.zone, now))
    await u.trials.update(trial, phase=phase, ended_on=night_of(now, u.zone), dose_reminder=None)
    await _drop_clock(u)
    return len(restorable)


def _held(u: Unit, trial: Trial, taking: bool) -> str | None:
    """Rule 3: a K2 block where it may be taken, with the gate closed: why."""
    if trial.supplement != K2 or not taking or advice.k2_cleared(u.user.anticoagulant):
        return None
    return advice.k2_held_why(u.user.anticoagulant)


_CAUTIONS = {"magnesium": (advice.MAGNESIUM_CAUTION,), "vitamin_b": (advice.B_VITAMIN_CAUTION,)}


async def step(u: Unit, now: datetime, apply: bool) -> TrialStep | None:
    """The scheduler's call at the run-in's or a block's end. None: nothing yet (the
    clock was early, e.g. after a time-zone change; it is set right again).

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
    history = await _history(u, trial, now)
    plan = plan_of(trial)
    run_in = None
    if trial.block == 0:
        run_in = _run_in(trial, history, u.zone)
        if not nof1.enough_run_in(run_in):
            restored = await _wind_up(u, trial, now, "ineligible", apply)
            return NotEligible(info(trial), run_in, nof1.MIN_RUN_IN_CRAMPS, restored)
    nxt = trial.block + 1
    if nxt > len(plan.blocks):
        result = outcome(trial, history, u.zone)
        restored = await _wind_up(u, trial, now, "done", apply)
        return TrialOver(result, guess=len(plan.blocks) if trial.blinded else None,
                         restored=restored)
    taking = plan.blocks[nxt - 1] or trial.blinded
    # a K2 trial needs K2 in some block: past the run-in only through the gate
    held = _held(u, trial, taking or trial.block == 0)
    if held is not None:
        caution = {"ask": advice.K2_NOT_YET, "unsure": advice.K2_UNSURE}.get(held,
                                                                            advice.K2_WARFARIN)
        if apply:
            await _wind_up(u, trial, now, "stopped")
        return Held(info(trial), held, (caution,), run_in)
    guess = trial.block if trial.blinded and trial.block else None
    shown = replace(info(trial), block=nxt, phase="blocks")
    if apply:
        dose_at = await _dose(u, trial, taking, now)
        await u.trials.update(trial, block=nxt, phase="blocks")
        await _reset_clock(u, trial, now)
    else:
        dose_at = await _dose_time(u, trial)
    return BlockStarts(shown, nxt, dose_at, run_in, guess,
                       _CAUTIONS.get(trial.supplement, ()) if taking else ())

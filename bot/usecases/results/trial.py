"""Results of /trial: choosing, starting, where it stands, stopping, and the scheduler's
steps from one period to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from ...advice import Advice
from ...recap import Comparison


@dataclass(frozen=True, slots=True)
class TrialInfo:
    """A trial, as plain values (no ORM row)."""

    supplement: str
    phase: str  # baseline | taking | done | stopped
    first_night: date  # the baseline's first night
    baseline_nights: int
    taking_nights: int
    taking_from: date  # the first night taking the supplement (the baseline's end)
    ends: date  # the day after the last night taking it: the comparison's day


@dataclass(frozen=True, slots=True)
class SupplementChoice:
    """Which supplement? unknown: one was named that a trial does not offer."""

    supplements: tuple[str, ...]
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class PlanChoice:
    """How long: the offered (baseline, taking) periods, in nights."""

    supplement: str
    plans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class BadPeriods:
    """A period outside `least`..`most` nights: nothing started."""

    supplement: str
    least: int
    most: int


@dataclass(frozen=True, slots=True)
class NotWithWarfarin:
    """A K2 trial asked for by someone on warfarin or similar: nothing started."""

    supplement: str
    why: str = "warfarin"  # or "unsure": until the prescriber agrees


@dataclass(frozen=True, slots=True)
class AlreadyRunning:
    pass


@dataclass(frozen=True, slots=True)
class Started:
    trial: TrialInfo
    ask_blood_thinner: bool  # a K2 trial, and we do not know about blood thinners


@dataclass(frozen=True, slots=True)
class Status:
    """Where a running trial stands: its current period's night (from 1)."""

    trial: TrialInfo
    night: int


@dataclass(frozen=True, slots=True)
class ConfirmStop:
    supplement: str


@dataclass(frozen=True, slots=True)
class Stopped:
    supplement: str


@dataclass(frozen=True, slots=True)
class NoTrial:
    """No trial is running. stale: the button only made sense with one (it has expired)."""

    stale: bool = False


@dataclass(frozen=True, slots=True)
class BaselineDone:
    """The scheduler's step at the baseline's end.

    stopped: on warfarin or similar by now, a K2 trial stops here. Otherwise taking
    starts, with the supplement reminder already at `reminder_at` (existing) or one
    set up at `reminder_at`. `advice`: the caution that goes with it (always shown)."""

    trial: TrialInfo
    nights: int  # nights with data in the baseline
    cramps: int
    stopped: bool = False
    held: str | None = None  # stopped at the blood-thinner gate: "ask" | "warfarin" | "unsure"
    reminder_at: time | None = None
    reminder_existing: bool = False
    advice: tuple[Advice, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    nights: int  # nights with data
    cramps: int


@dataclass(frozen=True, slots=True)
class TrialOver:
    """The scheduler's step at the trial's end: the two periods side by side."""

    trial: TrialInfo
    baseline: Period
    taking: Period
    days_taken: int  # days with the supplement logged while taking it
    comparison: Comparison | None  # None: too few nights with data to compare
    min_nights: int  # nights with data needed in each period to compare


TrialResult = (SupplementChoice | PlanChoice | BadPeriods | NotWithWarfarin | AlreadyRunning
               | Started | Status | ConfirmStop | Stopped | NoTrial)
TrialStep = BaselineDone | TrialOver

"""Results of /trial: choosing, starting, where it stands, stopping, the scheduler's
steps from the run-in through the blocks, and the result (kept after the end)."""

from __future__ import annotations

from datetime import date, time

from ...advice import Advice
from ...nof1 import MIN_ADHERENCE, Analysis, Plan
from ...stats import Period
from ...values import frozen


@frozen
class TrialInfo:
    """A trial, as plain values (no ORM row). While a blinded trial runs, `blocks` is
    known here but never said: the talk shows envelope numbers only."""

    supplement: str
    phase: str  # run_in | blocks | done | ineligible | stopped
    first_night: date  # the run-in's first night
    run_in_nights: int
    blocks: tuple[bool, ...]  # True: an "on" block (taking it), in order
    block_nights: int
    washout: int  # nights at each block's start left out of the comparison
    block: int  # the current block (from 1); 0: the run-in
    blinded: bool

    @property
    def plan(self) -> Plan:
        return Plan(self.blocks, self.block_nights, self.run_in_nights, self.washout)

    @property
    def blocks_from(self) -> date:
        """The first block's first night (the run-in's end)."""
        return self.plan.boundary(self.first_night, 0)

    @property
    def ends(self) -> date:
        """The night after the last block: the result's day."""
        return self.plan.boundary(self.first_night, len(self.blocks))

    def block_first(self, block: int) -> date:
        """The first night of block `block` (from 1)."""
        return self.plan.boundary(self.first_night, block - 1)


@frozen
class SupplementChoice:
    """Which supplement? unknown: one was named that a trial does not offer."""

    supplements: tuple[str, ...]
    unknown: bool = False


@frozen
class PlanChoice:
    """How long: the offered (pairs, nights a block) plans; blinded: with envelopes."""

    supplement: str
    plans: tuple[tuple[int, int], ...]
    run_in: int
    washout: int
    blinded: bool = False


@frozen
class BadPlan:
    """A typed plan outside the limits: nothing started."""

    supplement: str
    pairs: tuple[int, int]
    nights: tuple[int, int]


@frozen
class NotWithWarfarin:
    """A K2 trial asked for by someone on warfarin or similar: nothing started."""

    supplement: str
    why: str = "warfarin"  # or "unsure": until the prescriber agrees


@frozen
class AlreadyRunning:
    pass


@frozen
class Started:
    trial: TrialInfo
    ask_blood_thinner: bool  # a K2 trial, and we do not know about blood thinners
    paused: tuple[time, ...]  # the user's own reminders for it, paused until the end
    dose_at: time  # the trial's dose reminder, in the blocks that have one


@frozen
class Status:
    """Where a running trial stands: the night (from 1) of the run-in or current block."""

    trial: TrialInfo
    night: int


@frozen
class ConfirmStop:
    supplement: str


@frozen
class Stopped:
    supplement: str
    restored: int  # the user's own reminders switched back on


@frozen
class NoTrial:
    """No trial is running. stale: the button only made sense with one (it has expired)."""

    stale: bool = False


@frozen
class KeyHidden:
    """The helper pressed "envelopes ready": the key is taken off the screen."""

    supplement: str
    blocks: int


@frozen
class GuessNoted:
    """A blinded block's guess, noted. outcome: the last block's, so the result now."""

    block: int
    outcome: Outcome | None = None


@frozen
class Outcome:
    """A trial's result, by the one engine (`bot.nof1.analyse` on `bot.stats`)."""

    trial: TrialInfo
    analysis: Analysis
    days_on: int  # days in the "on" blocks (all blocks' days when blinded)
    taken_on: int  # of those, days with the supplement logged
    days_off: int
    taken_off: int  # days with it logged in the "off" blocks (0 when blinded: not known)
    severity: tuple[float | None, float | None]  # mean severity (0-10) on, off
    minutes: tuple[float | None, float | None]  # mean minutes a cramp, on, off
    guesses: tuple[int, int] | None  # blinded: (right, answered); None: not blinded

    @property
    def verdict(self) -> str:
        return self.analysis.verdict

    @property
    def taken_daily(self) -> bool:
        """Doses logged on enough of the days taking it: not taken daily, the trial cannot
        tell about taking it daily."""
        return self.taken_on / (self.days_on or 1) >= MIN_ADHERENCE


@frozen
class Finished:
    """/trial after a trial ended: its result (None: the run-in had too few cramps)."""

    trial: TrialInfo
    run_in: Period
    outcome: Outcome | None


# ---- the scheduler's steps ------------------------------------------------------------

@frozen
class NotEligible:
    """The run-in had fewer than `least` cramps: too little to learn from. The end."""

    trial: TrialInfo
    run_in: Period
    least: int
    restored: int


@frozen
class Held:
    """A K2 block was due while the blood-thinner answer is unknown, warfarin or similar,
    or "not sure": the trial stops here, with the caution (rule 3)."""

    trial: TrialInfo
    held: str  # "ask" | "warfarin" | "unsure"
    advice: tuple[Advice, ...]
    run_in: Period | None  # at the run-in's end, what it showed


@frozen
class BlockStarts:
    """A block starts tonight. run_in: at the first block, what the run-in showed.
    guess: blinded, the block just ended, whose guess is asked."""

    trial: TrialInfo
    block: int  # from 1
    dose_at: time
    run_in: Period | None = None
    guess: int | None = None
    advice: tuple[Advice, ...] = ()


@frozen
class TrialOver:
    """The last block ended. Blinded: the last guess is asked before the result."""

    outcome: Outcome
    guess: int | None = None
    restored: int = 0


TrialResult = (SupplementChoice | PlanChoice | BadPlan | NotWithWarfarin | AlreadyRunning
               | Started | Status | ConfirmStop | Stopped | NoTrial | KeyHidden | GuessNoted
               | Finished)
TrialStep = NotEligible | Held | BlockStarts | TrialOver

"""The personal N-of-1 trial's design and analysis (rules: pure, no I/O).

Following the published practice for single-patient trials (the CENT 2015 reporting
guideline; the AHRQ user's guide to N-of-1 trials; the quinine N-of-1 trials for leg
cramps in primary care) and the JAMA K2 trial's own design:

- a run-in of 14 nights without the supplement, which must show at least 2 cramps
  (the K2 trial screened two weeks and asked for two): fewer, and there is too little
  to learn from, which is good news in itself;
- then pairs of blocks, "on" (taking it) and "off", the order within each pair drawn at
  random, so that a bad spell or a season cannot line up with taking it;
- the first nights of every block left out of the analysis (washout: K2's half-life is
  about three days, so a block's first three nights still carry the last block);
- the analysis: cramps per logged night on the analysed "on" nights against the "off"
  ones, by the same engine as `/week` (`bot.stats`): the rate ratio with its interval,
  how likely it is that the supplement helps, and the sceptic's reading beside it.

A trial started before the blocks existed is one "on" block with no washout: its "off"
nights are the run-in's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .stats import Helps, Period, RateRatio, helps, rate_ratio
from .values import frozen

RUN_IN_NIGHTS = 14
MIN_RUN_IN_CRAMPS = 2
MIN_RUN_IN_NIGHTS = 10  # logged: fewer, and 'no cramps' would only be 'no entries'
WASHOUT_NIGHTS = 3
MIN_NIGHTS = 7  # analysed nights logged on each side before a result is given
MIN_ADHERENCE = 0.8  # doses logged on this share of the days taking it, or no verdict
PLANS = ((3, 14), (2, 21), (3, 21))  # (pairs, nights a block) offered
PAIRS = (2, 4)  # the fewest and most pairs a typed plan may ask for
BLOCK_NIGHTS = (10, 28)  # the shortest and longest block: the washout must leave most
TOLD_HELPS = 0.975  # how sure (flat prior) before "it seems to help": 0.95 told 9% of no-effect people


@frozen
class Plan:
    blocks: tuple[bool, ...]  # True: an "on" block (taking it), in order
    block_nights: int
    run_in: int = RUN_IN_NIGHTS
    washout: int = WASHOUT_NIGHTS

    @property
    def nights(self) -> int:
        return self.run_in + len(self.blocks) * self.block_nights

    def boundary(self, first_night: date, block: int) -> date:
        """The night block `block` ends and the next starts (0: the run-in's end)."""
        return first_night + timedelta(days=self.run_in + block * self.block_nights)


def draw(pairs: int, block_nights: int, rng: random.Random | None = None) -> Plan:
    """A plan with each pair's order drawn at random (on-off or off-on)."""
    rng = rng or random.SystemRandom()
    blocks: list[bool] = []
    for _ in range(pairs):
        first = rng.random() < 0.5
        blocks += [first, not first]
    return Plan(tuple(blocks), block_nights)


@frozen
class Block:
    number: int  # from 1
    on: bool
    first: date  # its first night (named by its evening)
    end: date  # the night after its last
    analysed_from: date  # after the washout


def blocks(plan: Plan, first_night: date) -> list[Block]:
    start = first_night + timedelta(days=plan.run_in)
    out = []
    for i, on in enumerate(plan.blocks):
        first = start + timedelta(days=i * plan.block_nights)
        out.append(Block(i + 1, on, first, first + timedelta(days=plan.block_nights),
                         first + timedelta(days=plan.washout)))
    return out


def where(plan: Plan, first_night: date, night: date) -> Block | None:
    """The block a night falls in (None: the run-in, or after the end)."""
    return next((b for b in blocks(plan, first_night) if b.first <= night < b.end), None)


def enough_run_in(run_in: Period) -> bool:
    """A run-in to learn from: a few cramps, on nights that were logged (few nights
    logged and "no cramps" would only mean "no entries")."""
    return run_in.cramps >= MIN_RUN_IN_CRAMPS and run_in.nights >= MIN_RUN_IN_NIGHTS


@frozen
class Analysis:
    run_in: Period
    on: Period  # analysed nights of the "on" blocks
    off: Period
    ratio: RateRatio | None  # on / off
    helps: Helps | None

    @property
    def eligible(self) -> bool:
        return enough_run_in(self.run_in)

    @property
    def verdict(self) -> str:
        """ "helps" when it is likely enough (flat prior, TOLD_HELPS), "worse" likewise the
        other way, else "unclear"."""
        if self.helps is None:
            return "unclear"
        if self.helps.probability >= TOLD_HELPS:
            return "helps"
        if self.helps.probability <= 1 - TOLD_HELPS:
            return "worse"
        return "unclear"


def _span(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days)]


def analysed_nights(plan: Plan, first_night: date) -> tuple[list[date], list[date]]:
    """The nights compared: the "on" blocks' and the "off" ones', washouts left out. A
    plan with no "off" block (a before/after trial from before the blocks) compares with
    the run-in."""
    on: list[date] = []
    off: list[date] = []
    for b in blocks(plan, first_night):
        (on if b.on else off).extend(_span(b.analysed_from, b.end))
    if not off:
        off = _span(first_night, first_night + timedelta(days=plan.run_in))
    return on, off


def analyse(plan: Plan, first_night: date, counts: dict[date, int]) -> Analysis:
    """`counts`: cramps per logged night (a night not in it was not logged)."""

    def period(nights: list[date]) -> Period:
        return Period(tuple(counts.get(n) for n in nights))

    run_in = period(_span(first_night, first_night + timedelta(days=plan.run_in)))
    on_nights, off_nights = analysed_nights(plan, first_night)
    on, off = period(on_nights), period(off_nights)
    return Analysis(run_in, on, off, rate_ratio(off, on), helps(off, on))

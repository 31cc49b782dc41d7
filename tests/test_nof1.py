"""The N-of-1 trial's rules (bot/nof1.py) and the engine's "how likely it helps"
(bot/stats.helps), pinned to hand-checked values."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from bot import nof1
from bot.stats import Period, helps


def test_the_sceptical_reading_is_a_binomial_tail_by_hand() -> None:
    """10 cramps in 10 nights before, none in 10 after, no clustering: the share of cramps
    after is Beta(0.5, 10.5) on the flat prior and Beta(5, 15) on the sceptic's (5 + 5
    cramps of "no effect"). I_0.5(5, 15) = P(Binomial(19, 1/2) >= 5)
    = 1 - (1 + 19 + 171 + 969 + 3876) / 2**19."""
    before, after = Period((1,) * 10), Period((0,) * 10)
    h = helps(before, after, phi=1.0)
    assert h is not None
    assert h.sceptical == pytest.approx(1 - 5036 / 2**19, abs=1e-9)
    assert h.probability > 0.999 and h.ratio < 0.05


def test_no_difference_is_an_even_chance_and_the_sceptic_agrees() -> None:
    same = Period((0, 1, 0, 2, 0, 1, 0) * 4)
    h = helps(same, same)
    assert h is not None and h.probability == pytest.approx(0.5, abs=0.02)
    assert h.sceptical == pytest.approx(0.5, abs=0.02) and h.ratio == pytest.approx(1, rel=0.05)


def test_the_sceptic_is_always_less_sure_than_the_flat_reading() -> None:
    for cb, ca in ((6, 2), (12, 3), (4, 0), (20, 14)):
        h = helps(Period((cb,) + (0,) * 13), Period((ca,) + (0,) * 13), phi=1.0)
        assert h is not None and 0.5 < h.sceptical < h.probability


def test_no_logged_night_on_one_side_says_nothing() -> None:
    assert helps(Period((None, None)), Period((1, 0))) is None


def test_each_pair_has_one_on_and_one_off_block_in_a_random_order() -> None:
    orders = set()
    for seed in range(40):
        plan = nof1.draw(3, 14, random.Random(seed))
        pairs = [plan.blocks[i:i + 2] for i in range(0, 6, 2)]
        assert all(sorted(p) == [False, True] for p in pairs)
        orders.add(plan.blocks)
    assert len(orders) == 8  # all 2**3 orders occur
    assert nof1.draw(3, 14).nights == 14 + 6 * 14


def test_the_washout_nights_and_the_run_in_are_left_out_of_the_comparison() -> None:
    plan = nof1.Plan((True, False), block_nights=7, run_in=14, washout=3)
    first = date(2026, 1, 5)
    on, off = nof1.blocks(plan, first)
    assert (on.first, on.analysed_from, on.end) == (date(2026, 1, 19), date(2026, 1, 22),
                                                    date(2026, 1, 26))
    counts = {first + timedelta(days=i): 0 for i in range(plan.nights)}
    counts[first] = 5  # run-in
    counts[on.first] = 9  # a washout night: the block before still at work
    counts[off.first + timedelta(days=4)] = 2
    a = nof1.analyse(plan, first, counts)
    assert (a.run_in.cramps, a.on.cramps, a.off.cramps) == (5, 0, 2)
    assert (a.on.nights, a.off.nights) == (4, 4) and a.eligible
    assert nof1.where(plan, first, on.first + timedelta(days=1)) == on
    assert nof1.where(plan, first, first) is None  # the run-in


def test_too_few_cramps_in_the_run_in_is_not_eligible() -> None:
    plan = nof1.Plan((True, False), block_nights=7)
    first = date(2026, 1, 5)
    counts = {first + timedelta(days=i): (1 if i == 3 else 0) for i in range(plan.nights)}
    a = nof1.analyse(plan, first, counts)
    assert not a.eligible and a.verdict == "unclear"
    assert a.helps is not None and not math.isnan(a.helps.probability)

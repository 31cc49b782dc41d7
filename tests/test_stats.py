"""The statistics engine against textbook values and the cases that misled before."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.kinds import Entry
from bot.recap import compare, current_run
from bot.stats import Period, beta_quantile, betainc, dispersion, rate_ratio

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(("a", "b", "x", "expected"), [
    (2, 3, 0.5, 11 / 16),  # Beta(2,3) CDF: 1 - (1-x)^4 - 4x(1-x)^3
    (1, 1, 0.3, 0.3),  # uniform
    (0.5, 0.5, 0.5, 0.5),  # arcsine, symmetric
    (5, 1, 0.8, 0.8 ** 5),
])
def test_incomplete_beta_matches_closed_forms(a: float, b: float, x: float, expected: float) -> None:
    assert betainc(a, b, x) == pytest.approx(expected, abs=1e-12)


def test_clopper_pearson_textbook_intervals() -> None:
    # 0 of 10: upper 1 - 0.025^(1/10) = 0.3085; 5 of 10: 0.1871 to 0.8129
    assert beta_quantile(0.975, 1, 10) == pytest.approx(1 - 0.025 ** 0.1, abs=1e-9)
    assert beta_quantile(0.025, 5, 6) == pytest.approx(0.1871, abs=1e-4)
    assert beta_quantile(0.975, 6, 5) == pytest.approx(0.8129, abs=1e-4)


def test_exact_poisson_rate_ratio_with_equal_exposure() -> None:
    # 10 cramps before, 0 after, 14 nights each, no clustering: the conditional method
    # gives an upper limit of p/(1-p) with p = 1 - 0.025^(1/10)
    before, after = Period((1,) * 10 + (0,) * 4), Period((0,) * 14)
    rr = rate_ratio(before, after, phi=1.0)
    p = 1 - 0.025 ** 0.1
    assert rr is not None and rr.ratio == 0.0 and rr.low == 0.0
    assert rr.high == pytest.approx(p / (1 - p), rel=1e-6) and rr.verdict == "fewer"


def test_clustered_nights_are_not_read_as_a_certain_drop() -> None:
    """3 bad nights of 5 against 1 such night in two weeks: Poisson said "67% fewer
    (8% to 88%)"; with the clustering allowed for, it is too few nights to tell."""
    before = Period((5, 5, 5) + (0,) * 11)
    after = Period((5,) + (0,) * 13)
    assert dispersion(before, after) == pytest.approx(4.615, abs=1e-3)
    rr = rate_ratio(before, after)
    assert rr is not None and rr.low < 1 < rr.high and rr.verdict == "unclear"
    assert rate_ratio(before, after, phi=1.0).verdict == "fewer"  # what Poisson claimed


def test_zero_cramps_after_is_not_an_invented_97_percent() -> None:
    rr = rate_ratio(Period((1,) * 14), Period((0,) * 14))
    assert rr is not None and rr.ratio == 0.0  # the raw numbers: 7.0 a week, then 0.0


def test_missing_nights_are_left_out_not_counted_as_free() -> None:
    logged_once = Period((2,) + (None,) * 6)
    assert logged_once.nights == 1 and logged_once.per_week == 14.0
    assert Period((None,) * 7).per_week is None


def _night(day: date, kind: str, name: str | None = None, count: int = 1) -> Entry:
    at = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)
    return Entry(0, kind, (at + timedelta(hours=3)).astimezone(UTC), "text", count=count, name=name)


def test_earlier_use_does_not_count_as_before() -> None:
    start = date(2026, 9, 7)
    doses = [_night(start - timedelta(days=60), "supplement", "magnesium"),
             *(_night(start + timedelta(days=i), "supplement", "magnesium") for i in range(10))]
    run = current_run(doses, "magnesium", LONDON)
    assert run is not None and run[0] == start
    assert run[1] == start - timedelta(days=28)  # the 4 weeks just before, all dose-free


def test_the_answer_stays_the_same_between_looks() -> None:
    start = date(2026, 9, 7)
    entries = [_night(start + timedelta(days=d), "cramp" if d % 2 else "no_cramp")
               for d in range(-28, 60)]
    asked = [compare(entries, "magnesium", start, datetime(2026, 10, 5, 9, tzinfo=LONDON)
                     + timedelta(days=d), LONDON) for d in range(0, 60)]
    answers = [c for c in asked if c is not None]
    assert asked[0] is None and answers  # nothing before the 4-week look, then an answer
    assert {c.weeks for c in answers} == {4, 8}
    assert len({(c.weeks, c.rr.ratio, c.rr.low, c.rr.high) for c in answers}) == 2  # one per look
    assert not any(math.isnan(c.rr.ratio) for c in answers)

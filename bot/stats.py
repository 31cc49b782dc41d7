"""The statistics engine (pure): how often cramps come, and whether that changed.

Nights are the unit. A night with no entry is *missing*, never "no cramps"; a rate is
cramps per logged night (shown per week: x 7). Cramps cluster (a bad night brings
several), so a Poisson model is overconfident: night-to-night variance runs several
times the mean. The comparison therefore

- estimates that overdispersion from the nightly counts themselves (quasi-Poisson:
  Pearson's chi-square over its degrees of freedom, never below 1), and
- puts an interval on the rate ratio by the conditional (binomial) method, exact at
  zero counts: given C cramps in all, the share that fell in the "after" nights is
  binomial; Clopper-Pearson's interval on that share, with the counts scaled down by
  the overdispersion (their effective number), maps to the rate ratio.

Verdicts are "fewer" or "more" only when the whole interval says so, else "unclear"
(too few nights to tell), never "no difference".
"""

from __future__ import annotations

import math

from .values import frozen

LEVEL = 0.95


# ---- the regularised incomplete beta function and its inverse -----------------------

def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta (Lentz's method)."""
    tiny, eps = 1e-300, 3e-14
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < eps:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularised incomplete beta function (the Beta(a, b) CDF)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(ln)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = q (bisection: monotone, 60 halvings ~ 1e-18)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if betainc(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# ---- periods and their comparison ---------------------------------------------------

@frozen
class Period:
    """Nightly cramp counts over a stretch of nights; None for a night with no entry."""

    counts: tuple[int | None, ...]

    @property
    def logged(self) -> list[int]:
        return [c for c in self.counts if c is not None]

    @property
    def nights(self) -> int:
        """Nights with data (logged)."""
        return len(self.logged)

    @property
    def cramps(self) -> int:
        return sum(self.logged)

    @property
    def cramp_nights(self) -> int:
        return sum(1 for c in self.logged if c)

    @property
    def per_week(self) -> float | None:
        """Cramps per 7 logged nights; None with no logged night."""
        return self.cramps / self.nights * 7 if self.nights else None


def dispersion(*periods: Period) -> float:
    """Quasi-Poisson dispersion: Pearson's chi-square over its degrees of freedom, each
    period around its own mean; 1 (Poisson) when the data cannot say more."""
    chi2, n = 0.0, 0
    for p in periods:
        counts = p.logged
        if not counts:
            continue
        mean = sum(counts) / len(counts)
        n += len(counts)
        if mean > 0:
            chi2 += sum((c - mean) ** 2 for c in counts) / mean
    df = n - len([p for p in periods if p.logged])
    return max(1.0, chi2 / df) if df > 0 else 1.0


@frozen
class RateRatio:
    """The "after" rate over the "before" rate, with its interval."""

    before: Period
    after: Period
    ratio: float  # inf when there were no cramps before
    low: float
    high: float  # inf when the data allow any increase
    dispersion: float

    @property
    def verdict(self) -> str:
        """ "fewer" / "more" only when the whole interval says so; else "unclear"."""
        if self.high < 1:
            return "fewer"
        if self.low > 1:
            return "more"
        return "unclear"


def rate_ratio(before: Period, after: Period, level: float = LEVEL,
               phi: float | None = None) -> RateRatio | None:
    """The rate ratio after/before with a `level` interval allowing for clustering;
    None when either period has no logged night."""
    nb, na = before.nights, after.nights
    if not nb or not na:
        return None
    cb, ca = before.cramps, after.cramps
    phi = dispersion(before, after) if phi is None else phi
    ratio = math.inf if cb == 0 and ca else ((ca / na) / (cb / nb) if cb else 1.0)
    total = (ca + cb) / phi  # effective counts
    x = ca / phi
    alpha = 1 - level
    if total == 0:  # no cramps at all: nothing to compare
        return RateRatio(before, after, ratio, 0.0, math.inf, phi)
    p_low = beta_quantile(alpha / 2, x, total - x + 1) if ca else 0.0
    p_high = beta_quantile(1 - alpha / 2, x + 1, total - x) if cb else 1.0

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * nb / na

    return RateRatio(before, after, ratio, to_ratio(p_low), to_ratio(p_high), phi)


# ---- how likely it helps (for the N-of-1 trial) --------------------------------------

SCEPTIC = 10.0  # the sceptical prior's weight: as if 10 cramps had already shown no effect


@frozen
class Helps:
    """How likely "after" has the lower rate, and by how much (median rate ratio), with
    a flat (Jeffreys) prior and beside it a sceptical one that starts at "no effect"."""

    probability: float
    sceptical: float
    ratio: float  # the posterior median of after/before (inf with no cramps before)


def helps(before: Period, after: Period, phi: float | None = None) -> Helps | None:
    """The conditional method's posterior: given C (effective) cramps in all, the share
    that fell on the "after" nights is Beta; "it helps" is that share below the share of
    nights (what no effect would give). None when either period has no logged night."""
    nb, na = before.nights, after.nights
    if not nb or not na:
        return None
    phi = dispersion(before, after) if phi is None else phi
    x, total = after.cramps / phi, (after.cramps + before.cramps) / phi
    p0 = na / (na + nb)
    flat = (x + 0.5, total - x + 0.5)
    sceptic = (x + SCEPTIC * p0, total - x + SCEPTIC * (1 - p0))
    median = beta_quantile(0.5, *flat)
    ratio = math.inf if median >= 1 else median / (1 - median) * nb / na
    return Helps(betainc(*flat, p0), betainc(*sceptic, p0), ratio)

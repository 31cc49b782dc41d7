"""How often "Is it working?" says "fewer cramps", on simulated people whose truth we know.

Each simulated person has a long-run rate (cramps a week, around the K2 trial's 2.6),
weeks that wander above and below it (a log-normal AR(1)), and clustered nights: a
night has cramps with some chance, and then 1 + Poisson(3) of them, so night-to-night
variance runs ~4.6 times the mean, as in real diaries. About 15% of nights go unlogged.
They start a supplement after a bad spell (the first week, from week 6, whose last two
weeks ran 30% above their usual), which is when people do start, and then either
nothing changes (no effect) or the rate falls by the K2 trial's effect (2.60 -> 0.96).

It runs the bot's own code (`bot.recap.compare` on diary entries) as `/week` would: a
verdict at each look (4 and 8 weeks after the start); a no-effect person "told fewer"
is one who hears "fewer" at any look. The trial figures run `/trial`'s design as it is
today (4 weeks' baseline, then 8 weeks taking it) through the same engine, and then
the N-of-1 design of `bot/nof1.py` (a 14-night run-in that needs 2 cramps, randomised
on/off pairs of blocks with a washout) for each plan it offers and a longer one; the
last line's N-of-1 figure is its first (default) plan.

    python bench/stats_sim.py [--people 400] [--seed 1]

The last line reads `no-effect told fewer: X%; JAMA-sized told fewer: Y% after 8 weeks,
Z% by the N-of-1 trial`, to compare run to run.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import nof1
from bot.kinds import Entry
from bot.recap import compare

ZONE = ZoneInfo("UTC")
JAMA = 0.96 / 2.60  # the K2 arm's rate during the trial over before it
FIRST = date(2026, 1, 5)


def nights(rng: random.Random, effect: float) -> tuple[list[int | None], int]:
    """Nightly counts (None: not logged) and the night the supplement starts."""
    usual = rng.gammavariate(4, 2.6 / 4)
    level, weeks = 0.0, []
    for _ in range(30):
        level = 0.6 * level + rng.gauss(0, 0.35)
        weeks.append(math.exp(level))
    start = next((w for w in range(6, 16) if (weeks[w - 1] + weeks[w - 2]) / 2 >= 1.3), 16)
    counts: list[int | None] = []
    for w in range(start + 12):
        for _ in range(7):
            mean = usual * weeks[w] / 7 * (effect if w >= start else 1.0)
            cramps = 1 + _poisson(rng, 3) if rng.random() < mean / 4 else 0
            counts.append(cramps if rng.random() < 0.85 else None)
    return counts, start * 7


def _poisson(rng: random.Random, lam: float) -> int:
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def entries(counts: list[int | None]) -> list[Entry]:
    out = []
    for i, c in enumerate(counts):
        if c is None:
            continue
        at = datetime.combine(FIRST + timedelta(days=i + 1), datetime.min.time(), UTC) + timedelta(hours=3)
        out.append(Entry(i, "cramp" if c else "no_cramp", at, "text", count=c or None))
    return out


def verdicts(counts: list[int | None], start: int) -> tuple[bool, bool, bool]:
    """(told fewer at any look, told fewer at the 8-week look, the trial said fewer)."""
    diary, started = entries(counts), FIRST + timedelta(days=start)
    said = {}
    for weeks in (4, 8):
        now = datetime.combine(started + timedelta(weeks=weeks, days=1), datetime.min.time(),
                               UTC) + timedelta(hours=9)
        c = compare(diary, "k2", started, now, ZONE)
        said[weeks] = c is not None and c.verdict == "fewer"
    end = started + timedelta(weeks=8)
    trial = compare(diary, "k2", started, datetime.combine(end, datetime.min.time(), UTC)
                    + timedelta(days=1, hours=9), ZONE, min_nights=7, until=end,
                    since=started - timedelta(weeks=4))
    return any(said.values()), said[8], trial is not None and trial.verdict == "fewer"


def nof1_person(rng: random.Random, effect: float, pairs: int, block: int) -> nof1.Analysis:
    """One person through the N-of-1 trial (`bot.nof1`): the same kind of person as
    above, starting after a bad spell; the supplement works (or not) in the "on" blocks,
    and still for the first nights after one ends (carry-over, which the washout skips)."""
    plan = nof1.draw(pairs, block, rng)
    usual = rng.gammavariate(4, 2.6 / 4)
    level = 0.0
    for _ in range(6):  # weeks before the start: end on a bad spell
        level = 0.6 * level + rng.gauss(0, 0.35)
    level = max(level, math.log(1.3))
    first = FIRST
    counts: dict[date, int] = {}
    for i in range(plan.nights):
        if i % 7 == 0:
            level = 0.6 * level + rng.gauss(0, 0.35)
        night = first + timedelta(days=i)
        b = nof1.where(plan, first, night)
        taking = b is not None and b.on
        if b is not None and night < b.analysed_from and b.number > 1:
            taking = plan.blocks[b.number - 2]  # the last block's still working or not
        mean = usual * math.exp(level) / 7 * (effect if taking else 1.0)
        cramps = 1 + _poisson(rng, 3) if rng.random() < mean / 4 else 0
        if rng.random() < 0.85:
            counts[night] = cramps
    return nof1.analyse(plan, first, counts)


def nof1_rates(rng: random.Random, n: int, pairs: int, block: int) -> tuple[float, float, float]:
    """(no-effect told it helps, JAMA-sized told it helps, share eligible after the run-in)
    over eligible people."""
    null = [a for a in (nof1_person(rng, 1.0, pairs, block) for _ in range(n)) if a.eligible]
    real_all = [nof1_person(rng, JAMA, pairs, block) for _ in range(n)]
    real = [a for a in real_all if a.eligible]
    told = lambda people: sum(a.verdict == "helps" for a in people) / max(len(people), 1)  # noqa: E731
    return told(null), told(real), len(real) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.people
    null = [verdicts(*nights(rng, 1.0)) for _ in range(n)]
    real = [verdicts(*nights(rng, JAMA)) for _ in range(n)]
    no_effect = sum(v[0] for v in null) / n
    at_8, by_trial = sum(v[1] for v in real) / n, sum(v[2] for v in real) / n
    null_trial = sum(v[2] for v in null) / n
    print(f"{n} simulated people per arm; clustered nights (variance ~4.6x the mean), "
          "15% of nights unlogged, started after a bad spell")
    print(f"no effect: told fewer at the 4- or 8-week look {no_effect:.1%}; "
          f"by the trial's comparison {null_trial:.1%}")
    print(f"K2 trial's effect (2.60 -> 0.96 a week): told fewer at 8 weeks {at_8:.1%}; "
          f"by the trial {by_trial:.1%}")
    print(f"the before/after /trial of today (4 weeks, then 8 taking it): told fewer {by_trial:.1%}, "
          f"no effect {null_trial:.1%}")
    designs = {}
    for pairs, block in (*nof1.PLANS, (4, 28)):
        null_helps, jama_helps, eligible = nof1_rates(rng, n, pairs, block)
        designs[(pairs, block)] = jama_helps
        weeks = (nof1.RUN_IN_NIGHTS + 2 * pairs * block) // 7
        print(f"N-of-1, {pairs} pairs of {block}-night blocks ({weeks} weeks, washout "
              f"{nof1.WASHOUT_NIGHTS} nights): told it helps: no effect {null_helps:.1%}, "
              f"JAMA-sized {jama_helps:.1%} (eligible after the run-in {eligible:.0%})")
    trial = designs[nof1.PLANS[0]]
    print(f"no-effect told fewer: {no_effect:.0%}; JAMA-sized told fewer: {at_8:.0%} after 8 weeks, "
          f"{trial:.0%} by the N-of-1 trial")


if __name__ == "__main__":
    main()

"""Reminders at scale: 100,000 users with two daily reminders each.

    .venv/bin/python bench/reminders_bench.py [--users N] [--db URL] [--sends N]

Prints, on the database given (default: a fresh SQLite file):
  - the time to find what is due in one tick (the indexed claim query), and the whole
    tick (claim, advance, insert the occurrences), with 2 x N reminders stored
    (target: under 50 ms with 200,000);
  - the memory of the process running the scheduler before and after (nothing per
    user or per future occurrence is kept in memory);
  - the send rate reached through python-telegram-bot's rate limiter against the Bot
    API stand-in, against the configured limit (30 messages/s; target within 10%).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from bot.reminders import DAILY  # noqa: E402
from bot.router import Router  # noqa: E402
from storage import Database, Reminder, Schedule, User  # noqa: E402

ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def seed(db: Database, users: int, now: datetime) -> None:
    rng = random.Random(7)
    async with db.session() as s:
        for start in range(0, users, 10_000):
            ids = range(start, min(users, start + 10_000))
            await s.execute(insert(User), [
                {"telegram_id": 10_000_000 + i, "tz": rng.choice(ZONES), "created_at": now}
                for i in ids])
    async with db.session() as s:
        user_ids = (await s.execute(select(User.id))).scalars().all()
    async with db.session() as s:
        rows = []
        for uid in user_ids:
            for kind, what in (("supplement", "magnesium"), ("stretch", "stretch")):
                due = now + timedelta(minutes=rng.randrange(1, 24 * 60))
                rows.append({"user_id": uid, "kind": kind, "what": what, "label": what,
                             "local_time": f"{due.hour:02d}:{due.minute:02d}", "days": DAILY,
                             "paused": False, "next_due_at": due, "created_at": now})
            if len(rows) >= 20_000:
                await s.execute(insert(Reminder), rows)
                rows = []
        if rows:
            await s.execute(insert(Reminder), rows)


async def tick_costs(db: Database, now: datetime, step: timedelta,
                     rounds: int = 12) -> tuple[float, float, int]:
    """Median ms of the claim query alone, and of a whole tick, `step` apart."""
    finds, ticks, due_total = [], [], 0
    service = Router(db)
    for i in range(rounds):
        at = now + step * (i + 1)
        async with db.session() as s:
            t0 = time.perf_counter()
            due = await Schedule(s).claim_due(at, 500)
            finds.append((time.perf_counter() - t0) * 1000)
            await s.rollback()
        t0 = time.perf_counter()
        out = await service.tick(at)
        ticks.append((time.perf_counter() - t0) * 1000)
        due_total += len(due)
        for o in out:  # as the job does after each send (not timed: it is per message)
            await service.sent(o, 1, at)
    return statistics.median(finds), statistics.median(ticks), due_total // rounds


async def send_rate(count: int) -> tuple[float, float]:
    """(overall, steady) messages per second; steady leaves out the limiter's first burst."""
    from telegram.ext import AIORateLimiter, ExtBot

    from tests.botapi import BotApiStub

    token = "123456789:AAH-bench-token-0123456789abcdefghij"
    stub = BotApiStub(token).start()
    try:
        bot = ExtBot(token, base_url=f"{stub.url}/bot", rate_limiter=AIORateLimiter())
        async with bot:
            t0 = time.perf_counter()
            t_burst = t0
            for i in range(count):  # as the reminder job does: one after another
                await bot.send_message(1000 + i, "Time for your magnesium (21:30).")
                if i == 29:
                    t_burst = time.perf_counter()
            end = time.perf_counter()
        return count / (end - t0), (count - 30) / (end - t_burst)
    finally:
        stub.stop()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    parser.add_argument("--sends", type=int, default=300)
    args = parser.parse_args()
    url = args.db or f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/bench.db"
    db = Database(url)
    await db.upgrade()
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    t0 = time.perf_counter()
    await seed(db, args.users, now)
    print(f"database: {db.engine.url.get_backend_name()}; seeded {args.users} users, "
          f"{2 * args.users} reminders in {time.perf_counter() - t0:.1f} s")
    before = rss_mb()
    find_ms, tick_ms, per_tick = await tick_costs(db, now, timedelta(seconds=15))
    print(f"find what is due (claim query): {find_ms:.1f} ms median   (target < 50 ms)")
    print(f"whole tick every 15 s, the default ({per_tick} due each): {tick_ms:.1f} ms median")
    print(f"scheduler memory: {before:.0f} MB before ticks, {rss_mb():.0f} MB after "
          "(nothing kept per user)")
    await db.dispose()
    overall, steady = await send_rate(args.sends)
    print(f"send rate through the rate limiter: {steady:.1f} msg/s steady against a limit of "
          f"30 ({steady / 30:.0%} of the limit; target 90-110%); {overall:.1f} msg/s overall "
          f"for {args.sends} messages, with the limiter's first burst of 30")


if __name__ == "__main__":
    asyncio.run(main())

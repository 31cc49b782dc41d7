"""The weekly recap for a user with five years of nightly entries.

    .venv/bin/python bench/recap_bench.py [--db URL] [--years N]

Prints the time to compute /week's words (queries over the indexed window the recap
needs, never the whole diary; target under 20 ms), the time to draw the chart
(target under 150 ms), and the CPU time per recap: with Telegram's 30 messages a
second, 10,000 Sunday recaps (a text and a photo each) take 20,000 / 30 s of sending
whatever the CPU does, so the CPU figure shows which bound applies. The sender
serves chats side by side (handlers/reminders.py), so network waits overlap.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.router import Router  # noqa: E402
from bot.talk import recap as recap_talk  # noqa: E402
from bot.talk.charts import ChartWords, week_chart  # noqa: E402
from bot.usecases import recap  # noqa: E402
from storage import Database, Entry, UserRepo  # noqa: E402

USER = 42


async def seed(db: Database, years: int, now: datetime) -> int:
    rng = random.Random(3)
    async with db.session() as s:
        user, _ = await UserRepo(s).get_or_create(USER)
        user.tz = "Europe/London"
        rows = []
        start = now - timedelta(days=365 * years)
        started = now - timedelta(days=120)  # magnesium for the last four months
        day = start
        while day < now:
            night = day.replace(hour=3, minute=rng.randrange(60))
            if rng.random() < (0.45 if day < started else 0.2):
                rows.append({"kind": "cramp", "at": night, "muscle": "calf", "side": "left",
                             "duration_s": rng.randrange(20, 400), "severity": rng.randrange(2, 10),
                             "count": 1})
            else:
                rows.append({"kind": "no_cramp", "at": night})
            if day >= started:
                rows.append({"kind": "supplement", "at": day.replace(hour=21), "name": "magnesium"})
            day += timedelta(days=1)
        base = {"user_id": user.id, "source": "text", "text": "", "red_flags": "", "part": 0,
                "created_at": now, "muscle": None, "side": None, "duration_s": None,
                "severity": None, "count": None, "name": None}
        await s.execute(insert(Entry), [{**base, **r} for r in rows])
    return len(rows)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    url = args.db or f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/recap.db"
    db = Database(url)
    await db.upgrade()
    now = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    count = await seed(db, args.years, now)
    talk = Router(db, "Europe/London")
    words, charts, cpu = [], [], []
    for i in range(15):
        at = now + timedelta(minutes=i)
        c0, t0 = time.process_time(), time.perf_counter()
        async with talk.units.open(USER) as u:
            week = await recap.week(u, at)
            s = talk.speech(u, at)
        reply = recap_talk.week(s, week)
        t1 = time.perf_counter()
        week_chart(week.series, week.starts, ChartWords.of(s, week.starts))
        t2, c1 = time.perf_counter(), time.process_time()
        if i:  # the first run pays for imports and caches
            words.append((t1 - t0) * 1000)
            charts.append((t2 - t1) * 1000)
            cpu.append((c1 - c0) * 1000)
    print(f"database: {db.engine.url.get_backend_name()}; one user, {count} entries over "
          f"{args.years} years")
    print(f"/week words: {statistics.median(words):.1f} ms median   (target < 20 ms)")
    print(f"chart: {statistics.median(charts):.1f} ms median   (target < 150 ms)")
    per = statistics.median(cpu)
    cpu_s, send_s = per * 10, 2 * 10_000 / 30  # two messages a recap: the words, the chart
    bound = "Telegram's rate limit" if cpu_s < send_s else "the CPU"
    print(f"CPU per recap (words + chart): {per:.0f} ms; 10,000 Sunday recaps: {cpu_s:.0f} s of "
          f"CPU against {send_s:.0f} s of sending 20,000 messages at 30/s "
          f"(ratio {cpu_s / send_s:.2f}): bound by {bound}")
    print("sample:", reply.text.splitlines()[0])
    await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())

"""Memory of an idle `charley run` with many registered users.

    .venv/bin/python bench/idle_memory.py [--users 100000] [--db URL]

Seeds the users (each with a time zone, a morning check-in and a weekly recap, as
the first time zone gives everyone), starts the real bot against the Bot API
stand-in, lets the scheduler tick for a while, and prints its resident memory
(target: under 150 MB; nothing per user is kept in memory).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from storage import Database, Reminder, User  # noqa: E402
from tests.botapi import BotApiStub  # noqa: E402

TOKEN = "123456789:AAH-bench-token-0123456789abcdefghijk"


async def seed(url: str, users: int) -> None:
    db = Database(url)
    await db.upgrade()
    now = datetime.now(UTC)
    async with db.session() as s:
        for start in range(0, users, 10_000):
            await s.execute(insert(User), [
                {"telegram_id": 10_000_000 + i, "tz": "Europe/London", "created_at": now}
                for i in range(start, min(users, start + 10_000))])
        ids = [i for (i,) in (await s.execute(select(User.id))).all()]
        later = now + timedelta(days=1)
        for start in range(0, len(ids), 10_000):
            chunk = ids[start:start + 10_000]
            await s.execute(insert(Reminder), [
                {"user_id": u, "kind": kind, "what": kind, "label": kind, "local_time": at,
                 "days": days, "paused": False, "next_due_at": later, "created_at": now}
                for u in chunk for kind, at, days in (("checkin", "08:00", 127),
                                                      ("recap", "19:00", 64))])
    await db.dispose()


def rss_mb(pid: int) -> tuple[float, float]:
    """(RSS, peak RSS) of a process, in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                  if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="charley-mem-"))
    url = args.db or f"sqlite+aiosqlite:///{work / 'mem.db'}"
    t = time.perf_counter()
    asyncio.run(seed(url, args.users))
    print(f"seeded {args.users} users with 2 reminders each in {time.perf_counter() - t:.0f} s")
    stub = BotApiStub(TOKEN).start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": stub.url,
           "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "REMINDER_TICK_SECONDS": "1"}
    bot = subprocess.Popen([sys.executable, "-m", "charley", "run"], env=env, cwd=work)
    try:
        while not stub.sent(method="setMyCommands"):
            time.sleep(0.1)
        samples = []
        for _ in range(int(args.seconds)):
            time.sleep(1)
            samples.append(rss_mb(bot.pid)[0])
        rss, peak = rss_mb(bot.pid)
        print(f"idle `charley run`, {args.users} users, {int(args.seconds)} ticks: RSS {rss:.0f} MB "
              f"(min {min(samples):.0f}, max {max(samples):.0f}), peak {peak:.0f} MB  (target < 150 MB)")
        stub.send_text(42, "/week")  # the first chart: Pillow, fonts, label cache
        deadline = time.monotonic() + 30
        while len(stub.replies(42)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"after a first /week (chart drawn): RSS {rss_mb(bot.pid)[0]:.0f} MB")
    finally:
        bot.terminate()
        bot.wait(20)
        stub.stop()


if __name__ == "__main__":
    main()

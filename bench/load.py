"""Load: the real bot process(es) in webhook mode against the Bot API stand-in, and in
the same run a minimal python-telegram-bot echo bot (the framework's ceiling here).

    .venv/bin/python bench/load.py [--db sqlite|postgresql] [--instances 1|2]
                                   [--burst 2000] [--rounds 3] [--rate 100] [--seconds 20]

Simulated users send a realistic mix (cramp reports, supplement logs, "no cramps",
/week, button presses) as Telegram would post them to the webhook. Two phases: bursts
(everything at once: updates per second until the last reply), sent to each bot in
turn for a few rounds (the ratio is the median of the rounds' ratios: this machine's
speed drifts by a third from minute to minute), then a steady rate for each (reply
latency, from the POST to the reply reaching the stand-in). CPU seconds
and peak memory are the bot processes' own, read from /proc. Telegram's 30 messages a
second limit is lifted (OVERALL_MAX_RATE=0) for both bots: it would otherwise be
the bound, whatever the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.idle_memory import rss_mb  # noqa: E402
from tests.botapi import BotApiStub, free_port  # noqa: E402

TOKEN = "123456789:AAH-bench-token-0123456789abcdefghijk"
SECRET = "bench-secret"
PG_ADMIN = os.environ.get("CHARLEY_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REPLIES = {"sendMessage", "editMessageText", "sendDocument"}
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    popen: subprocess.Popen
    port: int

    def cpu(self) -> float:
        fields = Path(f"/proc/{self.popen.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def memory(self) -> tuple[float, float]:
        """(RSS, peak RSS) in MB."""
        return rss_mb(self.popen.pid)


def start(command: list[str], stub: BotApiStub, db_url: str, port: int, workdir: Path) -> Proc:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update({
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": stub.url, "DATABASE_URL": db_url,
        "WEBHOOK_URL": "https://charley.example.org/telegram", "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port), "LOG_LEVEL": "WARNING",
        "OVERALL_MAX_RATE": "0", "FLOOD_PER_MINUTE": "10000", "CONCURRENT_UPDATES": "16",
    })
    log = open(workdir / f"bot-{port}.log", "wb")  # noqa: SIM115 - lives as long as the bot
    popen = subprocess.Popen(command, env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            code = httpx.post(f"http://127.0.0.1:{port}/telegram", content=b"{}", timeout=1).status_code
            if code == 403:  # up, and refusing an update without the secret
                return Proc(popen, port)
        except httpx.HTTPError:
            pass
        if popen.poll() is not None:
            raise RuntimeError((workdir / f"bot-{port}.log").read_text())
        time.sleep(0.1)
    raise TimeoutError("bot did not start")


@dataclass
class Load:
    stub: BotApiStub
    users: list[int]
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    update_id: int = 0
    message_id: int = 10_000_000
    # what the bot sent, read once each (the driver's own cost must stay small: on
    # two cores it shares the CPU with the bot it measures)
    seen: int = 0
    replies: dict[int, list[float]] = field(default_factory=dict)  # chat -> reply times
    undo: dict[int, str] = field(default_factory=dict)  # chat -> its newest Undo button

    def catch_up(self) -> None:
        with self.stub._lock:
            new = self.stub.calls[self.seen:]
        self.seen += len(new)
        for call in new:
            chat = call.params.get("chat_id")
            if call.method not in REPLIES or not isinstance(chat, int):
                continue
            self.replies.setdefault(chat, []).append(call.at)
            keyboard = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
            found = [b["callback_data"] for row in keyboard for b in row
                     if b["callback_data"].startswith("undo:")]
            if found:
                self.undo[chat] = found[0]

    def next_update(self) -> tuple[int, dict]:
        self.update_id += 1
        self.message_id += 1
        user = self.users[self.update_id % len(self.users)]
        chat = {"id": user, "type": "private", "first_name": "Ann"}
        sender = {"id": user, "is_bot": False, "first_name": "Ann"}
        roll = self.rng.random()
        if roll < 0.15:  # a button: Undo on the user's last entry, or "Why?"
            self.catch_up()
            data = self.undo.get(user, "why:ease_cramp")
            return user, {"update_id": self.update_id, "callback_query": {
                "id": str(self.update_id), "from": sender, "chat_instance": "1", "data": data,
                "message": {"message_id": self.message_id, "date": int(time.time()), "chat": chat,
                            "from": {"id": 1, "is_bot": True, "first_name": "C"}, "text": "…"}}}
        if roll < 0.25:
            text = "/week"
        elif roll < 0.45:
            text = self.rng.choice(["took my magnesium", "took my K2", "had my vitamin B"])
        elif roll < 0.55:
            text = "no cramps last night"
        else:
            side = self.rng.choice(["left", "right", ""])
            muscle = self.rng.choice(["calf", "foot", "thigh", "toes"])
            how = self.rng.choice(["bad", "mild", "6/10"])
            text = f"{side} {muscle} cramp {self.rng.randint(1, 9)} min, {how}"
        message = {"message_id": self.message_id, "date": int(time.time()), "chat": chat,
                   "from": sender, "text": text.strip()}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        return user, {"update_id": self.update_id, "message": message}


async def drive(load: Load, ports: list[int], count: int, rate: float | None) -> dict[str, float]:
    """Post `count` updates (all at once, or at `rate` a second); wait for every reply."""
    posts: list[tuple[int, float]] = []
    gate = asyncio.Semaphore(64)
    failures = 0
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=64)) as client:

        async def post(i: int, user: int, update: dict) -> None:
            nonlocal failures
            async with gate:
                t = time.monotonic()
                posts.append((user, t))
                r = await client.post(f"http://127.0.0.1:{ports[i % len(ports)]}/telegram",
                                      json=update,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                failures += r.status_code != 200

        start = time.monotonic()
        tasks = []
        for i in range(count):
            if rate is not None:
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            user, update = load.next_update()
            tasks.append(asyncio.create_task(post(i, user, update)))
            if rate is None and i % 200 == 199:
                await asyncio.sleep(0)  # let the posts start
        await asyncio.gather(*tasks)
    # wait until each post has its reply
    latencies: list[float] = []
    deadline = time.monotonic() + 120
    while True:
        load.catch_up()
        latencies, last = match(load.replies, posts)
        if len(latencies) == len(posts) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    first = min(t for _, t in posts)
    latencies.sort()
    return {
        "updates": len(posts), "answered": len(latencies), "failed_posts": failures,
        "per_second": len(latencies) / (last - first) if latencies else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
    }


def match(by_chat: dict[int, list[float]], posts: list[tuple[int, float]]) -> tuple[list[float], float]:
    """Each post's first reply to its chat after it, in order (a reply answers one post)."""
    used: dict[int, int] = {}
    latencies, last = [], 0.0
    for chat, t in sorted(posts, key=lambda p: p[1]):
        replies = by_chat.get(chat, [])
        i = used.get(chat, 0)
        while i < len(replies) and replies[i] < t:
            i += 1
        if i < len(replies):
            latencies.append(replies[i] - t)
            last = max(last, replies[i])
            used[chat] = i + 1
    return latencies, last


async def fresh_pg(name: str) -> str:
    import asyncpg

    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


@dataclass
class Bot:
    """One bot under test: its processes, its own Bot API stand-in, what it did."""

    label: str
    stub: BotApiStub
    procs: list[Proc]
    load: Load
    bursts: list[float] = field(default_factory=list)
    steady: dict[str, float] = field(default_factory=dict)

    @property
    def ports(self) -> list[int]:
        return [p.port for p in self.procs]

    def cpu(self) -> float:
        return sum(p.cpu() for p in self.procs)


def launch(label: str, command: list[str], db_url: str, instances: int, users: int,
           workdir: Path) -> Bot:
    stub = BotApiStub(TOKEN).start()
    procs = [start(command, stub, db_url, free_port(), workdir) for _ in range(instances)]
    bot = Bot(label, stub, procs, Load(stub, users=list(range(100_000, 100_000 + users))))
    asyncio.run(drive(bot.load, bot.ports, 300, None))  # warm up: imports, first contacts
    return bot


def stop(bot: Bot) -> None:
    for p in bot.procs:
        p.popen.terminate()
    for p in bot.procs:
        try:
            p.popen.wait(20)
        except subprocess.TimeoutExpired:
            p.popen.kill()
    bot.stub.stop()


def report(bot: Bot, cpu: float, handled: int, steady: dict[str, float], rate: float) -> None:
    peak = max(p.memory()[1] for p in bot.procs)
    bursts = " ".join(f"{b:.0f}" for b in bot.bursts)
    print(f"{bot.label:<34} burst {statistics.median(bot.bursts):4.0f} updates/s (rounds: {bursts})   "
          f"at {rate:.0f}/s: p50 {steady['p50_ms']:5.1f} ms, p99 {steady['p99_ms']:6.1f} ms   "
          f"CPU {1000 * cpu / handled:5.2f} ms/update   peak RSS {peak:4.0f} MB"
          + (f"   UNANSWERED {steady['updates'] - steady['answered']}"
             if steady["answered"] < steady["updates"] else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--users", type=int, default=500)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="charley-load-"))
    bots: list[Bot] = []
    try:
        print(f"{os.cpu_count()} cores; {args.users} users; {args.rounds} rounds of a burst of "
              f"{args.burst} to each bot in turn, then {args.rate:.0f}/s for {args.seconds:.0f} s; "
              "mix: 45% cramps, 20% supplements, 10% no cramps, 10% /week, 15% buttons", flush=True)
        if args.db == "sqlite":
            db_url = f"sqlite+aiosqlite:///{workdir / 'load.db'}"
        else:
            db_url = asyncio.run(fresh_pg("charley_load"))
        label = f"Charley, {args.db}, {args.instances} instance{'s' if args.instances > 1 else ''}"
        bots = [launch("echo bot (ptb, no work), 1 process",
                       [sys.executable, str(ROOT / "bench/echo_bot.py")], "unused", 1, args.users,
                       workdir),
                launch(label, [sys.executable, "-m", "charley", "run"], db_url, args.instances,
                       args.users, workdir)]
        echo, full = bots
        cpu0 = [b.cpu() for b in bots]
        # bursts in turn, so that a slow moment of the machine does not fall on one bot only
        for _ in range(args.rounds):
            for bot in bots:
                result = asyncio.run(drive(bot.load, bot.ports, args.burst, None))
                bot.bursts.append(result["per_second"])
        for bot, before in zip(bots, cpu0, strict=True):
            steady = asyncio.run(drive(bot.load, bot.ports, int(args.rate * args.seconds), args.rate))
            handled = args.rounds * args.burst + steady["answered"]
            report(bot, bot.cpu() - before, handled, steady, args.rate)
            bot.steady = steady
        ratios = [f / e for f, e in zip(full.bursts, echo.bursts, strict=True)]
        print(f"throughput ratio Charley / echo: {statistics.median(ratios):.2f} "
              f"(rounds: {' '.join(f'{r:.2f}' for r in ratios)}; target >= 0.5); "
              f"p99 at {args.rate:.0f}/s: {full.steady['p99_ms']:.0f} ms (target < 250 ms)")
    finally:
        for bot in bots:
            stop(bot)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

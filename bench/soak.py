"""Soak: mixed traffic from many users for minutes against the real bot (long polling, on
a PostgreSQL cluster of its own), with a `kill -9` of the bot and a PostgreSQL restart in
the middle; then every effect is counted in the database.

    .venv/bin/python bench/soak.py [--users 40] [--seconds 180] [--redeliver 0.05]

Each simulated user does one thing at a time and waits for the answer (up to 30 s):
a cramp report (an entry), "no cramps" by a button (an entry), a voice note (at most
one entry), /undo (removes exactly one entry group), /remind (one reminder), /week.
Telegram's own habits are played too: a share of handled updates is delivered again
(same update id), as after a crash. At a third of the run the bot is killed with
SIGKILL and started again at once; at two thirds PostgreSQL is stopped (fast) for
3 s and started again.

Printed: updates sent, effects expected and applied once, applied twice (duplicates),
lost (an expected effect missing), replies, unanswered (an update handled just before
the kill, whose reply was never sent: its effect is stored, it is not repeated), the
longest wait for a reply overall and after each restart, and the bot's peak memory.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.botapi import BotApiStub  # noqa: E402
from tests.conftest import TOKEN, RunningBot, db_rows  # noqa: E402
from tests.pgcluster import Cluster  # noqa: E402

VOICE = ROOT / "tests" / "fixtures" / "voice" / "00-en-us_f5-135.ogg"
WAIT = 30.0  # seconds a user waits for an answer before going on
THINK = (0.3, 1.5)  # seconds between an answer and a user's next message


@dataclass
class Tally:
    sent: int = 0
    redelivered: int = 0
    replies: int = 0
    unanswered: int = 0
    waits: list[tuple[float, float]] = field(default_factory=list)  # (sent at, wait)
    entry_messages: list[int] = field(default_factory=list)  # message ids that must store 1
    tap_messages: list[int] = field(default_factory=list)  # button messages: 1 entry each
    voice_messages: list[int] = field(default_factory=list)  # at most 1 entry each
    undos: Counter = field(default_factory=Counter)  # user -> /undo sent
    reminds: Counter = field(default_factory=Counter)  # user -> /remind sent
    lock: threading.Lock = field(default_factory=threading.Lock)


def user_loop(stub: BotApiStub, user: int, tally: Tally, until: float, redeliver: float,
              seed: int) -> None:
    rng = random.Random(seed)
    live = 0  # entries this user has that /undo may remove
    reminder_times: set[str] = set()
    things = ["potassium", "vitamin d", "stretch", "magnesium"]  # what /remind names, in turn
    audio = VOICE.read_bytes()
    while time.monotonic() < until:
        before = len(stub.replies(user))
        roll = rng.random()
        kind = ("text" if roll < 0.45 else "tap" if roll < 0.6 else "voice" if roll < 0.66
                else "undo" if roll < 0.78 and live > 1 else "remind" if roll < 0.86 else "week")
        if kind == "remind" and len(reminder_times) >= 20:
            kind = "week"
        sent_at = time.monotonic()
        if kind == "text":
            update = stub.send_text(user, f"left calf cramp {rng.randint(1, 9)} min")
            with tally.lock:
                tally.entry_messages.append(update["message"]["message_id"])
            live += 1
        elif kind == "tap":
            update = stub.press(user, "new:none")
            with tally.lock:
                tally.tap_messages.append(update["callback_query"]["message"]["message_id"])
            live += 1
        elif kind == "voice":
            update = stub.send_voice(user, audio, duration=3)
            with tally.lock:
                tally.voice_messages.append(update["message"]["message_id"])
        elif kind == "undo":
            update = stub.send_text(user, "/undo")
            with tally.lock:
                tally.undos[user] += 1
            live -= 1
        elif kind == "remind" and things:
            # one reminder per thing: a second /remind for the same thing asks "change it
            # or add another?" and stores nothing, so each /remind names a new thing
            while True:
                at = f"{rng.randint(0, 23):02d}:{rng.choice(range(0, 60, 5)):02d}"
                if at not in reminder_times:
                    break
            reminder_times.add(at)
            update = stub.send_text(user, f"/remind {things.pop()} {at}")
            with tally.lock:
                tally.reminds[user] += 1
        else:
            update = stub.send_text(user, "/week")
        with tally.lock:
            tally.sent += 1
        want = before + (2 if kind == "week" else 1)
        try:
            stub.wait_replies(user, want, timeout=WAIT)
            with tally.lock:
                tally.replies += 1
                tally.waits.append((sent_at, time.monotonic() - sent_at))
        except TimeoutError:
            with tally.lock:
                tally.unanswered += 1
        if rng.random() < redeliver:  # Telegram sends it again (same update id)
            stub.redeliver(update)
            with tally.lock:
                tally.redelivered += 1
        time.sleep(rng.uniform(*THINK))


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and its children (the voice workers), in kB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line for line in status.splitlines()
                              if line.startswith("VmRSS")).split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--redeliver", type=float, default=0.05)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="charley-soak-"))
    killed_at = stopped_at = 0.0
    cluster = Cluster(folder)
    cluster.start()
    stub = BotApiStub(TOKEN).start()
    env = {"LOG_LEVEL": "WARNING", "FLOOD_PER_MINUTE": "1000", "VOICE_WORKERS": "1"}
    tally = Tally()
    peak = {"kb": 0}
    bots: list[RunningBot] = []
    events: dict[str, float] = {}
    try:
        bots.append(RunningBot(stub, cluster.url, folder, env))
        bots[-1].wait_ready(60)
        started = time.monotonic()
        until = started + args.seconds
        users = [threading.Thread(target=user_loop, daemon=True,
                                  args=(stub, 700_000 + i, tally, until, args.redeliver, i))
                 for i in range(args.users)]
        for t in users:
            t.start()
        kill_at, pg_at = started + args.seconds / 3, started + 2 * args.seconds / 3
        killed = restarted_pg = False
        while any(t.is_alive() for t in users):
            peak["kb"] = max(peak["kb"], tree_rss_kb(bots[-1].proc.pid))
            now = time.monotonic()
            if not killed and now >= kill_at:
                bots[-1].proc.kill()
                bots[-1].proc.wait()
                killed_at = time.monotonic()
                (folder / "second").mkdir()
                bots.append(RunningBot(stub, cluster.url, folder / "second", env))
                events["kill -9"] = time.monotonic()  # started again
                killed = True
            if not restarted_pg and now >= pg_at:
                stopped_at = time.monotonic()
                cluster.stop("fast")
                time.sleep(3)
                cluster.start()
                events["PostgreSQL restart"] = time.monotonic()  # back
                restarted_pg = True
            time.sleep(0.2)
        time.sleep(5)  # the last replays settle
        ran = time.monotonic() - started
        url = cluster.url
        per_message = dict(db_rows(url, "select message_id, count(*) from entries "
                                        "where message_id is not null group by message_id"))
        deleted = dict(db_rows(url, "select u.telegram_id, count(distinct coalesce(e.message_id, -e.id)) "
                                    "from entries e join users u on u.id = e.user_id "
                                    "where e.deleted_at is not null group by u.telegram_id"))
        reminders = dict(db_rows(url, "select u.telegram_id, count(*) from reminders r "
                                      "join users u on u.id = r.user_id group by u.telegram_id"))
        inbox_left = db_rows(url, "select count(*) from inbox")[0][0]
        bot_alive = bots[-1].proc.poll() is None
    finally:
        for bot in bots:
            bot.stop()
        stub.stop()
        cluster.destroy()

    lost = dup = expected = 0
    for m in tally.entry_messages + tally.tap_messages:
        expected += 1
        n = int(per_message.get(m, 0))
        lost += n == 0
        dup += n > 1
    voice_dup = sum(int(per_message.get(m, 0)) > 1 for m in tally.voice_messages)
    dup += voice_dup
    for user, n in tally.undos.items():
        expected += n
        got = int(deleted.get(user, 0))
        lost += max(0, n - got)
        dup += max(0, got - n)
    for user, n in tally.reminds.items():
        expected += n
        got = int(reminders.get(user, 0))
        lost += max(0, n - got)
        dup += max(0, got - n)
    applied_once = expected - lost - sum(1 for m in tally.entry_messages + tally.tap_messages
                                         if int(per_message.get(m, 0)) > 1)

    def longest_after(event: str) -> float:
        """How long the restart (the bot process started again, or PostgreSQL back) left
        people waiting: the messages in flight then, or sent in the 5 s after, answered
        after it; counted from the later of the message and the restart."""
        at = events.get(event)
        if at is None:
            return 0.0
        return max((s + w - max(s, at) for s, w in tally.waits if s + w >= at and s < at + 5),
                   default=0.0)

    def raw_longest_after(event: str) -> float:
        at = events.get(event)
        return max((w for s, w in tally.waits if at is not None and s + w >= at), default=0.0)

    print(f"soak: {args.users} users, {ran:.0f} s, kill -9 at {args.seconds / 3:.0f} s, "
          f"PostgreSQL restart at {2 * args.seconds / 3:.0f} s")
    print(f"updates sent                 {tally.sent} (+{tally.redelivered} delivered again)")
    print(f"effects expected             {expected} (+{len(tally.voice_messages)} voice notes: "
          "at most one entry each)")
    print(f"effects applied once         {applied_once}")
    print(f"applied twice (duplicates)   {dup}")
    print(f"lost                         {lost}")
    print(f"replies / unanswered         {tally.replies} / {tally.unanswered}")
    waits = sorted(w for _, w in tally.waits)
    if waits:
        print(f"wait for a reply             p50 {waits[len(waits) // 2]:.2f} s, "
              f"p99 {waits[int(len(waits) * 0.99)]:.2f} s, longest {waits[-1]:.1f} s")
    for event in events:
        print(f"longest wait after {event:<18} {longest_after(event):.1f} s from the restart "
              f"({raw_longest_after(event):.1f} s from the message, the time down included)")
    print(f"down: bot {events['kill -9'] - killed_at:.2f} s (SIGKILL to started again), "
          f"PostgreSQL {events['PostgreSQL restart'] - stopped_at:.1f} s")
    print(f"bot peak memory (with voice worker) {peak['kb'] / 1024:.0f} MB")
    print(f"inbox left {inbox_left}; bot alive at the end: {bot_alive}")
    ok = lost == 0 and dup == 0 and all(longest_after(e) < 10 for e in events) and bot_alive
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

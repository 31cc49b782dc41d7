"""Webhook mode: the real `charley run` with WEBHOOK_URL set, updates posted to it as
Telegram (or a load balancer) would; one instance on SQLite, two on one PostgreSQL."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.botapi import BotApiStub, free_port
from tests.conftest import RunningBot, db_rows

pytestmark = pytest.mark.e2e
SECRET = "s3cret-Webhook_token"


def webhook_bot(stub: BotApiStub, url: str, workdir: Path, port: int,
                extra: dict[str, str] | None = None) -> RunningBot:
    workdir.mkdir(exist_ok=True)
    bot = RunningBot(stub, url, workdir, {
        "WEBHOOK_URL": "https://charley.example.org/telegram", "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port), "LOG_LEVEL": "INFO",
        "REMINDER_TICK_SECONDS": "0.5", **(extra or {})})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if get(port, "/healthz")[0] == 200:
            return bot
        if bot.proc.poll() is not None:
            raise RuntimeError(bot.log())
        time.sleep(0.1)
    raise TimeoutError(bot.log())


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except (OSError, ConnectionError):
        return 0, ""


def post(port: int, update: dict | bytes, secret: str | None = SECRET) -> int:
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", body, headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def message(update_id: int, user: int, text: str, message_id: int | None = None) -> dict:
    body = {"message_id": message_id or update_id, "date": int(time.time()),
            "chat": {"id": user, "type": "private"},
            "from": {"id": user, "is_bot": False, "first_name": "Ann"}, "text": text}
    if text.startswith("/"):  # as Telegram marks a command
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": body}


def stored(url: str, message_id: int) -> int:
    """The update is in the diary, or waiting in the inbox: either way, not lost."""
    entries = db_rows(url, "select count(*) from entries where message_id = :m", m=message_id)
    inbox = db_rows(url, "select count(*) from inbox where update_id = :m", m=message_id)
    return entries[0][0] + inbox[0][0]


def test_webhook_checks_the_secret_stores_before_200_and_stops_cleanly(
        stub: BotApiStub, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    port = free_port()
    bot = webhook_bot(stub, url, tmp_path / "w", port)
    try:
        [hook] = stub.sent(method="setWebhook")
        assert hook.params["url"] == "https://charley.example.org/telegram"
        assert hook.params["secret_token"] == SECRET
        user = 6001
        assert post(port, message(1, user, "left calf cramp 3 min"), secret=None) == 403
        assert post(port, message(2, user, "left calf cramp 3 min"), secret="wrong") == 403
        assert post(port, message(3, user, "left calf cramp 3 min"), secret=SECRET[:-1]) == 403
        assert post(port, b"{not json", secret=SECRET) == 400
        assert post(port, b"[1, 2]", secret=SECRET) == 400
        time.sleep(0.3)
        assert db_rows(url, "select count(*) from inbox") == [(0,)]
        assert db_rows(url, "select count(*) from entries") == [(0,)]
        assert post(port, message(4, user, "left calf cramp 3 min")) == 200
        assert stored(url, 4) >= 1  # committed before the 200
        [reply] = stub.wait_replies(user, 1)
        assert reply.params["text"].startswith("Logged")
        assert post(port, message(4, user, "left calf cramp 3 min")) == 200  # Telegram retries
        time.sleep(0.5)
        assert db_rows(url, "select count(*) from entries") == [(1,)]
        assert get(port, "/healthz") == (200, "ok")
        bot.proc.send_signal(signal.SIGTERM)
        assert bot.proc.wait(20) == 0
        assert get(port, "/healthz")[0] == 0  # gone
        assert SECRET not in bot.log()
    finally:
        bot.stop()


def test_two_webhook_instances_on_one_postgresql_store_and_remind_once(
        stub: BotApiStub, tmp_path: Path, pg_url: str) -> None:
    ports = [free_port(), free_port()]
    bots = [webhook_bot(stub, pg_url, tmp_path / f"i{i}", port) for i, port in enumerate(ports)]
    try:
        users = list(range(6100, 6110))
        update_id = 100
        for round_ in range(10):
            for user in users:
                update_id += 1
                port = ports[update_id % 2]  # the load balancer alternates
                assert post(port, message(update_id, user, f"right calf cramp {round_ + 1} min")) == 200
        # a retried delivery lands on the other instance: still stored once
        assert post(ports[0], message(update_id, users[-1], "right calf cramp 10 min")) == 200
        assert post(ports[1], message(update_id, users[-1], "right calf cramp 10 min")) == 200
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if db_rows(pg_url, "select count(*) from entries") == [(100,)]:
                break
            time.sleep(0.2)
        rows = db_rows(pg_url, "select message_id, count(*) from entries group by message_id")
        assert len(rows) == 100 and {n for _, n in rows} == {1}

        for user in users:  # a stretch reminder each, due now: sent once in all
            update_id += 1
            assert post(ports[user % 2], message(update_id, user, "/remind stretch 22:00")) == 200
        for user in users:
            stub.wait_replies(user, 11, timeout=30)
        db_rows(pg_url, "update reminders set next_due_at = now() where kind = 'stretch'")
        deadline = time.monotonic() + 30

        def reminders_sent() -> list[int]:
            return sorted(c.params["chat_id"] for c in stub.sent(method="sendMessage")
                          if c.params.get("text", "").startswith("Time for your bedtime stretches"))
        while time.monotonic() < deadline and len(reminders_sent()) < len(users):
            time.sleep(0.2)
        time.sleep(2)  # several more ticks of both instances
        assert reminders_sent() == users
        assert [get(port, "/healthz")[0] for port in ports] == [200, 200]
    finally:
        for bot in bots:
            bot.stop()

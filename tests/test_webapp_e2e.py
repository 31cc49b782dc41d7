"""The dashboard wired into the real `charley run`: in polling mode on its own port, in
webhook mode beside the webhook (two instances on one PostgreSQL), and nothing at all
without WEBAPP_URL."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.botapi import BotApiStub, free_port
from tests.conftest import RunningBot
from tests.test_webapp import init_data, user_json
from tests.test_webhook import get, message, post, webhook_bot

pytestmark = pytest.mark.e2e
APP = "https://charley.example.org/app"


def call(port: int, method: str, path: str, user: int | None, body: object = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if user is not None:
        headers["Authorization"] = "tma " + init_data({"user": user_json(id=user)},
                                                      auth=datetime.now(UTC))
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}


def wait_up(port: int, bot: RunningBot) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if get(port, "/app")[0] == 200:
            return
        if bot.proc.poll() is not None:
            raise RuntimeError(bot.log())
        time.sleep(0.1)
    raise TimeoutError(bot.log())


def web_app_buttons(call_params: dict) -> list[dict]:
    markup = call_params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row if "web_app" in b]


def test_polling_serves_the_dashboard_and_offers_it(stub: BotApiStub, tmp_path: Path) -> None:
    port = free_port()
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", tmp_path,
                     {"WEBAPP_URL": APP, "WEBAPP_LISTEN": "127.0.0.1", "WEBAPP_PORT": str(port)})
    try:
        bot.wait_ready()
        wait_up(port, bot)
        [menu] = stub.sent(method="setChatMenuButton")
        button = menu.params["menu_button"]
        button = json.loads(button) if isinstance(button, str) else button
        assert button["type"] == "web_app" and button["web_app"]["url"] == APP
        user = 6101
        stub.send_text(user, "/start")
        [start] = stub.wait_replies(user, 1)
        assert [b["web_app"]["url"] for b in web_app_buttons(start.params)] == [APP]
        stub.send_text(user, "left calf cramp 3 min")
        stub.wait_replies(user, 2)
        stub.send_text(user, "/week")
        recap = stub.wait_replies(user, 3)[2]
        assert web_app_buttons(recap.params), recap.params
        assert call(port, "GET", "/api/entries", None)[0] == 401
        code, data = call(port, "GET", "/api/entries", user)
        assert code == 200 and len(data["entries"]) == 1 and "3 min" in data["entries"][0]["line"]
        code, summary = call(port, "GET", "/api/summary", user)
        assert code == 200 and summary["week"] == recap.params["text"]
        assert "https://t.me/charley_test_bot" in get(port, "/app")[1]
    finally:
        bot.stop()


def test_webhook_mode_serves_it_beside_the_webhook_on_two_instances(
        stub: BotApiStub, pg_url: str, tmp_path: Path) -> None:
    first, second = free_port(), free_port()
    a = webhook_bot(stub, pg_url, tmp_path / "a", first, {"WEBAPP_URL": APP})
    b = webhook_bot(stub, pg_url, tmp_path / "b", second, {"WEBAPP_URL": APP})
    try:
        user = 6201
        assert post(first, message(1, user, "left calf cramp 3 min")) == 200
        stub.wait_replies(user, 1)
        code, data = call(second, "GET", "/api/entries", user)  # any instance answers
        assert code == 200 and len(data["entries"]) == 1
        entry = data["entries"][0]["id"]
        assert call(first, "PATCH", f"/api/entries/{entry}", user, {"severity": 8})[0] == 200
        code, again = call(second, "GET", "/api/entries", user)
        assert "8/10" in again["entries"][0]["line"]
        assert call(second, "DELETE", f"/api/entries/{entry}", 999)[0] == 404
        assert call(first, "DELETE", f"/api/entries/{entry}", user)[0] == 200
        assert call(second, "GET", "/api/entries", user)[1]["entries"] == []
        assert get(first, "/healthz") == (200, "ok") and get(second, "/app")[0] == 200
    finally:
        a.stop()
        b.stop()


def test_without_webapp_url_nothing_is_served_and_no_menu_is_set(
        stub: BotApiStub, tmp_path: Path) -> None:
    port = free_port()
    bot = webhook_bot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", tmp_path / "w", port)
    try:
        for path in ("/app", "/api/summary", "/api/entries"):
            assert get(port, path)[0] == 404
        user = 6301
        assert post(port, message(1, user, "/start")) == 200
        [start] = stub.wait_replies(user, 1)
        assert not web_app_buttons(start.params)
        assert not stub.sent(method="setChatMenuButton")
    finally:
        bot.stop()

"""The dashboard (Mini App): the initData validator, cross-checked against init-data-py,
and the API over a real tornado server on both databases."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import init_data_py
import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.httpserver import HTTPServer
from tornado.web import Application

from bot.router import Incoming, Router
from tests.botapi import free_port
from tests.conftest import TOKEN, open_db
from webapp.api import Backend, Budget
from webapp.initdata import InvalidInitData, sign, validate
from webapp.pages import routes

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
USER = {"id": 4242, "first_name": "Ann", "language_code": "en"}


def init_data(fields: dict[str, str], token: str = TOKEN, auth: datetime = NOW,
              order: list[str] | None = None) -> str:
    """initData as a client sends it: every value percent-encoded once, hash last."""
    data = {**fields, "auth_date": str(int(auth.timestamp()))}
    data["hash"] = sign(data, token)
    keys = order or list(data)
    return "&".join(f"{k}={quote(data[k], safe='')}" for k in keys)


def user_json(**extra: object) -> str:
    return json.dumps({**USER, **extra}, ensure_ascii=False, separators=(",", ":"))


def ours(raw: str, now: datetime = NOW, token: str = TOKEN) -> bool:
    try:
        validate(raw, token, now=now)
    except InvalidInitData:
        return False
    return True


def theirs(raw: str, now: datetime = NOW, token: str = TOKEN) -> bool:
    try:
        return init_data_py.is_valid_by_hash(raw, token, now=now, expires_in=86400)
    except init_data_py.errors.InvalidInitDataError:
        return False


VALID = init_data({"query_id": "AAHdF6IQAAAAAN0XohDhrOrc", "user": user_json()})


def _tampered() -> str:
    return VALID.replace(quote('"id":4242', safe=""), quote('"id":4243', safe=""))


CASES = {
    "valid": (VALID, True),
    "valid without query_id (iOS)": (init_data({"user": user_json()}), True),
    "tampered user": (_tampered(), False),
    "wrong token": (init_data({"user": user_json()}, token="999:other-token"), False),
    "missing hash": (re.sub(r"&hash=[0-9a-f]+", "", VALID), False),
    "duplicate hash": (VALID + "&hash=" + "0" * 64, False),
    "duplicate user": (VALID + "&user=" + quote(user_json(id=1)), False),
    "with signature": (init_data({"user": user_json(), "signature": "abc-_DEF123"}), True),
    "signature removed": (re.sub(r"signature=[^&]+&", "", init_data(
        {"signature": "abc-_DEF123", "user": user_json()}, order=None)), False),
    "photo_url with \\/": (init_data({"user": json.dumps(
        {**USER, "photo_url": "https://t.me/i/userpic/320/x.svg"}).replace("/", "\\/")}), True),
    "names with & + % and Cyrillic": (init_data({"user": user_json(
        first_name="Анна & Co + 100%", last_name="Иванова+Smith%20")}), True),
    "expired": (init_data({"user": user_json()}, auth=NOW - timedelta(days=1, minutes=1)), False),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_validator_agrees_with_init_data_py(name: str) -> None:
    raw, expected = CASES[name]
    assert ours(raw) is expected, name
    assert theirs(raw) is expected, name


def test_names_are_decoded_once() -> None:
    raw = CASES["names with & + % and Cyrillic"][0]
    checked = validate(raw, TOKEN, now=NOW)
    assert json.loads(checked.fields["user"])["first_name"] == "Анна & Co + 100%"
    assert checked.user.id == 4242 and checked.user.first_name == "Анна & Co + 100%"
    assert init_data_py.validate_by_hash(raw, TOKEN, now=NOW).user.first_name == "Анна & Co + 100%"


def test_future_auth_date_is_refused_though_the_hash_is_right() -> None:
    raw = init_data({"user": user_json()}, auth=NOW + timedelta(hours=1))
    with pytest.raises(InvalidInitData, match="future"):
        validate(raw, TOKEN, now=NOW)
    # the hash itself is Telegram's (the cross-check package, which has no future
    # check, accepts it): the refusal is our rule, not a hashing difference
    assert theirs(raw)
    assert ours(init_data({"user": user_json()}, auth=NOW + timedelta(seconds=30)))  # clock skew


def test_max_age_is_configurable() -> None:
    raw = init_data({"user": user_json()}, auth=NOW - timedelta(hours=2))
    assert ours(raw)
    with pytest.raises(InvalidInitData, match="expired"):
        validate(raw, TOKEN, now=NOW, max_age=timedelta(hours=1))


@pytest.mark.parametrize("raw", ["", "user=1", "hash=zz", "a&&b", "%", "x" * 9000,
                                 init_data({"query_id": "1"}),  # no user
                                 init_data({"user": '{"id":"12"}'}),
                                 init_data({"user": '{"id":true}'})])
def test_malformed_data_is_refused(raw: str) -> None:
    assert not ours(raw)


def test_a_budget_refuses_beyond_its_minute() -> None:
    budget = Budget(3)
    assert [budget.spend("a", 0.0) for _ in range(4)] == [True, True, True, False]
    assert budget.spend("b", 1.0) and budget.spend("a", 61.0)


# ---- the API, over a real server ------------------------------------------------------

class Served:
    def __init__(self, port: int, talk: Router, backend: Backend) -> None:
        self.port = port
        self.talk = talk
        self.backend = backend
        self.client = AsyncHTTPClient()

    def auth(self, user_id: int = 4242, **extra: object) -> str:
        return "tma " + init_data({"user": user_json(id=user_id, **extra)},
                                  auth=datetime.now(UTC))

    async def call(self, method: str, path: str, body: object = None, user: int = 4242,
                   headers: dict[str, str] | None = None) -> tuple[int, dict, dict]:
        h = {"Authorization": self.auth(user), **(headers or {})}
        raw = json.dumps(body).encode() if body is not None else (b"" if method in ("PATCH", "POST")
                                                                 else None)
        try:
            r = await self.client.fetch(f"http://127.0.0.1:{self.port}{path}", method=method,
                                        headers=h, body=raw, allow_nonstandard_methods=True)
        except HTTPClientError as e:
            assert e.response is not None
            r = e.response
        data = json.loads(r.body) if r.body and r.headers.get("Content-Type", "").startswith(
            "application/json") else {}
        return r.code, data, dict(r.headers)


@pytest.fixture
async def served(db_url: str) -> AsyncIterator[Served]:
    async with open_db(db_url) as db:
        talk = Router(db, "UTC")
        backend = Backend(TOKEN, lambda: talk.units, bot_link=lambda: "https://t.me/charley_test_bot")
        port = free_port()
        server = HTTPServer(Application(routes(backend)), max_body_size=1 << 20)
        server.listen(port, address="127.0.0.1")
        try:
            yield Served(port, talk, backend)
        finally:
            server.stop()


async def say(s: Served, text: str, at: datetime, user: int = 4242) -> None:
    await s.talk.on_text(Incoming(user, text, at))


async def test_every_api_call_needs_valid_init_data(served: Served) -> None:
    for method, path in [("GET", "/api/summary"), ("GET", "/api/entries"),
                         ("PATCH", "/api/entries/1"), ("DELETE", "/api/entries/1"),
                         ("GET", "/api/reminders"), ("DELETE", "/api/reminders/1")]:
        for header in ("", "tma ", "tma " + VALID.replace("Ann", "Bob"), "Bearer x",
                       "tma " + init_data({"user": user_json()}, auth=datetime.now(UTC)
                                          - timedelta(days=2))):
            code, _, headers = await served.call(method, path, {} if method == "PATCH" else None,
                                                 headers={"Authorization": header})
            assert code == 401, (method, path, header)
            assert headers["Cache-Control"] == "no-store"


async def test_the_summary_says_what_the_chat_says(served: Served) -> None:
    now = datetime.now(UTC)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    # three different nights whatever the hour the test runs at (an hour after noon
    # used to put the "no cramps" and the foot cramps on the same night)
    await say(served, "left calf cramp 3 min, bad", today - timedelta(days=1) + timedelta(hours=3))
    await say(served, "two cramps in my foot", today - timedelta(days=3) + timedelta(hours=3))
    await say(served, "no cramps last night", today - timedelta(days=2) + timedelta(hours=8))
    code, data, headers = await served.call("GET", "/api/summary")
    assert code == 200 and headers["Cache-Control"] == "no-store"
    week = await served.talk.week(4242, now)
    assert data["week"] == week.text  # word for word, the same engine
    nights = data["numbers"]["nights"]
    assert sum(n for n in nights.values() if n) == 3  # 1 + 2 cramps
    assert sorted(n for n in nights.values() if n is not None) == [0, 1, 2]
    assert sum(p["cramps"] for p in data["numbers"]["series"]) == 3
    assert len(data["numbers"]["series"]) == 12
    assert "<title>" in data["calendar_svg"] and "<table" in data["calendar_table"]
    # whole weeks from a Monday night, up to the night now under way
    assert data["calendar_svg"].count('class="night"') == len(nights) and 78 <= len(nights) <= 84


async def test_entries_newest_first_and_edits_reach_the_diary(served: Served) -> None:
    now = datetime.now(UTC)
    await say(served, "calf cramp 2 min", now - timedelta(days=2))
    await say(served, "calf cramp 5 min", now - timedelta(hours=3))
    code, data, _ = await served.call("GET", "/api/entries")
    assert code == 200
    first, second = data["entries"]
    assert "5 min" in first["line"] and "2 min" in second["line"]
    code, changed, _ = await served.call("PATCH", f"/api/entries/{first['id']}",
                                         {"severity": 9, "side": "right"})
    assert code == 200 and "9/10" in changed["entry"]["line"] and "Right" in changed["entry"]["line"]
    # an impossible value changes nothing, not even the valid field beside it
    code, _, _ = await served.call("PATCH", f"/api/entries/{first['id']}",
                                   {"count": 2, "severity": 11})
    assert code == 400
    _, again, _ = await served.call("GET", "/api/entries")
    assert again["entries"][0]["values"]["count"] in (None, 1)
    code, _, _ = await served.call("DELETE", f"/api/entries/{second['id']}")
    assert code == 200
    _, after, _ = await served.call("GET", "/api/entries")
    assert [e["id"] for e in after["entries"]] == [first["id"]]
    code, back, _ = await served.call("POST", f"/api/entries/{second['id']}/restore")
    assert code == 200 and back["entry"]["id"] == second["id"]


async def test_another_users_entry_answers_404(served: Served) -> None:
    await say(served, "calf cramp 2 min", datetime.now(UTC) - timedelta(hours=3), user=777)
    _, theirs_, _ = await served.call("GET", "/api/entries", user=777)
    entry_id = theirs_["entries"][0]["id"]
    _, mine, _ = await served.call("GET", "/api/entries")
    assert mine["entries"] == []
    for method, body in (("PATCH", {"severity": 2}), ("DELETE", None)):
        code, _, _ = await served.call(method, f"/api/entries/{entry_id}", body)
        assert code == 404
    for path in ("/api/entries/abc", "/api/entries/99999999"):
        assert (await served.call("DELETE", path))[0] == 404
    _, still, _ = await served.call("GET", "/api/entries", user=777)
    assert still["entries"][0]["id"] == entry_id and "2 min" in still["entries"][0]["line"]


async def test_reminders_pause_move_and_delete(served: Served) -> None:
    await served.talk.remind(4242, "magnesium 21:30", datetime.now(UTC))
    await served.talk.remind(777, "magnesium 21:30", datetime.now(UTC))
    code, data, _ = await served.call("GET", "/api/reminders")
    assert code == 200 and len(data["reminders"]) == 1
    rid = data["reminders"][0]["id"]
    _, theirs_, _ = await served.call("GET", "/api/reminders", user=777)
    assert (await served.call("DELETE", f"/api/reminders/{theirs_['reminders'][0]['id']}"))[0] == 404
    code, paused, _ = await served.call("PATCH", f"/api/reminders/{rid}", {"paused": True})
    assert code == 200 and paused["reminder"]["paused"]
    code, again, _ = await served.call("PATCH", f"/api/reminders/{rid}", {"paused": True})
    assert code == 200 and again["reminder"]["paused"]  # asked twice: still paused
    code, moved, _ = await served.call("PATCH", f"/api/reminders/{rid}", {"time": "22:00"})
    assert code == 200 and moved["reminder"]["time"] == "22:00"
    assert (await served.call("PATCH", f"/api/reminders/{rid}", {"time": "25:00"}))[0] == 400
    assert (await served.call("DELETE", f"/api/reminders/{rid}"))[0] == 200
    _, after, _ = await served.call("GET", "/api/reminders")
    assert after["reminders"] == []


async def test_get_changes_nothing(served: Served) -> None:
    await say(served, "calf cramp 2 min", datetime.now(UTC) - timedelta(hours=3))
    for path in ("/api/summary", "/api/entries", "/api/reminders"):
        before = (await served.call("GET", path))[1]
        for _ in range(3):
            assert (await served.call("GET", path))[1] == before


async def test_bodies_and_rates_are_bounded(served: Served) -> None:
    code, _, _ = await served.call("PATCH", "/api/entries/1", {"text": "x" * 5000})
    assert code == 413
    served.backend.per_user = Budget(3)
    codes = [(await served.call("GET", "/api/entries"))[0] for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert (await served.call("GET", "/api/entries", user=4343))[0] == 200  # per user
    served.backend.per_address = Budget(2)
    bad = {"Authorization": "tma nonsense"}
    codes = [(await served.call("GET", "/api/entries", headers=bad))[0] for _ in range(3)]
    assert codes == [401, 401, 429]


async def test_the_page_and_its_files_are_cached_as_they_should_be(served: Served) -> None:
    client = AsyncHTTPClient()
    page = await client.fetch(f"http://127.0.0.1:{served.port}/app")
    assert page.headers["Cache-Control"] == "no-cache"
    html = page.body.decode()
    assert '<script src="https://telegram.org/js/telegram-web-app.js"></script>' in html
    assert "open it from the chat with Charley" in html and "https://t.me/charley_test_bot" in html
    for name in re.findall(r'"/static/([^"]+)"', html):
        r = await client.fetch(f"http://127.0.0.1:{served.port}/static/{name}")
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert re.fullmatch(r"app\.[0-9a-f]{12}\.(js|css)", name)
    with pytest.raises(HTTPClientError) as missing:
        await client.fetch(f"http://127.0.0.1:{served.port}/static/app.000000000000.js")
    assert missing.value.code == 404
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


async def test_a_running_trial_shows_its_timeline(served: Served) -> None:
    now = datetime.now(UTC)
    _, before, _ = await served.call("GET", "/api/summary")
    assert before["trial"]["svg"] == "" and "/trial" in before["trial"]["text"]
    await served.talk.trial(4242, "magnesium 3 14", now)
    status = await served.talk.trial(4242, "", now)
    _, data, _ = await served.call("GET", "/api/summary")
    assert data["trial"]["text"] == status.text  # the chat's words
    svg = data["trial"]["svg"]
    assert svg.startswith("<svg") and "<title" in svg
    # the run-in, then six blocks: three taking it, three not
    assert svg.count('class="taking"') == 3 and svg.count('class="baseline"') == 1 + 3

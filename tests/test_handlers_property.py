"""The real handlers (the whole ptb application, in process) against generated updates:
any text, any button data, any kind of update. None may crash a handler, every reply
fits Telegram's limits, and nothing from a group is stored or answered beyond one line."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import Application

from bot.config import Settings
from charley.app import build_application
from tests.botapi import BotApiStub
from tests.conftest import TOKEN, db_rows

USERS = (8101, 8102, 8103)
TRICKY = [
    "'; DROP TABLE entries; --", "<b>calf</b> cramp", "*_[`]calf", "\u202ecalf cramp 3 min",
    "calf\u200b cramp\u200d 3\u2060min", "\x00\x01\x1b[31mcramp", "🦵💥 3 min 😫", "ساق 3 دقائق",
    "/start@other_bot", "/timezone Mars/Olympus", "/remind K2 25:99", "/remind", "/trial",
    "/trial magnesium 99999 -1", "/export json", "/week", "/undo", "/forget", "/report",
    "/reminders", "/help", "no cramps last night", "took my K2", "left foot at 3am, 5 min",
    "x" * 4096, "calf " * 819, "\n\n\n", " ", "cramp on 31 feb", "cramp at 25:61",
    "cramp 99999999999999999999 min", "quinine?", "chest pain and calf cramp",
]
BUTTON_HEADS = ["undo:", "m:", "fix:", "sd:", "yes:", "r:t:", "r:z:", "r:s:", "c:n:", "c:v:",
                "rm:d:", "rm:p:", "rm:t:", "bt:vka:", "bt:ok:", "su:st:magnesium:",
                "tr:p:magnesium:", "tr:xx",
                "fg:no", "why:", "tz:", "export:", "new:"]


@pytest.fixture
def app(stub: BotApiStub, tmp_path: Path) -> Iterator[tuple[Application, asyncio.AbstractEventLoop, str]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'prop.db'}"
    config = Settings(_env_file=None, telegram_bot_token=TOKEN, telegram_api_url=stub.url,
                      database_url=url, flood_per_minute=10_000)
    application = build_application(config)
    stub.files["v"] = b"OggS\x00 not really a voice note"
    loop = asyncio.new_event_loop()
    loop.run_until_complete(application.initialize())
    assert application.post_init is not None
    loop.run_until_complete(application.post_init(application))
    yield application, loop, url
    loop.run_until_complete(application.shutdown())
    assert application.post_shutdown is not None
    loop.run_until_complete(application.post_shutdown(application))
    loop.close()


texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=300),
                  st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4096))
button_data = st.one_of(
    st.text(max_size=64),
    st.builds(lambda h, t: (h + t)[:64], st.sampled_from(BUTTON_HEADS),
              st.from_regex(r"[-0-9a-z:,]{0,30}", fullmatch=True)),
)


@st.composite
def updates(draw: st.DrawFn) -> dict:
    user = draw(st.sampled_from(USERS))
    ids = draw(st.integers(1, 2**31 - 1))
    private = {"id": user, "type": "private", "first_name": "Ann"}
    sender = {"id": user, "is_bot": False, "first_name": draw(st.text(max_size=40)) or "A"}
    message = {"message_id": ids, "date": int(time.time()), "chat": private, "from": sender}
    kind = draw(st.sampled_from(["text", "text", "text", "edited", "button", "button", "group",
                                 "channel", "sticker", "photo", "location", "poll", "voice",
                                 "callback_no_message", "member"]))
    if kind == "text":
        text = draw(texts)
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(text.split()[0]) if text.split() else 1}]
        return {"message": message}
    if kind == "edited":
        return {"edited_message": {**message, "text": draw(texts), "edit_date": int(time.time())}}
    if kind in ("button", "callback_no_message"):
        query = {"id": str(ids), "from": sender, "chat_instance": "1", "data": draw(button_data)}
        if kind == "button":
            query["message"] = {**message, "from": {"id": 1, "is_bot": True, "first_name": "C"},
                                "text": "…"}
        return {"callback_query": query}
    if kind == "group":
        chat = {"id": -1000 - user, "type": draw(st.sampled_from(["group", "supergroup"])),
                "title": "G"}
        return {"message": {**message, "chat": chat, "text": draw(texts)}}
    if kind == "channel":
        chat = {"id": -100999, "type": "channel", "title": "C"}
        return {"channel_post": {"message_id": ids, "date": int(time.time()), "chat": chat,
                                 "text": draw(texts)}}
    if kind == "sticker":
        message["sticker"] = {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                              "is_animated": False, "is_video": False, "type": "regular"}
    elif kind == "photo":
        message["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        message["caption"] = draw(texts)[:1024]
    elif kind == "location":
        message["location"] = {"latitude": draw(st.floats(-90, 90)),
                               "longitude": draw(st.floats(-180, 180))}
    elif kind == "poll":
        message["poll"] = {"id": "1", "question": "q", "options": [], "total_voter_count": 0,
                           "is_closed": False, "is_anonymous": True, "type": "regular",
                           "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}
    elif kind == "voice":  # "v" is served as junk bytes; "gone" is unknown to the stand-in
        file_id = draw(st.sampled_from(["v", "gone"]))
        message["voice"] = {"file_id": file_id, "file_unique_id": file_id, "duration":
                            draw(st.integers(0, 10_000))}
    elif kind == "member":
        return {"my_chat_member": {
            "chat": private, "from": sender, "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": sender},
            "new_chat_member": {"status": "kicked", "user": sender, "until_date": 0}}}
    return {"message": message}


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_generated_updates_never_crash_a_handler(app, stub: BotApiStub) -> None:
    application, loop, url = app
    errors = Errors()
    logging.getLogger().addHandler(errors)
    update_ids = iter(range(1, 10**9))
    try:
        @settings(max_examples=250, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(updates())
        def handle(data: dict) -> None:
            data["update_id"] = next(update_ids)
            update = Update.de_json(data, application.bot)
            loop.run_until_complete(application.process_update(update))
            assert not errors.records, errors.records[0].getMessage()

        handle()
    finally:
        logging.getLogger().removeHandler(errors)
    for call in stub.calls:
        text = call.params.get("text") or call.params.get("caption") or ""
        assert len(text) <= 4096
        chat = call.params.get("chat_id")
        if chat is not None:
            assert chat in USERS or (chat < 0 and "private chat" in text), (chat, text[:80])
        for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                assert len(button["callback_data"].encode()) <= 64
    # nothing from a group or a channel reached the diary
    stored_chats = {c for (c,) in db_rows(url, "select distinct chat_id from entries")}
    assert stored_chats <= set(USERS) | {None}
    assert db_rows(url, "select count(*) from inbox") == [(0,)]

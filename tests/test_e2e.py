"""The real `charley run` process against the Bot API stand-in, as a user sees it."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.botapi import BotApiStub
from tests.conftest import TOKEN, RunningBot

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")


def at_london(*args: int) -> int:
    return int(datetime(*args, tzinfo=LONDON).timestamp())


def say(stub: BotApiStub, user: int, text: str, date: int | None = None, expect: int = 1) -> list:
    """Send a message and return the bot's new replies to it."""
    before = len(stub.replies(user))
    stub.send_text(user, text, date=date)
    return stub.wait_replies(user, before + expect)[before:]


def buttons(call) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", [])
            for b in row]


def test_a_new_user_logs_a_cramp_end_to_end(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 501
    [hello] = say(stub, user, "/start")
    assert "diary, not a doctor" in hello.params["text"]
    assert "time zone" in hello.params["text"]
    assert ("London", "tz:Europe/London") in buttons(hello)

    [zone] = say(stub, user, "/timezone Europe/London")
    assert "Europe/London" in zone.params["text"] and "local time" in zone.params["text"]

    # 03:12 in London: the answer repeats what was understood, silently, with Undo
    [logged] = say(stub, user, "calf cramp 3 min, bad", date=at_london(2026, 11, 25, 3, 12))
    first_line, *rest = logged.params["text"].split("\n\n")
    assert first_line == "Logged: Calf, 3 min, severe (7/10), 03:12"
    assert rest == ["To ease one: stretch the muscle (for the calf, pull your toes up towards "
                    "your knee), walk or shake the leg, or try warmth."]
    assert logged.params["disable_notification"] is True
    assert [label for label, _ in buttons(logged)] == ["Undo", "Edit", "Why?"]

    # sent at 08:10: "at 3am" is this morning's 3am, and daytime replies ring
    [second] = say(stub, user, "left foot at 3am, 5 min", date=at_london(2026, 11, 25, 8, 10))
    assert second.params["text"].startswith("Logged: Left foot, 5 min, ")
    assert "03:00" in second.params["text"]
    assert second.params.get("disable_notification") in (None, False)

    [export] = say(stub, user, "/export", expect=2)[:1]
    assert export.method == "sendDocument"
    name, content = export.files["document"]
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert list(rows[0]) == ["kind", "at", "muscle", "side", "duration_s", "severity", "count",
                             "name", "amount", "unit", "minutes", "source", "text",
                             "red_flags"]  # bot-contract.md's header
    assert [(r["kind"], r["at"], r["muscle"], r["side"], r["duration_s"], r["severity"],
             r["source"], r["text"]) for r in rows] == [
        ("cramp", "2026-11-25T03:00:00+00:00", "foot", "left", "300", "", "text",
         "left foot at 3am, 5 min"),
        ("cramp", "2026-11-25T03:12:00+00:00", "calf", "", "180", "7", "text",
         "calf cramp 3 min, bad"),
    ]

    week, chart = say(stub, user, "/week", expect=2)
    assert "This week" in week.params["text"] and "2 cramps" in week.params["text"]
    assert chart.method == "sendPhoto"

    [undone] = say(stub, user, "/undo")
    assert undone.params["text"].startswith("Removed: Left foot, 5 min")
    week, chart = say(stub, user, "how was my week?", expect=2)
    assert "1 cramp " in week.params["text"] and chart.method == "sendPhoto"


def test_unsure_reading_asks_with_buttons_and_a_tap_answers(running_bot: RunningBot,
                                                            stub: BotApiStub) -> None:
    user = 502
    [asked] = say(stub, user, "cramp")
    assert "Where was it?" in asked.params["text"]
    choices = dict(buttons(asked))
    assert {"Calf", "Foot", "Thigh", "Undo"} <= set(choices)
    before = len(stub.replies(user))
    stub.press(user, choices["Calf"])
    [edited] = stub.wait_replies(user, before + 1)[before:]
    assert edited.method == "editMessageText"
    assert edited.params["text"].startswith("Logged: Calf")

    [maybe] = say(stub, user, "ouch, my leg")
    assert "Was that a cramp?" in maybe.params["text"]
    [export, _] = say(stub, user, "/export", expect=2)
    assert len(export.files["document"][1].decode().splitlines()) == 2  # header + one cramp


def test_undo_button_and_a_stale_one(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 503
    [logged] = say(stub, user, "took my K2")
    undo = dict(buttons(logged))["Undo"]
    for expected in ("Removed: Vitamin K2 taken", "That entry was already removed."):
        before = len(stub.replies(user))
        stub.press(user, undo)
        [reply] = stub.wait_replies(user, before + 1)[before:]
        assert reply.params["text"].startswith(expected)


def test_a_redelivered_update_is_stored_once(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 504
    update = stub.send_text(user, "right calf 2 min")
    stub.wait_replies(user, 1)
    stub.push_raw({"message": update["message"]})  # Telegram sends it again
    [again] = stub.wait_replies(user, 2)[1:]
    assert again.params["text"].startswith("Already noted")
    [export, _] = say(stub, user, "/export", expect=2)
    assert len(export.files["document"][1].decode().splitlines()) == 2


def test_one_user_never_sees_another_users_entries(running_bot: RunningBot,
                                                   stub: BotApiStub) -> None:
    alice, bob = 505, 506
    [logged] = say(stub, alice, "left calf 4 min")
    undo = dict(buttons(logged))["Undo"]
    [export, _] = say(stub, bob, "/export", expect=2)
    assert len(export.files["document"][1].decode().splitlines()) == 1  # header only
    before = len(stub.replies(bob))
    stub.press(bob, undo)  # Bob forges Alice's button
    [reply] = stub.wait_replies(bob, before + 1)[before:]
    assert "already removed" in reply.params["text"]
    [undo_reply] = say(stub, bob, "/undo")
    assert undo_reply.params["text"] == "There is nothing to undo."
    [export, _] = say(stub, alice, "/export", expect=2)
    assert "left calf 4 min" in export.files["document"][1].decode()


def test_group_chats_store_nothing(running_bot: RunningBot, stub: BotApiStub) -> None:
    group = {"id": -100123, "type": "group", "title": "Family"}
    stub.send_text(507, "/start", chat=group)
    [reply] = stub.wait_replies(-100123, 1)
    assert "private chat" in reply.params["text"]
    stub.send_text(507, "calf cramp 3 min", chat=group)
    say(stub, 507, "/help")  # a private message after it: the group one was handled first
    assert len(stub.replies(-100123)) == 1
    db = sqlite3.connect(running_bot.database_url.split("///", 1)[1])
    assert db.execute("select count(*) from entries").fetchone()[0] == 0


def test_stickers_and_photos_get_a_kind_word(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 508
    stub.push_raw({"message": {
        "message_id": 77, "date": 1764000000, "chat": {"id": user, "type": "private"},
        "from": stub.user(user),
        "sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                    "is_animated": False, "is_video": False, "type": "regular"},
    }})
    [reply] = stub.wait_replies(user, 1)
    assert "I can read text and voice notes" in reply.params["text"]


def test_the_token_never_reaches_the_log(stub: BotApiStub, tmp_path) -> None:
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", tmp_path)
    bot.wait_ready()
    say(stub, 509, "calf cramp 3 min")
    say(stub, 509, "/export", expect=2)
    assert bot.stop() == 0  # SIGTERM: a clean exit
    log = bot.log()
    assert "DEBUG" in log and "getUpdates" in log  # the log is really at DEBUG
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    above_debug = [line for line in log.splitlines() if " DEBUG " not in line]
    assert not [line for line in above_debug if "calf cramp 3 min" in line]


def test_red_flag_advice_leads_the_reply(running_bot: RunningBot, stub: BotApiStub) -> None:
    [reply] = say(stub, 510, "calf cramp and now my calf is swollen and hot")
    text = reply.params["text"]
    assert text.startswith("⚠️ Swelling, warmth, redness or tenderness in one calf can be a blood clot")
    assert "Logged: Calf" in text  # the entry is stored all the same
    assert "Why?" in [label for label, _ in buttons(reply)]


def test_week_sends_a_chart_and_report_a_pdf(running_bot: RunningBot, stub: BotApiStub) -> None:
    import pypdf

    user = 511
    say(stub, user, "left calf cramp 4 min")
    text, photo = say(stub, user, "/week", expect=2)
    assert text.method == "sendMessage" and "This week" in text.params["text"]
    assert photo.method == "sendPhoto" and photo.files["photo"][1][:4] == b"\x89PNG"
    document, _ = say(stub, user, "/report", expect=2)
    assert document.method == "sendDocument"
    name, content = document.files["document"]
    assert name.endswith(".pdf")
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    assert "Left calf, 4 min" in " ".join(p.extract_text() for p in pages)


def test_the_first_impression_is_set_at_start_in_every_language(running_bot: RunningBot,
                                                                  stub: BotApiStub) -> None:
    """What a person sees before pressing Start, in the profile, and the command menu:
    set at start, from the one list of commands and the catalogue, per language."""
    import time

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len([c for c in stub.calls
                                               if c.method == "setMyShortDescription"]) < 5:
        time.sleep(0.1)
    for method in ("setMyDescription", "setMyShortDescription", "setMyCommands"):
        calls = [c for c in stub.calls if c.method == method]
        languages = {c.params.get("language_code") for c in calls}
        assert languages == {None, "ru", "es", "pt", "de"}, (method, languages)
    [english] = [c for c in stub.calls if c.method == "setMyDescription"
                 and not c.params.get("language_code")]
    assert "diary" in english.params["description"] and "not a doctor" in english.params["description"]
    [menu] = [c for c in stub.calls if c.method == "setMyCommands" and not c.params.get("language_code")]
    import json

    commands = menu.params["commands"]
    commands = json.loads(commands) if isinstance(commands, str) else commands
    assert {c["command"] for c in commands} >= {"diary", "week", "language", "remind", "help"}

"""Voice notes through the real bot process and the Bot API stand-in."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent / "fixtures" / "voice"
NOTES = {(n["said"], n["voice"]): n["file"]
         for n in json.loads((FIXTURES / "notes.json").read_text())}


def note(said: str, voice: str = "en-us+klatt") -> bytes:
    return (FIXTURES / NOTES[(said, voice)]).read_bytes()


def buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def test_a_voice_note_becomes_an_entry_and_the_export_says_voice(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 601
    stub.send_voice(user, note("left calf, three minutes, really bad"), duration=3)
    [reply] = stub.wait_replies(user, 1, timeout=30)
    heard, logged = reply.params["text"].split("\n")[:2]
    assert heard == "I heard: “left calf three minutes really bad”"
    assert logged.startswith("Logged: Left calf, 3 min, severe (8/10)")
    assert buttons(reply)[:2] == ["Undo", "Edit"]
    assert [c.method for c in stub.sent(user)][:2] == ["sendChatAction", "sendMessage"]

    stub.send_text(user, "/export")
    export = stub.wait_replies(user, 3)[1]
    rows = list(csv.DictReader(io.StringIO(export.files["document"][1].decode())))
    assert [(r["kind"], r["muscle"], r["side"], r["duration_s"], r["source"], r["text"])
            for r in rows] == [("cramp", "calf", "left", "180", "voice",
                                "left calf three minutes really bad")]


def test_a_note_over_a_minute_is_refused_without_fetching_it(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 602
    stub.send_voice(user, note("took my K2"), duration=75)
    [reply] = stub.wait_replies(user, 1)
    assert "over a minute long" in reply.params["text"]
    assert not stub.sent(method="getFile")


def test_other_people_are_answered_while_a_note_is_heard(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    talker, typist = 603, 604
    for said in ("did my stretches", "took my K2", "took my magnesium", "did my stretches"):
        stub.send_voice(talker, note(said), duration=2)
    time.sleep(0.05)
    stub.send_text(typist, "no cramps last night")
    [typed] = stub.wait_replies(typist, 1, timeout=30)
    spoken = stub.wait_replies(talker, 4, timeout=60)
    assert typed.params["text"].startswith("Logged: No cramps")
    # the typed message was answered before the last voice note was
    assert typed.at < spoken[-1].at

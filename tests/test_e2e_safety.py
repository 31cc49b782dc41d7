"""Safety through the real bot process and the Bot API stand-in (issue 17): the
blood-thinner gate has no way round, red flags are answered first whatever else a
message asks, and a red flag with no cramp reaches the clinician's PDF."""

from __future__ import annotations

import io
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot
from tests.test_e2e_reminders import make_due, wait_for

pytestmark = pytest.mark.e2e
FAST = {"REMINDER_TICK_SECONDS": "0.3"}
EMERGENCY = "⚠️ Chest pain, sudden breathlessness, coughing blood or fainting"
SAME_DAY = "⚠️ Swelling, warmth, redness or tenderness in one calf"


def say(stub: BotApiStub, user: int, text: str, expect: int = 1, date: int | None = None) -> list:
    before = len(stub.replies(user))
    stub.send_text(user, text, date=date)
    return stub.wait_replies(user, before + expect)[before:]


def press(stub: BotApiStub, user: int, data: str) -> list:
    before = len(stub.replies(user))
    stub.press(user, data)
    return stub.wait_replies(user, before + 1)[before:]


def buttons(call) -> dict[str, str]:
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", [])
            for b in row}


def rows(db_path: str, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db_path) as db:
        return db.execute(sql, args).fetchall()


def k2_reminders(db_path: str, user: int) -> list[tuple]:
    return rows(db_path, "select r.id, r.paused from reminders r join users u on u.id = r.user_id "
                         "where u.telegram_id = ? and r.kind = 'supplement' and r.what = 'vitamin_k2'",
                user)


def k2_sent(stub: BotApiStub, user: int) -> list:
    return [c for c in stub.sent(user, "sendMessage")
            if c.params["text"].startswith("Time for") and "K2" in c.params["text"]]


def test_the_blood_thinner_gate_has_no_way_round(stub: BotApiStub, tmp_path: Path) -> None:
    db_path = str(tmp_path / "bot.db")
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{db_path}", tmp_path, FAST)
    try:
        bot.wait_ready()
        # 1. /remind, the question ignored: the reminder is kept off
        silent = 701
        [asked] = say(stub, silent, "/remind K2 21:30")
        assert "blood thinner" in asked.params["text"]
        assert "Not sure" in buttons(asked)
        assert [p for _, p in k2_reminders(db_path, silent)] == [1]

        # 2. the set-up's taps, answered "Not sure": still off, and told to ask first
        unsure = 702
        [asked] = press(stub, unsure, "su:st:vitamin_k2:2130")
        assert "blood thinner" in asked.params["text"]
        [answered] = press(stub, unsure, buttons(asked)["Not sure"])
        assert "ask your doctor or pharmacist" in answered.params["text"]
        assert "My doctor agreed" in buttons(answered)
        [(_reminder_id, paused)] = k2_reminders(db_path, unsure)
        assert paused == 1

        # 3. resuming the paused reminder from /reminders: the gate again
        [listing] = say(stub, unsure, "/reminders")
        resume = next(data for label, data in buttons(listing).items() if label.startswith("Resume"))
        [held] = press(stub, unsure, resume)
        assert "ask your doctor" in held.params["text"]
        assert [p for _, p in k2_reminders(db_path, unsure)] == [1]

        # "I take warfarin" in words is understood, and K2 then needs the prescriber
        warfarin = 703
        [noted] = say(stub, warfarin, "I take warfarin")
        assert "ask your doctor before starting K2" in noted.params["text"]
        [told] = say(stub, warfarin, "should I stop my K2?")
        assert "starting K2 and stopping it both" in told.params["text"]
        [refused] = say(stub, warfarin, "/trial k2 3 14")
        assert "My doctor agreed" in buttons(refused)
        [agreed] = press(stub, warfarin, buttons(refused)["My doctor agreed"])
        assert "prescriber agreed" in agreed.params["text"]
        # what agreeing means is the sourced caution: starting and stopping both matter
        assert "starting K2 and stopping it both" in agreed.params["text"]

        # 4. /trial with the question ignored: at the switch, no "take K2 from tonight"
        trial = 704
        [started] = say(stub, trial, "/trial k2 3 14")
        assert "trial has started" in started.params["text"]
        with sqlite3.connect(db_path) as db:
            db.execute("update trials set first_night = ?",
                       ((datetime.now(UTC) - timedelta(days=20)).date().isoformat(),))
        for days in (15, 12):  # two cramps in the run-in: enough for the blocks to start
            say(stub, trial, "calf cramp", date=int(time.time()) - days * 86400)
        make_due(db_path)
        step = wait_for(lambda: [c for c in stub.sent(trial, "sendMessage")
                                 if c.params["text"].startswith("Your run-in is done")])
        text = step[0].params["text"]
        assert "From tonight" not in text and "take vitamin K2 every day" not in text
        assert "stopped the trial" in text
        time.sleep(1.5)  # several ticks: no K2 reminder is created or sent to anyone
        assert k2_reminders(db_path, trial) == []
        assert not any(k2_sent(stub, user) for user in (silent, unsure, warfarin, trial))
    finally:
        bot.stop()


def test_red_flags_inside_help_undo_and_recap_come_first(running_bot: RunningBot,
                                                          stub: BotApiStub) -> None:
    user = 710
    [helped] = say(stub, user, "help, chest pain")
    assert helped.params["text"].startswith(EMERGENCY)
    assert "Tell me about a cramp in your own words" in helped.params["text"]  # and the help
    [helped] = say(stub, user, "what can you do? I can't breathe")
    assert helped.params["text"].startswith(EMERGENCY)
    assert "Tell me about a cramp in your own words" in helped.params["text"]

    say(stub, user, "left calf cramp 2 min")
    [undone] = say(stub, user, "undo that, and my calf is swollen")
    assert undone.params["text"].startswith(SAME_DAY)
    assert "Removed: Left calf, 2 min" in undone.params["text"]

    week, _chart = say(stub, user, "how was my week? my calf is swollen", expect=2)
    assert week.params["text"].startswith(SAME_DAY)
    assert "This week" in week.params["text"]

    [symptom] = say(stub, user, "my calf is swollen and warm")
    text = symptom.params["text"]
    assert text.startswith(SAME_DAY)
    assert "Where was it?" not in text and "walk or shake" not in text
    assert "Logged: Symptom: swelling, warmth (calf)" in text

    week, _chart = say(stub, user, "/week", expect=2)
    assert "1 cramp" not in week.params["text"]  # the undone cramp gone, symptoms not counted


def test_a_symptom_only_red_flag_is_in_the_report(running_bot: RunningBot,
                                                   stub: BotApiStub) -> None:
    import pypdf

    user = 720
    [reply] = say(stub, user, "short of breath and chest pain")
    assert reply.params["text"].startswith(EMERGENCY)
    [export, _] = say(stub, user, "/export", expect=2)
    content = export.files["document"][1].decode()
    assert "symptom," in content and "breathless;chest_pain" in content.replace(
        "chest_pain;breathless", "breathless;chest_pain")
    document, _ = say(stub, user, "/report", expect=2)
    pages = pypdf.PdfReader(io.BytesIO(document.files["document"][1])).pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "None reported in this period" not in text
    assert "chest pain" in text and "breathlessness" in text

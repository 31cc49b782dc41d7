"""A whole N-of-1 trial through the real bot process and the Bot API stand-in, with the
clock moved: the trial is set 99 nights back, the nights are logged by messages dated
on their mornings, and the trial's clock is made due step by step, from the run-in to
the result, then /trial and the PDF."""

from __future__ import annotations

import io
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot
from tests.test_e2e import buttons, say
from tests.test_e2e_reminders import FAST, wait_for

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")
USER = 811


def local(day: date, hour: int, minute: int = 0) -> int:
    return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).timestamp())


def clock_due(db_path: str) -> None:
    """The trial's clock due now (what waiting until its 19:00 would do)."""
    due = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(db_path) as db:
        db.execute("update reminders set next_due_at = ? where kind = 'trial'", (due,))


def doses(db_path: str) -> list[tuple[str, int]]:
    """The magnesium reminders: (local time, paused)."""
    with sqlite3.connect(db_path) as db:
        return sorted(db.execute("select local_time, paused from reminders "
                                 "where kind = 'supplement' and what = 'magnesium'"))


def test_a_whole_trial_from_run_in_to_result_and_pdf(stub: BotApiStub, tmp_path: Path) -> None:
    import pypdf

    db_path = str(tmp_path / "bot.db")
    # a hundred nights are logged in a minute: the flood limit is raised for it
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{db_path}", tmp_path,
                     {**FAST, "FLOOD_PER_MINUTE": "10000"})
    try:
        bot.wait_ready()
        say(stub, USER, "/timezone Europe/London")
        [reminder] = say(stub, USER, "/remind magnesium 08:00")
        assert "08:00" in reminder.params["text"]
        [intro] = say(stub, USER, "/trial")
        before = len(stub.replies(USER))
        stub.press(USER, dict(buttons(intro))["Magnesium"])
        plans = stub.wait_replies(USER, before + 1)[-1]
        plan = next(data for label, data in buttons(plans) if label.startswith("3 pairs of 2-week"))
        before = len(stub.replies(USER))
        stub.press(USER, plan)
        started = stub.wait_replies(USER, before + 1)[-1]
        assert "trial has started" in started.params["text"]
        assert "reminder at 08:00 is paused" in started.params["text"]
        assert doses(db_path) == [("08:00", 1)]

        # the clock moved: the trial began 99 nights ago, and those nights are logged
        first = datetime.now(LONDON).date() - timedelta(days=99)
        with sqlite3.connect(db_path) as db:
            db.execute("update trials set first_night = ?", (first.isoformat(),))
            [blocks] = db.execute("select blocks from trials").fetchone()
        on = [c == "1" for c in blocks]
        assert len(on) == 6 and sum(on) == 3

        def taking(night: date) -> bool:
            block = (night - first).days - 14
            return block >= 0 and block // 14 < 6 and on[block // 14]

        for i in range(98):
            night = first + timedelta(days=i)
            cramp = (i % 14 == 3) if taking(night) else i % 7 in (0, 2, 4, 5)
            say(stub, USER, "calf cramp 2 min" if cramp else "no cramps last night",
                date=local(night + timedelta(days=1), 7, 30))
            if taking(night):
                say(stub, USER, "took my magnesium", date=local(night, 21, 0))

        # each step as the scheduler sends it, the dose reminder there only when taking it
        steps = []
        for step in range(7):
            clock_due(db_path)
            steps.append(wait_for(lambda n=step + 1: (lambda got: got[n - 1] if len(got) >= n
                                                     else None)(trial_messages(stub))))
            # the step is applied once its message is sent: only then is the clock set on
            wait_for(lambda s=step: trial_state(db_path) == ((s + 1, "blocks") if s < 6
                                                             else (6, "done")))
            if step < 6:
                assert (doses(db_path) == [("08:00", 0), ("08:00", 1)]) == on[step]
        assert "run-in is done" in steps[0]
        for text, is_on in zip(steps[:6], on, strict=True):
            assert ("take magnesium every day" in text) == is_on
            assert ("no magnesium for 14 nights" in text) == (not is_on)
        result = steps[6]
        assert "trial is over" in result and "It seems to help" in result
        assert "Your own magnesium reminder is back on" in result
        time.sleep(0.5)
        assert doses(db_path) == [("08:00", 0)]

        # the result stays, the same words; the PDF carries it
        [shown] = say(stub, USER, "/trial")
        assert result.startswith(shown.params["text"])
        before = len(stub.sent(USER, "sendDocument"))
        stub.send_text(USER, "/report")
        document = wait_for(lambda: stub.sent(USER, "sendDocument")[before:])[0]
        pages = pypdf.PdfReader(io.BytesIO(document.files["document"][1])).pages
        pdf = " ".join(" ".join(p.extract_text().split()) for p in pages)
        assert "Personal trial" in pdf and "It seems to help" in pdf and "random order" in pdf
    finally:
        bot.stop()


def trial_state(db_path: str) -> tuple[int, str]:
    with sqlite3.connect(db_path) as db:
        return db.execute("select block, phase from trials").fetchone()


def trial_messages(stub: BotApiStub) -> list[str]:
    """The trial's own steps, in order (each starts with one of the steps' openings)."""
    return [c.params["text"] for c in stub.sent(USER, "sendMessage")
            if c.params["text"].startswith(("Your run-in is done", "Block ", "Your magnesium trial is over"))]

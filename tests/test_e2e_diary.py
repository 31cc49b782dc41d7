"""/diary through the real bot process and the Bot API stand-in: look back, fix, delete."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot
from tests.test_e2e import buttons, say

pytestmark = pytest.mark.e2e


def tap(stub: BotApiStub, user: int, reply, label: str):
    data = next(d for text, d in buttons(reply) if text.startswith(label))
    before = len(stub.replies(user))
    stub.press(user, data)
    [answer] = stub.wait_replies(user, before + 1)[before:]
    return answer


def test_diary_shows_fixes_and_deletes_entries(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 701
    say(stub, user, "left calf cramp 3 min, bad")
    say(stub, user, "took my magnesium")
    [page] = say(stub, user, "/diary")
    text = page.params["text"]
    assert text.startswith("Your diary, newest first:") and "Magnesium taken" in text
    assert "Left calf, 3 min, severe (7/10)" in text

    edit = tap(stub, user, page, "✏️ 2")  # the cramp, second newest
    longer = tap(stub, user, tap(stub, user, edit, "How long"), "5 min")
    assert longer.params["text"].startswith("Changed: Left calf, 5 min")
    back = tap(stub, user, longer, "Undo")
    assert "3 min" in back.params["text"]

    [page] = say(stub, user, "/diary")
    gone = tap(stub, user, page, "🗑 1")
    assert gone.params["text"].startswith("Removed: Magnesium taken")
    [page] = say(stub, user, "/diary")
    assert "Magnesium" not in page.params["text"] and "Left calf, 3 min" in page.params["text"]
    [export, _] = say(stub, user, "/export", expect=2)
    rows = export.files["document"][1].decode().splitlines()
    assert len(rows) == 2 and ",180," in rows[1]  # header and the cramp, 3 min again

"""Russian and Spanish through the real bot process and the Bot API stand-in (#20):
the language comes from Telegram's language_code on first contact, a cramp typed in it
is logged, a reminder arrives in it, /week and /report answer in it, and red-flag
advice is in it, naming the emergency number of the user's country."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.talk.catalogue import texts
from tests.botapi import BotApiStub
from tests.test_e2e_reminders import fast_bot, make_due, wait_for
from tests.test_e2e_safety import rows, say

pytestmark = pytest.mark.e2e

SPOKEN = {
    "ru": {"zone": "Europe/Moscow", "number": "103 / 112",
           "cramp": "ночью свело левую икру, минуты 4, очень больно",
           "flag": "правая икра опухла и горячая на ощупь"},
    "es": {"zone": "Europe/Madrid", "number": "112",
           "cramp": "calambre en la pantorrilla izquierda, 4 minutos, muy fuerte",
           "flag": "tengo la pantorrilla derecha hinchada y caliente"},
}


def opening(text: str) -> str:
    """The words of a catalogue text before its first placeholder."""
    return text.split("{")[0].strip()


@pytest.mark.parametrize("lang", sorted(SPOKEN))
def test_a_user_is_answered_in_their_language_from_first_contact(
        stub: BotApiStub, tmp_path: Path, lang: str) -> None:
    import pypdf

    said, t, user = SPOKEN[lang], texts(lang), 900 + len(lang)
    stub.languages[user] = lang
    with fast_bot(stub, tmp_path) as db_path:
        [hello] = say(stub, user, "/start")
        intro = t.entries["start.intro"]
        assert isinstance(intro, str) and intro.split("}", 1)[1][:40].strip() in hello.params["text"]
        say(stub, user, f"/timezone {said['zone']}")

        [logged] = say(stub, user, said["cramp"])
        assert logged.params["text"].startswith(opening(t.entries["logged.new"]))
        [(kind, muscle, side, duration, severity)] = rows(
            db_path, "select e.kind, e.muscle, e.side, e.duration_s, e.severity from entries e "
                     "join users u on u.id = e.user_id where u.telegram_id = ?", user)
        assert (kind, muscle, side, duration) == ("cramp", "calf", "left", 240)
        assert severity is not None and severity >= 7

        [flag] = say(stub, user, said["flag"])
        same_day = t.speaking_to(said["zone"])("advice.same_day")
        assert flag.params["text"].startswith(same_day)
        assert f"({said['number']})" in same_day

        week = say(stub, user, "/week", expect=2)
        assert opening(t.entries["recap.this_week"]) in week[0].params["text"]
        document, _ = say(stub, user, "/report", expect=2)
        pages = pypdf.PdfReader(io.BytesIO(document.files["document"][1])).pages
        pdf = " ".join(" ".join(p.extract_text().split()) for p in pages)
        assert t("report.title") in pdf

        say(stub, user, "/remind magnesium 21:30")
        make_due(db_path)
        due_opening = opening(t.entries["reminder_due.supplement_due"])
        [reminder] = wait_for(lambda: [c for c in stub.sent(user, "sendMessage")
                                       if c.params["text"].startswith(due_opening)])
        labels = [b["text"] for b in reminder.params["reply_markup"]["inline_keyboard"][0]]
        assert labels[0] == t("reminder_button.taken")

"""One place for each kind of knowledge: the words, the vocabulary, the entry kinds,
the commands and the buttons (issue 15's rules, checked so they stay true)."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import buttons as b
from bot.commands import COMMANDS
from bot.kinds import EXPORT_COLUMNS, KINDS, Entry
from bot.talk.catalogue import MissingText, texts
from bot.talk.common import Speech, describe
from bot.talk.settings import help_text, menu
from bot.vocab import MUSCLES, OFFERED_SUPPLEMENTS, SIDES, SUPPLEMENTS

ROOT = Path(__file__).parents[1]
# Modules whose strings are not said to a person: the reader's and the recogniser's
# vocabularies are what people say *to* Charley (input), and the command line speaks
# to the operator, the webhook's bodies to Telegram and load balancers.
NOT_SPOKEN = ("bot/parsing/", "bot/voice_lm.py", "bot/vocab.py", "charley/", "bot/config.py",
              "bot/logs.py", "bot/parse_cli.py", "transport/webhook.py")
PROSE = re.compile(r"[A-Za-z][a-z']+[ ,:]+[A-Za-z][a-z']*[ ,:]+[A-Za-z][a-z']*")
QUIET_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "compile",
               "add_argument", "add_parser", "ArgumentParser", "getLogger"}


def prose_outside_the_catalogue(path: Path, source: str) -> list[str]:
    """Strings of three words or more that could reach a person, with their lines."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Raise | ast.Assert):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in QUIET_CALLS:
                skip.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skip and PROSE.search(node.value)):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_words_for_people_outside_the_catalogue() -> None:
    found = []
    for folder in ("bot", "handlers", "transport", "webapp", "charley"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = str(path.relative_to(ROOT))
            if not rel.startswith(NOT_SPOKEN):
                found += prose_outside_the_catalogue(path, path.read_text())
    assert not found, "\n".join(found)


def test_the_check_finds_a_sentence_in_code() -> None:
    source = 'def f():\n    """A docstring is fine."""\n    return Reply("Logged your cramp, thanks")\n'
    assert prose_outside_the_catalogue(ROOT / "bot" / "x.py", source) == [
        "bot/x.py:3: 'Logged your cramp, thanks'"]


def _keys_used_in_code() -> set[str]:
    keys = set()
    call = re.compile(r"""\b(?:t|s\.t|self\.t|words|texts\(\w*\))\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for folder in ("bot", "handlers", "transport", "webapp"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(call.findall(path.read_text()))
    return keys


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    t = texts()
    used = _keys_used_in_code()
    assert len(used) > 50  # the scan finds the calls
    missing = sorted(k for k in used if not t.has(k))
    assert not missing, missing


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(MissingText):
        texts()("no.such.key")


def test_every_name_of_the_vocabulary_has_its_words() -> None:
    t = texts()
    for muscle in MUSCLES:
        assert t(f"muscle.{muscle}") and t(f"muscles.{muscle}") and t(f"muscle_button.{muscle}")
    for side in SIDES:
        assert t(f"side.{side}") and t(f"button.{side}")
    for name in SUPPLEMENTS:
        assert t(f"supplement.{name}")
    for name in OFFERED_SUPPLEMENTS:
        assert t(f"supplement_button.{name}")


def test_plural_forms_follow_the_number() -> None:
    t = texts()
    assert t("entry.count", n=1) == "1 cramp" and t("entry.count", n=2) == "2 cramps"
    assert t("recap.cramps", n=0) == "0 cramps"


def test_every_entry_kind_reads_as_a_sentence_and_exports_its_columns() -> None:
    s = Speech(texts(), ZoneInfo("Europe/London"), datetime(2026, 11, 25, 8, tzinfo=UTC))
    at = datetime(2026, 11, 25, 3, tzinfo=UTC)
    for kind in KINDS:
        line = describe(s, Entry(1, kind, at, "text", muscle="calf", side="left", name="magnesium",
                                 minutes=5, count=1))
        assert line != kind and ("Tue 24 Nov" if kind == "no_cramp" else "03:00") in line, kind
        assert set(KINDS[kind].fields) <= set(EXPORT_COLUMNS)
    assert ",".join(EXPORT_COLUMNS) == ("kind,at,muscle,side,duration_s,severity,count,name,amount,"
                                       "unit,minutes,source,text,red_flags")  # bot-contract.md


def test_one_list_of_commands_feeds_help_and_the_menu() -> None:
    t = texts()
    listed = {name for name, _ in menu(t)}
    assert listed == {c.name for c in COMMANDS}
    shown = help_text(t)
    for c in COMMANDS:
        assert (f"/{c.name} – " in shown) == c.in_help, c.name


def test_every_button_fits_telegrams_64_bytes_and_reads_back() -> None:
    for action in b.registered():
        widest = action.widest()
        data = widest.pack()
        assert len(data.encode()) <= b.MAX_BYTES, data
        assert b.unpack(data) == widest, data


@pytest.mark.parametrize(("data", "expected"), [
    ("undo:12", b.Undo(12)),
    ("m:12:calf", b.SetMuscle(12, "calf")),
    ("sd:12:both", b.SetSide(12, "both")),
    ("fix:12", b.EditEntry(12)),
    ("yes:1764000000:-:-:7", b.ConfirmCramp(1764000000, None, None, 7)),
    ("r:t:5", b.Taken(5)),
    ("c:v:5:foot:9", b.CheckinLog(5, "foot", 9)),
    ("rm:t:4:2130", b.MoveReminder(4, time(21, 30))),
    ("bt:none:0", b.BloodThinner("none", 0)),
    ("su:st:magnesium:2100", b.SetupSupplementTime("magnesium", time(21, 0))),
    ("tr:p:vitamin_k2:14:28", b.TrialPlan("vitamin_k2", 14, 28)),
    ("why:emergency,same_day", b.Why("emergency,same_day")),
    ("tz:America/New_York", b.SetZone("America/New_York")),
    ("fg:yes", b.ForgetYes()),
    ("export:json", b.ExportJson()),
])
def test_button_data_already_in_peoples_chats_still_works(data: str, expected: b.Action) -> None:
    assert b.unpack(data) == expected


@pytest.mark.parametrize("data", [
    "", "zzz", "undo", "undo:abc", "undo:1:2", "m:1:elbow", "sd:1:middle", "c:v:5:foot:4",
    "rm:t:4:2460", "bt:maybe:1", "yes:1:left:-:11", "tr:p:vitamin_k2:100:28", "undo:" + "9" * 16,
    "undo:²", "m:١:calf", "r:t:-",
])
def test_unknown_or_forged_button_data_is_not_an_action(data: str) -> None:
    assert b.unpack(data) is None


def test_a_new_button_with_a_taken_prefix_is_refused() -> None:
    from dataclasses import dataclass

    with pytest.raises(ValueError, match="prefix"):
        @dataclass(frozen=True)
        class Again(b.Action):
            PREFIX = "undo"


def test_dates_in_replies_come_from_the_catalogues_patterns() -> None:
    s = Speech(texts(), ZoneInfo("Europe/London"), datetime(2026, 11, 25, 8, tzinfo=UTC))
    assert s.day(date(2026, 11, 4)) == "Wed 04 Nov"
    assert s.when(datetime(2026, 11, 24, 3, 12, tzinfo=UTC)) == "yesterday 03:12"


def test_entries_read_naturally_with_a_side_or_place_missing() -> None:
    s = Speech(texts(), ZoneInfo("Europe/London"), datetime(2026, 11, 25, 8, tzinfo=UTC))
    at = datetime(2026, 11, 25, 3, 51, tzinfo=UTC)
    assert describe(s, Entry(1, "cramp", at, "text", side="both")).startswith("Both legs, ")
    assert describe(s, Entry(1, "cramp", at, "text", side="left", muscle="other")).startswith(
        "Left, elsewhere, ")
    assert describe(s, Entry(1, "cramp", at, "text", count=1)).startswith("Cramp (place not given)")
    assert describe(s, Entry(1, "supplement", at, "text", name="vitamin_k2")).startswith("Vitamin K2")

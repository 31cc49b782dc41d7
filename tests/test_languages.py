"""Every language speaks every text, and each person is answered in theirs."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.languages import LANGUAGES, language_of
from bot.router import Incoming, Router
from bot.talk.catalogue import TEXTS, texts

MORNING = datetime(2026, 11, 25, 8, 10, tzinfo=ZoneInfo("Europe/London"))
PLURAL = {"zero", "one", "two", "few", "many", "other"}


def _flat(table: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict) and not set(value) <= PLURAL:
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _catalogue(language: str) -> dict[str, object]:
    entries: dict[str, object] = {}
    for path in sorted((TEXTS / language).glob("*.toml")):
        entries.update(_flat(tomllib.loads(path.read_text())))
    return entries


def _fields(value: object) -> set[str]:
    texts_ = value.values() if isinstance(value, dict) else [value]
    return {f for text in texts_ for f in re.findall(r"\{(\w+)\}", str(text))}


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_language_has_every_text_with_the_same_fields(language: str) -> None:
    english, other = _catalogue("en"), _catalogue(language)
    assert set(other) == set(english), sorted(set(english) ^ set(other))[:10]
    differ = [k for k in english if _fields(english[k]) - {"n"} != _fields(other[k]) - {"n"}]
    assert not differ, differ


def test_plural_forms_follow_each_languages_rules() -> None:
    ru = texts("ru")
    assert {ru("entry.count", n=n) for n in (2, 5, 21)} == {
        ru("entry.count", n=2), ru("entry.count", n=5), ru("entry.count", n=21)}
    assert ru("entry.count", n=2) != ru("entry.count", n=5)  # few vs many


@pytest.mark.parametrize(("code", "expected"), [
    ("ru", "ru"), ("pt-br", "pt"), ("pt-PT", "pt"), ("de-AT", "de"), ("es-419", "es"), ("en-GB", "en"),
    ("uk", None), (None, None), ("", None),
])
def test_telegram_language_codes(code: str | None, expected: str | None) -> None:
    assert language_of(code) == expected



async def test_first_contact_speaks_telegrams_language(talk: Router) -> None:
    reply = await talk.on_text(Incoming(1, "calf cramp 3 min, bad", MORNING, language="ru"))
    assert reply.text.startswith(texts("ru")("logged.new", summary="")[:5])
    english = await talk.on_text(Incoming(2, "calf cramp 3 min, bad", MORNING, language="uk"))
    assert english.text.startswith("Logged: ")  # no catalogue for it: English


async def test_language_is_chosen_by_button_and_kept(talk: Router) -> None:
    menu = await talk.command("language", 1, "", MORNING)
    labels = [b.label for row in menu.buttons for b in row]
    assert labels == list(LANGUAGES.values())
    german = next(b.data for row in menu.buttons for b in row if b.label == "Deutsch")
    chosen = await talk.on_button(1, german, MORNING)
    assert chosen.text == texts("de")("language.set")
    week = await talk.command("week", 1, "", MORNING, language="en")  # Telegram's code no longer wins
    assert week.text.startswith(texts("de")("recap.this_week", start="", summary="")[:6])


def test_the_catalogue_folders_are_the_languages() -> None:
    assert {p.name for p in Path(TEXTS).iterdir() if p.is_dir()} == set(LANGUAGES)

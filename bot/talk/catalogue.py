"""Every word a person reads, looked up by key in one catalogue per language.

The English catalogue is the folder `texts/en/` (one TOML file per area, read as one
catalogue; a key is defined once); a second language is a second folder with the
same keys. Keys name what a text is for (`logged.new`), so code never holds
the words themselves and a missing translation is found by a test, not by a user.
A text may have plural forms (`one`, `few`, `many`, `other`: CLDR's categories, as
Babel computes them for the language); the form is chosen by the field `n`.

Why not gettext: its message ids are the English sentences, so the English would
stay spread through the code; keyed TOML keeps all of it in one file a reviewer
(or a clinician checking the medical wording) can read top to bottom.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from .. import emergency
from ..languages import DEFAULT_LANGUAGE, LANGUAGES, language_of

TEXTS = Path(__file__).with_name("texts")
__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "MissingText", "Texts", "language_of", "texts"]


class MissingText(KeyError):
    """A key with no text: a bug caught by tests, never shown to a user."""


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str | dict[str, str]]:
    flat: dict[str, str | dict[str, str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= {"zero", "one", "two", "few", "many", "other"}:
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


class Texts:
    """One language's catalogue: `t("logged.new", summary=...)`."""

    def __init__(self, language: str, entries: dict[str, str | dict[str, str]],
                 fallback: Texts | None = None, given: dict[str, str] | None = None) -> None:
        self.language = language
        self.entries = entries
        self.fallback = fallback  # English, for a key a translation does not have yet
        # fields every text may use without the caller naming them ({emergency})
        self.given = given if given is not None else {"emergency": emergency.FALLBACK}
        self._locale = Locale.parse(language)
        self._by_zone: dict[str | None, Texts] = {}

    def speaking_to(self, tz_name: str | None) -> Texts:
        """The same catalogue with what depends on where the person is filled in (made
        once per zone: every reply asks for it)."""
        done = self._by_zone.get(tz_name)
        if done is None:
            fallback = self.fallback.speaking_to(tz_name) if self.fallback is not None else None
            done = self._by_zone[tz_name] = Texts(
                self.language, self.entries, fallback,
                {**self.given, "emergency": emergency.number_for(tz_name)})
        return done

    def __call__(self, key: str, /, **fields: Any) -> str:
        text = self.entries.get(key)
        if text is None:
            if self.fallback is None:
                raise MissingText(key)
            return self.fallback(key, **fields)
        if isinstance(text, dict):
            form = self._locale.plural_form(fields["n"])
            text = text.get(form) or text["other"]
        # {emergency} is filled in wherever a text names it; any other text is returned
        # as it is when no field is named (some callers format it later themselves)
        if "{emergency}" in text:
            fields = {**self.given, **fields}
        return text.format(**fields) if fields else text

    def has(self, key: str) -> bool:
        return key in self.entries or (self.fallback is not None and self.fallback.has(key))


@cache
def texts(language: str = DEFAULT_LANGUAGE) -> Texts:
    """The catalogue of `language` (read once per process); English for an unknown one."""
    if language_of(language) is None or not (TEXTS / language).is_dir():
        language = DEFAULT_LANGUAGE
    entries: dict[str, str | dict[str, str]] = {}
    for path in sorted((TEXTS / language).glob("*.toml")):
        with path.open("rb") as f:
            part = _flatten(tomllib.load(f))
        twice = set(part) & set(entries)
        if twice:
            raise ValueError(f"{path.name} defines again: {', '.join(sorted(twice))}")
        entries.update(part)
    return Texts(language, entries, None if language == DEFAULT_LANGUAGE else texts(DEFAULT_LANGUAGE))

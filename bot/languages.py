"""The languages Charley speaks (a rule: which catalogue serves which Telegram user)."""

from __future__ import annotations

DEFAULT_LANGUAGE = "en"
# each named in its own language (for the /language buttons)
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "es": "Español",
                             "pt": "Português", "de": "Deutsch"}


def language_of(code: str | None) -> str | None:
    """The language for Telegram's `language_code` ("pt-br" -> "pt"); None if none fits."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None

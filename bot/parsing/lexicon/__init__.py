"""The reader in other languages: each language's words, said in the reader's English.

The reader's rules (negation and its scope, corrections, night-aware times, red flags
with their look-alikes) are written once, over English. A message in another language
is first put into the plain English those rules read, phrase by phrase, from that
language's lexicon (`ru.py`, `es.py`, `pt.py`, `de.py`): an ordered list of
`(pattern, english)` pairs. So a language is its vocabulary, not a second reader, and
a rule fixed in English is fixed in every language.

How a lexicon is applied (pure, no I/O):
- the text is normalised (`text.normalize`) and folded: diacritics dropped for the
  Latin-script languages (people type "cãibra" and "caibra", "Fuß" and "Fuss"), ё -> е
  for Russian; patterns are written folded, in lower case;
- the pairs are tried in order; each pattern is a regular expression matched as whole
  words (`\\w` boundaries, Unicode), its English may use `\\1`-style group references;
- what a pair has put into English is set aside, so a later pair never reads it again
  (the Spanish "a" must not rewrite the English "at 3" made from "a las 3").
Words no pair names stay as they were: digits, "K2", "mg", and English itself.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import cache

from ...languages import DEFAULT_LANGUAGE
from ...languages import LANGUAGES as SPOKEN
from ..text import normalize

try:  # the regex parser, to tell how a pattern can start (a speed-up only)
    from re._constants import MAXREPEAT as _MAXREPEAT
    from re._parser import parse as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    from sre_constants import MAXREPEAT as _MAXREPEAT  # type: ignore[no-redef]
    from sre_parse import parse as _sre_parse  # type: ignore[no-redef]

LANGUAGES: tuple[str, ...] = tuple(code for code in SPOKEN if code != DEFAULT_LANGUAGE)

# Placeholders for text already put into English: private-use characters, which no
# pattern matches (they are not word characters and no lexicon names them).
_HOLD = "\ue000"
_INDEX_BASE = 0xE100
_HELD = re.compile(f"{_HOLD}([\ue100-\uf8ff])")
_SPACES = re.compile(r"\s+")
_BEFORE_MARK = re.compile(r" ([,.;:!?])(?=\s|$)")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def fold(text: str, lang: str) -> str:
    """The spelling a lexicon's patterns are written in."""
    if lang == "ru":
        return text.replace("ё", "е")
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def _starts(items: list, k: int = 2) -> frozenset[str] | None:
    """Every k-letter start a match of the parsed pattern `items` can have; None when it
    cannot be told (a class such as \\w, or too many). A pair none of whose starts is in
    the text cannot match there: a substring test is far cheaper than a regex search."""
    if k == 0:
        return frozenset({""})
    if not items:
        return None  # the pattern may end here: shorter than k letters
    (op, av), rest = items[0], list(items[1:])
    name = str(op)
    if name == "LITERAL":
        tails = _starts(rest, k - 1)
        return None if tails is None else frozenset(chr(av) + t for t in tails)
    if name == "SUBPATTERN":
        return _starts(list(av[-1]) + rest, k)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width
        return _starts(rest, k)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            part = _starts(list(alt) + rest, k)
            if part is None:
                return None
            out |= part
        return frozenset(out) if len(out) <= 64 else None
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        again = [(op, (max(low - 1, 0), high - 1, sub))] if high is _MAXREPEAT or high > 1 else []
        once = _starts(list(sub) + again + rest, k)
        if low > 0:
            return once
        skip = _starts(rest, k)
        return None if once is None or skip is None else once | skip
    return None


def _starts_of(pattern: str) -> tuple[str, ...] | None:
    try:
        starts = _starts(list(_sre_parse(pattern)))
    except Exception:  # the private parser changed: no shortcut, same results
        return None
    return None if starts is None else tuple(sorted(starts))


@cache
def _rules(lang: str) -> tuple[tuple[tuple[str, ...] | None, re.Pattern[str], re.Pattern[str], str], ...]:
    """(possible starts, quick test, whole-word pattern, English) per pair. The quick test
    is the bare pattern: without the look-behind in front, the regex engine can skip
    straight to a literal start, so most pairs are ruled out at a fraction of the cost;
    the possible starts, checked as substrings, rule out most of the rest cheaper still."""
    module = importlib.import_module(f"{__name__}.{lang}")
    return tuple(
        (_starts_of(pattern), re.compile(pattern),
         re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), english)
        for pattern, english in module.LEXICON
    )


def translate(text: str, lang: str) -> str:
    """`text` in `lang` -> the English the reader reads (lower case, single spaced)."""
    return translation(text, lang)[0]


def translation(text: str, lang: str) -> tuple[str, bool]:
    """(the English, whether the lexicon knew any of the words)."""
    if lang not in LANGUAGES:
        return normalize(text), False
    t = fold(normalize(text), lang)
    held: list[str] = []

    def restore(s: str) -> str:
        return _HELD.sub(lambda m: held[ord(m.group(1)) - _INDEX_BASE], s)

    def hold(english: str) -> str:
        held.append(restore(english))
        return f" {_HOLD}{chr(_INDEX_BASE + len(held) - 1)} "

    for starts, quick, pattern, english in _rules(lang):
        if starts is not None:
            for start in starts:
                if start in t:
                    break
            else:
                continue
        if quick.search(t) is None or pattern.search(t) is None:
            continue
        t = pattern.sub(lambda m, e=english: hold(m.expand(e) if "\\" in e else e), t)
    # the spaces set around what was put into English do not part a word from its comma
    return _BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", restore(t))).strip(), bool(held)


def guess(text: str, lang: str | None) -> str | None:
    """The lexicon to read `text` with: the user's language, or Russian for Cyrillic."""
    if lang in LANGUAGES:
        return lang
    if _CYRILLIC.search(text):
        return "ru"
    return None

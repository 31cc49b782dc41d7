"""Text clean-up before reading: Unicode, case, typos of domain words, number words.

Everything here is a pure string -> string step. The output is lower case, single
spaced, with number words turned into digits ("three and a half minutes" ->
"3.5 minutes") so that the reader's patterns only deal with one spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 4096

# Domain words that a tired thumb or a speech recogniser gets slightly wrong.
DOMAIN_WORDS: frozenset[str] = frozenset(
    ["cramp", "cramps", "cramped", "cramping", "crampy", "calf", "calves", "foot", "feet", "thigh", "thighs", "hamstring", "hamstrings", "shin", "shins", "toe", "toes", "stretch", "stretched", "stretches", "stretching", "magnesium", "vitamin", "vitamins", "minute", "minutes", "second", "seconds", "severe", "severely", "painful", "excruciating", "swelling", "swollen", "numb", "numbness", "left", "right", "night", "morning", "yesterday", "evening", "afternoon", "hours", "hour", "supplement", "supplements", "potassium", "glycinate", "citrate", "spasm", "spasms", "unbearable", "moderate", "terrible", "horrible", "agony", "agonising", "agonizing", "quadriceps", "charley", "tonight", "overnight", "midnight", "weakness", "discoloured", "discolored", "tingling", "breathless", "breath", "chest", "fever", "redness", "warm", "cramp-free", "horrendous"]
)

# Ordinary words one edit away from a domain word: never "corrected". Generated once
# from an English frequency list (pyspellchecker's, words seen 100+ times) over the
# one-edit variants of DOMAIN_WORDS; regenerate when DOMAIN_WORDS grows.
COMMON_WORDS: frozenset[str] = frozenset(
    ["breach", "breadth", "breathe", "breaths", "breathy", "caff", "call", "calm", "camp", "camped", "camping", "camps", "carves", "caves", "champ", "champing", "champs", "charles", "cheat", "chess", "chests", "chesty", "clamp", "clamped", "clamping", "clamps", "cram", "crammed", "cramming", "crap", "crapped", "crapping", "crappy", "craps", "crest", "crimp", "evenings", "feat", "feed", "feel", "fees", "felt", "fest", "fevers", "fewer", "fiver", "fleet", "font", "food", "fool", "foots", "footy", "fort", "fret", "hamstrung", "hoar", "horribly", "horus", "lefts", "lefty", "lent", "lest", "lift", "loft", "minuet", "moaning", "moderates", "mooning", "mornings", "mourning", "nigh", "nights", "nighty", "numbs", "overnights", "oversight", "redress", "rights", "selling", "sever", "severed", "severs", "shan", "shelling", "shies", "shim", "shine", "shines", "shiny", "ship", "ships", "shit", "shits", "shiv", "shun", "shuns", "sins", "skin", "skins", "smelling", "spam", "spas", "spelling", "spin", "spins", "stretcher", "stretchers", "stretchy", "swilling", "tangling", "tees", "terribly", "ties", "tinkling", "toed", "togs", "toms", "tones", "tons", "tops", "toss", "totes", "tots", "toys", "unbearably", "unbeatable", "ward", "ware", "warms", "warn", "warp", "wars", "wart", "wary", "worm", "yesterdays"]
)

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def normalize(text: str) -> str:
    """Lower case, NFKC, no control or zero-width characters, single spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    text = _ZERO_WIDTH.sub("", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return _SPACES.sub(" ", text).strip()


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | swaps | replaces | inserts


def _build_index() -> dict[str, str]:
    """Every one-edit variant of a domain word -> the word (first claim wins)."""
    index: dict[str, str] = {}
    for word in sorted(DOMAIN_WORDS, key=lambda w: (len(w), w)):
        if len(word) < 4:
            continue
        for variant in _edits1(word):
            if variant[:1] == word[:1] and variant not in DOMAIN_WORDS:
                index.setdefault(variant, word)
    return index


_TYPO_INDEX: dict[str, str] = _build_index()


@lru_cache(maxsize=4096)
def correct(word: str) -> str:
    """The domain word a token was meant to be, or the token itself.

    Only words of four letters or more, with the right first letter, one edit
    (insert, delete, replace, swap) away, and not an ordinary English word.
    """
    if len(word) < 4 or word in DOMAIN_WORDS or word in COMMON_WORDS:
        return word
    return _TYPO_INDEX.get(word, word)


def fix_typos(text: str) -> str:
    return _WORD.sub(lambda m: correct(m.group(0)), text)


# ---- number words -----------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand"], key=len, reverse=True))
_NUMBER_RUN = re.compile(
    rf"\b(?:{_NUMWORD})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_NUMWORD}))*"
    r"(?:\s+and\s+a\s+half)?\b"
)


def _run_value(run: str) -> str:
    half = run.endswith("and a half")
    if half:
        run = run[: -len("and a half")]
    words = [w for w in re.split(r"[\s-]+", run) if w and w != "and"]
    # "two thirty" is a clock time or two numbers, not 32: split where a smaller
    # place follows a unit word that is not a teen/ten compound.
    values: list[int] = []
    current: int | None = None
    last_kind = ""
    for w in words:
        if w in _UNITS:
            n = _UNITS[w]
            if (current is not None and last_kind == "tens" and n < 10) or (current is not None and last_kind == "hundred"):
                current += n
            else:
                if current is not None:
                    values.append(current)
                current = n
            last_kind = "unit"
        elif w in _TENS:
            if current is not None and last_kind == "hundred":
                current += _TENS[w]
            else:
                if current is not None:
                    values.append(current)
                current = _TENS[w]
            last_kind = "tens"
        elif w == "hundred":
            current = (current or 1) * 100
            last_kind = "hundred"
        elif w == "thousand":
            current = (current or 1) * 1000
            last_kind = "hundred"
    if current is not None:
        values.append(current)
    out = [str(v) for v in values]
    if half and out:
        out[-1] = f"{out[-1]}.5"
    return " ".join(out)


# Halves and "a"/"an" before a unit, put into digits, in this order: "a minute and a half"
# -> "1.5 minute", "half an hour" -> "0.5 hour", "a few... a minute" -> "1 minute".
_UNIT_WORD = r"(minute|min|hour|hr|second|sec)"
_HALVES_AND_ONES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d+) and a half\b"), r"\1.5"),
    (re.compile(rf"\b(?:a|an|1)\s+{_UNIT_WORD}s?\s+and\s+a\s+half\b"), r"1.5 \1"),
    (re.compile(rf"\bhalf\s+(?:a|an|1)\s+{_UNIT_WORD}\b"), r"0.5 \1"),
    (re.compile(r"\b(?:a|an|one)\s+(sec|secs|second|seconds|min|mins|minute|minutes|hour|hours|hr|"
                r"moment)\b"), r"1 \1"),
)


def numberize(text: str) -> str:
    """Number words to digits, "a minute and a half" to "1.5 minute" and so on."""
    text = _NUMBER_RUN.sub(lambda m: _run_value(m.group(0)), text)
    for pattern, digits in _HALVES_AND_ONES:
        text = pattern.sub(digits, text)
    return text


# ---- what a speech recogniser mishears ---------------------------------------------
# A recogniser writes a word that sounds the same: "four minutes" comes out as "for
# minutes", "two out of ten" as "to out of ten", "left calf" as "left half". Each is
# put back only where the sound-alike makes no sense as itself: a number word before a
# unit of time or "out of ten", a side before a muscle, a muscle after a side.

_TIME_UNIT = r"(?:sec|secs|second|seconds|min|mins|minute|minutes|hour|hours|hr|hrs)\b"
_COUNTED = rf"(?=\s+(?:{_TIME_UNIT}|out\s+of\s+(?:ten|10)\b))"
_SOUNDS_LIKE_NUMBER = {"for": "four", "fore": "four", "to": "two", "too": "two",
                       "won": "one", "ate": "eight"}
_NUMBER_SLIP = re.compile(rf"\b({'|'.join(_SOUNDS_LIKE_NUMBER)}){_COUNTED}")
_MUSCLE = r"(?:calf|calves|foot|feet|thigh|thighs|hamstring|hamstrings|shin|shins|toes?|leg|legs)\b"
_SIDE_SLIP = re.compile(rf"\b(?:(write|rite|wright)|(lift|laughed))(?=\s+{_MUSCLE})")
_HOUR = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# "left, half three" is a clock time (half past three); "left half, three minutes" a calf
_CALF_SLIP = re.compile(rf"\b(left|right|both)\s+(?:half|cough|caff|cafe)\b"
                        rf"(?!\s+(?:a|an|past)\b)(?!\s+{_HOUR}\b(?!\s+{_TIME_UNIT}))")


def unmishear(text: str) -> str:
    """Undo the recogniser's sound-alike slips, only where the slip cannot be meant."""
    text = _NUMBER_SLIP.sub(lambda m: _SOUNDS_LIKE_NUMBER[m.group(1)], text)
    text = _SIDE_SLIP.sub(lambda m: "right" if m.group(1) else "left", text)
    return _CALF_SLIP.sub(r"\1 calf", text)


# "legcramp", "calfcramps", "footspasm": a place glued to the cramp word, two words
_GLUED = re.compile(r"\b(leg|legs|calf|calves|foot|feet|toe|toes|thigh|shin|hamstring|night|muscle)"
                    r"(cramps?|cramping|cramped|spasms?)\b")


# regional and texting spellings of the words for when: "this arvo", "2nite", "last nite"
_WHEN_SPELLING = {"arvo": "afternoon", "avo": "afternoon", "2nite": "tonight", "2night": "tonight",
                  "tonite": "tonight", "2day": "today", "2moro": "tomorrow", "2morrow": "tomorrow",
                  "tmrw": "tomorrow", "yday": "yesterday", "yest": "yesterday", "ystrdy": "yesterday"}
_WHEN_SPELT = re.compile(r"\b(?:" + "|".join(_WHEN_SPELLING) + r")\b|\blast nite\b")


def _respell(text: str) -> str:
    text = _GLUED.sub(r"\1 \2", text)
    return _WHEN_SPELT.sub(lambda m: "last night" if m.group(0) == "last nite"
                           else _WHEN_SPELLING[m.group(0)], text)


def prepare(text: str) -> str:
    """The whole clean-up: what every pattern of the reader runs on."""
    return numberize(unmishear(fix_typos(_respell(normalize(text)))))

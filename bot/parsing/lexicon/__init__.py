"""The reader in other languages: each language's words, said in the reader's English.

The reader's rules (negation and its scope, corrections, night-aware times, red flags
with their look-alikes) are written once, over English. A message in another language
is first put into the plain English those rules read, phrase by phrase, from that
language's lexicon (`ru.toml`, `es.toml`, `pt.toml`, `de.toml` beside this module): an
ordered list of `(pattern, english)` pairs. So a language is its vocabulary, a data
file, not a second reader, and a rule fixed in English is fixed in every language.

A lexicon file (TOML; strings are best written '...' or '''...''', so a backslash stays as
typed):
- `[[section]]` tables, in the order they are tried, each a `name` and its `pairs`:
  `['pattern', 'english']`, tried in the order written; a long pattern may be a list of
  strings, joined as they are (`[['first half|', 'second half'], 'english']`);
- `<<name>>` in any string is the fragment of that name from `[parts]`
  (`krampf = '(?:krampf|kraempf)\\w*'`); a part may use the parts above it. The marker
  is not regular-expression syntax (`{m,n}` and `(?P<name>` are), so it never clashes;
- a family: `{ for = 'days', pairs = [[...], ...] }` in place of a pair gives its
  pairs once per row of the table `days` (for each row, all its pairs, in order), with
  `<<column>>` the row's value. A table, in `[tables]` or written in place of its
  name, is rows `[{ de = 'montag', en = 'monday' }, ...]` or columns
  `{ w = ['uns', 'umas'] }`; `for = ['a', 'b']` runs over every row of `b` within each
  row of `a`. Cells are strings or whole numbers and may use parts;
- a part may also be a join, `{ for = 'hours', each = '(?<=<<h>> e meia)' }`: `each`
  once per row, joined with `|`;
- `comma = true` at the top: the loader lets a comma straight after each pair's words
  stay with their English (German: "nein," -> "no,").
An unknown part, table or key, or a pattern that does not compile, is a `LexiconError`
naming the file and the entry. Files are read on a language's first use and cached.

How a lexicon is applied (pure, once the file is read):
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

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

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


# ---- the lexicon files -------------------------------------------------------------

_HERE = Path(__file__).parent
_PLACE = re.compile(r"<<([^<>]*)>>")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_KEYS = frozenset({"comma", "parts", "tables", "section"})


class LexiconError(ValueError):
    """A lexicon file that cannot be read; the message names the file and the entry."""


def read_lexicon(path: Path) -> tuple[tuple[str, str], ...]:
    """The (pattern, English) pairs of the lexicon file at `path`, in order; every
    pattern is checked to compile."""
    for pattern, _, where in (entries := _read(path)):
        _compile(pattern, where)
    return tuple((pattern, english) for pattern, english, _ in entries)


def _read(path: Path) -> list[tuple[str, str, str]]:
    """(pattern, English, where it is written) per pair, the file's steps applied."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{path.name}: {e}") from e
    return _Lexicon(path.name, data).pairs()


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise LexiconError(f"{where}: the pattern {pattern!r} is not a regular expression: {e}") from e


class _Lexicon:
    """One file's data, resolved: parts, then the tables the families run over, then the
    pairs in order, then the file's loader steps."""

    def __init__(self, file: str, data: dict) -> None:
        self.file = file
        self.data = data
        self.parts: dict[str, str] = {}

    def fail(self, where: str, what: str) -> LexiconError:
        return LexiconError(f"{self.file}: {where}: {what}")

    def pairs(self) -> list[tuple[str, str, str]]:
        data = self.data
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise self.fail("top level", f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
        parts = data.get("parts", {})
        if not isinstance(parts, dict):
            raise self.fail("[parts]", "must be a table of named fragments")
        for name, value in parts.items():
            where = f"[parts] {name}"
            if not _NAME.fullmatch(name):
                raise self.fail(where, "a part's name is lower case letters, digits and _")
            if isinstance(value, dict):  # a join: one copy of `each` per row, joined
                extra = sorted(set(value) - {"for", "each"})
                if extra or not isinstance(value.get("each"), str):
                    raise self.fail(where, "a join part is { for = ..., each = '...' }")
                rows = self.rows(value.get("for"), where)
                self.parts[name] = "|".join(
                    self.expand(value["each"], where, row) for row in rows)
            else:
                self.parts[name] = self.expand(self.text(value, where), where)
        sections = data.get("section", [])
        if not isinstance(sections, list):
            raise self.fail("[[section]]", "must be an array of tables: [[section]]")
        out: list[tuple[str, str, str]] = []
        for i, section in enumerate(sections, 1):
            if not isinstance(section, dict):
                raise self.fail(f"section {i}", "must be a table")
            where = f"section {i} ({section.get('name', '')!r})"
            extra = sorted(set(section) - {"name", "pairs"})
            if extra:
                raise self.fail(where, f"unknown key {extra[0]!r} (a section has name and pairs)")
            entries = section.get("pairs", [])
            if not isinstance(entries, list):
                raise self.fail(where, "pairs must be an array")
            for j, entry in enumerate(entries, 1):
                at = f"{where}, entry {j}"
                if isinstance(entry, dict):  # a family: its pairs once per row
                    extra = sorted(set(entry) - {"for", "pairs"})
                    if extra or not isinstance(entry.get("pairs"), list):
                        raise self.fail(at, "a family is { for = ..., pairs = [[pattern, english], ...] }")
                    for row in self.rows(entry.get("for"), at):
                        for k, pair in enumerate(entry["pairs"], 1):
                            out.append(self.pair(pair, f"{at}, pair {k}", row))
                else:
                    out.append(self.pair(entry, at))
        if data.get("comma", False) is True:
            out = [(*_comma(p, e, w), w) for p, e, w in out]
        elif data.get("comma", False) is not False:
            raise self.fail("comma", "must be true or false")
        return out

    def pair(self, pair: object, where: str, row: dict[str, str] | None = None) -> tuple[str, str, str]:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise self.fail(where, "a pair is [pattern, english]")
        pattern, english = (self.expand(self.text(s, where), where, row) for s in pair)
        return pattern, english, f"{self.file}: {where}"

    def text(self, value: object, where: str) -> str:
        """A string, or a list of strings joined (a long pattern wrapped over lines)."""
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value and all(isinstance(s, str) for s in value):
            return "".join(value)
        raise self.fail(where, f"expected a string or a list of strings, not {value!r}")

    def expand(self, text: str, where: str, row: dict[str, str] | None = None) -> str:
        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            if row is not None and name in row:
                return row[name]
            if name in self.parts:
                return self.parts[name]
            known = "a column of this family's rows or a part defined above it"
            raise self.fail(where, f"unknown part <<{name}>> (not {known})")

        out = _PLACE.sub(one, text)
        if "<<" in _PLACE.sub("", text):
            raise self.fail(where, f"a '<<' with no name>> after it in {text!r}")
        return out

    def rows(self, spec: object, where: str) -> list[dict[str, str]]:
        """What a family or a join runs over: a table's name, a list of names (every
        combination, the first table outermost), or the rows written in place."""
        if isinstance(spec, str):
            tables = self.data.get("tables", {})
            if not isinstance(tables, dict) or spec not in tables:
                raise self.fail(where, f"unknown table {spec!r} (not in [tables])")
            return self.table(tables[spec], f"[tables] {spec}")
        if isinstance(spec, list) and spec and all(isinstance(s, str) for s in spec):
            combined: list[dict[str, str]] = [{}]
            for name in spec:
                rows = self.rows(name, where)
                clash = set(rows[0]) & set(combined[0]) if rows else set()
                if clash:
                    raise self.fail(where, f"column {sorted(clash)[0]!r} is in two tables")
                combined = [{**a, **b} for a in combined for b in rows]
            return combined
        if isinstance(spec, (list, dict)):
            return self.table(spec, where)
        raise self.fail(where, "for = a table's name, a list of names, or the rows themselves")

    def table(self, value: object, where: str) -> list[dict[str, str]]:
        """Rows [{column = value, ...}, ...], or columns {column = [value, ...], ...}."""
        if isinstance(value, dict) and all(isinstance(v, list) for v in value.values()):
            lengths = {len(v) for v in value.values()}
            if len(lengths) > 1:
                raise self.fail(where, "the columns are not all the same length")
            raw = [dict(zip(value, cells, strict=True)) for cells in zip(*value.values(), strict=True)]
        elif isinstance(value, list) and all(isinstance(r, dict) for r in value):
            raw = value
        else:
            raise self.fail(where, "a table is [{column = value, ...}, ...] or {column = [values]}")
        rows = []
        for n, row in enumerate(raw, 1):
            cells = {}
            for column, cell in row.items():
                if column in self.parts:
                    raise self.fail(where, f"column {column!r} has the name of a part")
                if not _NAME.fullmatch(column) or not isinstance(cell, (str, int)) or isinstance(cell, bool):
                    raise self.fail(where, f"row {n}: {column} = {cell!r}: a column is a name, "
                                           "its value a string or a whole number")
                cells[column] = self.expand(str(cell), f"{where}, row {n}")
            rows.append(cells)
        if len({frozenset(r) for r in rows}) > 1:
            raise self.fail(where, "the rows do not all have the same columns")
        return rows


def _comma(pattern: str, english: str, where: str) -> tuple[str, str]:
    """A comma straight after the words stays with their English ("nein," -> "no,"), as
    the reader's English rules read "swollen, red" and "no, the left"."""
    n = _compile(pattern, where).groups
    return rf"(?:{pattern})(,)?", english + rf"\g<{n + 1}>"


@cache
def _rules(lang: str) -> tuple[tuple[tuple[str, ...] | None, re.Pattern[str], re.Pattern[str], str], ...]:
    """(possible starts, quick test, whole-word pattern, English) per pair. The quick test
    is the bare pattern: without the look-behind in front, the regex engine can skip
    straight to a literal start, so most pairs are ruled out at a fraction of the cost;
    the possible starts, checked as substrings, rule out most of the rest cheaper still."""
    return tuple(
        (_starts_of(pattern), _compile(pattern, where),
         re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), english)
        for pattern, english, where in _read(_HERE / f"{lang}.toml")
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

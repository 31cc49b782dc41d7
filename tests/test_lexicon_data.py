"""The lexicons as data (`bot/parsing/lexicon/<lang>.toml`): every file loads, every part
it names exists, every pattern compiles, known messages still come out in the same
English, and a mistake in a file is an error that says where."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.parsing import lexicon as lexicon_module
from bot.parsing.lexicon import LANGUAGES, LexiconError, read_lexicon, translate

HERE = Path(lexicon_module.__file__).parent
_PLACE = re.compile(r"<<([^<>]*)>>")


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _columns(data: dict) -> set[str]:
    """The column names of every table in a file: [tables] and the rows written in place."""
    found: set[str] = set()

    def table(t: object) -> None:
        if isinstance(t, dict):
            found.update(t)
        elif isinstance(t, list):
            found.update(c for row in t if isinstance(row, dict) for c in row)

    def walk(v: object) -> None:
        if isinstance(v, dict):
            spec = v.get("for")
            names = isinstance(spec, list) and all(isinstance(x, str) for x in spec)
            if isinstance(spec, (dict, list)) and not names:
                table(spec)  # rows or columns written in place
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for t in data.get("tables", {}).values():
        table(t)
    walk(data.get("parts", {}))
    walk(data.get("section", []))
    return found


def test_every_language_has_a_file_and_no_python_vocabulary_is_left() -> None:
    assert {p.stem for p in HERE.glob("*.toml")} == set(LANGUAGES)
    assert sorted(p.name for p in HERE.glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_part_named_exists_and_every_pattern_compiles(lang: str) -> None:
    data = tomllib.loads((HERE / f"{lang}.toml").read_text("utf-8"))
    parts = set(data.get("parts", {}))
    columns = _columns(data)
    named = {name for s in _strings(data) for name in _PLACE.findall(s)}
    assert named <= parts | columns, sorted(named - parts - columns)
    assert parts <= named, f"parts no string uses: {sorted(parts - named)}"

    pairs = read_lexicon(HERE / f"{lang}.toml")
    assert len(pairs) > 200
    for pattern, english in pairs:
        assert "<<" not in pattern and "<<" not in english, (pattern, english)
        compiled = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")
        # a group the English refers to is one the pattern has
        for ref in re.findall(r"\\(\d+)|\\g<(\d+)>", english):
            assert int(ref[0] or ref[1]) <= compiled.groups, (pattern, english)


KNOWN = {
    # from tests/corpus/<lang>.jsonl; each goes through a family, a part or a loader step
    "de": [
        ("halb 4 krampf in beiden waden", "3:30 cramp in both calves"),
        ("in der nacht auf dienstag um 4 wadenkrampf rechts",
         "in the monday night at 4 calf cramp right"),
        ("viertel vor 5 rechter fuß, leicht", "quarter to 5 right foot, mild"),
    ],
    "es": [
        ("tirón en la pierna izquierda a las 2 y media", "cramp in the leg left at 2:30"),
        ("el martes por la noche no tuve calambres", "the tuesday night no cramps"),
        ("se me fue el entumecimiento de los dedos después de 5 min",
         "the numbness has gone of the toes then of 5 min"),
    ],
    "ru": [
        ("икру скрутило в полчетвертого", "calf cramped at 3:30"),
        ("свело икру, отека и покраснения нет", "cramped calf, no swelling and no redness"),
        ("в ночь на воскресенье не сводило", "sat night no cramps"),
    ],
    "pt": [
        ("cãibra nos dois gémeos às 2 e meia", "cramp in the both calf at 2:30"),
        ("sábado à noite à 1 e meia, cãibra na coxa direita, dor de gritar",
         "saturday night at 1:30, cramp in the thigh right, pain excruciating"),
        ("segunda à noite às 2h cãibra na panturrilha direita",
         "monday night at 2:00 cramp in the calf right"),
    ],
}


@pytest.mark.parametrize(("lang", "text", "english"),
                         [(lang, t, e) for lang, cases in KNOWN.items() for t, e in cases])
def test_known_messages_still_come_out_the_same(lang: str, text: str, english: str) -> None:
    assert translate(text, lang) == english


def _write(tmp_path: Path, text: str, name: str = "xx.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_format_parts_families_joins_and_the_comma_step(tmp_path: Path) -> None:
    path = _write(tmp_path, r"""
comma = true
[parts]
stem = 'wad\w*'
hours = { for = 'hours', each = '<<word>>' }
[tables]
hours = { word = ['eins', 'zwei'], n = [1, 2] }
sides = [{ de = 'links', en = 'left' }, { de = 'rechts', en = 'right' }]
[[section]]
name = 'one'
pairs = [
    [['<<stem>>', '|kramp'], 'calf'],
    { for = ['hours', 'sides'], pairs = [['<<word>> <<de>>', '<<n>> <<en>>']] },
    ['um (<<hours>>)', 'at \1'],
]
""")
    assert read_lexicon(path) == (
        (r"(?:wad\w*|kramp)(,)?", r"calf\g<1>"),
        (r"(?:eins links)(,)?", r"1 left\g<1>"),
        (r"(?:eins rechts)(,)?", r"1 right\g<1>"),
        (r"(?:zwei links)(,)?", r"2 left\g<1>"),
        (r"(?:zwei rechts)(,)?", r"2 right\g<1>"),
        (r"(?:um (eins|zwei))(,)?", r"at \1\g<2>"),
    )


def test_an_unknown_part_is_an_error_naming_the_file_and_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, r"""
[parts]
krampf = 'krampf\w*'
[[section]]
name = 'muscles'
pairs = [
    ['wade', 'calf'],
    ['waden<<krampff>>', 'calf cramp'],
]
""")
    with pytest.raises(LexiconError) as e:
        read_lexicon(path)
    message = str(e.value)
    assert "xx.toml" in message and "'muscles'" in message and "entry 2" in message
    assert "<<krampff>>" in message


def test_a_part_used_before_it_is_defined_is_unknown(tmp_path: Path) -> None:
    path = _write(tmp_path, "[parts]\na = '<<b>>x'\nb = 'y'\n")
    with pytest.raises(LexiconError, match=r"xx\.toml: \[parts\] a: unknown part <<b>>"):
        read_lexicon(path)


@pytest.mark.parametrize(("text", "says"), [
    ("[[section]]\nname = 'x'\npairs = [['a', 'b'\n", r"xx\.toml: "),  # not TOML
    ("[[section]]\nname = 'x'\npairs = [['(a', 'b']]\n", r"entry 1: the pattern '\(a' is not"),
    ("[[section]]\nname = 'x'\npairs = [['a']]\n", r"entry 1: a pair is \[pattern, english\]"),
    ("[[section]]\nname = 'x'\npairs = [{ for = 'nope', pairs = [['a', 'b']] }]\n",
     r"entry 1: unknown table 'nope'"),
    ("[part]\na = 'b'\n", r"top level: unknown key 'part'"),
])
def test_a_malformed_file_says_where(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(LexiconError, match=says):
        read_lexicon(_write(tmp_path, text))


@pytest.mark.parametrize(("text", "english"), [
    ("calambre a las tres de la noche", "cramp at 3 am"),  # an hour before it: a clock
    ("calambre de la noche", "cramp in the night"),  # none: the night, not "am"
    ("el calambre de la mañana", "the cramp in the morning"),  # not "am", not "tomorrow"
])
def test_spanish_time_of_day_is_a_clock_only_after_an_hour(text: str, english: str) -> None:
    assert translate(text, "es") == english

"""The kinds of diary entry, in one registry: their fields and their export columns.

An `Entry` is one row of a person's diary as the core sees it: a plain value, no
SQL, no Telegram. Each kind uses some of the fields; the rest stay None. How an
entry reads in a reply is `bot.talk.common.describe` (one describer per kind); its
words are in the catalogue under `entry.<kind>`.

To add a kind: a `Kind` here, its describer and words, the reader's intent for it,
and the rows it stores in `bot.usecases.logging`.
"""

from __future__ import annotations

from datetime import datetime

from .values import frozen


@frozen
class Kind:
    name: str
    fields: tuple[str, ...]  # the Entry fields this kind uses (beyond kind, at, source, text)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("cramp", ("muscle", "side", "duration_s", "severity", "count")),
    Kind("no_cramp", ()),
    Kind("supplement", ("name", "amount", "unit")),
    Kind("stretch", ("minutes",)),
    # red flags with no cramp reported ("my calf is swollen"): kept for the clinician,
    # never counted as a cramp
    Kind("symptom", ("muscle", "side")),
    # a supplement or the stretches NOT taken or done ("forgot my K2"): `name` says
    # which ("stretch" or a supplement), so adherence counts it as a miss
    Kind("skipped", ("name",)),
)}


@frozen
class Entry:
    id: int
    kind: str
    at: datetime  # aware, UTC
    source: str
    text: str = ""
    muscle: str | None = None
    side: str | None = None
    duration_s: int | None = None
    severity: int | None = None
    count: int | None = None
    name: str | None = None
    amount: float | None = None
    unit: str | None = None
    minutes: int | None = None
    red_flags: tuple[str, ...] = ()


# every kind's fields, in the registry's order: the Entry fields that hold what was said
CONTENT_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for k in KINDS.values() for f in k.fields))
# /export's columns (bot-contract.md), in order
EXPORT_COLUMNS: tuple[str, ...] = (
    "kind", "at", *CONTENT_FIELDS, "source", "text", "red_flags",
)


def blank_fields() -> dict[str, None]:
    """Every content field unset: a revised entry starts from this."""
    return dict.fromkeys(CONTENT_FIELDS)


def export_row(entry: Entry, at: str) -> dict[str, object]:
    """An entry as the export's columns (`at` already formatted in the user's zone).
    Fields a kind does not use are None; `count` only for cramps."""
    kind = KINDS.get(entry.kind)
    used = kind.fields if kind else CONTENT_FIELDS
    row: dict[str, object] = {"kind": entry.kind, "at": at}
    for name in CONTENT_FIELDS:
        row[name] = getattr(entry, name) if name in used else None
    row.update(source=entry.source, text=entry.text, red_flags=list(entry.red_flags))
    return row

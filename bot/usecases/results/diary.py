"""Results of looking back at the diary and fixing it (/diary)."""

from __future__ import annotations

from datetime import date

from ...kinds import Entry
from ...values import frozen


@frozen
class DiaryPage:
    entries: list[Entry]  # newest first
    page: int
    more: bool  # there are older entries (of the period, when one was asked for)
    period: str | None = None  # today | yesterday | last_night | this_week | ... (parsing.LookBack)
    first: date | None = None  # the period's first and last day, local
    last: date | None = None


@frozen
class FieldChoices:
    """Edit one field of an entry: its choices are offered (entry None: it is gone)."""

    entry: Entry | None
    field: str


@frozen
class Changed:
    """An entry after an edit (`before` as it was); entry None: it is gone."""

    entry: Entry | None
    before: Entry | None = None


@frozen
class Deleted:
    entry: Entry | None  # None: it was gone already

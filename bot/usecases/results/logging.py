"""Results of logging, undoing and correcting diary entries."""

from __future__ import annotations

from dataclasses import field
from datetime import date

from ...advice import Advice
from ...kinds import Entry
from ...values import frozen


@frozen
class TrialBaseline:
    """A supplement logged during its own trial's baseline (which runs until `until`)."""

    supplement: str
    until: date


@frozen
class Logged:
    entries: list[Entry]
    duplicate: bool  # the same message was stored before: nothing new written
    advice: list[Advice] = field(default_factory=list)  # after the entry: self-care, patterns
    baseline: TrialBaseline | None = None
    ask_blood_thinner: bool = False  # a first K2, and we do not know about blood thinners


@frozen
class Undone:
    removed: list[Entry]  # [] when there was nothing (left) to undo


@frozen
class Corrected:
    """An Edit button's change (muscle or side); entry None: it is gone."""

    entry: Entry | None


@frozen
class EditChoices:
    entry: Entry | None  # None: not a cramp of this user's diary (any more)


@frozen
class Revised:
    """An edited message: what its entries are now.

    status: "updated"; "removed" (the user had undone it, and it stays undone);
    "unreadable" (the new text is not a diary entry: `entries` are the kept ones)."""

    status: str
    entries: list[Entry]


@frozen
class AdviceOnly:
    """Nothing to log, but something to say about safety (red flags, quinine)."""

    quinine: bool
    notes: tuple[Advice, ...] = ()  # rule 6 in words (a medicine linked to cramps), K2 on warfarin


@frozen
class NotUnderstood:
    pass


@frozen
class AskIfCramp:
    """Unsure it was a cramp: ask; the Yes button carries what the reading said."""

    at: int  # Unix seconds
    side: str | None
    duration_s: int | None
    severity: int | None

"""What the reader answers: a `Reading`, shaped as `shared/parse-contract.md` says."""

from __future__ import annotations

from dataclasses import asdict, field
from datetime import date, datetime
from typing import Any, Literal, get_args

from ..kinds import KINDS
from ..values import frozen
from ..vocab import MUSCLES, RED_FLAGS, SIDES, SUPPLEMENTS, UNITS

# Below this, a cramp reading is asked about ("Was that a cramp?"), not stored.
CONFIDENT = 0.5

Intent = Literal["cramp", "no_cramp", "supplement", "stretch", "recap", "undo", "help", "symptom",
                 "correction", "skipped", "smalltalk", "yes", "no", "unknown"]

INTENTS: tuple[str, ...] = get_args(Intent)
# the vocabulary is defined once, in bot.vocab (re-exported here for the reader)
__all__ = ["CONFIDENT", "INTENTS", "MUSCLES", "RED_FLAGS", "SIDES", "SUPPLEMENTS", "UNITS",
           "Cramp", "Reading", "Stretch", "Supplement"]


@frozen
class Cramp:
    occurred_at: datetime
    muscle: str | None = None
    side: str | None = None
    duration_s: int | None = None
    severity: int | None = None
    count: int = 1


@frozen
class Supplement:
    name: str
    taken_at: datetime
    amount: float | None = None
    unit: str | None = None


@frozen
class Stretch:
    done_at: datetime
    minutes: int | None = None


@frozen
class Symptom:
    """A sensation or sign that is not a new cramp (soreness after one, numbness...)."""

    occurred_at: datetime
    muscle: str | None = None
    side: str | None = None


# what a correction may change: a cramp's details (the contract's "correction" object)
CORRECTION_FIELDS: tuple[str, ...] = (*KINDS["cramp"].fields, "occurred_at")


@frozen
class Correction:
    """What changes in the last entry: the details named, as (field, new value), in the
    order of CORRECTION_FIELDS. A patch, not a second cramp: what is not named stays."""

    changed: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, **named: Any) -> Correction:
        """From keyword details; None means "not named" and is left out."""
        unknown = set(named) - set(CORRECTION_FIELDS)
        if unknown:
            raise TypeError(f"not a correctable detail: {sorted(unknown)}")
        return cls(tuple((k, named[k]) for k in CORRECTION_FIELDS if named.get(k) is not None))

    def changes(self) -> dict[str, Any]:
        return dict(self.changed)

    def contract(self) -> dict[str, Any]:
        """Every correctable detail, None where unchanged (the contract's shape)."""
        changes = self.changes()
        return {k: changes.get(k) for k in CORRECTION_FIELDS}


@frozen
class LookBack:
    """A wish to see the entries themselves ("what did I log yesterday?", "show last
    week"), not the week's summary: of a period, local wall-clock [since, until), or,
    with `what` None, the latest ones. Not part of the contract's JSON: its intent is
    "recap"."""

    what: str | None = None  # today | yesterday | last_night | this_week | last_week | past_week
    since: datetime | None = None
    until: datetime | None = None


@frozen
class Reading:
    intent: str
    confidence: float
    cramp: Cramp | None = None
    supplements: tuple[Supplement, ...] = ()
    stretch: Stretch | None = None
    red_flags: tuple[str, ...] = field(default=())
    night: date | None = None  # no_cramp: the night, by the date of its evening
    symptom: Symptom | None = None
    correction: Correction | None = None
    skipped: tuple[str, ...] = ()  # "stretch" or supplement names not taken
    look_back: LookBack | None = None  # recap: the entries themselves were asked for

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape (instants as ISO 8601 with offset)."""

        def plain(obj: Any) -> Any:
            if obj is None:
                return None
            d = obj if isinstance(obj, dict) else asdict(obj)
            for k, v in d.items():
                if isinstance(v, datetime):
                    d[k] = v.isoformat()
                elif isinstance(v, float) and v.is_integer():
                    d[k] = int(v)
            return d

        return {
            "intent": self.intent,
            "cramp": plain(self.cramp),
            "supplements": [plain(s) for s in self.supplements],
            "stretch": plain(self.stretch),
            "no_cramp": {"night": self.night.isoformat()} if self.intent == "no_cramp" and self.night
            else None,
            "symptom": plain(self.symptom),
            "correction": plain(self.correction and self.correction.contract()),
            "skipped": {"what": list(self.skipped)} if self.intent == "skipped" else None,
            "red_flags": list(self.red_flags),
            "confidence": round(self.confidence, 2),
        }

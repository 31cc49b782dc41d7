"""Button data, typed: one small class per action, with its prefix, pack and unpack.

A button's data is all a press needs (so it works after a restart or on another
instance), packed as `prefix:field:field` within Telegram's 64 bytes. `unpack` gives
the action, or None for anything it does not recognise (old, forged or foreign data),
which the router answers with "that button has expired". The prefixes are the ones
already in people's chats, so old buttons keep working.

Each action is declared in one line by `action(prefix, name, field=spec, ...)`; a
spec says what a field may hold, which is what `unpack` checks and what the size test
packs at its widest. To add a button: one line here, a branch in the router (or its
area's use case), and its words in the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, make_dataclass
from datetime import time
from typing import Any, ClassVar

from .languages import LANGUAGES
from .vocab import MUSCLES, OFFERED_SUPPLEMENTS, SIDES

MAX_BYTES = 64  # Telegram's limit on callback data
BIG = 2**31  # ids below this: what an INTEGER key holds on every database (PostgreSQL's int4)
_INT = re.compile(r"[0-9]{1,15}")
_WORD = re.compile(r"[A-Za-z0-9_/+\-,]{1,64}")
_REGISTRY: dict[str, type[Action]] = {}


@dataclass(frozen=True)
class Spec:
    """What one field may hold: a kind ("int", "time", "word"), allowed values, an
    exclusive upper bound for ints, whether it may be missing ("-"), and its widest."""

    kind: str
    choices: tuple[Any, ...] = ()
    below: int = BIG
    optional: bool = False
    at_least: int = 0
    widest: Any = None

    def read(self, text: str) -> Any:
        if self.optional and text == "-":
            return None
        if self.kind == "int":
            value: Any = int(text) if _INT.fullmatch(text) else None
        elif self.kind == "time":
            ok = re.fullmatch(r"[0-2][0-9][0-5][0-9]", text) and int(text[:2]) < 24
            value = time(int(text[:2]), int(text[2:])) if ok else None
        else:
            value = text if _WORD.fullmatch(text) else None
        if value is None or (self.choices and value not in self.choices) or (
                self.kind == "int" and not self.at_least <= value < self.below):
            raise ValueError(text)
        return value

    def largest(self) -> Any:
        if self.widest is not None:
            return self.widest
        if self.choices:
            return max(self.choices, key=lambda c: len(str(c)))
        return {"int": self.below - 1, "time": time(23, 59)}[self.kind]


ID = Spec("int")
AT = Spec("time")


def one_of(*choices: Any) -> Spec:
    return Spec("int" if isinstance(choices[0], int) else "word", choices)


def below(n: int, optional: bool = False) -> Spec:
    return Spec("int", below=n, optional=optional)


class Action:
    """Base of every button action."""

    PREFIX: ClassVar[str]
    SPECS: ClassVar[dict[str, Spec]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "PREFIX" in cls.__dict__:
            if cls.PREFIX in _REGISTRY:
                raise ValueError(f"two buttons with the prefix {cls.PREFIX!r}")
            _REGISTRY[cls.PREFIX] = cls

    def pack(self) -> str:
        values = ["-" if v is None else f"{v.hour:02d}{v.minute:02d}" if isinstance(v, time)
                  else str(v) for v in astuple(self)]  # type: ignore[call-overload]
        data = ":".join([self.PREFIX, *values])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def widest(cls) -> Action:
        """The largest data this button can carry (a test checks it fits)."""
        return cls(*(spec.largest() for spec in cls.SPECS.values()))


def action(prefix: str, name: str, **specs: Spec) -> Any:
    """An action class: `Undo = action("undo", "Undo", entry=ID)` gives `Undo(entry=12)`,
    packed as `undo:12`."""
    kinds = {"int": int, "time": time, "word": str}
    cls = make_dataclass(
        name, [(f, kinds[s.kind] | None if s.optional else kinds[s.kind]) for f, s in specs.items()],
        bases=(Action,), frozen=True,
        namespace={"PREFIX": prefix, "SPECS": specs})
    cls.__module__ = __name__
    return cls


def unpack(data: str) -> Action | None:
    """The action a button's data stands for; None when it is not one we know."""
    parts = data.split(":")
    for n in (2, 1):  # the longest prefix first: "r:t" before "r"
        cls = _REGISTRY.get(":".join(parts[:n]))
        if cls is None:
            continue
        values, specs = parts[n:], list(cls.SPECS.values())
        if len(values) != len(specs):
            return None
        try:
            return cls(*(spec.read(v) for v, spec in zip(values, specs, strict=True)))
        except ValueError:
            return None
    return None


def registered() -> list[type[Action]]:
    return list(_REGISTRY.values())


MUSCLE, SIDE, SUPPLEMENT = one_of(*MUSCLES), one_of(*SIDES), one_of(*OFFERED_SUPPLEMENTS)
SEVERITY_CHOICES = (2, 5, 7, 9)  # mild, moderate, severe, very severe
BLOOD_THINNER_ANSWERS = ("none", "vka", "other", "ok", "unsure")

# ---- logging and the diary -------------------------------------------------------
Undo = action("undo", "Undo", entry=ID)
EditEntry = action("fix", "EditEntry", entry=ID)
SetMuscle = action("m", "SetMuscle", entry=ID, muscle=MUSCLE)
SetSide = action("sd", "SetSide", entry=ID, side=SIDE)
# "Log a cramp" / "No cramps last night" by a tap.
LogNew = action("new", "LogNew", what=one_of("cramp", "none"))
# "Was that a cramp?" -> yes: the reading, carried.
ConfirmCramp = action("yes", "ConfirmCramp",
                      # a moment from 2000 to 2100 (the router refuses one still to come),
                      # a cramp of at most six hours, as the reader reads them
                      at=Spec("int", at_least=946_684_800, below=4_102_444_800),
                      side=Spec("word", SIDES, optional=True),
                      duration_s=Spec("int", at_least=1, below=6 * 3600 + 1, optional=True),
                      severity=Spec("int", tuple(range(1, 11)), optional=True))
NotACramp = action("no", "NotACramp")
Help = action("help", "Help")
ExportJson = action("export:json", "ExportJson")
SetZone = action("tz", "SetZone", zone=Spec("word", widest="America/Argentina/ComodRivadavia"))
ForgetYes = action("fg:yes", "ForgetYes")
ForgetNo = action("fg:no", "ForgetNo")
ChooseLanguage = action("lang", "ChooseLanguage")
SetLanguage = action("lg", "SetLanguage", language=one_of(*LANGUAGES))

# ---- /diary: pages, and every field of an entry -----------------------------------
EDITABLE = ("muscle", "side", "duration_s", "severity", "count", "at")
DiaryPage = action("dy:p", "DiaryPage", page=below(1000))
EditField = action("dy:e", "EditField", entry=ID, field=one_of(*EDITABLE))
SetDuration = action("dy:d", "SetDuration", entry=ID, seconds=one_of(10, 30, 60, 120, 300, 600, 900))
SetSeverity = action("dy:v", "SetSeverity", entry=ID, severity=one_of(*range(1, 11)))
SetCount = action("dy:c", "SetCount", entry=ID, count=one_of(1, 2, 3, 4, 5))
MoveTime = action("dy:t", "MoveTime", entry=ID, minutes=one_of("-120", "-60", "-30", "-15", "15", "30"))
DeleteEntry = action("dy:x", "DeleteEntry", entry=ID)
RestoreEntry = action("dy:r", "RestoreEntry", entry=ID)
# "Undo" after an edit: the field's value before it (at: Unix seconds)
Revert = action("dy:u", "Revert", entry=ID, field=one_of(*EDITABLE), value=Spec("word", widest="9999999999"))

# ---- reminders -------------------------------------------------------------------
# "Taken" / "Done" on a reminder (its occurrence).
Taken = action("r:t", "Taken", occurrence=ID)
Snooze = action("r:z", "Snooze", occurrence=ID)
Skip = action("r:s", "Skip", occurrence=ID)
ShowStretches = action("r:h", "ShowStretches")
# Morning check-in: no cramps.
CheckinNone = action("c:n", "CheckinNone", occurrence=ID)
# Check-in: there was one (asks where).
CheckinYes = action("c:y", "CheckinYes", occurrence=ID)
CheckinUnsure = action("c:u", "CheckinUnsure", occurrence=ID)
# Check-in: where (asks how bad).
CheckinWhere = action("c:m", "CheckinWhere", occurrence=ID, muscle=MUSCLE)
# Check-in: how bad; logs the cramp.
CheckinLog = action("c:v", "CheckinLog", occurrence=ID, muscle=MUSCLE,
                    severity=one_of(*SEVERITY_CHOICES))
# Pause or resume (or stop check-ins).
PauseReminder = action("rm:p", "PauseReminder", reminder=ID)
DeleteReminder = action("rm:d", "DeleteReminder", reminder=ID)
# "Change time": offers times.
ChangeTime = action("rm:c", "ChangeTime", reminder=ID)
MoveReminder = action("rm:t", "MoveReminder", reminder=ID, at=AT)
# delete asks first; /remind for a thing that has a reminder asks "change it or add another?"
DeleteConfirmed = action("rm:dd", "DeleteConfirmed", reminder=ID)
KeepReminder = action("rm:k", "KeepReminder", reminder=ID)
ReplaceReminder = action("rm:r", "ReplaceReminder", reminder=ID, at=AT, days=below(128))
AddReminder = action("rm:a", "AddReminder", what=Spec("word", widest="vitamin_k2"), at=AT,
                     days=below(128))
# The blood-thinner answer; reminder 0: none waits.
BloodThinner = action("bt", "BloodThinner",
                      answer=one_of(*BLOOD_THINNER_ANSWERS), reminder=ID)
# Set-up by taps, step 1: which supplement.
SetupStart = action("su:0", "SetupStart")
SetupSupplement = action("su:s", "SetupSupplement", supplement=SUPPLEMENT)
SetupSupplementTime = action("su:st", "SetupSupplementTime", supplement=SUPPLEMENT, at=AT)
# Set-up: offer a bedtime stretch reminder.
SetupBedtime = action("su:b", "SetupBedtime")
SetupBedtimeTime = action("su:bt", "SetupBedtimeTime", at=AT)
# Set-up: offer the morning check-in.
SetupCheckin = action("su:c", "SetupCheckin")
SetupCheckinTime = action("su:ct", "SetupCheckinTime", at=AT)
SetupNoCheckin = action("su:off", "SetupNoCheckin")

# ---- /trial ----------------------------------------------------------------------
TrialSupplement = action("tr:s", "TrialSupplement", supplement=SUPPLEMENT)
# before the N-of-1 blocks: (baseline, taking) nights; in old chats, it offers the blocks
TrialPlan = action("tr:p", "TrialPlan", supplement=SUPPLEMENT, baseline=below(100),
                   taking=below(100))
# pairs of on/off blocks, nights a block, blinded (1: with envelopes)
TrialBlocks = action("tr:n", "TrialBlocks", supplement=SUPPLEMENT, pairs=below(10),
                     nights=below(100), blind=below(2))
TrialBlind = action("tr:b", "TrialBlind", supplement=SUPPLEMENT)  # the plans, blinded
TrialKeyHidden = action("tr:k", "TrialKeyHidden")  # the envelopes are ready: hide the key
TrialGuess = action("tr:g", "TrialGuess", block=below(20), guess=one_of("r", "l", "u"))
TrialResultShown = action("tr:r", "TrialResultShown")  # the result, guess or not
TrialStatus = action("tr:st", "TrialStatus")
# Asks first.
TrialStop = action("tr:x", "TrialStop")
TrialStopConfirmed = action("tr:xx", "TrialStopConfirmed")


@dataclass(frozen=True)
class Why(Action):
    """ "Why?": the sources of the advice shown, by key (comma-separated)."""

    PREFIX = "why"
    SPECS = {"keys": Spec("word")}  # noqa: RUF012 - the base's ClassVar
    keys: str

    @classmethod
    def of(cls, keys: list[str]) -> Why:
        """As many keys as fit in the 64 bytes, in order, each once."""
        packed = ""
        for key in dict.fromkeys(keys):
            if len(cls.PREFIX) + 1 + len(packed) + len(key) + 1 > MAX_BYTES:
                break
            packed += ("," if packed else "") + key
        return cls(packed)

    @classmethod
    def widest(cls) -> Action:
        return cls.of(["broken_sleep", "getting_worse", "most_nights", "long_cramps", "daytime"])


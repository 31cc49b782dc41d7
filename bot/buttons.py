"""Button data, typed: one small class per action, with its prefix, pack and unpack.

A button's data is all a press needs (so it works after a restart or on another
instance), packed as `prefix:field:field` within Telegram's 64 bytes. `unpack` gives
the action, or None for anything it does not recognise (old, forged or foreign data),
which the router answers with "that button has expired". The prefixes are the ones
already in people's chats, so old buttons keep working.

To add a button: a class here (prefix, fields, `widest()` for the size test), a
branch in the router, and its words in the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, fields
from datetime import time
from typing import ClassVar, get_type_hints

from .vocab import MUSCLES, OFFERED_SUPPLEMENTS, SIDES

MAX_BYTES = 64  # Telegram's limit on callback data
_INT = re.compile(r"[0-9]{1,15}")  # anything a database id could be
_WORD = re.compile(r"[A-Za-z0-9_/+\-,]{1,64}")
_REGISTRY: dict[str, type[Action]] = {}


class Action:
    """Base of every button action. Subclasses are frozen dataclasses with a PREFIX."""

    PREFIX: ClassVar[str]
    _types: ClassVar[tuple[type, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "PREFIX" in cls.__dict__:
            if cls.PREFIX in _REGISTRY:
                raise ValueError(f"two buttons with the prefix {cls.PREFIX!r}")
            _REGISTRY[cls.PREFIX] = cls

    def pack(self) -> str:
        values = ["-" if v is None else _hhmm(v) if isinstance(v, time) else str(v)
                  for v in astuple(self)]  # type: ignore[call-overload]
        data = ":".join([self.PREFIX, *values])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button data over {MAX_BYTES} bytes: {data!r}")
        return data

    def valid(self) -> bool:
        """Whether the values make sense (checked on unpack)."""
        return True

    @classmethod
    def widest(cls) -> Action:
        """The largest data this button can carry (a test checks it fits)."""
        raise NotImplementedError(cls.__name__)


def _hhmm(at: time) -> str:
    return f"{at.hour:02d}{at.minute:02d}"


def _convert(text: str, kind: type) -> object:
    optional = text == "-"
    if kind is int:
        if not _INT.fullmatch(text):
            raise ValueError(text)
        return int(text)
    if kind is time:
        if not re.fullmatch(r"[0-2][0-9][0-5][0-9]", text) or int(text[:2]) > 23:
            raise ValueError(text)
        return time(int(text[:2]), int(text[2:]))
    if optional:
        raise ValueError(text)
    if not _WORD.fullmatch(text):
        raise ValueError(text)
    return text


def _types_of(cls: type[Action]) -> list[tuple[type, bool]]:
    hints = get_type_hints(cls)
    out = []
    for f in fields(cls):  # type: ignore[arg-type]
        hint = hints[f.name]
        args = [a for a in getattr(hint, "__args__", ()) if a is not type(None)]
        optional = bool(args) and len(args) < len(getattr(hint, "__args__", ()))
        out.append((args[0] if optional else hint, optional))
    return out


def unpack(data: str) -> Action | None:
    """The action a button's data stands for; None when it is not one we know."""
    parts = data.split(":")
    for n in (2, 1):  # the longest prefix first: "r:t" before "r"
        cls = _REGISTRY.get(":".join(parts[:n]))
        if cls is None:
            continue
        values = parts[n:]
        spec = _types_of(cls)
        if len(values) != len(spec):
            return None
        try:
            args = [None if optional and v == "-" else _convert(v, kind)
                    for v, (kind, optional) in zip(values, spec, strict=True)]
        except ValueError:
            return None
        action = cls(*args)
        return action if action.valid() else None
    return None


def registered() -> list[type[Action]]:
    return list(_REGISTRY.values())


BIG = 10**15 - 1  # the widest id `unpack` accepts


# ---- logging and the diary -------------------------------------------------------

@dataclass(frozen=True)
class Undo(Action):
    PREFIX = "undo"
    entry: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class EditEntry(Action):
    PREFIX = "fix"
    entry: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class SetMuscle(Action):
    PREFIX = "m"
    entry: int
    muscle: str

    def valid(self) -> bool:
        return self.muscle in MUSCLES

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG, max(MUSCLES, key=len))


@dataclass(frozen=True)
class SetSide(Action):
    PREFIX = "sd"
    entry: int
    side: str

    def valid(self) -> bool:
        return self.side in SIDES

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG, max(SIDES, key=len))


@dataclass(frozen=True)
class LogNew(Action):
    """ "Log a cramp" / "No cramps last night" by a tap."""

    PREFIX = "new"
    what: str  # cramp | none

    def valid(self) -> bool:
        return self.what in ("cramp", "none")

    @classmethod
    def widest(cls) -> Action:
        return cls("cramp")


@dataclass(frozen=True)
class ConfirmCramp(Action):
    """ "Was that a cramp?" -> yes: what the reading said, carried in the button."""

    PREFIX = "yes"
    at: int  # Unix seconds
    side: str | None
    duration_s: int | None
    severity: int | None

    def valid(self) -> bool:
        return (self.at < 10**12 and (self.side is None or self.side in SIDES)
                and (self.duration_s is None or self.duration_s < 10**7)
                and (self.severity is None or 1 <= self.severity <= 10))

    @classmethod
    def widest(cls) -> Action:
        return cls(10**12 - 1, "right", 10**7 - 1, 10)


@dataclass(frozen=True)
class NotACramp(Action):
    PREFIX = "no"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class Help(Action):
    PREFIX = "help"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class ExportJson(Action):
    PREFIX = "export:json"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class Why(Action):
    """ "Why?": the sources of the advice shown, by key."""

    PREFIX = "why"
    keys: str  # comma-separated advice keys

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


@dataclass(frozen=True)
class SetZone(Action):
    PREFIX = "tz"
    zone: str

    @classmethod
    def widest(cls) -> Action:
        return cls("America/Argentina/ComodRivadavia")


@dataclass(frozen=True)
class ForgetYes(Action):
    PREFIX = "fg:yes"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class ForgetNo(Action):
    PREFIX = "fg:no"

    @classmethod
    def widest(cls) -> Action:
        return cls()


# ---- reminders -----------------------------------------------------------------

@dataclass(frozen=True)
class Taken(Action):
    """ "Taken" / "Done" on a reminder (its occurrence)."""

    PREFIX = "r:t"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class Snooze(Action):
    PREFIX = "r:z"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class Skip(Action):
    PREFIX = "r:s"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class ShowStretches(Action):
    PREFIX = "r:h"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class CheckinNone(Action):
    """Morning check-in: no cramps last night."""

    PREFIX = "c:n"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class CheckinYes(Action):
    """Morning check-in: yes, there was one (asks where)."""

    PREFIX = "c:y"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class CheckinUnsure(Action):
    PREFIX = "c:u"
    occurrence: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class CheckinWhere(Action):
    """Check-in, step 2: where it was (asks how bad)."""

    PREFIX = "c:m"
    occurrence: int
    muscle: str

    def valid(self) -> bool:
        return self.muscle in MUSCLES

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG, max(MUSCLES, key=len))


SEVERITY_CHOICES = (2, 5, 7, 9)  # mild, moderate, severe, very severe


@dataclass(frozen=True)
class CheckinLog(Action):
    """Check-in, step 3: how bad; logs the cramp."""

    PREFIX = "c:v"
    occurrence: int
    muscle: str
    severity: int

    def valid(self) -> bool:
        return self.muscle in MUSCLES and self.severity in SEVERITY_CHOICES

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG, max(MUSCLES, key=len), 9)


@dataclass(frozen=True)
class PauseReminder(Action):
    """Pause or resume (also "Stop these check-ins" on a check-in)."""

    PREFIX = "rm:p"
    reminder: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class DeleteReminder(Action):
    PREFIX = "rm:d"
    reminder: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class ChangeTime(Action):
    """ "Change time": offers times."""

    PREFIX = "rm:c"
    reminder: int

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG)


@dataclass(frozen=True)
class MoveReminder(Action):
    PREFIX = "rm:t"
    reminder: int
    at: time

    @classmethod
    def widest(cls) -> Action:
        return cls(BIG, time(23, 59))


BLOOD_THINNER_ANSWERS = ("none", "vka", "other", "ok")


@dataclass(frozen=True)
class BloodThinner(Action):
    """The answer to "do you take a blood thinner?"; reminder 0: asked without one."""

    PREFIX = "bt"
    answer: str  # none | vka | other | ok (the prescriber agreed)
    reminder: int

    def valid(self) -> bool:
        return self.answer in BLOOD_THINNER_ANSWERS

    @classmethod
    def widest(cls) -> Action:
        return cls("other", BIG)


@dataclass(frozen=True)
class SetupStart(Action):
    """Set-up by taps, step 1: which supplement."""

    PREFIX = "su:0"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class SetupSupplement(Action):
    PREFIX = "su:s"
    supplement: str

    def valid(self) -> bool:
        return self.supplement in OFFERED_SUPPLEMENTS

    @classmethod
    def widest(cls) -> Action:
        return cls(max(OFFERED_SUPPLEMENTS, key=len))


@dataclass(frozen=True)
class SetupSupplementTime(Action):
    PREFIX = "su:st"
    supplement: str
    at: time

    def valid(self) -> bool:
        return self.supplement in OFFERED_SUPPLEMENTS

    @classmethod
    def widest(cls) -> Action:
        return cls(max(OFFERED_SUPPLEMENTS, key=len), time(23, 59))


@dataclass(frozen=True)
class SetupBedtime(Action):
    """Set-up: offer a bedtime stretch reminder."""

    PREFIX = "su:b"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class SetupBedtimeTime(Action):
    PREFIX = "su:bt"
    at: time

    @classmethod
    def widest(cls) -> Action:
        return cls(time(23, 59))


@dataclass(frozen=True)
class SetupCheckin(Action):
    """Set-up: offer the morning check-in."""

    PREFIX = "su:c"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class SetupCheckinTime(Action):
    PREFIX = "su:ct"
    at: time

    @classmethod
    def widest(cls) -> Action:
        return cls(time(23, 59))


@dataclass(frozen=True)
class SetupNoCheckin(Action):
    PREFIX = "su:off"

    @classmethod
    def widest(cls) -> Action:
        return cls()


# ---- /trial --------------------------------------------------------------------

@dataclass(frozen=True)
class TrialSupplement(Action):
    PREFIX = "tr:s"
    supplement: str

    def valid(self) -> bool:
        return self.supplement in OFFERED_SUPPLEMENTS

    @classmethod
    def widest(cls) -> Action:
        return cls(max(OFFERED_SUPPLEMENTS, key=len))


@dataclass(frozen=True)
class TrialPlan(Action):
    PREFIX = "tr:p"
    supplement: str
    baseline: int
    taking: int

    def valid(self) -> bool:
        return self.supplement in OFFERED_SUPPLEMENTS and self.baseline < 100 and self.taking < 100

    @classmethod
    def widest(cls) -> Action:
        return cls(max(OFFERED_SUPPLEMENTS, key=len), 99, 99)


@dataclass(frozen=True)
class TrialStatus(Action):
    PREFIX = "tr:st"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class TrialStop(Action):
    """Asks first."""

    PREFIX = "tr:x"

    @classmethod
    def widest(cls) -> Action:
        return cls()


@dataclass(frozen=True)
class TrialStopConfirmed(Action):
    PREFIX = "tr:xx"

    @classmethod
    def widest(cls) -> Action:
        return cls()

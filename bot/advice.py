"""Safety advice: which rule applies (pure); the words are the catalogue's.

Every text rests on a line of `shared/medical-facts.md`; the texts and their sources
are in the catalogue (`advice.*`, `source.*`), so that a "Why?" can show the source.
Charley is a diary: it never diagnoses and never proposes a dose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

EMERGENCY_FLAGS = frozenset({"chest_pain", "breathless"})
CLOT_FLAGS = frozenset({"swelling", "redness", "warmth"})


@dataclass(frozen=True, slots=True)
class Advice:
    """A rule's outcome: how urgent, and its key. Its words are the catalogue's
    `advice.<key>`, its source `source.<key>` (shown by the "Why?" button)."""

    level: str  # "emergency" | "same_day" | "soon" | "caution" | "info"
    key: str = ""  # set by the registry below; also the weekly limit's key


EMERGENCY = Advice("emergency")
SAME_DAY = Advice("same_day")
SEE_DOCTOR = Advice("soon")
FEVER = Advice("soon")
LONG_CRAMP = Advice("soon")
EASE_CRAMP = Advice("info")
K2_BLOOD_THINNER_QUESTION = Advice("info")
K2_WARFARIN = Advice("caution")
K2_OTHER_ANTICOAGULANT = Advice("caution")
K2_EVIDENCE = Advice("info")
MAGNESIUM_CAUTION = Advice("caution")
QUININE = Advice("caution")
MOST_NIGHTS = Advice("soon")
GETTING_WORSE = Advice("soon")
LONG_CRAMPS = Advice("soon")
DAYTIME = Advice("soon")
BROKEN_SLEEP = Advice("soon")
FLUIDS = Advice("info")


REGISTRY: dict[str, Advice] = {}
for _name, _value in list(globals().items()):
    if isinstance(_value, Advice):
        object.__setattr__(_value, "key", _name.lower())
        REGISTRY[_name.lower()] = _value


_QUININE = re.compile(r"\bquinine\b|\btonic water\b|\bqualaquin\b", re.I)


def mentions_quinine(text: str) -> bool:
    """Quinine (or tonic water "for cramps") is named: the FDA's warning is due."""
    return _QUININE.search(text) is not None


def for_flags(flags: tuple[str, ...] | list[str] | frozenset[str]) -> list[Advice]:
    """The advice a set of red flags calls for, most urgent first."""
    present = set(flags)
    advice: list[Advice] = []
    if present & EMERGENCY_FLAGS:
        advice.append(EMERGENCY)
    if present & CLOT_FLAGS:
        advice.append(SAME_DAY)
    if present & {"numbness", "weakness", "skin_change"}:
        advice.append(SEE_DOCTOR)
    if "fever" in present:
        advice.append(FEVER)
    return advice


# ---- patterns over time (pure) ------------------------------------------------------

DAY_START, DAY_END = 9, 19  # a cramp between these local hours is a daytime cramp


def patterns(cramps: list[tuple[datetime, int, int | None]], now: datetime,
             zone: ZoneInfo) -> list[Advice]:
    """The pattern advice a history calls for: `cramps` are (when, count, duration_s)."""
    from .recap import night_of

    today = night_of(now, zone)
    nights: dict[date, int] = {}
    weeks = [0, 0, 0]
    longest: list[int] = []
    daytime = 0
    week_durations: list[list[int]] = [[], [], []]
    for at, count, duration in cramps:
        night = night_of(at, zone)
        age = (today - night).days
        if not 0 <= age < 21:
            continue
        hour = at.astimezone(zone).hour
        if DAY_START <= hour < DAY_END:
            if age < 7:
                daytime += 1
        else:
            nights[night] = nights.get(night, 0) + count
        weeks[age // 7] += count
        if duration is not None:
            week_durations[age // 7].append(duration)
            if age < 7:
                longest.append(duration)
    found: list[Advice] = []
    recent = [sum(1 for n in nights if 0 <= (today - n).days - 7 * w < 7) for w in (0, 1)]
    if recent[0] >= 4 and recent[1] >= 4:
        found.append(MOST_NIGHTS)
    means = [sum(d) / len(d) if d else 0 for d in week_durations]
    if (weeks[2] < weeks[1] < weeks[0] and weeks[0] >= 3) or (
            all(week_durations) and means[2] < means[1] < means[0]):
        found.append(GETTING_WORSE)
    if any(d > 600 for d in longest):
        found.append(LONG_CRAMPS)
    if daytime >= 2:
        found.append(DAYTIME)
    if any(all(today - timedelta(days=k + i) in nights for i in range(3)) for k in range(5)):
        found.append(BROKEN_SLEEP)
    return found

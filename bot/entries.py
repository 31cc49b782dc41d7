"""Diary entries as the core sees them: plain values, no SQL, no Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

KINDS = ("cramp", "no_cramp", "supplement", "stretch")
SUPPLEMENT_NAMES = {
    "vitamin_k2": "vitamin K2", "magnesium": "magnesium", "vitamin_b": "vitamin B",
    "vitamin_d": "vitamin D", "potassium": "potassium", "other": "supplement",
}


def supplement_label(name: str) -> str:
    """ "vitamin_k2" -> "vitamin K2", for sentences."""
    return SUPPLEMENT_NAMES.get(name, name)


@dataclass(frozen=True, slots=True)
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


def severity_word(severity: int) -> str:
    if severity <= 3:
        return "mild"
    if severity <= 6:
        return "moderate"
    if severity <= 8:
        return "severe"
    return "very severe"


def duration_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def when_words(at: datetime, zone: ZoneInfo, now: datetime, absolute: bool = False) -> str:
    """ "03:12" today, "Mon 03:12" within the week, "12 Nov 03:12" before that."""
    local, today = at.astimezone(zone), now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    if absolute:
        return f"{local.strftime('%a')} {local.day} {local.strftime('%b %Y')} {clock}"
    days = (today - local.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"yesterday {clock}"
    if 0 < days < 7:
        return f"{local.strftime('%a')} {clock}"
    return f"{local.day} {local.strftime('%b')} {clock}"


def describe(entry: Entry, zone: ZoneInfo, now: datetime, absolute: bool = False) -> str:
    """One short line a tired person can check: "Left calf, 3 min, severe (7/10), 03:12"."""
    when = when_words(entry.at, zone, now, absolute)
    if entry.kind == "cramp":
        where = " ".join(p for p in (entry.side, entry.muscle) if p)
        if entry.side == "both" and entry.muscle:
            where = f"both {_plural(entry.muscle)}"
        parts = [where.capitalize() if where else "Cramp (place not given)"]
        if entry.count and entry.count > 1:
            parts[0] += f", {entry.count} cramps"
        if entry.duration_s is not None:
            parts.append(duration_words(entry.duration_s))
        if entry.severity is not None:
            parts.append(f"{severity_word(entry.severity)} ({entry.severity}/10)")
        parts.append(when)
        return ", ".join(parts)
    if entry.kind == "no_cramp":
        return f"No cramps, night to {when}"
    if entry.kind == "supplement":
        name = SUPPLEMENT_NAMES.get(entry.name or "other", entry.name or "supplement")
        amount = ""
        if entry.amount is not None:
            value = int(entry.amount) if float(entry.amount).is_integer() else entry.amount
            amount = f" {value} {entry.unit or ''}".rstrip()
        return f"{name[:1].upper()}{name[1:]}{amount} taken, {when}"
    if entry.kind == "stretch":
        minutes = f" {entry.minutes} min" if entry.minutes else ""
        return f"Stretching{minutes} done, {when}"
    return entry.kind


def _plural(muscle: str) -> str:
    return {"calf": "calves", "foot": "feet", "toes": "toes", "thigh": "thighs",
            "hamstring": "hamstrings", "shin": "shins"}.get(muscle, muscle)

"""What every renderer needs: who it speaks to (language, zone, clock), entries in one
short line, and the buttons that recur."""

from __future__ import annotations

import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal, format_percent

from .. import buttons as b
from ..advice import Advice
from ..kinds import Entry
from ..recap import night_of
from ..replies import Button
from ..stats import RateRatio
from ..values import frozen
from ..vocab import MUSCLES, SIDES
from .catalogue import Texts


@frozen
class Speech:
    """To whom a reply speaks: their catalogue, zone and clock."""

    t: Texts
    zone: ZoneInfo
    now: datetime  # aware
    tz_name: str = "UTC"

    def __post_init__(self) -> None:
        # the emergency number the texts name is the one of the person's country
        object.__setattr__(self, "t", self.t.speaking_to(self.tz_name))

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def pattern(self, at: datetime | date, key: str) -> str:
        """`at` in the catalogue's date pattern `when.<key>`."""
        if not isinstance(at, datetime):
            at = datetime(at.year, at.month, at.day)
        return format_datetime(at, self.t(f"when.{key}"), locale=self.t.language)

    def day(self, day: date) -> str:
        """ "Tue 24 Nov"."""
        return self.pattern(day, "day_short")

    def clock(self, at: datetime) -> str:
        return self.pattern(self.local(at), "today")

    def when(self, at: datetime, absolute: bool = False) -> str:
        """ "03:12" today, "yesterday 03:12", "Mon 03:12" within the week, "12 Nov 03:12"."""
        local = self.local(at)
        if absolute:
            return self.pattern(local, "absolute")
        days = (self.now.astimezone(self.zone).date() - local.date()).days
        key = {0: "today", 1: "yesterday"}.get(days, "this_week" if 0 < days < 7 else "earlier")
        return self.pattern(local, key)


def number(t: Texts, value: float, digits: int = 1) -> str:
    """A number as the language writes it ("2.5", "2,5"), at most `digits` decimals."""
    return format_decimal(round(value, digits), format="#,##0." + "#" * digits, locale=t.language)


def percent(t: Texts, value: float) -> str:
    """ "75%", "75 %" as the language writes it."""
    return format_percent(value, locale=t.language)


def unclear_words(t: Texts, area: str, rr: RateRatio, **more: str) -> str:
    """ "Too few nights to tell": how many fewer, or more, the diary still allows (with no
    upper end when it cannot rule out any rise). `area`: the catalogue's ("compare", "trial")."""
    if math.isinf(rr.high):
        return t(f"{area}.unclear_open", fewer=percent(t, 1 - rr.low), **more)
    return t(f"{area}.unclear", fewer=percent(t, max(0.0, 1 - rr.low)),
             more=percent(t, max(0.0, rr.high - 1)), **more)


def severity_words(t: Texts, severity: int) -> str:
    word = ("mild" if severity <= 3 else "moderate" if severity <= 6
            else "severe" if severity <= 8 else "very_severe")
    return t("severity.scored", word=t(f"severity.{word}"), n=severity)


def duration_words(t: Texts, seconds: int) -> str:
    if seconds < 60:
        return t("duration.seconds", s=seconds)
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return t("duration.hours_minutes", h=hours, m=minutes) if minutes else t("duration.hours", h=hours)
    return t("duration.minutes_seconds", m=minutes, s=rest) if rest else t("duration.minutes", m=minutes)


def supplement_name(t: Texts, name: str | None) -> str:
    """ "vitamin K2", for sentences (any unknown name: "supplement")."""
    key = f"supplement.{name}"
    return t(key) if name and t.has(key) else t("supplement.other")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    number = int(value) if float(value).is_integer() else value
    return f" {number} {unit or ''}".rstrip()


def describe(s: Speech, entry: Entry, absolute: bool = False) -> str:
    """One short line a tired person can check: "Left calf, 3 min, severe (7/10), 03:12"."""
    t = s.t
    when = s.when(entry.at, absolute)
    if entry.kind == "cramp":
        where = " ".join(t(f"side.{entry.side}") if p == entry.side else t(f"muscle.{p}")
                         for p in (entry.side, entry.muscle) if p)
        if entry.side == "both" and entry.muscle:
            where = f"{t('side.both')} {t(f'muscles.{entry.muscle}')}"
        elif entry.side and not entry.muscle:  # "Left leg", not "Left"
            where = t(f"entry.side_only.{entry.side}")
        if entry.muscle == "other":  # "Elsewhere" was tapped, or a hand or a hip was named
            where = (t("entry.place.elsewhere_side", side=capital(t(f"side.{entry.side}"))) if entry.side
                     else t("entry.place.elsewhere"))
        parts = [capital(where) if where else t("entry.place_not_given")]
        if entry.count and entry.count > 1:
            parts[0] += ", " + t("entry.count", n=entry.count)
        if entry.duration_s is not None:
            parts.append(duration_words(t, entry.duration_s))
        if entry.severity is not None:
            parts.append(severity_words(t, entry.severity))
        parts.append(when)
        return ", ".join(parts)
    if entry.kind == "no_cramp":  # named by its evening, as people name nights
        return t("entry.no_cramp", night=s.day(night_of(entry.at, s.zone)))
    if entry.kind == "supplement":
        return t("entry.supplement", name=capital(supplement_name(t, entry.name)),
                 amount=_amount(entry.amount, entry.unit), when=when)
    if entry.kind == "stretch":
        if entry.minutes:
            return t("entry.stretch_minutes", minutes=entry.minutes, when=when)
        return t("entry.stretch", when=when)
    if entry.kind == "skipped":
        if entry.name == "stretch":
            return t("entry.skipped_stretch", when=when)
        return t("entry.skipped", what=capital(supplement_name(t, entry.name)), when=when)
    if entry.kind == "symptom":
        signs = flag_words(t, entry.red_flags) or t("entry.symptom_unnamed")
        where = " ".join(t(f"side.{entry.side}") if p == entry.side else t(f"muscle.{p}")
                         for p in (entry.side, entry.muscle) if p)
        if where:
            return t("entry.symptom_at", signs=signs, where=where, when=when)
        return t("entry.symptom", signs=signs, when=when)
    return entry.kind


def flag_words(t: Texts, flags: tuple[str, ...] | list[str]) -> str:
    """ "swelling, warmth": red flags in words (catalogue `flag.*`)."""
    return ", ".join(t(f"flag.{f}") if t.has(f"flag.{f}") else f for f in flags)


def describe_all(s: Speech, entries: list[Entry]) -> str:
    return "; ".join(describe(s, e) for e in entries)


def muscle_buttons(t: Texts, action: type[b.SetMuscle] | type[b.CheckinWhere],
                   key: int) -> list[list[Button]]:
    """Where it was, in two rows (for an entry, or a check-in's occurrence)."""
    row = [Button(t(f"muscle_button.{m}"), action(key, m).pack()) for m in MUSCLES]
    return [row[0:4], row[4:7]]


def side_buttons(t: Texts, entry_id: int) -> list[Button]:
    return [Button(t(f"button.{side}"), b.SetSide(entry_id, side).pack()) for side in SIDES]


def why_button(t: Texts, advice: list[Advice] | list[str]) -> Button:
    """ "Why?": the sources of the advice shown."""
    keys = [a if isinstance(a, str) else a.key for a in advice]
    return Button(t("button.why"), b.Why.of(keys).pack())


def undo_button(t: Texts, entry_id: int) -> Button:
    return Button(t("button.undo"), b.Undo(entry_id).pack())


def blood_thinner_buttons(t: Texts, reminder_id: int = 0) -> list[list[Button]]:
    """The blood-thinner question's answers; reminder 0: asked when K2 was logged."""
    if reminder_id == 0:
        return [[Button(t("button.bt_none"), b.BloodThinner("none", 0).pack()),
                 Button(t("button.bt_vka"), b.BloodThinner("vka", 0).pack())],
                [Button(t("button.bt_other_short"), b.BloodThinner("other", 0).pack()),
                 Button(t("button.bt_unsure"), b.BloodThinner("unsure", 0).pack())]]
    return [[Button(t("button.bt_none"), b.BloodThinner("none", reminder_id).pack())],
            [Button(t("button.bt_vka"), b.BloodThinner("vka", reminder_id).pack())],
            [Button(t("button.bt_other"), b.BloodThinner("other", reminder_id).pack())],
            [Button(t("button.bt_unsure"), b.BloodThinner("unsure", reminder_id).pack())]]


def doctor_agreed_button(t: Texts, reminder_id: int = 0) -> list[Button]:
    """ "My doctor agreed": the way past the gate for warfarin or "not sure" (rule 3)."""
    return [Button(t("reminder_button.doctor_agreed"), b.BloodThinner("ok", reminder_id).pack())]

"""Logging: store what a message says happened, undo it, correct it, follow its edits."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from .. import advice
from ..kinds import blank_fields
from ..parsing import Cramp, Reading
from ..parsing.flags import cramp_reported, place
from ..recap import night_of
from ..reminders import wall_time
from ..vocab import K2, MUSCLES, SIDES
from . import trial
from .results.logging import Corrected, EditChoices, Logged, Revised, TrialBaseline, Undone
from .unit import Unit, to_entry

LOGGABLE = ("cramp", "no_cramp", "supplement", "stretch")


def rows_of(u: Unit, reading: Reading, sent_at: datetime, text: str | None = None) -> list[dict[str, Any]]:
    """The entry rows a reading stands for (one per supplement; none for a question).

    Red flags with no cramp reported are a `symptom` entry (with the place, when named),
    never a cramp; with other rows (a night, a supplement) they are kept beside them."""
    rows = _rows(u, reading, sent_at, text)
    if reading.red_flags and not any(r["kind"] in ("cramp", "symptom") for r in rows):
        said = getattr(reading, "symptom", None)  # the reader's own symptom, when it has one
        if said is not None:
            rows.append({"kind": "symptom", "at": said.occurred_at, "muscle": said.muscle,
                         "side": said.side})
        else:
            muscle, side = place(text) if text is not None else (None, None)
            rows.append({"kind": "symptom", "at": sent_at, "muscle": muscle, "side": side})
    return rows


def symptom_only(reading: Reading, text: str | None) -> bool:
    """Red flags and no cramp said: "my calf is swollen and warm" stores no cramp."""
    return bool(reading.red_flags) and text is not None and not cramp_reported(text)


def _rows(u: Unit, reading: Reading, sent_at: datetime, text: str | None) -> list[dict[str, Any]]:
    if reading.intent == "cramp" and reading.cramp is not None:
        c = reading.cramp
        if symptom_only(reading, text):
            return [{"kind": "symptom", "at": c.occurred_at, "muscle": c.muscle, "side": c.side}]
        return [{"kind": "cramp", "at": c.occurred_at, "muscle": c.muscle, "side": c.side,
                 "duration_s": c.duration_s, "severity": c.severity, "count": c.count}]
    if reading.intent == "supplement":
        return [{"kind": "supplement", "at": s.taken_at, "name": s.name, "amount": s.amount,
                 "unit": s.unit} for s in reading.supplements]
    if reading.intent == "stretch" and reading.stretch is not None:
        return [{"kind": "stretch", "at": reading.stretch.done_at,
                 "minutes": reading.stretch.minutes}]
    if reading.intent == "no_cramp":  # the night named (last night unless it says), at 03:00
        at = u.night_just_passed(sent_at) if reading.night is None else min(
            wall_time(reading.night + timedelta(days=1), time(3), u.zone), sent_at)
        return [{"kind": "no_cramp", "at": at}]
    return []


async def store(u: Unit, reading: Reading, *, sent_at: datetime, text: str, source: str,
                chat_id: int | None, message_id: int | None) -> Logged:
    """Store what the reading says happened, once per message; no advice."""
    common = {"text": text, "source": source, "chat_id": chat_id, "message_id": message_id,
              "red_flags": ",".join(reading.red_flags)}
    rows = rows_of(u, reading, sent_at, text if source in ("text", "voice") else None)
    stored, duplicate = await u.entries.add([{**common, **r} for r in rows])
    live = [to_entry(e) for e in stored if e.deleted_at is None]
    return Logged(live, duplicate)


async def log(u: Unit, reading: Reading, *, sent_at: datetime, text: str, source: str,
              chat_id: int | None, message_id: int | None) -> Logged:
    """A message that reports something: stored, with what is worth saying after it."""
    logged = await store(u, reading, sent_at=sent_at, text=text, source=source,
                         chat_id=chat_id, message_id=message_id)
    if logged.duplicate:
        return logged
    found = await _advice_after(u, logged, sent_at, text)
    taken = {(e.name, night_of(e.at, u.zone)) for e in logged.entries
             if e.kind == "supplement" and e.name}
    baseline = await trial.baseline_of(u, taken) if taken else None
    k2 = any(e.name == K2 for e in logged.entries)
    ask = (k2 and u.user.anticoagulant is None
           and bool(await u.fresh_advice([advice.K2_BLOOD_THINNER_QUESTION], sent_at, every=None)))
    if (k2 or advice.mentions_k2(text)) and u.user.anticoagulant in ("vka", "unsure"):
        found.append(advice.K2_WARFARIN_STOPPING)  # every time: starting and stopping both count
    return Logged(logged.entries, False, found,
                  TrialBaseline(*baseline) if baseline else None, ask)


async def _advice_after(u: Unit, logged: Logged, now: datetime, text: str) -> list[advice.Advice]:
    """What to add after a new entry: self-care, patterns, first-time cautions.

    After red-flag advice (or a cramp that will not stop) no self-care tip: rule 8."""
    found: list[advice.Advice] = []
    if advice.mentions_quinine(text):
        found.append(advice.QUININE)
    flagged = any(e.red_flags for e in logged.entries) or advice.cramp_wont_stop(text)
    cramps = [e for e in logged.entries if e.kind == "cramp"]
    if cramps:
        if any(e.duration_s and e.duration_s > 600 for e in cramps) and not advice.cramp_wont_stop(text):
            found.append(advice.LONG_CRAMP)
        if abs(now - cramps[0].at) <= timedelta(minutes=30) and not flagged:
            found += await u.fresh_advice([advice.EASE_CRAMP], now, timedelta(hours=12))
        patterns = await pattern_advice(u, now)
        if advice.LONG_CRAMP in found or advice.cramp_wont_stop(text):  # said once, not twice
            patterns = [a for a in patterns if a is not advice.LONG_CRAMPS]
        found += patterns
    found += await notes(u, text, now)
    if any(e.name == "magnesium" for e in logged.entries):
        found += await u.fresh_advice([advice.MAGNESIUM_CAUTION], now, every=None)
    if any(e.name == "vitamin_b" for e in logged.entries):
        found += await u.fresh_advice([advice.B_VITAMIN_CAUTION], now, every=None)
    return found


async def notes(u: Unit, text: str, now: datetime) -> list[advice.Advice]:
    """Rule 6 said in words: a medicine linked to cramps, or cramps on most nights; once."""
    candidates = []
    if advice.medicine_linked(text):
        candidates.append(advice.MEDICINE_CRAMPS)
    if advice.frequent_said(text):
        candidates.append(advice.FREQUENT_CRAMPS)
    return await u.fresh_advice(candidates, now, every=None) if candidates else []


async def note_symptom(u: Unit, reading: Reading, *, sent_at: datetime, text: str,
                       source: str, chat_id: int | None, message_id: int | None) -> Logged:
    """Red flags said with a question, a request or an unsure cramp: kept as a symptom
    entry for the clinician (nothing when the message has no flags)."""
    if not reading.red_flags:
        return Logged([], False)
    muscle, side = place(text)
    row = {"kind": "symptom", "at": sent_at, "muscle": muscle, "side": side, "text": text,
           "source": source, "chat_id": chat_id, "message_id": message_id,
           "red_flags": ",".join(reading.red_flags)}
    stored, duplicate = await u.entries.add([row])
    return Logged([to_entry(e) for e in stored if e.deleted_at is None], duplicate)


async def pattern_advice(u: Unit, now: datetime, history: list | None = None) -> list[advice.Advice]:
    """Pattern rules over the last three weeks, each at most once a week."""
    if history is None:
        history = await u.history(now, weeks=3)
    since = now - timedelta(days=22)
    cramps = [(e.at, e.count or 1, e.duration_s, e.source != "button" and advice.time_said(e.text))
              for e in history if e.kind == "cramp" and since <= e.at <= now + timedelta(minutes=1)]
    return await u.fresh_advice(advice.patterns(cramps, now, u.zone), now)


async def log_tapped(u: Unit, what: str, now: datetime, chat_id: int | None,
                     message_id: int | None) -> Logged:
    """ "Log a cramp" / "No cramps last night" tapped: a cramp now, or last night free."""
    if what == "none":
        reading, text = Reading(intent="no_cramp", confidence=1.0), "no cramps (button)"
    else:
        reading = Reading(intent="cramp", confidence=1.0, cramp=Cramp(occurred_at=now))
        text = "cramp (button)"
    return await store(u, reading, sent_at=now, text=text, source="button", chat_id=chat_id,
                       message_id=message_id)


async def log_confirmed(u: Unit, cramp: Cramp, now: datetime, chat_id: int | None,
                        message_id: int | None) -> Logged:
    """ "Yes, log a cramp" after "Was that a cramp?"."""
    reading = Reading(intent="cramp", confidence=1.0, cramp=cramp)
    return await store(u, reading, sent_at=now, text="cramp (confirmed)", source="button",
                       chat_id=chat_id, message_id=message_id)


async def undo_last(u: Unit) -> Undone:
    group = await u.entries.last_group()
    await u.entries.soft_delete(group)
    return Undone([to_entry(e) for e in group])


async def undo(u: Unit, entry_id: int) -> Undone:
    """Undo the message that stored `entry_id`; nothing if it is not this user's or gone."""
    row = await u.entries.get(entry_id)
    if row is None:
        return Undone([])
    group = await u.entries.group_of(row)
    await u.entries.soft_delete(group)
    return Undone([to_entry(e) for e in group])


async def correct(u: Unit, entry_id: int, field: str, value: str) -> Corrected:
    """Set a cramp's muscle or side (the Edit buttons)."""
    allowed = {"muscle": MUSCLES, "side": SIDES}.get(field, ())
    row = await u.entries.get(entry_id)
    if row is None or row.kind != "cramp" or value not in allowed:
        return Corrected(None)
    return Corrected(to_entry(await u.entries.update(row, **{field: value})))


async def edit_choices(u: Unit, entry_id: int) -> EditChoices:
    row = await u.entries.get(entry_id)
    return EditChoices(to_entry(row) if row is not None else None)


async def revise(u: Unit, reading: Reading, *, sent_at: datetime, text: str, chat_id: int,
                 message_id: int, confident: bool) -> Revised | None:
    """An edited message: its entries follow the new text, in place.

    None: the message stored nothing, so the edit is read as a new message. One the
    user had undone stays undone: an edit never brings an entry back."""
    existing = await u.entries.from_message(chat_id, message_id)
    if not existing:
        return None
    live = [e for e in existing if e.deleted_at is None]
    loggable = reading.intent in ("no_cramp", "supplement", "stretch") or (
        reading.intent == "cramp" and confident)
    if not loggable:
        return Revised("unreadable", [to_entry(e) for e in live])
    if not live:
        return Revised("removed", [])
    rows = rows_of(u, reading, sent_at, text)
    flags = ",".join(reading.red_flags)
    kept = []
    for i, row in enumerate(rows):
        fields = {**blank_fields(), **row, "text": text, "red_flags": flags}
        if i < len(existing):
            if existing[i].deleted_at is None:
                kept.append(await u.entries.update(existing[i], **fields))
        else:
            kept.append(await u.entries.add_part(
                {**fields, "source": "text", "chat_id": chat_id, "message_id": message_id}, i))
    await u.entries.soft_delete([e for e in existing[len(rows):] if e.deleted_at is None])
    return Revised("updated", [to_entry(e) for e in kept])

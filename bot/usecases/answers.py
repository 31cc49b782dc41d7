"""What a message means beyond "something happened": an answer to the question last
asked, a dose or stretch NOT done, a correction of the entry just made, a sensation
that is not a new cramp."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..parsing import Reading
from ..parsing.model import Correction
from . import diary
from .results.diary import Changed
from .results.logging import Logged
from .unit import Unit, to_entry

ANSWERABLE = timedelta(hours=12)  # a "yes" answers a question asked this recently
CORRECTABLE = timedelta(hours=24)  # "oops, it was the left" changes an entry this recent


async def ask(u: Unit, question: str, now: datetime) -> None:
    """Remember the yes/no question just put (button data, or "checkin:<occurrence>")."""
    await u.users.update(u.user, asked=question[:80], asked_at=now)


async def pending(u: Unit, now: datetime) -> str | None:
    """The question a typed yes/no answers (then forgotten), if one is recent."""
    asked, at = u.user.asked, u.user.asked_at
    if asked is None or at is None:
        return None
    await u.users.update(u.user, asked=None, asked_at=None)
    return asked if now - at <= ANSWERABLE else None


async def skip(u: Unit, reading: Reading, *, sent_at: datetime, text: str, source: str,
               chat_id: int | None, message_id: int | None) -> Logged:
    """ "Forgot my K2", "didn't stretch": one "skipped" entry per thing not done."""
    rows = [{"kind": "skipped", "at": sent_at, "name": name, "text": text, "source": source,
             "chat_id": chat_id, "message_id": message_id, "red_flags": ",".join(reading.red_flags)}
            for name in reading.skipped]
    stored, duplicate = await u.entries.add(rows)
    return Logged([to_entry(e) for e in stored if e.deleted_at is None], duplicate)


async def sensation(u: Unit, reading: Reading, *, sent_at: datetime, text: str, source: str,
                    chat_id: int | None, message_id: int | None) -> Logged:
    """A sensation or sign that is not a new cramp, kept as a symptom entry (it is
    never counted as a cramp; its red flags, if any, go to the clinician report)."""
    symptom = reading.symptom
    row = {"kind": "symptom", "at": symptom.occurred_at if symptom else sent_at,
           "muscle": symptom.muscle if symptom else None, "side": symptom.side if symptom else None,
           "text": text, "source": source, "chat_id": chat_id, "message_id": message_id,
           "red_flags": ",".join(reading.red_flags)}
    stored, duplicate = await u.entries.add([row])
    return Logged([to_entry(e) for e in stored if e.deleted_at is None], duplicate)


async def correct_last(u: Unit, correction: Correction, now: datetime) -> tuple[Changed, str]:
    """Apply a correction to the latest entry (a cramp, or any entry for a time):
    (what it is now, the first field changed). Nothing is added, nothing deleted."""
    changes = correction.changes()
    rows = await u.entries.page(0, 5)
    fields = set(changes) - {"occurred_at"}
    target = next((r for r in rows if r.kind == "cramp" or not fields), None)
    if target is None or now - target.created_at > CORRECTABLE:
        return Changed(None), ""
    result, first = Changed(to_entry(target), to_entry(target)), ""
    for field, value in changes.items():
        name = "at" if field == "occurred_at" else field
        if name == "duration_s" and isinstance(value, int):
            value = max(1, value)
        step = await diary.change(u, target.id, name, value, now)
        if step.entry is not None:
            first = first or name
            result = Changed(step.entry, result.before)
    return result, first

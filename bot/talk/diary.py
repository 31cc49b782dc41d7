"""Words for /diary: a page of entries, the choices for one field, what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from .. import buttons as b
from ..kinds import Entry
from ..replies import Button, Reply
from ..usecases.results.diary import Changed, Deleted, DiaryPage, FieldChoices
from ..usecases.results.logging import Logged
from .common import Speech, describe, duration_words, muscle_buttons, side_buttons, undo_button

DURATIONS = (10, 30, 60, 120, 300, 600, 900)
SEVERITIES = (2, 5, 7, 9)
SEVERITY_WORDS = ("mild", "moderate", "severe", "very_severe")
MOVES = ("-120", "-60", "-30", "-15", "15", "30")


def page(s: Speech, r: DiaryPage, pressed: bool = False) -> Reply:
    t = s.t
    days = {"first": s.day(r.first), "last": s.day(r.last)} if r.first and r.last else {}
    if not r.entries:
        if r.period is not None:
            return Reply(t(f"diary.period_empty.{r.period}", **days))
        return Reply(t("diary.empty" if r.page == 0 else "diary.no_more"), edit=pressed)
    lines = [t(f"diary.period.{r.period}", **days) if r.period else t("diary.title")]
    rows: list[list[Button]] = []
    for n, entry in enumerate(r.entries, start=1):
        lines.append(f"{n}. {describe(s, entry)}")
        rows.append([Button(t("diary.edit", n=n), b.EditEntry(entry.id).pack()),
                     Button(t("diary.delete", n=n), b.DeleteEntry(entry.id).pack())])
    if r.period is not None:  # a period asked for in words: its entries, no paging
        if r.more:
            lines.append(t("diary.period.more"))
        return Reply("\n".join(lines), buttons=rows)
    nav = []
    if r.page > 0:
        nav.append(Button(t("diary.newer"), b.DiaryPage(r.page - 1).pack()))
    if r.more:
        nav.append(Button(t("diary.older"), b.DiaryPage(r.page + 1).pack()))
    if nav:
        rows.append(nav)
    return Reply("\n".join(lines), buttons=rows, edit=pressed)


def edit_buttons(s: Speech, entry_id: int, kind: str) -> list[list[Button]]:
    """The fields an Edit reaches, each a button (a cramp has them all)."""
    t = s.t
    fields = ("duration_s", "severity", "count", "at") if kind == "cramp" else ("at",)
    row = [Button(t(f"diary.field.{f}"), b.EditField(entry_id, f).pack()) for f in fields]
    return [row[:2], row[2:]] if len(row) > 2 else [row]


def choices(s: Speech, r: FieldChoices) -> Reply:
    t = s.t
    entry = r.entry
    if entry is None:
        return Reply(t("logged.gone"), edit=True)
    head = t("diary.editing", summary=describe(s, entry)) + "\n\n" + t(f"diary.ask.{r.field}")
    if r.field == "muscle":
        rows = muscle_buttons(t, b.SetMuscle, entry.id)
    elif r.field == "side":
        rows = [side_buttons(t, entry.id)]
    elif r.field == "duration_s":
        row = [Button(duration_words(t, d), b.SetDuration(entry.id, d).pack()) for d in DURATIONS]
        rows = [row[:4], row[4:]]
    elif r.field == "severity":
        rows = [[Button(t(f"severity.{w}").capitalize(), b.SetSeverity(entry.id, v).pack())
                 for v, w in zip(SEVERITIES, SEVERITY_WORDS, strict=True)]]
    elif r.field == "count":
        rows = [[Button(str(n), b.SetCount(entry.id, n).pack()) for n in range(1, 6)]]
    else:
        row = [Button(t("diary.move", sign="−" if m.startswith("-") else "+",
                        duration=duration_words(t, abs(int(m)) * 60)), b.MoveTime(entry.id, m).pack())
               for m in MOVES]
        rows = [row[:3], row[3:]]
    return Reply(head, buttons=[*rows, [undo_button(t, entry.id)]], edit=True)


def _raw(value: object) -> str:
    if isinstance(value, datetime):
        return str(int(value.astimezone(UTC).timestamp()))
    return str(value)


def changed(s: Speech, r: Changed, field: str) -> Reply:
    """What changed, with Undo (back to the value before) and Edit (more changes)."""
    t = s.t
    if r.entry is None:
        return Reply(t("common.expired"), edit=True)
    text = t("diary.changed", summary=describe(s, r.entry))
    rows = [[Button(t("button.edit"), b.EditEntry(r.entry.id).pack())]]
    if r.before is not None and r.before != r.entry:
        old = getattr(r.before, field)
        if old is not None:
            rows[0].insert(0, Button(t("button.undo"),
                                     b.Revert(r.entry.id, field, _raw(old)).pack()))
    return Reply(text, buttons=rows, edit=True)


def deleted(s: Speech, r: Deleted) -> Reply:
    """Removed from /diary, with Undo (which brings it back)."""
    return _one_button(s, r.entry, "logged.already_removed", "logged.removed", "button.undo",
                       b.RestoreEntry)


def restored(s: Speech, r: Changed) -> Reply:
    return _one_button(s, r.entry, "common.expired", "diary.restored", "button.edit", b.EditEntry)


def _one_button(s: Speech, entry: Entry | None, gone: str, said: str, label: str,
                action: type[b.Action]) -> Reply:
    t = s.t
    if entry is None:
        return Reply(t(gone), edit=True)
    return Reply(t(said, summary=describe(s, entry)), edit=True,
                 buttons=[[Button(t(label), action(entry.id).pack())]])


def smalltalk(s: Speech) -> Reply:
    return Reply(s.t("answer.smalltalk"))


def which_question(s: Speech) -> Reply:
    return Reply(s.t("answer.which_question"))


def corrected_last(s: Speech, r: Changed, field: str) -> Reply:
    """ "Oops, it was the left calf": the entry as it is now, with Undo and Edit."""
    if r.entry is None:
        return Reply(s.t("answer.nothing_to_correct"))
    return replace(changed(s, r, field), edit=False)


def skipped(s: Speech, r: Logged) -> Reply:
    t = s.t
    if not r.entries:
        return Reply(t("logged.already") if r.duplicate else t("logged.nothing"))
    summary = "; ".join(describe(s, e) for e in r.entries)
    return Reply(t("answer.skipped", summary=summary), buttons=[[undo_button(t, r.entries[0].id)]])

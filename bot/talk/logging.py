"""Words for the diary's own results: logged, undone, corrected, revised, unsure."""

from __future__ import annotations

from .. import buttons as b
from ..replies import Button, Reply
from ..usecases.results.logging import (
    AdviceOnly,
    AskIfCramp,
    Corrected,
    EditChoices,
    Logged,
    NotUnderstood,
    Revised,
    Undone,
)
from .common import (
    Speech,
    blood_thinner_buttons,
    describe_all,
    muscle_buttons,
    side_buttons,
    supplement_name,
    undo_button,
    why_button,
)


def logged(s: Speech, r: Logged) -> Reply:
    t = s.t
    if not r.entries:
        return Reply(t("logged.already") if r.duplicate else t("logged.nothing"))
    first = r.entries[0]
    lines = [t("logged.again" if r.duplicate else "logged.new", summary=describe_all(s, r.entries))]
    buttons = [[undo_button(t, first.id)]]
    if first.kind == "cramp" and not r.duplicate:
        buttons[0].append(Button(t("button.edit"), b.EditEntry(first.id).pack()))
    flagged = any(e.red_flags for e in r.entries)
    if first.kind == "cramp" and first.muscle is None and not flagged:  # no question after a red flag
        lines.append(t("logged.where"))
        buttons = muscle_buttons(t, b.SetMuscle, first.id) + buttons
    lines += [t(f"advice.{a.key}") for a in r.advice]
    keys = [a.key for a in r.advice if a.level != "info" or a.key == "ease_cramp"]
    if keys:
        buttons[-1].append(why_button(t, keys))
    if r.baseline is not None:
        lines.append(t("logged.baseline_note", until=s.day(r.baseline.until),
                       supplement=supplement_name(t, r.baseline.supplement)))
    if r.ask_blood_thinner:
        lines.append(t("logged.k2_question"))  # no reminder was asked for: just the question
        buttons += blood_thinner_buttons(t)
    return Reply("\n\n".join(lines), buttons=buttons)


def undone(s: Speech, r: Undone, pressed: bool = False) -> Reply:
    if not r.removed:
        return Reply(s.t("logged.already_removed" if pressed else "logged.nothing_to_undo"), edit=pressed)
    return Reply(s.t("logged.removed", summary=describe_all(s, r.removed)), edit=pressed)


def corrected(s: Speech, r: Corrected, with_edit: bool) -> Reply:
    t = s.t
    if r.entry is None:
        return Reply(t("logged.gone"), edit=True)
    row = [undo_button(t, r.entry.id)]
    if with_edit:
        row.append(Button(t("button.edit"), b.EditEntry(r.entry.id).pack()))
    return Reply(t("logged.new", summary=describe_all(s, [r.entry])), edit=True, buttons=[row])


def edit_choices(s: Speech, r: EditChoices) -> Reply:
    """ "Edit": where and which side of a cramp by a tap, and every other field."""
    from .diary import edit_buttons

    t = s.t
    if r.entry is None:
        return Reply(t("logged.gone"), edit=True)
    summary = describe_all(s, [r.entry])
    more = edit_buttons(s, r.entry.id, r.entry.kind)
    if r.entry.kind != "cramp":
        return Reply(t("logged.edit_choices_other", summary=summary), edit=True,
                     buttons=[*more, [undo_button(t, r.entry.id)]])
    return Reply(t("logged.edit_choices", summary=summary), edit=True,
                 buttons=[*muscle_buttons(t, b.SetMuscle, r.entry.id), side_buttons(t, r.entry.id),
                          *more, [undo_button(t, r.entry.id)]])


def revised(s: Speech, r: Revised) -> Reply:
    t = s.t
    if r.status == "unreadable":
        if r.entries:
            return Reply(t("logged.edit_unreadable", summary=describe_all(s, r.entries)))
        return Reply(t("logged.edit_unreadable_nothing"))
    if r.status == "removed" or not r.entries:
        return Reply(t("logged.edit_removed"))
    return Reply(t("logged.updated", summary=describe_all(s, r.entries)),
                 buttons=[[undo_button(t, r.entries[0].id)]])


def ask_if_cramp(s: Speech, r: AskIfCramp) -> Reply:
    t = s.t
    yes = b.ConfirmCramp(r.at, r.side, r.duration_s, r.severity)
    return Reply(t("logged.ask_if_cramp"), buttons=[
        [Button(t("button.yes_cramp"), yes.pack()), Button(t("button.no"), b.NotACramp().pack())],
    ])


def advice_only(s: Speech, r: AdviceOnly) -> Reply:
    """Quinine, or a note of rule 6 or on K2 with warfarin, with nothing to log (red
    flags are added by the router)."""
    keys = (["quinine"] if r.quinine else []) + [a.key for a in r.notes]
    if not keys:
        return Reply("")
    return Reply("\n\n".join(s.t(f"advice.{k}") for k in keys), buttons=[[why_button(s.t, keys)]])


def not_understood(s: Speech, _r: NotUnderstood | None = None) -> Reply:
    t = s.t
    return Reply(t("logged.not_understood"),
                 buttons=[*tap_to_log(t), [Button(t("button.help"), b.Help().pack())]])


def tap_to_log(t) -> list[list[Button]]:
    return [[Button(t("button.log_cramp"), b.LogNew("cramp").pack()),
             Button(t("button.no_cramps"), b.LogNew("none").pack())]]


def not_a_cramp(s: Speech) -> Reply:
    return Reply(s.t("logged.not_a_cramp"), edit=True)

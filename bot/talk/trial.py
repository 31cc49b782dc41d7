"""Words for /trial: choosing, starting, where it stands, stopping, and the scheduler's
steps (the baseline done, the trial over)."""

from __future__ import annotations

from .. import buttons as b
from ..replies import Button, Reply
from ..usecases.results import trial as R
from .catalogue import Texts
from .common import Speech, blood_thinner_buttons, doctor_agreed_button, number, supplement_name
from .recap import comparison_words


def render(s: Speech, r: R.TrialResult | R.TrialStep) -> Reply:
    """Any trial result as a reply (a press's answer edits its message where it did before)."""
    t = s.t
    match r:
        case R.SupplementChoice():
            return Reply(t("trial.which" if r.unknown else "trial.intro"),
                         buttons=_supplement_buttons(t, r.supplements))
        case R.PlanChoice():
            name = supplement_name(t, r.supplement)
            rows = [[Button(t(f"trial_button.plan_{base}_{take}"),
                            b.TrialPlan(r.supplement, base, take).pack())] for base, take in r.plans]
            return Reply(t("trial.how_long", name=name), buttons=rows, edit=True)
        case R.BadPeriods():
            return Reply(t("trial.bad_periods", least=r.least, most=r.most,
                           name=supplement_name(t, r.supplement)))
        case R.NotWithWarfarin():
            key = "k2_unsure" if r.why == "unsure" else "k2_warfarin"
            return Reply(t(f"advice.{key}"), buttons=[doctor_agreed_button(t)])
        case R.AlreadyRunning():
            return Reply(t("trial.already"), edit=True)
        case R.Started():
            return _started(s, r)
        case R.Status():
            return _status(s, r)
        case R.ConfirmStop():
            return Reply(t("trial.confirm_stop", name=supplement_name(t, r.supplement)),
                         buttons=[[Button(t("trial_button.stop_yes"), b.TrialStopConfirmed().pack()),
                                   Button(t("trial_button.stop_no"), b.TrialStatus().pack())]])
        case R.Stopped():
            return Reply(t("trial.stopped", name=supplement_name(t, r.supplement)), edit=True)
        case R.NoTrial():
            return Reply(t("common.expired")) if r.stale else Reply(t("trial.none"), edit=True)
        case R.BaselineDone():
            return _baseline_done(s, r)
        case R.TrialOver():
            return _over(s, r)
    raise TypeError(f"not a trial result: {r!r}")


def _supplement_buttons(t: Texts, names: tuple[str, ...]) -> list[list[Button]]:
    return [[Button(t(f"supplement_button.{n}"), b.TrialSupplement(n).pack()) for n in names]]


def _started(s: Speech, r: R.Started) -> Reply:
    t, trial = s.t, r.trial
    text = t("trial.started", name=supplement_name(t, trial.supplement),
             baseline=trial.baseline_nights, until=s.day(trial.taking_from),
             taking=trial.taking_nights, ends=s.day(trial.ends))
    if r.ask_blood_thinner:
        return Reply(text + "\n\n" + t("advice.k2_blood_thinner_question"), edit=True,
                     buttons=blood_thinner_buttons(t))
    return Reply(text, edit=True)


def _status(s: Speech, r: R.Status) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    if trial.phase == "baseline":
        where = t("trial.status_baseline", night=r.night, nights=trial.baseline_nights, name=name,
                  start=s.day(trial.taking_from))
    else:
        where = t("trial.status_taking", night=r.night, nights=trial.taking_nights, name=name,
                  ends=s.day(trial.ends))
    return Reply(t("trial.status", name=name, where=where),
                 buttons=[[Button(t("trial_button.stop"), b.TrialStop().pack())]])


def _baseline_done(s: Speech, r: R.BaselineDone) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    per_week = (t("trial.per_week", rate=number(t, r.cramps / r.nights * 7)) if r.nights
                else t("trial.no_nights"))
    text = t("trial.baseline_done", per_week=per_week, nights=r.nights,
             baseline=trial.baseline_nights)
    cautions = [t(f"advice.{a.key}") for a in r.advice]
    if r.stopped:
        buttons = (blood_thinner_buttons(t) if r.held == "ask"
                   else [doctor_agreed_button(t)] if r.held else [])
        return Reply("\n\n".join([text, *cautions, t("trial.stopped_here")]), buttons=buttons)
    text += " " + t("trial.take_it", name=name, taking=trial.taking_nights)
    at = f"{r.reminder_at:%H:%M}" if r.reminder_at else ""
    text += " " + t("trial.reminder_stays" if r.reminder_existing else "trial.reminder_set", at=at)
    return Reply("\n\n".join([text, *cautions]),
                 buttons=[[Button(t("trial_button.where"), b.TrialStatus().pack())]])


def _over(s: Speech, r: R.TrialOver) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    lines = [t("trial.over", name=name),
             t("trial.baseline_line", cramps=r.baseline.cramps, nights=r.baseline.nights,
               of=trial.baseline_nights),
             t("trial.taking_line", name=name, cramps=r.taking.cramps, nights=r.taking.nights,
               of=trial.taking_nights, days=r.days_taken)]
    if r.comparison is None:
        lines.append(t("trial.too_few", least=r.min_nights))
    else:
        lines.append(comparison_words(s, r.comparison, name))
    lines.append(t("trial.carry_on"))
    return Reply("\n\n".join(lines))

"""Words for /trial: choosing, starting, where it stands, stopping, the scheduler's steps
(the run-in done, each block, the end) and the result, which /trial and the PDF show
again with the same words."""

from __future__ import annotations

from .. import buttons as b
from ..nof1 import MIN_NIGHTS, MIN_RUN_IN_NIGHTS, RUN_IN_NIGHTS
from ..replies import Button, Reply
from ..stats import Period
from ..usecases.results import trial as R
from .catalogue import Texts
from .common import (
    Speech,
    blood_thinner_buttons,
    capital,
    doctor_agreed_button,
    number,
    percent,
    supplement_name,
    unclear_words,
)


def render(s: Speech, r: R.TrialResult | R.TrialStep) -> Reply:
    """Any trial result as a reply (a press's answer edits its message where it did before)."""
    t = s.t
    match r:
        case R.SupplementChoice():
            return Reply(t("trial.which" if r.unknown else "trial.intro", run_in=RUN_IN_NIGHTS),
                         buttons=supplement_buttons(t, r.supplements))
        case R.PlanChoice():
            return _plans(s, r)
        case R.BadPlan():
            return Reply(t("trial.bad_plan", pairs_least=r.pairs[0], pairs_most=r.pairs[1],
                           least=r.nights[0], most=r.nights[1],
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
            return Reply(" ".join([t("trial.stopped"), *_restored(t, r.supplement, r.restored)]),
                         edit=True)
        case R.NoTrial():
            return Reply(t("common.expired")) if r.stale else Reply(t("trial.none"), edit=True)
        case R.KeyHidden():
            return Reply(t("trial.key_hidden", n=r.blocks), edit=True)
        case R.GuessNoted():
            if r.outcome is not None:
                return Reply(outcome_words(s, r.outcome), edit=True)
            return Reply(t("trial.guess_noted", block=r.block), edit=True)
        case R.Finished():
            return _finished(s, r)
        case R.NotEligible():
            name = supplement_name(t, r.trial.supplement)
            key = ("trial.not_eligible_nights" if r.run_in.nights < MIN_RUN_IN_NIGHTS
                   else "trial.not_eligible")
            return Reply(" ".join([
                t(key, n=r.run_in.cramps, nights=r.run_in.nights,
                  of=r.trial.run_in_nights, least=r.least, name=name),
                *_restored(t, r.trial.supplement, r.restored)]))
        case R.Held():
            return _held(s, r)
        case R.BlockStarts():
            return _block(s, r)
        case R.TrialOver():
            return _over(s, r)
    raise TypeError(f"not a trial result: {r!r}")


def supplement_buttons(t: Texts, names: tuple[str, ...]) -> list[list[Button]]:
    return [[Button(t(f"supplement_button.{n}"), b.TrialSupplement(n).pack()) for n in names]]


def _plans(s: Speech, r: R.PlanChoice) -> Reply:
    t, name = s.t, supplement_name(s.t, r.supplement)
    rows = [[Button(t("trial_button.plan", pairs=pairs, weeks=nights // 7,
                      total=(r.run_in + 2 * pairs * nights) // 7),
                    b.TrialBlocks(r.supplement, pairs, nights, int(r.blinded)).pack())]
            for pairs, nights in r.plans]
    if r.blinded:
        text = t("trial.how_long_blinded", name=name, washout=r.washout, run_in=r.run_in)
    else:
        text = t("trial.how_long", name=name, washout=r.washout, run_in=r.run_in)
        rows.append([Button(t("trial_button.blind"), b.TrialBlind(r.supplement).pack())])
    return Reply(text, buttons=rows, edit=True)


def _restored(t: Texts, supplement: str, n: int) -> list[str]:
    return [t("trial.reminders_back", n=n, name=supplement_name(t, supplement))] if n else []


def _key(t: Texts, trial: R.TrialInfo) -> str:
    return ", ".join(t("trial.key_real" if on else "trial.key_fake", n=i + 1)
                     for i, on in enumerate(trial.blocks))


def _started(s: Speech, r: R.Started) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    fields = dict(name=name, run_in=trial.run_in_nights, until=s.day(trial.blocks_from),
                  blocks=len(trial.blocks), block_nights=trial.block_nights,
                  ends=s.day(trial.ends), at=f"{r.dose_at:%H:%M}")
    parts = [t("trial.started_blinded" if trial.blinded else "trial.started", **fields)]
    if r.paused:
        parts.append(t("trial.paused", n=len(r.paused), name=name,
                       times=", ".join(f"{at:%H:%M}" for at in r.paused)))
    buttons: list[list[Button]] = []
    if trial.blinded:
        parts.append(t("trial.key", key=_key(t, trial), block_nights=trial.block_nights))
        buttons = [[Button(t("trial_button.key_hidden"), b.TrialKeyHidden().pack())]]
    if r.ask_blood_thinner:
        parts.append(t("advice.k2_blood_thinner_question"))
        buttons = blood_thinner_buttons(t) + buttons
    return Reply("\n\n".join(parts), edit=True, buttons=buttons)


def _status(s: Speech, r: R.Status) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    if trial.block == 0:
        where = t("trial.status_run_in", night=r.night, nights=trial.run_in_nights, name=name,
                  start=s.day(trial.blocks_from))
    else:
        key = ("trial.status_blinded" if trial.blinded
               else "trial.status_on" if trial.blocks[trial.block - 1] else "trial.status_off")
        where = t(key, block=trial.block, blocks=len(trial.blocks), night=r.night,
                  nights=trial.block_nights, name=name,
                  next=s.day(trial.block_first(trial.block + 1)))
    return Reply(t("trial.status", name=name, where=where),
                 buttons=[[Button(t("trial_button.stop"), b.TrialStop().pack())]])


def _run_in_line(t: Texts, run_in: Period, of: int) -> str:
    per_week = (t("trial.per_week", rate=number(t, run_in.per_week)) if run_in.nights
                else t("trial.no_nights"))
    return t("trial.run_in_done", per_week=per_week, nights=run_in.nights, of=of)


def _held(s: Speech, r: R.Held) -> Reply:
    t = s.t
    parts = [_run_in_line(t, r.run_in, r.trial.run_in_nights)] if r.run_in is not None else []
    parts += [t(f"advice.{a.key}") for a in r.advice]
    parts.append(t("trial.stopped_here"))
    buttons = (blood_thinner_buttons(t) if r.held == "ask"
               else [doctor_agreed_button(t)] if r.held else [])
    return Reply("\n\n".join(parts), buttons=buttons)


def _guess_buttons(t: Texts, block: int, with_result: bool) -> list[list[Button]]:
    rows = [[Button(t("trial_button.guess_real"), b.TrialGuess(block, "r").pack()),
             Button(t("trial_button.guess_fake"), b.TrialGuess(block, "l").pack()),
             Button(t("trial_button.guess_unsure"), b.TrialGuess(block, "u").pack())]]
    if with_result:
        rows.append([Button(t("trial_button.result"), b.TrialResultShown().pack())])
    return rows


def _block(s: Speech, r: R.BlockStarts) -> Reply:
    t, trial = s.t, r.trial
    name = supplement_name(t, trial.supplement)
    parts = [_run_in_line(t, r.run_in, trial.run_in_nights)] if r.run_in is not None else []
    key = ("trial.block_blinded" if trial.blinded
           else "trial.block_on" if trial.blocks[r.block - 1] else "trial.block_off")
    parts.append(t(key, block=r.block, blocks=len(trial.blocks), name=name,
                   nights=trial.block_nights, at=f"{r.dose_at:%H:%M}",
                   next=s.day(trial.block_first(r.block + 1))))
    parts += [t(f"advice.{a.key}") for a in r.advice]
    if r.guess is not None:
        parts.append(t("trial.guess_ask", block=r.guess))
        return Reply("\n\n".join(parts), buttons=_guess_buttons(t, r.guess, with_result=False))
    return Reply("\n\n".join(parts), buttons=[[Button(t("trial_button.where"),
                                                      b.TrialStatus().pack())]])


def _over(s: Speech, r: R.TrialOver) -> Reply:
    t = s.t
    restored = _restored(t, r.outcome.trial.supplement, r.restored)
    if r.guess is not None:
        text = " ".join([t("trial.over_blinded", block=r.guess), *restored])
        return Reply(text, buttons=_guess_buttons(t, r.guess, with_result=True))
    return Reply("\n\n".join([outcome_words(s, r.outcome), *restored]))


def _finished(s: Speech, r: R.Finished) -> Reply:
    t = s.t
    new = [[Button(t("trial_button.new"), b.TrialSupplement(r.trial.supplement).pack())]]
    if r.outcome is None:
        key = ("trial.last_not_eligible_nights" if r.run_in.nights < MIN_RUN_IN_NIGHTS
               else "trial.last_not_eligible")
        return Reply(t(key, name=supplement_name(t, r.trial.supplement),
                       n=r.run_in.cramps, nights=r.run_in.nights, of=r.trial.run_in_nights,
                       start=s.day(r.trial.first_night)), buttons=new)
    return Reply(outcome_words(s, r.outcome), buttons=new)


def design_words(s: Speech, trial: R.TrialInfo) -> str:
    """The design in a sentence, with the order (a blinded one's only once it is over)."""
    t = s.t
    name = supplement_name(t, trial.supplement)
    if not any(not on for on in trial.blocks):  # a before/after trial from before blocks
        return t("trial.design_before_after", name=name, start=s.day(trial.first_night),
                 run_in=trial.run_in_nights, nights=trial.block_nights * len(trial.blocks))
    words = ("trial.order_real", "trial.order_fake") if trial.blinded else ("trial.order_on",
                                                                            "trial.order_off")
    order = ", ".join(t(words[0] if on else words[1]) for on in trial.blocks)
    return t("trial.design_blinded" if trial.blinded else "trial.design", name=name,
             start=s.day(trial.first_night), ends=s.day(trial.ends), run_in=trial.run_in_nights,
             blocks=len(trial.blocks), nights=trial.block_nights, washout=trial.washout,
             order=order)


def result_words(s: Speech, o: R.Outcome) -> list[str]:
    """The result: the rates, then what they say and how sure, with the sceptic's reading
    beside it; severity and length; adherence; guesses. Claims no more than the interval."""
    t, a = s.t, o.analysis
    name = supplement_name(t, o.trial.supplement)
    lines = []
    if a.ratio is None or a.helps is None or min(a.on.nights, a.off.nights) < MIN_NIGHTS:
        lines.append(t("trial.too_few", least=MIN_NIGHTS, on=a.on.nights, off=a.off.nights))
    else:
        rr, h = a.ratio, a.helps
        lines.append(t("trial.rates", name=name, on=number(t, a.on.per_week or 0.0),
                       on_nights=a.on.nights, off=number(t, a.off.per_week or 0.0),
                       off_nights=a.off.nights))
        chance = dict(p=_chance(t, h.probability), sceptic=_chance(t, h.sceptical))
        if not o.taken_daily:
            lines.append(t("trial.low_adherence_blinded" if o.trial.blinded
                           else "trial.low_adherence", name=capital(name), taken=o.taken_on,
                           days=o.days_on))
        if o.verdict == "helps" and rr.high < 1 and o.taken_daily:
            # the size from the posterior median: no cramps taking it is not "100% fewer"
            lines.append(t("trial.helps", change=percent(t, 1 - h.ratio),
                           low=percent(t, 1 - rr.high), high=percent(t, 1 - rr.low), **chance))
        elif o.verdict == "worse" or rr.low > 1:
            lines.append(t("trial.worse", **chance))
        else:
            lines.append(unclear_words(t, "trial", rr, **chance))
    severity, minutes = o.severity, o.minutes
    if None not in severity:
        lines.append(t("trial.severity", on=number(t, severity[0]), off=number(t, severity[1])))
    if None not in minutes:
        lines.append(t("trial.minutes", on=number(t, minutes[0]), off=number(t, minutes[1])))
    if o.trial.blinded:
        lines.append(t("trial.adherence_blinded", taken=o.taken_on, days=o.days_on))
    else:
        lines.append(t("trial.adherence", name=capital(name), taken=o.taken_on, days=o.days_on,
                       taken_off=o.taken_off, days_off=o.days_off))
    if o.guesses is not None:
        right, answered = o.guesses
        lines.append(t("trial.guesses", right=right, n=answered) if answered
                     else t("trial.no_guesses"))
    if o.guesses is not None and o.guesses[1] >= 4 and o.guesses[0] / o.guesses[1] >= 0.75:
        lines.append(t("trial.caveat_guessed"))  # the blinding may not have held
    else:
        lines.append(t("trial.caveat_blinded" if o.trial.blinded else "trial.caveat"))
    return lines


def _chance(t: Texts, p: float) -> str:
    """A probability as a percentage that never rounds to a certainty."""
    if p > 0.99:
        return ">" + percent(t, 0.99)
    if p < 0.01:
        return "<" + percent(t, 0.01)
    return percent(t, p)


def outcome_words(s: Speech, o: R.Outcome) -> str:
    t = s.t
    head = t("trial.over", name=supplement_name(t, o.trial.supplement))
    return "\n\n".join([head, design_words(s, o.trial), *result_words(s, o),
                        t("trial.carry_on")])


"""Words for looking back: the week, comparisons, the report and the export."""

from __future__ import annotations

from .. import buttons as b
from ..recap import Comparison, WeekSummary
from ..replies import Button, Document, Reply
from ..usecases.results.recap import Adherence, Export, WeekRecap
from .catalogue import Texts
from .common import (
    Speech,
    capital,
    duration_words,
    number,
    percent,
    supplement_name,
    unclear_words,
    why_button,
)


def week_words(t: Texts, w: WeekSummary) -> str:
    """ "3 cramps on 2 nights, 4 nights without (average severity 6/10, longest 3 min)."."""
    if w.cramps == 0 and w.free_nights == 0:
        return t("recap.nothing")
    logged = t("recap.logged", n=w.logged, of=w.nights)
    text = t("recap.cramps", n=w.cramps)
    if w.cramps:
        text += t("recap.on_nights", n=w.cramp_nights)
    if w.free_nights:
        text += t("recap.free_nights", n=w.free_nights)
    extras = []
    if w.mean_severity is not None:
        extras.append(t("recap.mean_severity", mean=number(t, w.mean_severity)))
    if w.longest_s is not None:
        extras.append(t("recap.longest", duration=duration_words(t, w.longest_s)))
    return text + (f" ({', '.join(extras)})" if extras else "") + "; " + logged + "."


def trend(t: Texts, this_week: WeekSummary, last_week: WeekSummary) -> str:
    """This week against last, per logged night (a week with few logged nights says
    nothing: one logged Tuesday is not "fewer than last week")."""
    now, before = this_week.per_night, last_week.per_night
    if now is None or before is None or this_week.logged < 3 or last_week.logged < 3:
        return ""
    if now == before:
        return t("recap.same") if now else ""
    return t("recap.fewer" if now < before else "recap.more")




def comparison_words(s: Speech, c: Comparison, name: str) -> str:
    """Plain words that claim no more than the interval: "fewer" or "more" only when
    all of it says so, else "too few nights to tell"; and the caveats that apply."""
    t = s.t
    head = t("compare.head", name=capital(name), before_nights=c.before.nights,
             before=number(t, c.before_per_week), after_nights=c.after.nights,
             after=number(t, c.after_per_week), start=s.day(c.started))
    rr = c.rr
    if rr.verdict == "fewer":
        change = t("compare.fewer", change=percent(t, 1 - rr.ratio), low=percent(t, 1 - rr.high),
                   high=percent(t, 1 - rr.low))
    elif rr.verdict == "more":
        change = t("compare.more", change=percent(t, rr.ratio - 1), low=percent(t, rr.low - 1),
                   high=percent(t, rr.high - 1) if rr.high != float("inf") else t("compare.any"))
    else:
        change = unclear_words(t, "compare", rr)
    parts = [head, change, t("compare.caveat")]
    if c.next_look is not None:
        parts.append(t("compare.next_look", day=s.day(c.next_look)))
    return " ".join(parts)


def adherence_lines(t: Texts, adherence: list[Adherence]) -> list[str]:
    return [t("recap.adherence", name=capital(supplement_name(t, a.supplement)), days=a.days, of=a.of)
            for a in adherence]


def week(s: Speech, r: WeekRecap) -> Reply:
    """The recap in words (the router adds the chart)."""
    t, rc = s.t, r.recap
    lines = [t("recap.this_week", start=s.day(rc.this_week.start), summary=week_words(t, rc.this_week)),
             t("recap.last_week", summary=week_words(t, rc.last_week))]
    compared = trend(t, rc.this_week, rc.last_week)
    if compared:
        lines.append(compared)
    if rc.earlier_mean is not None:
        lines.append(t("recap.earlier", n=rc.earlier_weeks, mean=number(t, rc.earlier_mean)))
    text = "\n".join(lines)
    extra = adherence_lines(t, r.adherence)
    if r.stretch_days:
        extra.append(t("recap.stretching", days=r.stretch_days))
    if extra:
        text += "\n" + "; ".join(extra) + "."
    for name, comparison in r.comparisons:
        text += "\n\n" + comparison_words(s, comparison, supplement_name(t, name))
    for name in r.by_trial:
        text += "\n\n" + t("recap.by_trial", name=capital(supplement_name(t, name)))
    buttons: list[list[Button]] = []
    if r.advice:
        text += "\n\n" + "\n\n".join(t(f"advice.{a.key}") for a in r.advice)
        buttons = [[why_button(t, r.advice)]]
    return Reply(text, buttons=buttons)


def export(s: Speech, r: Export, pressed: bool = False) -> Reply:
    """/export (CSV, or JSON with "json"), or the "As JSON" button."""
    t = s.t
    day = s.pattern(s.local(s.now), "iso_day")
    ext = "json" if r.as_json else "csv"
    document = Document(t("export.filename", day=day, ext=ext), r.content.encode("utf-8"),
                        caption=t("export.caption_json" if r.as_json else "export.caption_csv"))
    if pressed:
        return Reply(t("export.json_reply"), document=document)
    return Reply(t("export.reply", n=r.rows), document=document,
                 buttons=[] if r.as_json else [[Button(t("export.as_json"), b.ExportJson().pack())]])


def report_reply(s: Speech, pdf: bytes) -> Reply:
    t = s.t
    day = s.pattern(s.local(s.now), "iso_day")
    return Reply(t("report.reply"), document=Document(t("report.filename", day=day), pdf,
                                                     caption=t("report.caption")))

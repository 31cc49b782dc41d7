"""Words for looking back: the week, comparisons, the report and the export."""

from __future__ import annotations

from .. import buttons as b
from ..recap import Comparison, WeekSummary
from ..replies import Button, Document, Reply
from ..usecases.results.recap import Adherence, Export, WeekRecap
from .catalogue import Texts
from .common import Speech, capital, duration_words, supplement_name, why_button


def week_words(t: Texts, w: WeekSummary) -> str:
    """ "3 cramps on 2 nights, 4 nights without (average severity 6/10, longest 3 min)."."""
    if w.cramps == 0 and w.free_nights == 0:
        return t("recap.nothing")
    text = t("recap.cramps", n=w.cramps)
    if w.cramps:
        text += t("recap.on_nights", n=w.cramp_nights)
    if w.free_nights:
        text += t("recap.free_nights", n=w.free_nights)
    extras = []
    if w.mean_severity is not None:
        extras.append(t("recap.mean_severity", mean=f"{w.mean_severity:g}"))
    if w.longest_s is not None:
        extras.append(t("recap.longest", duration=duration_words(t, w.longest_s)))
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


def trend(t: Texts, this_week: int, last_week: int) -> str:
    if this_week == last_week:
        return t("recap.same") if this_week else ""
    return t("recap.fewer" if this_week < last_week else "recap.more")


def _percent(x: float) -> str:
    return f"{x:.0%}"


def comparison_words(s: Speech, c: Comparison, name: str) -> str:
    """Plain words, no claim the numbers do not support."""
    t = s.t
    head = t("compare.head", name=name, before_weeks=f"{c.before_weeks:.0f}",
             before=f"{c.before_per_week:.1f}", after_weeks=f"{c.after_weeks:.0f}",
             after=f"{c.after_per_week:.1f}")
    if c.high < 1:
        change = t("compare.fewer", change=_percent(1 - c.ratio), low=_percent(1 - c.high),
                   high=_percent(1 - c.low))
    elif c.low > 1:
        change = t("compare.more", change=_percent(c.ratio - 1), low=_percent(c.low - 1),
                   high=_percent(c.high - 1))
    else:
        change = t("compare.chance")
    return f"{head} {change} {t('compare.caveat')}"


def adherence_lines(t: Texts, adherence: list[Adherence]) -> list[str]:
    return [t("recap.adherence", name=capital(supplement_name(t, a.supplement)), days=a.days, of=a.of)
            for a in adherence]


def week(s: Speech, r: WeekRecap) -> Reply:
    """The recap in words (the router adds the chart)."""
    t, rc = s.t, r.recap
    lines = [t("recap.this_week", start=s.day(rc.this_week.start), summary=week_words(t, rc.this_week)),
             t("recap.last_week", summary=week_words(t, rc.last_week))]
    compared = trend(t, rc.this_week.cramps, rc.last_week.cramps)
    if compared:
        lines.append(compared)
    if rc.earlier_mean is not None:
        lines.append(t("recap.earlier", n=rc.earlier_weeks, mean=f"{rc.earlier_mean:g}"))
    text = "\n".join(lines)
    extra = adherence_lines(t, r.adherence)
    if r.stretch_days:
        extra.append(t("recap.stretching", days=r.stretch_days))
    if extra:
        text += "\n" + "; ".join(extra) + "."
    for name, comparison in r.comparisons:
        text += "\n\n" + comparison_words(s, comparison, supplement_name(t, name))
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

"""The dashboard's words and pictures, rendered on the server from the core's results.

Every word comes from the catalogue (`texts(language)`), most of them the very
sentences the chat says (`bot.talk`); the charts are SVG with a <title> on every mark
and a table beside them, so a screen reader and a person at 200% text size get the
same numbers. Colours come from the page's CSS (Telegram's theme variables): no
meaning is carried by colour alone (a night with cramps has its number, a cramp-free
night a tick in a circle, a night with no data an empty dashed square).
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from bot.kinds import Entry
from bot.reminders import KIND_CHECKIN, KIND_RECAP, KIND_STRETCH, TIME_CHOICES
from bot.talk import recap as recap_talk
from bot.talk import trial as trial_talk
from bot.talk.catalogue import Texts, texts
from bot.talk.common import Speech, capital, describe, duration_words
from bot.talk.reminders import days_words, reminder_name
from bot.usecases.diary import FIELDS
from bot.usecases.results.dashboard import EntryPage, Night, Summary
from bot.usecases.results.reminders import ReminderInfo
from bot.usecases.results.trial import Status
from bot.vocab import MUSCLES, SIDES
from bot.zones import zone

PAGE_WORDS = ("title", "loading", "outside", "outside_link", "refused", "failed", "saved",
              "not_saved", "deleted", "calendar", "legend_none", "legend_free", "legend_cramps",
              "trend", "show_table", "this_week", "adherence", "trial", "entries", "more",
              "edit", "delete", "done", "reminders", "field_muscle", "field_side",
              "field_duration", "field_severity", "field_count", "field_at", "no_entries",
              "too_many", "reload")
SHELL_WORDS = ("title", "loading", "outside", "outside_link", "refused", "failed", "too_many")


def speech(language: str, tz: str, now: datetime) -> Speech:
    return Speech(texts(language), zone(tz), now, tz)  # type: ignore[arg-type]


def words(t: Texts, keys: tuple[str, ...] = PAGE_WORDS) -> dict[str, str]:
    return {k: t(f"webapp.{k}") for k in keys}


# ---- the calendar of nights -----------------------------------------------------------

CELL, GAP, HEAD = 40, 6, 24


def night_title(s: Speech, n: Night) -> str:
    day = s.day(n.night)
    if n.cramps is None:
        return s.t("webapp.night_none", day=day)
    if n.cramps == 0:
        return s.t("webapp.night_free", day=day)
    return s.t("webapp.night_cramps", day=day, n=n.cramps)


def calendar_svg(s: Speech, nights: list[Night]) -> str:
    """Seven columns (Monday's night first), a row a week; each night a shape with its
    number and a <title> in words."""
    t = s.t
    weeks = (len(nights) + 6) // 7
    width, height = 7 * (CELL + GAP), HEAD + weeks * (CELL + GAP)
    out = [f'<svg class="calendar" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="cal-t" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="cal-t">{escape(t("webapp.calendar"))}</title>']
    for i in range(7):
        label = s.pattern(nights[i].night, "weekday") if i < len(nights) else ""
        x = i * (CELL + GAP) + CELL / 2
        out.append(f'<text class="head" x="{x}" y="16" text-anchor="middle">{escape(label)}</text>')
    for i, n in enumerate(nights):
        x, y = (i % 7) * (CELL + GAP), HEAD + (i // 7) * (CELL + GAP)
        cx, cy = x + CELL / 2, y + CELL / 2
        title = f"<title>{escape(night_title(s, n))}</title>"
        if n.cramps is None:
            shape = (f'<rect class="none" x="{x + 3}" y="{y + 3}" width="{CELL - 6}" '
                     f'height="{CELL - 6}" rx="4"/>')
        elif n.cramps == 0:
            shape = (f'<circle class="free" cx="{cx}" cy="{cy}" r="{CELL / 2 - 3}"/>'
                     f'<text class="mark" x="{cx}" y="{cy + 6}" text-anchor="middle">'
                     f'{escape(t("webapp.free_mark"))}</text>')
        else:
            shape = (f'<rect class="cramps" x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2"/>'
                     f'<text class="count" x="{cx}" y="{cy + 7}" text-anchor="middle">{n.cramps}</text>')
        out.append(f'<g class="night" data-night="{n.night.isoformat()}" '
                   f'data-cramps="{"" if n.cramps is None else n.cramps}">{title}{shape}</g>')
    out.append("</svg>")
    return "".join(out)


def _mark(t: Texts, n: Night) -> str:
    if n.cramps is None:
        return t("webapp.none_mark")
    return t("webapp.free_mark") if n.cramps == 0 else str(n.cramps)


def calendar_table(s: Speech, nights: list[Night]) -> str:
    t = s.t
    head = "".join(f"<th scope=\"col\">{escape(s.pattern(n.night, 'weekday'))}</th>"
                   for n in nights[:7])
    rows = []
    for w in range(0, len(nights), 7):
        week = nights[w:w + 7]
        cells = "".join(f"<td title=\"{escape(night_title(s, n))}\">{escape(_mark(t, n))}</td>"
                        for n in week)
        rows.append(f"<tr><th scope=\"row\">{escape(s.pattern(week[0].night, 'week_of'))}</th>{cells}</tr>")
    return (f"<table class=\"calendar-table\"><caption>{escape(t('webapp.calendar'))}</caption>"
            f"<thead><tr><th scope=\"col\">{escape(t('webapp.week_col'))}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


# ---- the trend: cramps a week, 12 weeks ------------------------------------------------

def week_title(s: Speech, point: Any) -> str:
    day = s.day(point.start)
    if not point.nights_with_data:
        return s.t("webapp.week_none", day=day)
    return s.t("webapp.week_bar", day=day, n=point.cramps, logged=point.nights_with_data)


def trend_svg(s: Speech, series: list[Any]) -> str:
    t = s.t
    bar, gap, top, base = 40, 10, 24, 180
    width = len(series) * (bar + gap)
    peak = max([p.cramps for p in series] + [1])
    out = [f'<svg class="trend" viewBox="0 0 {width} {base + 40}" role="img" '
           f'aria-labelledby="trend-t" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="trend-t">{escape(t("webapp.trend"))}</title>',
           f'<line class="axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>']
    for i, p in enumerate(series):
        x = i * (bar + gap) + gap / 2
        title = f"<title>{escape(week_title(s, p))}</title>"
        label = (f'<text class="tick" x="{x + bar / 2}" y="{base + 22}" text-anchor="middle">'
                 f'{escape(s.pattern(p.start, "week_of"))}</text>')
        if not p.nights_with_data:
            shape = (f'<rect class="none" x="{x}" y="{base - 30}" width="{bar}" height="30"/>'
                     f'<text class="value" x="{x + bar / 2}" y="{base - 36}" text-anchor="middle">'
                     f'{escape(t("webapp.none_mark"))}</text>')
        else:
            h = (base - top) * p.cramps / peak
            shape = (f'<rect class="bar" x="{x}" y="{base - h}" width="{bar}" height="{h}"/>'
                     f'<text class="value" x="{x + bar / 2}" y="{base - h - 6}" text-anchor="middle">'
                     f'{p.cramps}</text>')
        out.append(f'<g class="week" data-week="{p.start.isoformat()}" data-cramps="{p.cramps}" '
                   f'data-logged="{p.nights_with_data}">{title}{shape}{label}</g>')
    out.append("</svg>")
    return "".join(out)


def trend_table(s: Speech, series: list[Any]) -> str:
    t = s.t
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(s.day(p.start))}</th>"
        f"<td>{p.cramps if p.nights_with_data else escape(t('webapp.none_mark'))}</td>"
        f"<td>{p.nights_with_data}/7</td></tr>" for p in series)
    return (f"<table class=\"trend-table\"><caption>{escape(t('webapp.trend'))}</caption>"
            f"<thead><tr><th scope=\"col\">{escape(t('webapp.week_col'))}</th>"
            f"<th scope=\"col\">{escape(t('webapp.cramps_col'))}</th>"
            f"<th scope=\"col\">{escape(t('webapp.logged_col'))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


# ---- the trial -------------------------------------------------------------------------

def trial_block(s: Speech, summary: Summary) -> dict[str, Any]:
    """Where a running trial stands, in the chat's words, and its timeline: the run-in,
    then each block (taking it or not; a blinded trial's blocks all look alike)."""
    t = s.t
    if summary.trial is None:
        return {"text": t("webapp.trial_none"), "svg": ""}
    trial, night = summary.trial, summary.trial_night or 1
    text = trial_talk.render(s, Status(trial, night)).text
    total = trial.plan.nights
    done = (summary.nights[-1].night - trial.first_night).days + 1 if summary.nights else 0
    done = max(0, min(done, total))
    width = 300
    scale = width / total
    parts = [f'<rect class="baseline" x="0" y="8" width="{trial.run_in_nights * scale:.1f}" '
             'height="24"/>']
    for i, on in enumerate(trial.blocks):
        x = (trial.run_in_nights + i * trial.block_nights) * scale
        kind = "blinded" if trial.blinded else "taking" if on else "baseline"
        parts.append(f'<rect class="{kind}" x="{x:.1f}" y="8" '
                     f'width="{trial.block_nights * scale:.1f}" height="24"/>')
    split = trial.run_in_nights * scale
    svg = (f'<svg class="timeline" viewBox="0 0 {width} 56" role="img" aria-labelledby="trial-t" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="trial-t">{escape(text)}</title>'
           + "".join(parts) +
           f'<rect class="done" x="0" y="16" width="{done * scale:.1f}" height="8"/>'
           f'<text class="tick" x="2" y="50">{escape(s.day(trial.first_night))}</text>'
           f'<text class="tick" x="{split:.1f}" y="50" text-anchor="middle">'
           f'{escape(s.day(trial.blocks_from))}</text>'
           f'<text class="tick" x="{width - 2}" y="50" text-anchor="end">{escape(s.day(trial.ends))}</text>'
           "</svg>")
    return {"text": text, "svg": svg}


# ---- the summary, the entries, the reminders ------------------------------------------

def summary(s: Speech, r: Summary) -> dict[str, Any]:
    t, rc = s.t, r.week.recap
    said = recap_talk.week(s, r.week).text  # what /week says, word for word
    extra = recap_talk.adherence_lines(t, r.week.adherence)
    if r.week.stretch_days:
        extra.append(t("recap.stretching", days=r.week.stretch_days))
    return {
        "language": t.language,
        "words": words(t),
        "week": said,
        "adherence": extra or [t("webapp.adherence_none")],
        "calendar_svg": calendar_svg(s, r.nights),
        "calendar_table": calendar_table(s, r.nights),
        "trend_svg": trend_svg(s, r.week.series),
        "trend_table": trend_table(s, r.week.series),
        "trial": trial_block(s, r),
        "numbers": {
            "this_week": rc.this_week.cramps, "last_week": rc.last_week.cramps,
            "series": [{"week": p.start.isoformat(), "cramps": p.cramps,
                        "logged": p.nights_with_data} for p in r.week.series],
            "nights": {n.night.isoformat(): n.cramps for n in r.nights},
        },
    }


def _choices(s: Speech) -> dict[str, list[dict[str, Any]]]:
    t = s.t
    return {
        "muscle": [{"value": m, "label": t(f"muscle_button.{m}")} for m in MUSCLES],
        "side": [{"value": v, "label": t(f"button.{v}")} for v in SIDES],
        "severity": [{"value": n, "label": str(n)} for n in range(1, 11)],
        "count": [{"value": n, "label": str(n)} for n in range(1, 11)],
        "duration_s": [{"value": v, "label": duration_words(t, v)}
                       for v in (10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600)],
    }


def entry(s: Speech, e: Entry) -> dict[str, Any]:
    local = e.at.astimezone(s.zone)
    return {
        "id": e.id, "kind": e.kind, "line": describe(s, e, absolute=True),
        "at": e.at.astimezone(UTC).isoformat(), "local": local.strftime("%Y-%m-%dT%H:%M"),
        "editable": list(FIELDS.get(e.kind, ())),
        "values": {f: getattr(e, f) for f in ("muscle", "side", "duration_s", "severity", "count")},
    }


def entries(s: Speech, page: EntryPage) -> dict[str, Any]:
    return {"entries": [entry(s, e) for e in page.entries], "more": page.more,
            "next": page.offset + len(page.entries), "choices": _choices(s)}


def reminder(s: Speech, r: ReminderInfo) -> dict[str, Any]:
    t = s.t
    title = (t(f"reminder_title.{r.kind}") if r.kind in (KIND_STRETCH, KIND_CHECKIN, KIND_RECAP)
             else capital(reminder_name(t, r)))
    line = t("reminders.line_paused" if r.paused else "reminders.line", name=title,
             time=r.local_time, days=days_words(t, r.days))
    toggle = t("reminder_button.resume" if r.paused else "reminder_button.pause", name=title)
    return {"id": r.id, "line": line, "paused": r.paused, "time": r.local_time, "toggle": toggle}


def reminders(s: Speech, items: list[ReminderInfo]) -> dict[str, Any]:
    t = s.t
    times = sorted({f"{at:%H:%M}" for at in TIME_CHOICES} | {r.local_time for r in items})
    return {"reminders": [reminder(s, r) for r in items],
            "none": t("reminders.none"),
            "change_time": t("reminder_button.change_time"),
            "delete": t("reminder_button.delete"), "delete_yes": t("reminder_button.delete_yes"),
            "times": times}


def local_time(s: Speech, value: str) -> datetime | None:
    """A `datetime-local` value ("2026-11-25T03:12") in the user's zone, as UTC."""
    try:
        naive = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except (TypeError, ValueError):
        return None
    return naive.replace(tzinfo=s.zone).astimezone(UTC)


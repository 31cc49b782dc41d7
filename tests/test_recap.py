"""Weekly statistics on hand-made weeks, the chart and the clinician report."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageColor
from pypdf import PdfReader

from bot.kinds import Entry
from bot.recap import WeekPoint, night_of, recap, summarize_week, weekly_series
from bot.router import Incoming, Router
from bot.talk.charts import DARK, ChartWords, week_chart

LONDON = ZoneInfo("Europe/London")


def cramp(at: datetime, count: int = 1, severity: int | None = None,
          duration: int | None = None) -> Entry:
    return Entry(id=0, kind="cramp", at=at.astimezone(UTC), source="text", count=count,
                 severity=severity, duration_s=duration)


def free(at: datetime) -> Entry:
    return Entry(id=0, kind="no_cramp", at=at.astimezone(UTC), source="button")


def test_a_cramp_at_3am_tuesday_belongs_to_mondays_night() -> None:
    assert night_of(datetime(2026, 11, 24, 3, 0, tzinfo=LONDON), LONDON) == date(2026, 11, 23)
    assert night_of(datetime(2026, 11, 23, 23, 0, tzinfo=LONDON), LONDON) == date(2026, 11, 23)


def test_a_hand_made_week() -> None:
    monday = date(2026, 11, 23)
    entries = [
        cramp(datetime(2026, 11, 24, 3, 0, tzinfo=LONDON), count=2, severity=6, duration=120),
        cramp(datetime(2026, 11, 24, 4, 0, tzinfo=LONDON), severity=8, duration=300),
        cramp(datetime(2026, 11, 26, 2, 0, tzinfo=LONDON), severity=7),
        free(datetime(2026, 11, 25, 8, 0, tzinfo=LONDON)),
        free(datetime(2026, 11, 24, 8, 0, tzinfo=LONDON)),  # same night as cramps: not free
        cramp(datetime(2026, 12, 1, 3, 0, tzinfo=LONDON)),  # Monday 30th's night: next week
    ]
    w = summarize_week(entries, monday, LONDON)
    assert (w.cramps, w.cramp_nights, w.free_nights, w.no_data_nights) == (4, 2, 1, 4)
    assert w.mean_severity == 7.0 and w.total_duration_s == 420 and w.longest_s == 300


def test_an_empty_week_is_no_data_not_no_cramps() -> None:
    w = summarize_week([], date(2026, 11, 23), LONDON)
    assert (w.cramps, w.free_nights, w.no_data_nights) == (0, 0, 7)


def test_a_week_across_the_autumn_clock_change() -> None:
    # London falls back in the night of Sat 24 -> Sun 25 Oct 2026
    nights = [datetime(2026, 10, d, 3, 30, tzinfo=LONDON) for d in range(20, 27)]
    w = summarize_week([cramp(n) for n in nights], date(2026, 10, 19), LONDON)
    assert (w.cramps, w.cramp_nights, w.no_data_nights) == (7, 7, 0)


def test_a_user_at_utc_plus_13() -> None:
    auckland = ZoneInfo("Pacific/Auckland")
    at = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 03:00 Wednesday in Auckland
    assert night_of(at, auckland) == date(2026, 11, 24)
    r = recap([cramp(at)], datetime(2026, 11, 25, 9, 0, tzinfo=auckland), auckland)
    assert r.this_week.cramps == 1 and r.this_week.start == date(2026, 11, 23)


def test_weekly_series_for_the_chart() -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    entries = [cramp(now - timedelta(weeks=2)), cramp(now - timedelta(weeks=2, days=1))]
    series = weekly_series(entries, now, LONDON, weeks=4)
    assert [p.cramps for p in series] == [0, 2, 0, 0]
    assert [p.nights_with_data > 0 for p in series] == [False, True, False, False]


def chart(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (800, 600)
    return image


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {c for _, c in image.getcolors(maxcolors=1 << 16)}


def test_the_chart_shows_bars_severity_weeks_without_data_and_a_supplement_start() -> None:
    weeks = [WeekPoint(date(2026, 9, 7) + timedelta(weeks=i), cramps, severity, nights)
             for i, (cramps, severity, nights) in enumerate(
                 [(4, 7.0, 7), (0, None, 0), (3, 5.0, 7), (1, 3.0, 7)])]
    rgb = {name: ImageColor.getrgb(getattr(DARK, name)) for name in ("bar", "line", "no_data", "mark")}

    foot_of_second_week = (318, 501)  # where its grey "no data" stub stands

    starts = {"vitamin_k2": date(2026, 9, 21)}
    marked = chart(week_chart(weeks, starts, _words(starts)))
    assert {rgb["bar"], rgb["line"], rgb["mark"]} <= colours(marked)
    assert marked.getpixel(foot_of_second_week) == rgb["no_data"]

    plain = chart(week_chart([replace(w, nights_with_data=7) for w in weeks], {}, _words({})))
    assert rgb["bar"] in colours(plain) and rgb["mark"] not in colours(plain)
    assert plain.getpixel(foot_of_second_week) == ImageColor.getrgb(DARK.bg)  # 0 cramps: no bar
    x, y = foot_of_second_week  # ... but a "0" over the baseline, so the week is not blank
    region = {plain.getpixel((i, j)) for i in range(x - 8, x + 8) for j in range(y - 25, y - 5)}
    assert ImageColor.getrgb(DARK.fg) in region


def test_the_chart_draws_a_part_logged_week_as_a_rate_with_its_nights() -> None:
    full = [WeekPoint(date(2026, 9, 7) + timedelta(weeks=i), 2, None, 7) for i in range(4)]
    part = [*full[:3], replace(full[3], cramps=1, nights_with_data=2)]  # 1 in 2 nights: 3.5 a week
    a, b = chart(week_chart(full, {}, _words({}))), chart(week_chart(part, {}, _words({})))
    bar = ImageColor.getrgb(DARK.bar)
    x_last = max(i for i in range(800) if a.getpixel((i, 480)) == bar)  # the last bar's right edge
    column = [b.getpixel((x_last - 25, j)) for j in range(60, 500)]
    assert bar not in column[-200:]  # not filled: an outline
    assert any(b.getpixel((x_last, j)) == bar for j in range(60, 300))  # taller than 2 a week



async def test_week_reply_has_a_chart_and_adherence(talk: Router) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    await talk.on_text(Incoming(1, "calf cramp 3 min, bad", now - timedelta(hours=6)))
    await talk.on_text(Incoming(1, "took my magnesium", now - timedelta(days=1)))
    await talk.on_text(Incoming(1, "did my stretches", now - timedelta(days=1)))
    reply = await talk.week(1, now)
    assert reply.photo is not None and reply.photo[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Magnesium: taken on 1 of the last 7 days" in reply.text
    assert "Stretching: 1 of the last 7 days" in reply.text


async def test_report_pdf_has_the_entries_and_the_red_flags(talk: Router) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    await talk.on_text(Incoming(1, "left calf cramp 4 min", now - timedelta(days=2)))
    await talk.on_text(Incoming(1, "calf cramp and my calf is swollen", now - timedelta(days=1)))
    reply = await talk.report(1, now, "Ann Smith")
    assert reply.document is not None and reply.document.filename.endswith(".pdf")
    pdf = PdfReader(io.BytesIO(reply.document.content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Ann Smith" in text and "a diary, not a doctor" in text
    assert "Left calf, 4 min" in text and "swelling" in text
    assert "Red-flag symptoms reported" in text


@pytest.mark.parametrize("scale", [1, 2])
def test_start_labels_stay_inside_the_frame_and_never_overlap(scale: int) -> None:
    """Four supplements started in the same fortnight and one in the last week: every
    label is drawn (its pixels are there), inside the plot frame, clear of the others."""
    from bot.talk.charts import PAPER, _Chart

    weeks = [WeekPoint(date(2026, 9, 7) + timedelta(weeks=i), 3, 5.0, 7) for i in range(12)]
    starts = {"vitamin_k2": date(2026, 9, 21), "magnesium": date(2026, 9, 22),
              "vitamin_b": date(2026, 9, 24), "other": date(2026, 10, 1),
              "stretching": date(2026, 11, 27)}
    drawn = _Chart(PAPER, scale)
    image = drawn.draw(weeks, starts, _words(starts))
    boxes = drawn.start_labels
    assert len(boxes) == len(starts)
    left, top, right, bottom = (v * scale for v in (_Chart.LEFT, _Chart.TOP, _Chart.RIGHT,
                                                    _Chart.BOTTOM))
    mark = ImageColor.getrgb(PAPER.mark)
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        assert left < x0 < x1 < right and top < y0 < y1 < bottom
        assert any(image.getpixel((x, y)) == mark for x in range(x0, x1) for y in range(y0, y1))
        for a0, b0, a1, b1 in boxes[i + 1:]:
            assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, "two labels overlap"


def _words(starts: dict) -> ChartWords:
    from bot.talk.catalogue import texts
    from bot.talk.common import Speech

    return ChartWords.of(Speech(texts(), LONDON, datetime.now(UTC)), starts)


def _comparison_words(c, name: str) -> str:
    from bot.talk.catalogue import texts
    from bot.talk.common import Speech
    from bot.talk.recap import comparison_words

    return comparison_words(Speech(texts(), LONDON, datetime.now(UTC)), c, name)


def _history(before_rate: int, after_rate: int, weeks: int, start: date) -> list[Entry]:
    """`weeks` weeks each side of `start`; cramps spread over nights, the rest "no cramps"."""
    out = []
    for w in range(-weeks, weeks):
        rate = before_rate if w < 0 else after_rate
        for d in range(7):
            night = start + timedelta(days=w * 7 + d)
            at = datetime.combine(night + timedelta(days=1), datetime.min.time().replace(hour=3),
                                  tzinfo=LONDON)
            out.append(cramp(at) if d < rate else free(at))
    return out


def test_before_after_finds_a_real_drop_with_an_interval() -> None:
    from bot.recap import compare

    start = date(2026, 9, 7)
    entries = _history(4, 1, 6, start)
    c = compare(entries, "vitamin_k2", start, datetime(2026, 10, 20, 9, tzinfo=LONDON), LONDON)
    assert c is not None
    assert c.before_per_week == pytest.approx(4.0) and c.after_per_week == pytest.approx(1.0)
    assert c.rr.ratio == pytest.approx(0.25) and c.rr.high < 1 < 1 / c.rr.low
    words = _comparison_words(c, "vitamin K2")
    assert "75% fewer" in words and "no placebo" in words and "cannot show" in words


def test_before_after_says_too_few_nights_when_the_data_cannot_tell() -> None:
    from bot.recap import compare

    start = date(2026, 9, 7)
    entries = _history(2, 2, 3, start)
    c = compare(entries, "magnesium", start, datetime(2026, 10, 6, 9, tzinfo=LONDON), LONDON)
    assert c is not None and c.rr.low < 1 < c.rr.high and c.rr.verdict == "unclear"
    words = _comparison_words(c, "magnesium")
    assert "Too few nights to tell" in words and "chance" not in words
    assert "I compare again on" in words  # the 8-week look is still to come


def test_before_after_needs_two_weeks_of_data_each_side() -> None:
    from bot.recap import compare

    start = date(2026, 9, 7)
    entries = _history(3, 1, 1, start)  # one week each side
    assert compare(entries, "magnesium", start, datetime(2026, 9, 20, 9, tzinfo=LONDON),
                   LONDON) is None
    sparse = [e for e in _history(3, 1, 4, start) if e.kind == "cramp"]  # no "no cramps" nights
    result = compare(sparse, "magnesium", start, datetime(2026, 10, 10, 9, tzinfo=LONDON), LONDON)
    assert result is None  # only cramp nights: too few nights with data after the start


async def test_week_shows_the_comparison_once_there_is_enough(talk: Router) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    start = now - timedelta(days=29)  # the 4-week look has come
    async with talk.units.open(1) as u:
        from bot.parsing import Reading, Supplement
        from bot.usecases.logging import store

        for e in _history(4, 1, 4, (start - timedelta(hours=12)).date()):
            kind = "cramp" if e.kind == "cramp" else "no_cramp"
            reading = Reading(kind, 1.0, cramp=None) if kind == "no_cramp" else None
            if reading is None:
                from bot.parsing import Cramp

                reading = Reading("cramp", 1.0, cramp=Cramp(occurred_at=e.at))
            await store(u, reading, sent_at=e.at if kind == "cramp" else e.at + timedelta(hours=5),
                        text="", source="text", chat_id=None, message_id=None)
        await store(u, Reading("supplement", 1.0, supplements=(Supplement("magnesium", start),)),
                        sent_at=start, text="took magnesium", source="text", chat_id=None,
                        message_id=None)
    reply = await talk.week(1, now)
    assert "Magnesium, since" in reply.text and "fewer" in reply.text and "no placebo" in reply.text


async def test_export_json_has_the_same_entries_as_the_csv(talk: Router) -> None:
    import json

    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    await talk.on_text(Incoming(1, "left calf cramp 4 min, swollen", now))
    await talk.on_text(Incoming(1, "took K2 180mcg", now))
    csv_reply = await talk.export(1, now)
    assert csv_reply.buttons[0][0].data == "export:json"
    json_reply = await talk.on_button(1, "export:json", now)
    assert json_reply.document is not None and json_reply.document.filename.endswith(".json")
    rows = json.loads(json_reply.document.content)
    assert [(r["kind"], r["muscle"], r["name"], r["amount"], r["unit"]) for r in rows] == [
        ("cramp", "calf", None, None, None), ("supplement", None, "vitamin_k2", 180, "mcg")]
    assert rows[0]["red_flags"] == ["swelling"] and rows[0]["at"] == "2026-11-25T09:00:00+00:00"
    assert csv_reply.document is not None
    assert csv_reply.document.content.decode().count("\n") == 3  # header + the same two


async def test_the_report_has_its_dates_months_starts_and_continued_pages(talk: Router) -> None:
    import io

    import pypdf

    now = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    for day in range(70):  # ten weeks: a cramp every other night, a dose most days
        at = now - timedelta(days=day, hours=6)
        await talk.on_text(Incoming(1, "left calf cramp 2 min" if day % 2 else "no cramps", at))
        if day < 30:
            await talk.on_text(Incoming(1, "took my magnesium", at + timedelta(hours=12)))
    report = await talk.report(1, now, "Ann")
    assert report.document is not None
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report.document.content)).pages]
    first = pages[0]
    assert "Diary kept from" in first and "to Wed 25 Nov" in first
    assert "Month by month" in first and "November 2026" in first and "October 2026" in first
    assert "Magnesium: taken since" in first
    entries = [p for p in pages if p.startswith("Entries")]
    assert len(entries) >= 2 and entries[1].startswith("Entries (continued)")
    first_rows = entries[0].splitlines()[1:5]
    assert all("calf" in row.lower() for row in first_rows)  # cramps first

"""Pictures for people: the weekly chart (PNG) and the clinician report (PDF).

The chart is drawn with Pillow; matplotlib only lays out the PDF, imported on first
use (it is slow to import and large) and always headless.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import math
import textwrap
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from babel.dates import format_date
from PIL import Image, ImageColor, ImageDraw, ImageFont

from ..recap import WeekPoint
from ..usecases.results.recap import Report
from .common import Speech, capital, describe, flag_words, number, supplement_name


@dataclass(frozen=True)
class ChartWords:
    """The chart's labels, from the catalogue (`chart.*`)."""

    title: str
    per_week: str
    severity: str
    no_data: str
    started: dict[str, str]  # supplement -> "vitamin K2\nstarted"
    week: str  # a Babel pattern for a week's first night, e.g. "d MMM"
    language: str
    logged: str  # "{n}/7": nights logged in a part-logged week

    @classmethod
    def of(cls, s: Speech, starts: dict[str, date]) -> ChartWords:
        t = s.t
        return cls(t("chart.title"), t("chart.per_week"), t("chart.severity"), t("chart.no_data"),
                   {name: t("chart.started", name=supplement_name(t, name)) for name in starts},
                   t("chart.week"), t.language, t("chart.logged"))


@dataclass(frozen=True)
class Palette:
    bg: str
    fg: str
    bar: str
    line: str
    no_data: str
    mark: str


# DARK for Telegram (read in a dark room at night), PAPER for the printed report
DARK = Palette("#111418", "#e8e8e8", "#5fa8d3", "#f4a259", "#3a3f47", "#8bd17c")
PAPER = Palette("#ffffff", "#222222", "#3d85c6", "#d9822b", "#cccccc", "#2e8b3a")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # real text in the PDF, searchable
    matplotlib.rcParams["text.parse_math"] = False  # "$$" in an entry or a name is money, not maths
    matplotlib.rcParams["text.usetex"] = False
    import matplotlib.pyplot as plt

    return plt


_fonts = threading.local()  # FreeType faces are not safe to share between threads


@functools.cache
def _font_file() -> str | None:
    """DejaVu Sans, which matplotlib ships (found without importing matplotlib): it has
    Cyrillic and every accent the catalogues use; Pillow's own font has neither."""
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if path.exists():
            return str(path)
    return None


def _font(size: int) -> ImageFont.FreeTypeFont:
    cache: dict[int, ImageFont.FreeTypeFont] = _fonts.__dict__.setdefault("by_size", {})
    if size not in cache:
        path = _font_file()
        cache[size] = (ImageFont.truetype(path, size) if path
                       else ImageFont.load_default(size))  # type: ignore[assignment]
    return cache[size]


@functools.lru_cache(maxsize=512)
def _label(s: str, size: int, anchor: str, angle: int, spacing: int) -> tuple[Image.Image, int, int]:
    """Text as a mask, and where its corner goes from the anchor point. Labels repeat
    (numbers, this year's dates, titles), and rendering text is most of a chart's cost.

    Turned text: anchor "rm" puts its right end at the point, "mm" its centre.
    """
    font = _font(size)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    align = "center" if anchor[0] == "m" else "left"
    if angle:
        anchor_, align = "ls", "left"
    else:
        anchor_ = anchor
    x0, y0, x1, y1 = probe.multiline_textbbox((0, 0), s, font=font, anchor=anchor_, align=align,
                                              spacing=spacing)
    x0, y0 = math.floor(x0) - 1, math.floor(y0) - 1
    mask = Image.new("L", (math.ceil(x1) - x0 + 1, math.ceil(y1) - y0 + 1))
    ImageDraw.Draw(mask).multiline_text((-x0, -y0), s, font=font, fill=255, anchor=anchor_,
                                        align=align, spacing=spacing)
    if not angle:
        return mask, x0, y0
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    w, h = mask.size
    return mask, -w if anchor == "rm" else -w // 2, -h // 2 if angle == 90 else 0


def _step(top: float) -> int:
    """An integer tick step giving at most 6 ticks up to `top`."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step <= 6:
            return step
    return 1000


class _Chart:
    """Cramps per week (bars; grey: no data), severity (line), supplement starts
    (dashed), drawn with Pillow: ~10x cheaper than matplotlib, which matters when a
    Sunday brings thousands of recaps, and no 50 MB of matplotlib in the bot."""

    W, H = 800, 600
    LEFT, RIGHT, TOP, BOTTOM = 80, 704, 60, 504  # the plot area

    def __init__(self, palette: Palette, scale: int) -> None:
        self.p, self.k = palette, scale
        self.img = Image.new("RGB", (self.W * scale, self.H * scale), palette.bg)
        self.d = ImageDraw.Draw(self.img)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def text(self, at: tuple[float, float], s: str, size: int, fill: str, anchor: str,
             angle: int = 0) -> tuple[int, int, int, int]:
        """Draw a label; its box (in the image's pixels)."""
        mask, dx, dy = _label(s, size * self.k, anchor, angle, 2 * self.k)
        x, y = round(at[0] * self.k + dx), round(at[1] * self.k + dy)
        self.img.paste(fill, (x, y, x + mask.width, y + mask.height), mask)
        return x, y, x + mask.width, y + mask.height

    def box(self, at: tuple[float, float], s: str, size: int, anchor: str) -> tuple[int, int, int, int]:
        """Where a label would go, not drawn."""
        mask, dx, dy = _label(s, size * self.k, anchor, 0, 2 * self.k)
        x, y = round(at[0] * self.k + dx), round(at[1] * self.k + dy)
        return x, y, x + mask.width, y + mask.height

    def draw(self, series: list[WeekPoint], starts: dict[str, date], words: ChartWords) -> Image.Image:
        p, n = self.p, len(series)
        left, right, top, bottom = self.LEFT, self.RIGHT, self.TOP, self.BOTTOM
        slot = (right - left) / (n + 0.2)
        cx = [left + slot * (i + 0.6) for i in range(n)]
        def rate(q: WeekPoint) -> float:  # cramps a week, from the nights logged
            return q.cramps / q.nights_with_data * 7 if q.nights_with_data else 0.0

        most = max([*(rate(q) for q in series), 1])
        ymax = most * 1.1

        def y_of(v: float) -> float:
            return bottom - (bottom - top) * v / ymax

        def y_sev(v: float) -> float:
            return bottom - (bottom - top) * v / 10.5

        d, k = self.d, self.k
        self.text((self.W / 2, 30), words.title, 22, p.fg, "mm")
        step = _step(ymax)
        for v in range(0, int(ymax) + 1, step):
            y = y_of(v)
            d.line([self.xy(left - 5, y), self.xy(left, y)], fill=p.fg, width=k)
            self.text((left - 8, y), str(v), 15, p.fg, "rm")
        for v in range(0, 11, 2):
            y = y_sev(v)
            d.line([self.xy(right, y), self.xy(right + 5, y)], fill=p.line, width=k)
            self.text((right + 8, y), str(v), 15, p.line, "lm")
        self.text((28, (top + bottom) / 2), words.per_week, 17, p.fg, "mm", angle=90)
        self.text((self.W - 45, (top + bottom) / 2), words.severity, 17, p.line, "mm",
                  angle=90)
        half = slot * 0.35
        for x, q in zip(cx, series, strict=True):
            logged = q.nights_with_data
            if not logged:  # a grey stub: no data, which is not "no cramps"
                height = 0.15 * ymax / 5.5
                d.rectangle([self.xy(x - half, y_of(height)), self.xy(x + half, bottom)], fill=p.no_data)
                self.text((x, y_of(height) - 6), words.no_data, 14, p.fg, "md")
            elif rate(q) == 0:  # logged, and no cramps: said, not left blank
                self.text((x, bottom - 6), "0", 15, p.fg, "md")
            else:
                box = [self.xy(x - half, y_of(rate(q))), self.xy(x + half, bottom)]
                if logged < 7:  # a rate from part of the week: an outline, and how much
                    d.rectangle(box, outline=p.bar, width=3 * k)
                else:
                    d.rectangle(box, fill=p.bar)
            if 0 < logged < 7:
                self.text((x, y_of(rate(q)) - 6), words.logged.format(n=logged), 13, p.fg, "md")
            d.line([self.xy(x, bottom), self.xy(x, bottom + 5)], fill=p.fg, width=k)
            label = format_date(q.start, words.week, locale=words.language)
            self.text((x + 4, bottom + 10), label, 15, p.fg, "rm", angle=45)
        first = series[0].start
        self.start_labels: list[tuple[int, int, int, int]] = []
        for name, start in sorted(starts.items(), key=lambda item: item[1]):
            offset = (start - first).days / 7
            if 0 <= offset <= n:
                x = left + slot * (offset + 0.1)
                for y in range(top, bottom, 16):
                    d.line([self.xy(x, y), self.xy(x, min(y + 10, bottom))], fill=p.mark,
                           width=3 * k)
                self._start_label(x, words.started[name])
        points = [self.xy(x, y_sev(q.mean_severity)) for x, q in zip(cx, series, strict=True)
                  if q.mean_severity is not None]
        if len(points) > 1:
            d.line(points, fill=p.line, width=4 * k, joint="curve")
        for px, py in points:
            d.ellipse([px - 6 * k, py - 6 * k, px + 6 * k, py + 6 * k], fill=p.line)
        d.rectangle([self.xy(left, top), self.xy(right, bottom)], outline=p.fg, width=k)
        return self.img


    def _start_label(self, x: float, label: str) -> None:
        """A supplement start's label beside its line, inside the frame and clear of the
        labels already placed: the first free row, right of the line, else left of it."""
        inside = (self.LEFT * self.k, self.TOP * self.k, self.RIGHT * self.k, self.BOTTOM * self.k)

        def free(b: tuple[int, int, int, int]) -> bool:
            return (inside[0] < b[0] and b[2] < inside[2] and inside[1] < b[1] and b[3] < inside[3]
                    and all(b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1]
                            for o in self.start_labels))

        for row in range(20):
            y = self.TOP + 12 + 22 * row
            for at, anchor in (((x + 5, y), "la"), ((x - 5, y), "ra")):
                if free(self.box(at, label, 16, anchor)):
                    self.start_labels.append(self.text(at, label, 16, self.p.mark, anchor))
                    return
        # no room (a great many starts in a few weeks): left out rather than piled up


def week_chart(series: list[WeekPoint], starts: dict[str, date], words: ChartWords, *,
               palette: Palette = DARK, scale: int = 1) -> bytes:
    """The weekly chart as a PNG, 800x600 times `scale`. Safe from several threads."""
    out = io.BytesIO()
    image = _Chart(palette, scale).draw(series, starts, words)
    # to the palette's own colours and their blends: looks the same, a quarter of the
    # size (~15 KB) and of the encoding time
    image.quantize(palette=_colours(palette), dither=Image.Dither.NONE).save(
        out, format="PNG", compress_level=3)
    return out.getvalue()


@functools.cache
def _colours(palette: Palette) -> Image.Image:
    """A PNG palette: the chart's colours and the blends that anti-aliasing makes of
    them (text and lines on the background, the line over a bar)."""
    base = [ImageColor.getrgb(c) for c in (palette.bg, palette.fg, palette.bar, palette.line,
                                            palette.no_data, palette.mark)]
    bg, fg, bar, line, no_data, mark = base
    pairs = [(bg, c) for c in base[1:]] + [(bar, line), (bar, fg), (bar, mark), (no_data, fg)]
    colours = base + [tuple(round(a[i] + (b[i] - a[i]) * t / 4) for i in range(3))
                      for a, b in pairs for t in (1, 2, 3)]
    image = Image.new("P", (1, 1))
    image.putpalette([v for c in colours for v in c])
    return image


def _trial_lines(s: Speech, r: Report) -> list[tuple[str, int, str]]:
    """The personal trial: the last one's design and result in the chat's words, and a
    running one's dates (not its order: it may be blinded)."""
    from . import trial as trial_talk

    t = s.t
    if r.trial is None and r.running is None:
        return []
    lines = [("", 8, "normal"), (t("report.trial"), 14, "bold")]
    if r.running is not None:
        lines.append((t("report.trial_running", name=supplement_name(t, r.running.supplement),
                        start=s.day(r.running.first_night), ends=s.day(r.running.ends)), 10,
                      "normal"))
    if r.trial is not None and r.trial.outcome is not None:
        o = r.trial.outcome
        lines += [(text, 10, "normal") for text in (trial_talk.design_words(s, o.trial),
                                                     *trial_talk.result_words(s, o))]
    elif r.trial is not None:
        lines.append((trial_talk.render(s, r.trial).text, 10, "normal"))
    return lines


FLAGS_ON_PAGE_ONE = 12  # more go on a page of their own, before the entries


def report_pdf(s: Speech, who: str, r: Report) -> bytes:
    """A few pages for a clinician: summary, chart, red flags, supplements, the entries."""
    from .recap import adherence_lines, comparison_words, week_words

    plt = _pyplot()
    from matplotlib.backends.backend_pdf import PdfPages

    t, series = s.t, r.series
    since = s.now - timedelta(weeks=len(series))
    recent = [e for e in r.entries if e.at >= since]
    flagged = [e for e in recent if e.red_flags]
    # every flag with its date: a symptom entry says its flags itself, others after it
    said = [describe(s, e, absolute=True) + ("" if e.kind == "symptom" else
                                            f": {flag_words(t, e.red_flags)}") for e in flagged]
    said_first, said_more = said[:FLAGS_ON_PAGE_ONE], said[FLAGS_ON_PAGE_ONE:]
    this_week, last_week = r.recap.this_week, r.recap.last_week
    out = io.BytesIO()
    with PdfPages(out) as pdf:

        def page(heading: str = "") -> Any:
            """A new A4 page, with its heading."""
            fig = plt.figure(figsize=(8.27, 11.69))
            if heading:
                fig.text(0.07, 0.96, heading, fontsize=14, fontweight="bold", va="top")
            return fig

        def done(fig: Any) -> None:
            fig.set_facecolor("white")
            pdf.savefig(fig)
            plt.close(fig)

        def listing(heading: str, rows: list[str]) -> None:
            """Rows in small print under a heading, a page of at most 60."""
            fig = page(heading)
            for i, row in enumerate(rows):
                fig.text(0.07, 0.93 - i * 0.0145, row, fontsize=8, va="top")
            done(fig)

        fig = page()
        made = s.pattern(s.local(s.now), "absolute_report")
        lines = [
            (t("report.title"), 20, "bold"),
            (t("report.made", who=who or t("report.someone"), when=made, zone=s.tz_name), 11, "normal"),
            (t("report.period", first=s.day(r.first_night), last=s.day(s.local(s.now).date()))
             if r.first_night else t("report.no_entries"), 11, "normal"),
            (t("common.not_a_doctor"), 9, "italic"),
            ("", 8, "normal"),
            (t("report.summary"), 14, "bold"),
            (t("report.this_week", summary=week_words(t, this_week), n=this_week.no_data_nights),
             11, "normal"),
            (t("report.last_week", summary=week_words(t, last_week), n=last_week.no_data_nights),
             11, "normal"),
            ("", 8, "normal"),
            (t("report.red_flags"), 14, "bold"),
        ]
        if flagged:
            lines += [(line, 10, "normal") for line in said_first]
            if said_more:
                lines.append((t("report.red_flags_more", n=len(said_more)), 10, "normal"))
        else:
            lines.append((t("report.no_red_flags"), 10, "normal"))
        if r.months:  # the months, per logged night (a part-logged month is not a whole one)
            lines += [("", 8, "normal"), (t("report.months"), 14, "bold")]
            lines += [(t("report.month_line", month=capital(s.pattern(m.start, "month")), nights=m.nights,
                         cramps=m.cramps, rate=number(t, m.per_week or 0.0)), 10, "normal")
                      for m in r.months]
        lines += [("", 8, "normal"), (t("report.supplements"), 14, "bold")]
        lines += [(t("report.started", name=capital(supplement_name(t, name)), day=s.day(day)), 10,
                   "normal") for name, day in sorted(r.runs.items(), key=lambda item: item[1])]
        lines += ([(a, 10, "normal") for a in adherence_lines(t, r.adherence)]
                  or [(t("report.no_supplements"), 10, "normal")])
        lines += [(comparison_words(s, c, supplement_name(t, name)), 10, "normal")
                  for name, c in r.comparisons]
        lines += _trial_lines(s, r)
        y = 0.96
        for text, size, weight in lines:
            style = "italic" if weight == "italic" else "normal"
            # wrapped here, so that each line gets its own height on the page
            for line in textwrap.wrap(text, width=int(1000 / size)) or [""]:
                if y < 0.06:  # the page is full: the rest on the next, headed as such
                    done(fig)
                    fig, y = page(t("report.summary_continued")), 0.93
                fig.text(0.07, y, line, fontsize=size, va="top", fontstyle=style,
                         fontweight="bold" if weight == "bold" else "normal")
                y -= 0.012 + size / 700
        if y < 0.3:  # the summary ran long (a trial's result): the chart on a page of its own
            done(fig)
            fig, y = page(t("report.chart")), 0.93
        ax = fig.add_axes((0.07, 0.04, 0.86, min(0.45, y - 0.08)))
        chart = _Chart(PAPER, 2).draw(series, r.starts, ChartWords.of(s, r.starts))
        ax.imshow(chart, interpolation="antialiased")
        ax.set_axis_off()
        done(fig)
        for at in range(0, len(said_more), 60):  # the rest of the flags, all of them
            listing(t("report.red_flags"), said_more[at:at + 60])
        ordered = sorted(recent, key=lambda e: e.kind != "cramp")  # cramps first, then the rest
        rows = [describe(s, e, absolute=True) + (f"  [{e.text[:60]}]" if e.text else "")
                for e in ordered]
        for at in range(0, max(len(rows), 1), 60):
            listing(t("report.entries", weeks=len(series), n=len(rows)) if at == 0
                    else t("report.entries_continued"), rows[at:at + 60] or [t("report.no_entries")])
    return out.getvalue()

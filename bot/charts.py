"""Pictures for people: the weekly chart (PNG) and the clinician report (PDF).

matplotlib is imported on first use (it is slow to import) and always headless.
"""

from __future__ import annotations

import io
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .advice import NOT_A_DOCTOR
from .entries import SUPPLEMENT_NAMES, Entry, describe
from .recap import WeekPoint, WeekSummary, week_words

BG, FG, BAR, LINE, NO_DATA, MARK = "#111418", "#e8e8e8", "#5fa8d3", "#f4a259", "#3a3f47", "#8bd17c"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # real text in the PDF, searchable
    import matplotlib.pyplot as plt

    return plt


class _WeekPlot:
    """Cramps per week (bars; grey: no data), severity (line), supplements marked, on
    one axes: built once, then updated per chart (building costs more than drawing)."""

    def __init__(self, ax, weeks: int) -> None:
        from matplotlib.ticker import FixedLocator, MaxNLocator

        self.ax, self.weeks = ax, weeks
        xs = list(range(weeks))
        self.bars = ax.bar(xs, [0] * weeks, color=BAR, width=0.7).patches
        self.no_data = [ax.text(x, 0.3, "no\ndata", ha="center", va="bottom", color=FG, fontsize=11,
                                visible=False) for x in xs]
        ax.xaxis.set_major_locator(FixedLocator(xs))
        ax.set_xlim(-0.6, weeks - 0.4)
        ax.set_ylabel("cramps per week", fontsize=14, color=FG)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(colors=FG, labelsize=12)
        self.sev = ax.twinx()
        (self.line,) = self.sev.plot([], [], color=LINE, marker="o", linewidth=3, markersize=8)
        self.sev.set_ylim(0, 10.5)
        self.sev.set_ylabel("average severity (1-10)", fontsize=14, color=LINE)
        self.sev.tick_params(colors=LINE, labelsize=12)
        for spine in (*ax.spines.values(), *self.sev.spines.values()):
            spine.set_color(FG)
        ax.set_facecolor(BG)
        self.marks: list = []

    def draw(self, series: list[WeekPoint], starts: dict[str, date]) -> None:
        ax = self.ax
        for bar, label, p in zip(self.bars, self.no_data, series, strict=True):
            bar.set_height(p.cramps if p.nights_with_data else 0.15)
            bar.set_color(BAR if p.nights_with_data else NO_DATA)
            label.set_visible(not p.nights_with_data)
        top = max([*(p.cramps for p in series), 1])
        ax.set_ylim(0, top * 1.1)
        ax.set_xticklabels([f"{p.start.day} {p.start:%b}" for p in series], rotation=45, ha="right",
                           fontsize=12, color=FG)
        points = [(x, p.mean_severity) for x, p in enumerate(series) if p.mean_severity is not None]
        self.line.set_data([x for x, _ in points], [v for _, v in points])
        for artist in self.marks:
            artist.remove()
        self.marks = []
        first = series[0].start
        for name, start in starts.items():
            offset = (start - first).days / 7
            if 0 <= offset <= len(series):
                self.marks.append(ax.axvline(offset - 0.5, color=MARK, linewidth=3, linestyle="--"))
                self.marks.append(ax.text(offset - 0.45, top * 0.95,
                                          f"{SUPPLEMENT_NAMES.get(name, name)}\nstarted", color=MARK,
                                          fontsize=12, va="top"))


class _WeekCanvas:
    """The chart as a PNG: one figure per thread, reused, which brings a chart from
    ~75 ms to ~37 ms and keeps the Sunday recaps bound by Telegram's rate limit."""

    def __init__(self, weeks: int) -> None:
        self.fig, ax = _pyplot().subplots(figsize=(8, 6), dpi=100, facecolor=BG)
        self.plot = _WeekPlot(ax, weeks)
        # a fixed title position and margins: measuring labels would cost half the time
        ax.set_title("Your cramps, week by week", fontsize=18, color=FG, y=1.03)
        self.fig.subplots_adjust(left=0.1, right=0.88, top=0.9, bottom=0.16)

    def render(self, series: list[WeekPoint], starts: dict[str, date]) -> bytes:
        self.plot.draw(series, starts)
        out = io.BytesIO()
        self.fig.savefig(out, format="png", facecolor=BG, pil_kwargs={"compress_level": 3})
        return out.getvalue()


_canvases = threading.local()


def week_chart(series: list[WeekPoint], starts: dict[str, date]) -> bytes:
    """Cramps per week (bars; grey: no data) and severity (line), supplements marked.

    Safe from several threads at once: each thread draws on its own figure.
    """
    canvas: _WeekCanvas | None = getattr(_canvases, "canvas", None)
    if canvas is None or canvas.plot.weeks != len(series):
        if canvas is not None:
            _pyplot().close(canvas.fig)
        canvas = _canvases.canvas = _WeekCanvas(len(series))
    return canvas.render(series, starts)


def report_pdf(*, who: str, zone: ZoneInfo, now: datetime, this_week: WeekSummary,
               last_week: WeekSummary, series: list[WeekPoint], starts: dict[str, date],
               entries: list[Entry], adherence: list[str]) -> bytes:
    """A few pages for a clinician: summary, chart, red flags, supplements, the entries."""
    plt = _pyplot()
    from matplotlib.backends.backend_pdf import PdfPages

    since = now - timedelta(weeks=len(series))
    recent = [e for e in entries if e.at >= since]
    flagged = [e for e in recent if e.red_flags]
    out = io.BytesIO()
    with PdfPages(out) as pdf:
        fig = plt.figure(figsize=(8.27, 11.69))  # A4
        lines = [
            ("Charley: leg cramp diary", 20, "bold"),
            (f"{who}   ·   made {now.astimezone(zone):%d %b %Y %H:%M} ({zone.key})", 11, "normal"),
            (NOT_A_DOCTOR, 9, "italic"),
            ("", 8, "normal"),
            ("Summary", 14, "bold"),
            (f"This week: {week_words(this_week)} Nights with no data: {this_week.no_data_nights}.",
             11, "normal"),
            (f"Last week: {week_words(last_week)} Nights with no data: {last_week.no_data_nights}.",
             11, "normal"),
            ("", 8, "normal"),
            ("Red-flag symptoms reported", 14, "bold"),
        ]
        if flagged:
            lines += [(f"{describe(e, zone, now, absolute=True)}: {', '.join(e.red_flags)}", 10, "normal")
                      for e in flagged[:12]]
        else:
            lines.append(("None reported in this period.", 10, "normal"))
        lines += [("", 8, "normal"), ("Supplements", 14, "bold")]
        lines += [(a, 10, "normal") for a in adherence] or [("None logged.", 10, "normal")]
        y = 0.96
        for text, size, weight in lines:
            style = "italic" if weight == "italic" else "normal"
            fig.text(0.07, y, text, fontsize=size, fontweight="bold" if weight == "bold" else "normal",
                     fontstyle=style, wrap=True, va="top")
            y -= 0.012 + size / 700
        ax = fig.add_axes((0.1, 0.06, 0.8, min(0.4, y - 0.12)))
        _WeekPlot(ax, len(series)).draw(series, starts)
        fig.set_facecolor("white")
        pdf.savefig(fig)
        plt.close(fig)
        rows = [describe(e, zone, now, absolute=True) + (f"  [{e.text[:60]}]" if e.text else "")
                for e in recent]
        for page in range(0, max(len(rows), 1), 60):
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.07, 0.96, f"Entries, last {len(series)} weeks ({len(rows)})", fontsize=14,
                     fontweight="bold", va="top")
            for i, row in enumerate(rows[page:page + 60] or ["No entries."]):
                fig.text(0.07, 0.93 - i * 0.0145, row, fontsize=8, va="top")
            pdf.savefig(fig)
            plt.close(fig)
    return out.getvalue()

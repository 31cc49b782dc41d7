"""Results of looking back: the week, the clinician report, the export."""

from __future__ import annotations

from dataclasses import field
from datetime import date

from ...advice import Advice
from ...kinds import Entry
from ...recap import Comparison, Month, Recap, WeekPoint
from ...values import frozen
from .trial import Finished, TrialInfo


@frozen
class Adherence:
    supplement: str
    days: int  # days it was taken
    of: int  # out of the last `of` days


@frozen
class WeekRecap:
    recap: Recap
    adherence: list[Adherence]
    stretch_days: int  # of the last 7
    comparisons: list[tuple[str, Comparison]]  # (supplement, before/since it was started)
    advice: list[Advice]  # pattern advice due this week
    series: list[WeekPoint]  # for the chart
    starts: dict[str, date]  # supplements started within the chart's weeks
    # supplements whose before/after is left to their trial (running, or one whose nights
    # it would reuse): one answer to "is it working?", the trial's
    by_trial: tuple[str, ...] = ()


@frozen
class Report:
    recap: Recap
    series: list[WeekPoint]
    starts: dict[str, date]
    entries: list[Entry]
    adherence: list[Adherence]
    first_night: date | None = None  # the diary's first night (the report's date range)
    months: list[Month] = field(default_factory=list)  # the last 12 months, oldest first
    comparisons: list[tuple[str, Comparison]] = field(default_factory=list)
    runs: dict[str, date] = field(default_factory=dict)  # each supplement's current run, from
    trial: Finished | None = None  # the latest trial that ran to its end, with its result
    running: TrialInfo | None = None  # a trial under way (its order not said: it may be blind)


@frozen
class Export:
    content: str
    rows: int
    as_json: bool

"""Results of reminders: /remind, /reminders, the buttons on reminders and check-ins,
the set-up by taps, and what the tick found due."""

from __future__ import annotations

from datetime import datetime, time

from ...kinds import Entry
from ...reminders import RequestError
from ...values import frozen


@frozen
class ReminderInfo:
    """A reminder as a renderer needs it (no ORM row)."""

    id: int
    kind: str  # supplement | stretch | checkin | recap | trial
    what: str  # a supplement name, "stretch", "checkin", "recap"
    label: str  # what the user called it
    local_time: str  # "HH:MM"
    days: int  # bit mask, bit 0 Monday
    paused: bool


# ---- /remind, and a reminder made by taps --------------------------------------

@frozen
class RemindRefused:
    """/remind that could not be read."""

    error: RequestError
    word: str = ""  # what was wrong, as typed (e.g. "25:00")


@frozen
class ReminderCreated:
    """A new reminder. held: None (it is on), "ask" (a K2 reminder kept off until we
    know about blood thinners: ask), "warfarin" (kept off: the user takes warfarin),
    "unsure" (kept off: the user is not sure what they take).
    step: None for /remind; "supplement" or "bedtime" when made by the set-up's taps."""

    reminder: ReminderInfo
    held: str | None = None
    step: str | None = None


@frozen
class ReminderList:
    reminders: list[ReminderInfo]  # without trials' clocks (those are /trial's business)
    held: frozenset[int] = frozenset()  # K2 reminders the blood-thinner gate keeps off
    why: str = ""  # why: "ask" (not answered), "unsure", "warfarin" (until the doctor agrees)


@frozen
class AlreadyHave:
    """/remind for a thing that has a reminder: change that one, or add another?"""

    reminder: ReminderInfo
    at: time
    days: int


@frozen
class ConfirmDelete:
    reminder: ReminderInfo


@frozen
class Kept:
    reminder: ReminderInfo


# ---- buttons -------------------------------------------------------------------

@frozen
class Said:
    """An answer with nothing more to it than what happened: "snooze_refused" (snoozed
    twice already), "already_taken" (Skip after Taken), "checkin_no_cramps" (a quiet
    night logged), "checkin_unsure" (nothing logged), "reminder_gone" (deleted since)."""

    what: str


@frozen
class Expired:
    """A button whose occurrence or data is not (or no longer) one of this user's."""


@frozen
class Stretches:
    """ "Show the stretches"."""


@frozen
class Done:
    """ "Taken" / "Done": logged at `at`."""

    reminder: ReminderInfo
    at: datetime


@frozen
class AlreadyAnswered:
    """Snooze on a reminder already answered; status: "taken" or "skipped"."""

    status: str



@frozen
class Snoozed:
    until: datetime



@frozen
class Skipped:
    reminder: ReminderInfo
    at: datetime




@frozen
class CheckinAskWhere:
    occurrence: int


@frozen
class CheckinAskSeverity:
    occurrence: int
    muscle: str


@frozen
class CheckinLogged:
    """The check-in's cramp; entry None: that night's cramp was logged already."""

    entry: Entry | None



@frozen
class ReminderDeleted:
    reminder: ReminderInfo


@frozen
class PauseToggled:
    reminder: ReminderInfo  # as it is now: paused or resumed


@frozen
class ResumeHeld:
    """Resume on a K2 reminder kept off for warfarin (or an unanswered question)."""

    reminder: ReminderInfo
    why: str = "warfarin"  # "ask" (not answered) | "warfarin" | "unsure"


@frozen
class TimeChoices:
    reminder: ReminderInfo
    times: tuple[time, ...]


@frozen
class ReminderMoved:
    reminder: ReminderInfo


@frozen
class BloodThinnerNoted:
    """The answer to the blood-thinner question (none | vka | other | ok), stored.
    reminder: the K2 reminder that waited on it (now on, or kept off for "vka"); None
    when it was asked after a logged K2."""

    answer: str
    reminder: ReminderInfo | None
    k2_mentioned: bool = False  # said in words with K2: starting and stopping need the prescriber
    in_words: bool = False  # typed ("I take warfarin"), not a button

@frozen
class SetupOffer:
    """A set-up step that asks: step "supplement" (which one), "supplement_time" (at
    what time: `supplement` says which), "bedtime" (a stretch reminder?), "checkin"."""

    step: str
    times: tuple[time, ...] = ()
    supplement: str | None = None


@frozen
class SetupDone:
    """The set-up's last step: the morning check-in at `checkin`, or none (None)."""

    checkin: time | None


# ---- the tick ------------------------------------------------------------------

@frozen
class Due:
    """A reminder to send now, claimed by the tick. why: "due", "late" (more than five
    minutes after its time), "snooze" (asked to come back), "follow_up" (not answered)."""

    occurrence_id: int
    chat_id: int  # the user's Telegram id
    kind: str
    why: str
    reminder_id: int
    what: str
    label: str
    due_at: datetime
    tz: str  # the user's zone name, for the time in the text
    language: str = "en"  # the language the user reads

"""The conversation, independent of any front end.

Telegram handlers and the console chat both call `Conversation`: a message, a
command or a button press goes in, a `Reply` (text, buttons, a file) comes out.
Each call is one unit of work: it opens one database session, and commits it
before the reply is sent, so that a stored entry is never lost to a failed send.

Button data is short text ("undo:12", "m:12:calf"): it carries everything a
press needs, so buttons keep working after a restart or on another instance.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import Database, UserRepo

from . import advice, reminder_talk, trial
from .charts import report_pdf, week_chart
from .diary import Diary, Logged, to_entry
from .entries import Entry, describe, supplement_label
from .parsing import Cramp, Reading, read
from .parsing.model import CONFIDENT, MUSCLES
from .recap import (
    Recap,
    compare,
    comparison_words,
    recap,
    supplement_starts,
    trend,
    week_words,
    weekly_series,
)
from .replies import Button, Document, Reply
from .voice import Heard, VoiceError
from .zones import find_zone

QUIET_FROM, QUIET_UNTIL = 22, 8  # replies are silent between these local hours
MUSCLE_LABELS = {"calf": "Calf", "foot": "Foot", "toes": "Toes", "thigh": "Thigh",
                 "hamstring": "Back of thigh", "shin": "Shin", "other": "Elsewhere"}
ZONE_CHOICES = ("Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago",
                "America/Los_Angeles", "Australia/Sydney")


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message as any front end sees it."""

    user_id: int
    text: str
    sent_at: datetime  # aware
    chat_id: int | None = None
    message_id: int | None = None
    source: str = "text"  # text | voice | button


HELP_TEXT = (
    "Tell me about a cramp in your own words, for example:\n"
    "• calf cramp 3 min, bad\n"
    "• left foot at 3am, 5 min\n"
    "• no cramps last night\n"
    "• took my K2\n"
    "• did my stretches\n"
    "Or hold the microphone and say it: a voice note works too.\n\n"
    "Commands:\n"
    "/week – this week against last week\n"
    "/undo – remove your last entry\n"
    "/export – all your entries as a CSV file (/export json for JSON)\n"
    "/report – a PDF to show your doctor\n"
    "/trial – try a supplement for a few weeks and see, before and after\n"
    "/timezone – set your time zone, e.g. /timezone Europe/London\n"
    "/remind – a daily reminder, e.g. /remind K2 21:30, /remind stretch 22:00, "
    "/remind checkin 08:00, /remind recap 19:00 sun\n"
    "/reminders – your reminders, to pause, change or delete\n"
    "/forget – delete everything I keep about you\n"
    "/help – this message\n\n"
    + advice.NOT_A_DOCTOR
)


VOICE_PROBLEMS = {
    "too_long": "That voice note is over a minute long, so I didn't listen to it. A few words "
                "are enough, e.g. “left calf, three minutes, bad”.",
    "too_big": "That file is too big for me to fetch. A short voice note works best.",
    "empty": "I couldn't hear anything in that voice note. Try again a little closer to the "
             "phone, or tap below.",
    "unreadable": "I couldn't play that recording. Please try again, or tap below.",
}
TAP_TO_LOG = [[Button("Log a cramp", "new:cramp"), Button("No cramps last night", "new:none")]]


class Conversation:
    def __init__(self, db: Database, default_tz: str = "UTC",
                 snooze: timedelta = timedelta(minutes=30),
                 listen: Callable[[bytes], Awaitable[Heard]] | None = None) -> None:
        self.db = db
        self.default_tz = default_tz
        self.snooze = snooze
        self.listen = listen  # voice note bytes -> what was said (bot.voice.Listener.hear)

    @asynccontextmanager
    async def diary(self, user_id: int) -> AsyncIterator[Diary]:
        """One user's diary in one transaction (created on first contact)."""
        async with self.db.session() as session:
            user, _created = await UserRepo(session).get_or_create(user_id)
            diary = Diary(session, user, self.default_tz)
            yield diary
        for job in diary.afterwards:  # committed: the connection is free for others
            await job()

    # ---- messages ---------------------------------------------------------------

    async def on_text(self, msg: Incoming) -> Reply:
        async with self.diary(msg.user_id) as diary:
            zone = diary.zone
            local_now = msg.sent_at.astimezone(zone).replace(tzinfo=None)
            reading = read(msg.text, local_now, zone)
            reply = await self._answer(diary, msg, reading)
        reply.silent = is_quiet(msg.sent_at, zone)
        return reply

    async def on_voice(self, msg: Incoming, audio: bytes) -> Reply:
        """A voice note: what was heard, then the same answer as to those words typed.

        When the words make no sense to the reader, nothing is stored: the person sees
        what was heard and can tap instead.
        """
        if self.listen is None:
            return Reply("I can't listen to voice notes here. Tell me in words, "
                         "e.g. “left calf 3 min, bad”.")
        try:
            heard = await self.listen(audio)
        except VoiceError as exc:
            return await self.voice_refused(msg, exc.problem)
        if heard.sure:
            reply = await self.on_text(replace(msg, text=heard.text, source="voice"))
            reply.text = f"I heard: “{heard.text}”\n{reply.text}"
            return reply
        reply = Reply((f"I heard: “{heard.text}”, but I'm not sure what you meant"
                       if heard.text else "I couldn't make out any words")
                      + ", so I didn't log anything. Say it again, type it, or tap below.",
                      buttons=TAP_TO_LOG)
        reply.silent = is_quiet(msg.sent_at, await self.zone_of(msg.user_id))
        return reply

    async def voice_refused(self, msg: Incoming, problem: str) -> Reply:
        """A note we will not listen to (too long, too big, silent, broken): say why."""
        reply = Reply(VOICE_PROBLEMS.get(problem, VOICE_PROBLEMS["unreadable"]),
                      buttons=TAP_TO_LOG if problem in ("empty", "unreadable") else [])
        reply.silent = is_quiet(msg.sent_at, await self.zone_of(msg.user_id))
        return reply

    async def zone_of(self, user_id: int) -> ZoneInfo:
        async with self.diary(user_id) as diary:
            return diary.zone

    async def on_edit(self, msg: Incoming) -> Reply:
        """An edited message: the entries it stored follow the new text."""
        assert msg.chat_id is not None and msg.message_id is not None
        async with self.diary(msg.user_id) as diary:
            zone = diary.zone
            local_now = msg.sent_at.astimezone(zone).replace(tzinfo=None)
            reading = read(msg.text, local_now, zone)
            loggable = reading.intent in ("no_cramp", "supplement", "stretch") or (
                reading.intent == "cramp" and reading.confidence >= CONFIDENT)
            existing = await diary.entries.from_message(msg.chat_id, msg.message_id)
            if not existing:  # the first reading stored nothing: read the edit as new
                reply = await self._answer(diary, msg, reading)
            elif not loggable:
                live = [e for e in existing if e.deleted_at is None]
                reply = Reply("I couldn't read your edit as a diary entry, so I kept what I had"
                              + (": " + "; ".join(describe(to_entry(e), zone, msg.sent_at)
                                                  for e in live) if live else "."))
            else:
                entries, status = await diary.revise(
                    reading, sent_at=msg.sent_at, text=msg.text, chat_id=msg.chat_id,
                    message_id=msg.message_id, existing=existing)
                if status == "removed":
                    reply = Reply("You had removed that entry, so your edit doesn't bring it "
                                  "back. Send it as a new message to log it again.")
                else:
                    lines = [a.text for a in advice.for_flags(reading.red_flags)]
                    lines.append("Updated: " + "; ".join(describe(e, zone, msg.sent_at)
                                                         for e in entries))
                    reply = Reply("\n\n".join(lines),
                                  buttons=[[Button("Undo", f"undo:{entries[0].id}")]])
        reply.silent = is_quiet(msg.sent_at, zone)
        return reply

    async def _answer(self, diary: Diary, msg: Incoming, reading: Reading) -> Reply:
        intent = reading.intent
        if intent == "help":
            return Reply(HELP_TEXT)
        if intent == "undo":
            return self._undone(await diary.undo_last(), diary.zone, msg.sent_at)
        if intent == "recap":
            return await self._week(diary, msg.sent_at)
        if intent == "cramp" and reading.confidence < CONFIDENT:
            return self._ask_if_cramp(reading, msg)
        if intent in ("cramp", "no_cramp", "supplement", "stretch"):
            logged = await diary.log(
                reading, sent_at=msg.sent_at, text=msg.text, source=msg.source,
                chat_id=msg.chat_id, message_id=msg.message_id,
            )
            after = [] if logged.duplicate else await self._advice_after(diary, logged, msg)
            reply = self._logged(logged, reading, diary.zone, msg.sent_at, after)
            taken = {e.name for e in logged.entries if e.kind == "supplement" and e.name}
            note = await trial.baseline_note(diary, taken) if taken and not logged.duplicate else None
            if note:
                reply.text += "\n\n" + note
            if (not logged.duplicate and any(e.name == "vitamin_k2" for e in logged.entries)
                    and diary.user.anticoagulant is None and await diary.fresh_advice(
                        [advice.K2_BLOOD_THINNER_QUESTION], msg.sent_at, every=None)):
                reply.text += "\n\n" + advice.K2_BLOOD_THINNER_QUESTION.text
                reply.buttons = [*reply.buttons, *reminder_talk.blood_thinner_buttons()]
            return reply
        lines = [a.text for a in advice.for_flags(reading.red_flags)]
        if _QUININE.search(msg.text):
            lines.append(advice.QUININE.text)
        if lines:  # symptoms or a question without a diary entry still get the advice
            keys = [a.key for a in advice.for_flags(reading.red_flags)]
            keys += ["quinine"] if _QUININE.search(msg.text) else []
            return Reply("\n\n".join(lines), buttons=[[why_button(keys)]])
        return Reply(
            "Sorry, I didn't catch that. You can write things like “left calf 3 min, bad” "
            "or “no cramps last night”, or tap below.",
            buttons=[
                [Button("Log a cramp", "new:cramp"), Button("No cramps last night", "new:none")],
                [Button("Help", "help")],
            ],
        )

    async def _advice_after(self, diary: Diary, logged: Logged, msg: Incoming) -> list[advice.Advice]:
        """What to add after a new entry: self-care, patterns, first-time cautions."""
        found: list[advice.Advice] = []
        now = msg.sent_at
        if _QUININE.search(msg.text):
            found.append(advice.QUININE)
        cramps = [e for e in logged.entries if e.kind == "cramp"]
        if cramps:
            if any(e.duration_s and e.duration_s > 600 for e in cramps):
                found.append(advice.LONG_CRAMP)
            if abs(now - cramps[0].at) <= timedelta(minutes=30):
                found += await diary.fresh_advice([advice.EASE_CRAMP], now, timedelta(hours=12))
            found += await diary.pattern_advice(now)
        if any(e.name == "magnesium" for e in logged.entries):
            found += await diary.fresh_advice([advice.MAGNESIUM_CAUTION], now, every=None)
        return found

    def _logged(self, logged: Logged, reading: Reading, zone: ZoneInfo, now: datetime,
                after: list[advice.Advice] | None = None) -> Reply:
        if not logged.entries:
            text = "Already noted." if logged.duplicate else "Nothing to log."
            return Reply(text)
        first = logged.entries[0]
        before = advice.for_flags(reading.red_flags)  # red flags lead, always
        lines = [a.text for a in before]
        summary = "; ".join(describe(e, zone, now) for e in logged.entries)
        lines.append(("Already noted: " if logged.duplicate else "Logged: ") + summary)
        buttons = [[Button("Undo", f"undo:{first.id}")]]
        if first.kind == "cramp" and not logged.duplicate:
            buttons[0].append(Button("Edit", f"fix:{first.id}"))
        if first.kind == "cramp" and first.muscle is None:
            lines.append("Where was it?")
            buttons = _muscle_buttons(first.id) + buttons
        lines += [a.text for a in after or []]
        keys = [a.key for a in [*before, *(after or [])] if a.level != "info" or a.key == "ease_cramp"]
        if keys:
            buttons[-1].append(why_button(keys))
        return Reply("\n\n".join(lines), buttons=buttons)

    def _ask_if_cramp(self, reading: Reading, msg: Incoming) -> Reply:
        """Unsure it was a cramp: ask, and store only on "yes" (the button carries it)."""
        c = reading.cramp or Cramp(occurred_at=msg.sent_at)
        data = ":".join([
            "yes", str(int(c.occurred_at.timestamp())), c.side or "-",
            str(c.duration_s) if c.duration_s is not None else "-",
            str(c.severity) if c.severity is not None else "-",
        ])
        lines = [a.text for a in advice.for_flags(reading.red_flags)]
        lines.append("Was that a cramp? I'd rather ask than guess.")
        return Reply("\n\n".join(lines), buttons=[
            [Button("Yes, log a cramp", data), Button("No", "no")],
        ])

    # ---- buttons ----------------------------------------------------------------

    async def on_button(self, user_id: int, data: str, pressed_at: datetime,
                        chat_id: int | None = None, message_id: int | None = None) -> Reply:
        """A button press. Forged, stale or foreign data gets a kind no, never an error."""
        async with self.diary(user_id) as diary:
            reply = await self._press(diary, data, pressed_at, chat_id, message_id)
            zone = diary.zone
        reply.silent = is_quiet(pressed_at, zone)
        return reply

    async def _press(self, diary: Diary, data: str, now: datetime, chat_id: int | None,
                     message_id: int | None) -> Reply:
        zone = diary.zone
        reminder_reply = await reminder_talk.press(diary, data, now, chat_id, message_id,
                                                   self.snooze)
        if reminder_reply is not None:
            return reminder_reply
        trial_reply = await trial.press(diary, data, now)
        if trial_reply is not None:
            return trial_reply
        parts = data.split(":")
        action = parts[0]
        entry_id = _entry_id(parts[1]) if len(parts) > 1 else None
        if action == "undo" and len(parts) == 2 and entry_id is not None:
            removed = await diary.undo(entry_id)
            if not removed:
                return Reply("That entry was already removed.", edit=True)
            return self._undone(removed, zone, now, edit=True)
        if action == "m" and len(parts) == 3 and entry_id is not None:
            entry = await diary.correct(entry_id, "muscle", parts[2])
            if entry is None:
                return Reply("That entry is no longer in your diary.", edit=True)
            return Reply("Logged: " + describe(entry, zone, now), edit=True,
                         buttons=[[Button("Undo", f"undo:{entry.id}")]])
        if action == "fix" and len(parts) == 2 and entry_id is not None:
            return await self._edit_choices(diary, entry_id, now)
        if action == "sd" and len(parts) == 3 and entry_id is not None:
            entry = await diary.correct(entry_id, "side", parts[2])
            if entry is None:
                return Reply("That entry is no longer in your diary.", edit=True)
            return Reply("Logged: " + describe(entry, zone, now), edit=True,
                         buttons=[[Button("Undo", f"undo:{entry.id}"), Button("Edit", f"fix:{entry.id}")]])
        if action == "tz" and len(parts) == 2:
            return await self._set_zone(diary, parts[1], now, edit=True)
        if action == "help":
            return Reply(HELP_TEXT)
        if action == "export" and parts[1:] == ["json"]:
            content = await diary.export_json()
            return Reply("Your diary as JSON.", document=Document(
                f"charley-export-{now.astimezone(zone):%Y-%m-%d}.json", content.encode("utf-8"),
                caption="Your Charley diary (JSON)"))
        if action == "why" and len(parts) == 2:
            items = [advice.REGISTRY[k] for k in parts[1].split(",") if k in advice.REGISTRY]
            if not items:
                return Reply("Sorry, that button has expired.")
            return Reply("Where this comes from:\n" + "\n".join(f"• {a.source}" for a in items)
                         + "\n\n" + advice.NOT_A_DOCTOR)
        if action == "no":
            return Reply("Fine, nothing logged.", edit=True)
        if action == "fg" and parts[1:] == ["yes"]:
            return await self._forget(diary)
        if action == "fg" and parts[1:] == ["no"]:
            return Reply("Nothing deleted.", edit=True)
        if action == "new" and len(parts) == 2 and parts[1] in ("cramp", "none"):
            return await self._log_by_button(diary, parts[1], now, chat_id, message_id)
        if action == "yes" and len(parts) == 5:
            return await self._confirmed_cramp(diary, parts, now, chat_id, message_id)
        return Reply("Sorry, that button has expired.")

    async def _edit_choices(self, diary: Diary, entry_id: int, now: datetime) -> Reply:
        """ "Edit" on a cramp: tap where and which side; anything else, undo and say it again."""
        row = await diary.entries.get(entry_id)
        if row is None or row.kind != "cramp":
            return Reply("That entry is no longer in your diary.", edit=True)
        entry = to_entry(row)
        return Reply(
            "Logged: " + describe(entry, diary.zone, now) + "\n\nWhere was it, and which side? "
            "For anything else, tap Undo and tell me again.", edit=True,
            buttons=[*_muscle_buttons(entry.id),
                     [Button(label, f"sd:{entry.id}:{side}") for label, side in
                      (("Left", "left"), ("Right", "right"), ("Both", "both"))],
                     [Button("Undo", f"undo:{entry.id}")]])

    async def _log_by_button(self, diary: Diary, what: str, now: datetime,
                             chat_id: int | None, message_id: int | None) -> Reply:
        if what == "none":
            reading = Reading(intent="no_cramp", confidence=1.0)
            text = "no cramps (button)"
        else:
            reading = Reading(intent="cramp", confidence=1.0, cramp=Cramp(occurred_at=now))
            text = "cramp (button)"
        logged = await diary.log(reading, sent_at=now, text=text, source="button",
                                 chat_id=chat_id, message_id=message_id)
        reply = self._logged(logged, reading, diary.zone, now)
        reply.edit = True
        return reply

    async def _confirmed_cramp(self, diary: Diary, parts: list[str], now: datetime,
                               chat_id: int | None, message_id: int | None) -> Reply:
        try:
            if len(parts[1]) > 12 or len(parts[3]) > 7:
                raise ValueError("out of range")
            at = datetime.fromtimestamp(int(parts[1]), UTC)
            side = None if parts[2] == "-" else parts[2]
            duration = None if parts[3] == "-" else int(parts[3])
            severity = None if parts[4] == "-" else int(parts[4])
        except ValueError:
            return Reply("Sorry, that button has expired.")
        if side not in (None, "left", "right", "both") or at > now or (
                severity is not None and not 1 <= severity <= 10):
            return Reply("Sorry, that button has expired.")
        cramp = Cramp(occurred_at=at, side=side, duration_s=duration, severity=severity)
        reading = Reading(intent="cramp", confidence=1.0, cramp=cramp)
        logged = await diary.log(reading, sent_at=now, text="cramp (confirmed)", source="button",
                                 chat_id=chat_id, message_id=message_id)
        reply = self._logged(logged, reading, diary.zone, now)
        reply.edit = True
        return reply

    # ---- commands ---------------------------------------------------------------

    async def start(self, user_id: int, now: datetime, first_name: str = "") -> Reply:
        async with self.diary(user_id) as diary:
            has_zone, zone_name = diary.has_timezone, diary.tz_name
            zone = diary.zone
        hello = f"Hello{', ' + first_name if first_name else ''}! I'm Charley."
        text = (
            f"{hello} I keep a diary of your night-time leg cramps, so you can see whether "
            "what you try (a supplement, stretching) is helping.\n\n"
            "When a cramp wakes you, just tell me, e.g. “left calf 3 min, bad”. "
            "At night I answer silently.\n\n"
            + advice.NOT_A_DOCTOR
        )
        if has_zone:
            text += f"\n\nYour time zone is {zone_name}. /help shows what I understand."
            return Reply(text, silent=is_quiet(now, zone))
        text += (
            "\n\nFirst, which time zone are you in? Tap one, or type /timezone and your city, "
            "e.g. /timezone Paris."
        )
        buttons = [[Button(z.split("/")[-1].replace("_", " "), f"tz:{z}") for z in ZONE_CHOICES[i:i + 3]]
                   for i in (0, 3)]
        buttons.append([Button(f"Keep {zone_name}", f"tz:{zone_name}")])
        return Reply(text, buttons=buttons, silent=is_quiet(now, zone))

    def help(self) -> Reply:
        return Reply(HELP_TEXT)

    async def timezone(self, user_id: int, query: str, now: datetime) -> Reply:
        async with self.diary(user_id) as diary:
            if not query.strip():
                return Reply(
                    f"Your time zone is {diary.tz_name}. To change it, type /timezone and a "
                    "city or zone, e.g. /timezone Europe/London or /timezone New York."
                )
            return await self._set_zone(diary, query, now)

    async def _set_zone(self, diary: Diary, query: str, now: datetime, edit: bool = False) -> Reply:
        name = find_zone(query)
        if name is None:
            return Reply(
                f"Sorry, I don't know the time zone “{query[:60]}”. Try a big city near you "
                "(/timezone London) or a name like Europe/Paris.", edit=edit)
        first = not diary.has_timezone
        await diary.set_timezone(name)
        await reminder_talk.move_all(diary, now)
        local = now.astimezone(ZoneInfo(name))
        note = ""
        if name.startswith("Etc/GMT"):
            note = " (a fixed offset: it does not change for summer time; a city does)"
        text = f"Time zone set to {name}{note}. Your local time is {local:%H:%M}."
        if not first:
            return Reply(text, edit=edit)
        checkin = await reminder_talk.first_zone_set(diary, now)
        return Reply(f"{text}\n\n{checkin}\n\nShall I remind you of a supplement or a bedtime "
                     "stretch?", edit=edit, buttons=[[reminder_talk.SETUP_START]])

    async def week(self, user_id: int, now: datetime) -> Reply:
        async with self.diary(user_id) as diary:
            reply = await self._week(diary, now)
        reply.silent = is_quiet(now, diary.zone)
        return reply

    async def _week(self, diary: Diary, now: datetime) -> Reply:
        """The recap in words, pattern advice due this week, and the chart (drawn once
        the transaction is over: a database connection is not held while drawing)."""
        reply, series, starts = await self.week_text(diary, now)

        async def draw() -> None:
            loop = asyncio.get_running_loop()
            reply.photo = await loop.run_in_executor(_DRAWING, week_chart, series, starts)

        diary.afterwards.append(draw)
        return reply

    async def week_text(self, diary: Diary, now: datetime) -> tuple[Reply, list, dict]:
        """The recap in words, and what the chart is drawn from: one query for a year."""
        zone = diary.zone
        history = await diary.history(now, weeks=52)
        recent = [e for e in history if e.at >= now - timedelta(weeks=13)]
        reply = self._recap(recap(recent, now, zone))
        extra = diary.adherence(recent, now)
        stretched = diary.stretch_days(recent, now)
        if stretched:
            extra.append(f"Stretching: {stretched} of the last 7 days")
        if extra:
            reply.text += "\n" + "; ".join(extra) + "."
        for name, started in supplement_starts(history, zone).items():
            result = compare(history, name, started, now, zone)
            if result is not None:
                reply.text += "\n\n" + comparison_words(result, supplement_label(name))
        found = await diary.pattern_advice(now, recent)
        if found:
            reply.text += "\n\n" + "\n\n".join(a.text for a in found)
            reply.buttons = [[why_button([a.key for a in found])]]
        return reply, weekly_series(recent, now, zone), supplement_starts(recent, zone)

    def _recap(self, r: Recap) -> Reply:
        lines = [f"This week (nights from {r.this_week.start:%a %d %b}): {week_words(r.this_week)}",
                 f"Last week: {week_words(r.last_week)}"]
        compare = trend(r.this_week.cramps, r.last_week.cramps, "last week")
        if compare:
            lines.append(compare)
        if r.earlier_mean is not None:
            lines.append(f"The {r.earlier_weeks} weeks before averaged {r.earlier_mean:g} "
                         "cramps a week.")
        return Reply("\n".join(lines))

    async def trial(self, user_id: int, args: str, now: datetime) -> Reply:
        async with self.diary(user_id) as diary:
            reply = await trial.command(diary, args, now)
            reply.edit = False
            reply.silent = is_quiet(now, diary.zone)
            return reply

    async def trial_step(self, user_id: int, now: datetime, apply: bool) -> Reply | None:
        """The scheduler's call when a trial period ends (None: nothing to say); see
        `trial.step` for why it comes twice."""
        async with self.diary(user_id) as diary:
            return await trial.step(diary, now, apply)

    def forget(self) -> Reply:
        """/forget asks first: the button does it."""
        return Reply("This deletes everything I keep about you: every entry, your reminders, "
                     "your trial and your settings. It cannot be undone. (/export first if "
                     "you want a copy.)",
                     buttons=[[Button("Delete everything", "fg:yes"), Button("Cancel", "fg:no")]])

    async def _forget(self, diary: Diary) -> Reply:
        await diary.forget()
        return Reply("Done: I have deleted everything about you. If you write again, I start a "
                     "new, empty diary.", edit=True)

    async def remind(self, user_id: int, args: str, now: datetime) -> Reply:
        async with self.diary(user_id) as diary:
            return await reminder_talk.remind(diary, args, now)

    async def reminders(self, user_id: int) -> Reply:
        async with self.diary(user_id) as diary:
            return await reminder_talk.list_reminders(diary)

    async def undo(self, user_id: int, now: datetime) -> Reply:
        async with self.diary(user_id) as diary:
            removed = await diary.undo_last()
            zone = diary.zone
        return self._undone(removed, zone, now)

    def _undone(self, removed: list[Entry], zone: ZoneInfo, now: datetime,
                edit: bool = False) -> Reply:
        if not removed:
            return Reply("There is nothing to undo.", edit=edit)
        return Reply("Removed: " + "; ".join(describe(e, zone, now) for e in removed), edit=edit)

    async def report(self, user_id: int, now: datetime, name: str = "") -> Reply:
        """A PDF for a clinician: summary, chart, red flags, supplements, entries."""
        async with self.diary(user_id) as diary:
            summary = await diary.recap(now)
            history = await diary.history(now)
            zone = diary.zone
            adherence = diary.adherence(history, now, days=28)
        pdf = await asyncio.get_running_loop().run_in_executor(_DRAWING, functools.partial(
            report_pdf, who=name or "Charley user", zone=zone, now=now,
            this_week=summary.this_week, last_week=summary.last_week,
            series=weekly_series(history, now, zone),
            starts=supplement_starts(history, zone), entries=history, adherence=adherence))
        return Reply(
            "Here is a report to show your doctor or nurse: the last 12 weeks, the "
            "symptoms you reported, and every entry.",
            document=Document(f"charley-report-{now.astimezone(zone):%Y-%m-%d}.pdf", pdf,
                              caption="Charley report (PDF)"),
            silent=is_quiet(now, zone),
        )

    async def export(self, user_id: int, now: datetime, fmt: str = "csv") -> Reply:
        """All entries as CSV (the contract's columns) or, with "json", as JSON."""
        as_json = fmt.strip().lower() == "json"
        async with self.diary(user_id) as diary:
            content = await (diary.export_json() if as_json else diary.export_csv())
            zone = diary.zone
            rows = len(await diary.entries.all())
        day = f"{now.astimezone(zone):%Y-%m-%d}"
        name = f"charley-export-{day}.{'json' if as_json else 'csv'}"
        return Reply(
            f"Your diary: {rows} entr{'y' if rows == 1 else 'ies'}.",
            document=Document(name, content.encode("utf-8"),
                              caption=f"Your Charley diary ({'JSON' if as_json else 'CSV'})"),
            buttons=[] if as_json else [[Button("As JSON", "export:json")]],
            silent=is_quiet(now, zone),
        )


# Charts and reports are drawn off the event loop, by two threads (the GIL would not
# let more run at once anyway).
_DRAWING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="charley-draw")

_QUININE = re.compile(r"\bquinine\b|\btonic water\b|\bqualaquin\b", re.I)


def why_button(keys: list[str]) -> Button:
    """ "Why?": the sources of the advice shown (callback data stays under 64 bytes)."""
    data = "why:"
    for key in dict.fromkeys(keys):
        if len(data) + len(key) + 1 > 64:
            break
        data += ("" if data == "why:" else ",") + key
    return Button("Why?", data)


def _entry_id(text: str) -> int | None:
    """An entry id from button data; None for anything a database could not hold."""
    return int(text) if re.fullmatch(r"[0-9]{1,15}", text) else None


def _muscle_buttons(entry_id: int) -> list[list[Button]]:
    labels = [Button(MUSCLE_LABELS[m], f"m:{entry_id}:{m}") for m in MUSCLES]
    return [labels[0:4], labels[4:7]]


def is_quiet(at: datetime, zone: ZoneInfo) -> bool:
    hour = at.astimezone(zone).hour
    return hour >= QUIET_FROM or hour < QUIET_UNTIL


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?\s*(.*)$", re.S)


def split_command(text: str) -> tuple[str, str] | None:
    """ "/timezone Europe/London" -> ("timezone", "Europe/London")."""
    m = _COMMAND.match(text.strip())
    return (m.group(1).lower(), m.group(2).strip()) if m else None

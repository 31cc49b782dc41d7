"""The router: messages, commands and buttons to use cases, results to words.

Any front end (Telegram's handlers, the console) calls the `Router`: a message, a
command or a button press goes in, a `Reply` comes out. Each call opens one unit of
work (`Units.open`), runs one use case in it, and renders the result after the
commit; the flow is update -> reading -> use case -> renderer -> reply, once.

What holds for every reply is applied here, once: red-flag advice first, quiet hours
(silent between 22:00 and 08:00 local), and "that button has expired" for any button
data that is not (or no longer) understood.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import Database

from . import advice
from . import buttons as b
from .parsing import Cramp, Reading, read
from .parsing.model import CONFIDENT
from .replies import Button, Reply
from .talk import logging as logging_talk
from .talk import recap as recap_talk
from .talk import reminders as reminders_talk
from .talk import settings as settings_talk
from .talk import trial as trial_talk
from .talk.catalogue import DEFAULT_LANGUAGE, texts
from .talk.charts import ChartWords, report_pdf, week_chart
from .talk.common import Speech
from .usecases import logging, recap, reminders, settings, trial
from .usecases.delivery import Delivery
from .usecases.results.logging import AdviceOnly, AskIfCramp, NotUnderstood
from .usecases.results.recap import Report, WeekRecap
from .usecases.results.reminders import Due
from .usecases.unit import Unit, Units
from .voice import Heard, VoiceError

QUIET_FROM, QUIET_UNTIL = 22, 8  # replies are silent between these local hours

REMINDER_ACTIONS = (
    b.Taken, b.Snooze, b.Skip, b.ShowStretches, b.CheckinNone, b.CheckinYes, b.CheckinUnsure,
    b.CheckinWhere, b.CheckinLog, b.PauseReminder, b.DeleteReminder, b.ChangeTime,
    b.MoveReminder, b.BloodThinner, b.SetupStart, b.SetupSupplement, b.SetupSupplementTime,
    b.SetupBedtime, b.SetupBedtimeTime, b.SetupCheckin, b.SetupCheckinTime, b.SetupNoCheckin,
)
TRIAL_ACTIONS = (b.TrialSupplement, b.TrialPlan, b.TrialStatus, b.TrialStop, b.TrialStopConfirmed)


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message as any front end sees it."""

    user_id: int
    text: str
    sent_at: datetime  # aware
    chat_id: int | None = None
    message_id: int | None = None
    source: str = "text"  # text | voice | button


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A finished message the scheduler's tick wants sent (then `sent` or `undeliverable`)."""

    occurrence_id: int
    chat_id: int
    reply: Reply
    kind: str


def is_quiet(at: datetime, zone: ZoneInfo) -> bool:
    hour = at.astimezone(zone).hour
    return hour >= QUIET_FROM or hour < QUIET_UNTIL


# Charts and reports are drawn off the event loop, by two threads (the GIL would not
# let more run at once anyway).
_DRAWING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="charley-draw")


class Router:
    def __init__(self, db: Database, default_tz: str = "UTC",
                 snooze: timedelta = timedelta(minutes=30),
                 listen: Callable[[bytes], Awaitable[Heard]] | None = None) -> None:
        self.units = Units(db, default_tz)
        self.delivery = Delivery(db, default_tz)
        self.default_tz = default_tz
        self.snooze = snooze
        self.listen = listen  # voice note bytes -> what was said (bot.voice.Listener.hear)

    @staticmethod
    def speech(u: Unit, now: datetime) -> Speech:
        return Speech(texts(DEFAULT_LANGUAGE), u.zone, now, u.tz_name)

    # ---- what holds for every reply -------------------------------------------------

    @staticmethod
    def _finish(reply: Reply, s: Speech, flags: tuple[str, ...] = ()) -> Reply:
        """Red-flag advice first (with its "Why?"), and silence at night."""
        found = advice.for_flags(flags)
        if found:
            t = s.t
            lines = [t(f"advice.{a.key}") for a in found]
            reply.text = "\n\n".join([*lines, reply.text] if reply.text else lines)
            keys = [a.key for a in found]
            rows = []
            for row in reply.buttons:
                kept = []
                for button in row:
                    action = b.unpack(button.data)
                    if isinstance(action, b.Why):
                        keys += action.keys.split(",")
                    else:
                        kept.append(button)
                if kept:
                    rows.append(kept)
            why = Button(t("button.why"), b.Why.of(keys).pack())
            if rows:
                rows[-1] = [*rows[-1], why]
            else:
                rows = [[why]]
            reply.buttons = rows
        reply.silent = is_quiet(s.now, s.zone)
        return reply

    async def _draw(self, reply: Reply, s: Speech, week: WeekRecap | None) -> Reply:
        """The week's chart, drawn once the transaction is over (no connection held)."""
        if week is not None:
            words = ChartWords.of(s, week.starts)
            reply.photo = await asyncio.get_running_loop().run_in_executor(
                _DRAWING, week_chart, week.series, week.starts, words)
        return reply

    # ---- messages -------------------------------------------------------------------

    async def on_text(self, msg: Incoming) -> Reply:
        async with self.units.open(msg.user_id) as u:
            s = self.speech(u, msg.sent_at)
            reading = read(msg.text, msg.sent_at.astimezone(u.zone).replace(tzinfo=None), u.zone)
            reply, week = await self._answer(u, s, msg, reading)
        return self._finish(await self._draw(reply, s, week), s, reading.red_flags)

    async def _answer(self, u: Unit, s: Speech, msg: Incoming,
                      reading: Reading) -> tuple[Reply, WeekRecap | None]:
        intent = reading.intent
        if intent == "help":
            return settings_talk.help_reply(s), None
        if intent == "undo":
            return logging_talk.undone(s, await logging.undo_last(u)), None
        if intent == "recap":
            week = await recap.week(u, msg.sent_at)
            return recap_talk.week(s, week), week
        if intent == "cramp" and reading.confidence < CONFIDENT:
            c = reading.cramp or Cramp(occurred_at=msg.sent_at)
            ask = AskIfCramp(int(c.occurred_at.timestamp()), c.side, c.duration_s, c.severity)
            return logging_talk.ask_if_cramp(s, ask), None
        if intent in logging.LOGGABLE:
            logged = await logging.log(u, reading, sent_at=msg.sent_at, text=msg.text,
                                       source=msg.source, chat_id=msg.chat_id,
                                       message_id=msg.message_id)
            return logging_talk.logged(s, logged), None
        quinine = advice.mentions_quinine(msg.text)
        if reading.red_flags or quinine:  # a symptom or a question still gets the advice
            return logging_talk.advice_only(s, AdviceOnly(quinine)), None
        return logging_talk.not_understood(s, NotUnderstood()), None

    async def on_edit(self, msg: Incoming) -> Reply:
        """An edited message: the entries it stored follow the new text."""
        assert msg.chat_id is not None and msg.message_id is not None
        async with self.units.open(msg.user_id) as u:
            s = self.speech(u, msg.sent_at)
            reading = read(msg.text, msg.sent_at.astimezone(u.zone).replace(tzinfo=None), u.zone)
            revised = await logging.revise(
                u, reading, sent_at=msg.sent_at, text=msg.text, chat_id=msg.chat_id,
                message_id=msg.message_id, confident=reading.confidence >= CONFIDENT)
            if revised is None:  # the first reading stored nothing: read the edit as new
                reply, week = await self._answer(u, s, msg, reading)
            else:
                reply, week = logging_talk.revised(s, revised), None
        return self._finish(await self._draw(reply, s, week), s, reading.red_flags)

    async def on_voice(self, msg: Incoming, audio: bytes) -> Reply:
        """A voice note: what was heard, then the same answer as to those words typed.
        When the words make no sense to the reader, nothing is stored."""
        if self.listen is None:
            return await self._say(msg.user_id, msg.sent_at, settings_talk.cannot_listen)
        try:
            heard = await self.listen(audio)
        except VoiceError as exc:
            return await self.voice_refused(msg, exc.problem)
        if heard.sure:
            reply = await self.on_text(replace(msg, text=heard.text, source="voice"))
            async with self.units.open(msg.user_id) as u:
                return settings_talk.voice_heard(self.speech(u, msg.sent_at), heard.text, reply)
        return await self._say(msg.user_id, msg.sent_at,
                               lambda s: settings_talk.voice_unsure(s, heard.text))

    async def voice_refused(self, msg: Incoming, problem: str) -> Reply:
        """A note we will not listen to (too long, too big, silent, broken): say why."""
        return await self._say(msg.user_id, msg.sent_at,
                               lambda s: settings_talk.voice_refused(s, problem))

    async def _say(self, user_id: int, now: datetime, render: Callable[[Speech], Reply]) -> Reply:
        """A reply that needs nothing but who it speaks to."""
        async with self.units.open(user_id) as u:
            s = self.speech(u, now)
        return self._finish(render(s), s)

    # ---- buttons --------------------------------------------------------------------

    async def on_button(self, user_id: int, data: str, pressed_at: datetime,
                        chat_id: int | None = None, message_id: int | None = None) -> Reply:
        """A button press. Forged, stale or foreign data gets a kind no, never an error."""
        action = b.unpack(data)
        week = None
        async with self.units.open(user_id) as u:
            s = self.speech(u, pressed_at)
            if action is None:
                reply = Reply(s.t("common.expired"))
            else:
                reply, week = await self._press(u, s, action, chat_id, message_id)
        return self._finish(await self._draw(reply, s, week), s)

    async def _press(self, u: Unit, s: Speech, action: b.Action, chat_id: int | None,
                     message_id: int | None) -> tuple[Reply, WeekRecap | None]:
        now = s.now
        if isinstance(action, REMINDER_ACTIONS):
            result = await reminders.press(u, action, now, chat_id, message_id, self.snooze)
            return reminders_talk.render(s, result), None
        if isinstance(action, TRIAL_ACTIONS):
            return trial_talk.render(s, await trial.press(u, action, now)), None
        match action:
            case b.Undo(entry):
                return logging_talk.undone(s, await logging.undo(u, entry), pressed=True), None
            case b.SetMuscle(entry, muscle):
                result = await logging.correct(u, entry, "muscle", muscle)
                return logging_talk.corrected(s, result, with_edit=False), None
            case b.SetSide(entry, side):
                result = await logging.correct(u, entry, "side", side)
                return logging_talk.corrected(s, result, with_edit=True), None
            case b.EditEntry(entry):
                return logging_talk.edit_choices(s, await logging.edit_choices(u, entry)), None
            case b.LogNew(what):
                logged = await logging.log_tapped(u, what, now, chat_id, message_id)
                return replace(logging_talk.logged(s, logged), edit=True), None
            case b.ConfirmCramp(at, side, duration, severity):
                when = datetime.fromtimestamp(at, UTC)
                if when > now:
                    return Reply(s.t("common.expired")), None
                cramp = Cramp(occurred_at=when, side=side, duration_s=duration, severity=severity)
                logged = await logging.log_confirmed(u, cramp, now, chat_id, message_id)
                return replace(logging_talk.logged(s, logged), edit=True), None
            case b.NotACramp():
                return logging_talk.not_a_cramp(s), None
            case b.SetZone(zone):
                result = await settings.set_zone(u, zone, now)
                return replace(settings_talk.zone(s, result), edit=True), None
            case b.Help():
                return settings_talk.help_reply(s), None
            case b.ExportJson():
                return recap_talk.export(s, await recap.export(u, as_json=True), pressed=True), None
            case b.Why(keys):
                known = [k for k in keys.split(",") if k in advice.REGISTRY]
                return (settings_talk.why(s, known) if known else Reply(s.t("common.expired"))), None
            case b.ForgetYes():
                return settings_talk.forgotten(s, await settings.forget(u)), None
            case b.ForgetNo():
                return settings_talk.forget_kept(s), None
        return Reply(s.t("common.expired")), None

    # ---- commands -------------------------------------------------------------------

    async def command(self, name: str, user_id: int, args: str, now: datetime,
                      first_name: str = "", full_name: str = "") -> Reply:
        """A chat command (bot.commands lists them); an unknown one gets a kind word."""
        async with self.units.open(user_id) as u:
            s = self.speech(u, now)
            reply, drawn = await self._command(u, s, name, args, first_name)
        if isinstance(drawn, Report):  # drawn after the commit, off the event loop
            pdf = await asyncio.get_running_loop().run_in_executor(
                _DRAWING, report_pdf, s, full_name, drawn)
            reply = recap_talk.report_reply(s, pdf)
        else:
            reply = await self._draw(reply, s, drawn)
        reply.edit = False
        return self._finish(reply, s)

    async def _command(self, u: Unit, s: Speech, name: str, args: str,
                       first_name: str) -> tuple[Reply, WeekRecap | Report | None]:
        now = s.now
        if name == "start":
            return settings_talk.started(s, settings.start(u, first_name)), None
        if name == "help":
            return settings_talk.help_reply(s), None
        if name == "timezone":
            return settings_talk.zone(s, await settings.set_zone(u, args, now)), None
        if name == "week":
            week = await recap.week(u, now)
            return recap_talk.week(s, week), week
        if name == "undo":
            return logging_talk.undone(s, await logging.undo_last(u)), None
        if name == "export":
            as_json = args.strip().lower() == "json"
            return recap_talk.export(s, await recap.export(u, as_json)), None
        if name == "report":
            return Reply(""), await recap.report(u, now)
        if name == "remind":
            return reminders_talk.render(s, await reminders.remind(u, args, now)), None
        if name == "reminders":
            return reminders_talk.render(s, await reminders.list_reminders(u)), None
        if name == "trial":
            return trial_talk.render(s, await trial.command(u, args, now)), None
        if name == "forget":
            return settings_talk.forget_ask(s), None
        return Reply(s.t("common.unknown_command")), None

    # the commands by name, for front ends and tests that call them directly

    async def start(self, user_id: int, now: datetime, first_name: str = "") -> Reply:
        return await self.command("start", user_id, "", now, first_name=first_name)

    async def help(self, user_id: int, now: datetime) -> Reply:
        return await self.command("help", user_id, "", now)

    async def timezone(self, user_id: int, query: str, now: datetime) -> Reply:
        return await self.command("timezone", user_id, query, now)

    async def week(self, user_id: int, now: datetime) -> Reply:
        return await self.command("week", user_id, "", now)

    async def undo(self, user_id: int, now: datetime) -> Reply:
        return await self.command("undo", user_id, "", now)

    async def export(self, user_id: int, now: datetime, fmt: str = "csv") -> Reply:
        return await self.command("export", user_id, fmt, now)

    async def report(self, user_id: int, now: datetime, name: str = "") -> Reply:
        return await self.command("report", user_id, "", now, full_name=name)

    async def remind(self, user_id: int, args: str, now: datetime) -> Reply:
        return await self.command("remind", user_id, args, now)

    async def reminders(self, user_id: int, now: datetime | None = None) -> Reply:
        return await self.command("reminders", user_id, "", now or datetime.now(UTC))

    async def trial(self, user_id: int, args: str, now: datetime) -> Reply:
        return await self.command("trial", user_id, args, now)

    async def forget(self, user_id: int, now: datetime | None = None) -> Reply:
        return await self.command("forget", user_id, "", now or datetime.now(UTC))

    async def trial_step(self, user_id: int, now: datetime, apply: bool) -> Reply | None:
        """A trial period's end, as the tick sees it (None: nothing to say); called with
        apply=False for the message, then apply=True once it is sent."""
        async with self.units.open(user_id) as u:
            s = self.speech(u, now)
            result = await trial.step(u, now, apply)
        return None if result is None else trial_talk.render(s, result)

    # ---- the scheduler's tick -------------------------------------------------------

    async def tick(self, now: datetime) -> list[Outgoing]:
        """Everything due now, as finished messages: reminders, check-ins, the weekly
        recap and trial steps. Send each, then call `sent` (or `undeliverable`)."""
        out = []
        for due in await self.delivery.claim(now):
            reply = await self._due_reply(due, now)
            if reply is not None:
                out.append(Outgoing(due.occurrence_id, due.chat_id, reply, due.kind))
        return out

    async def _due_reply(self, due: Due, now: datetime) -> Reply | None:
        if due.kind == "trial":
            async with self.units.open(due.chat_id) as u:
                s = self.speech(u, now)
                result = await trial.step(u, now, apply=False)
            if result is None:  # nothing to say (the clock was early): set right, done
                async with self.units.open(due.chat_id) as u:
                    await trial.step(u, now, apply=True)
                await self.delivery.mark_quiet(due.occurrence_id, now)
                return None
            return trial_talk.render(s, result)
        s = Speech(texts(DEFAULT_LANGUAGE), ZoneInfo(due.tz), now, due.tz)
        message = reminders_talk.due_message(s, due)
        if due.kind == "recap":
            recap_reply = await self.week(due.chat_id, now)
            recap_reply.buttons = [*recap_reply.buttons, *message.buttons]
            recap_reply.silent = False
            return recap_reply
        return message

    async def sent(self, out: Outgoing, message_id: int, now: datetime) -> None:
        """A due message went out: a trial moves on, the occurrence is marked sent."""
        if out.kind == "trial":
            async with self.units.open(out.chat_id) as u:
                await trial.step(u, now, apply=True)
        await self.delivery.mark_sent(out.occurrence_id, message_id, now)

    async def undeliverable(self, out: Outgoing) -> None:
        """The user blocked the bot or the chat is gone: do not try again."""
        await self.delivery.mark_undeliverable(out.occurrence_id)


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?\s*(.*)$", re.S)


def split_command(text: str) -> tuple[str, str] | None:
    """ "/timezone Europe/London" -> ("timezone", "Europe/London")."""
    m = _COMMAND.match(text.strip())
    return (m.group(1).lower(), m.group(2).strip()) if m else None

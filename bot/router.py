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
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import Database

from . import advice
from . import buttons as b
from .parsing import Cramp, Reading, read
from .parsing.model import CONFIDENT
from .replies import Button, Reply
from .talk import diary as diary_talk
from .talk import logging as logging_talk
from .talk import recap as recap_talk
from .talk import reminders as reminders_talk
from .talk import settings as settings_talk
from .talk import trial as trial_talk
from .talk.catalogue import DEFAULT_LANGUAGE, texts
from .talk.charts import ChartWords, report_pdf, week_chart
from .talk.common import Speech
from .usecases import answers, diary, logging, recap, reminders, settings, trial
from .usecases.delivery import Delivery
from .usecases.results.logging import AdviceOnly, AskIfCramp, NotUnderstood
from .usecases.results.recap import Report, WeekRecap
from .usecases.results.reminders import Due
from .usecases.unit import AlreadyHandled, Unit, Units
from .values import frozen
from .voice import Heard, VoiceError
from .zones import zone, zone_statement

QUIET_FROM, QUIET_UNTIL = 22, 8  # replies are silent between these local hours
TAKEN_REACTIONS = frozenset({"👍", "👌", "✅", "✔", "✔️", "🙏", "💯", "👏", "❤", "❤️", "🔥", "🥰"})

REMINDER_ACTIONS = reminders.ACTIONS
TRIAL_ACTIONS = (b.TrialSupplement, b.TrialPlan, b.TrialBlocks, b.TrialBlind, b.TrialKeyHidden, b.TrialGuess,
                 b.TrialResultShown, b.TrialStatus, b.TrialStop, b.TrialStopConfirmed)


@frozen
class Incoming:
    """A message as any front end sees it."""

    user_id: int
    text: str
    sent_at: datetime  # aware
    chat_id: int | None = None
    message_id: int | None = None
    source: str = "text"  # text | voice | button
    language: str | None = None  # Telegram's language_code: the first contact's language
    # what identifies the update it came in (None: a front end without re-delivery);
    # its effect happens once however often it arrives (`Units.open(once=...)`)
    update_key: str | None = None


@frozen
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
                 listen: Callable[[bytes, str], Awaitable[Heard]] | None = None,
                 hears: Callable[[str], bool] | None = None) -> None:
        self.units = Units(db, default_tz)
        self.delivery = Delivery(db, default_tz)
        self.default_tz = default_tz
        self.snooze = snooze
        self.listen = listen  # voice note bytes, language -> what was said (Listener.hear)
        self.hears = hears  # whether a note in a language can be heard (Listener.hears)

    @staticmethod
    def speech(u: Unit, now: datetime) -> Speech:
        """Who a reply speaks to: their language, zone and clock."""
        return Speech(texts(u.user.language or DEFAULT_LANGUAGE), u.zone, now, u.tz_name)

    # ---- what holds for every reply -------------------------------------------------

    @staticmethod
    def _finish(reply: Reply, s: Speech, flags: tuple[str, ...] = (), text: str = "") -> Reply:
        """Red-flag advice first (with its "Why?"), and silence at night. The message's
        flags (and a cramp that will not stop) are answered whatever else it asked."""
        found = advice.for_text(flags, text)
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
        async with self.units.open(msg.user_id, once=msg.update_key) as u:
            await settings.remember_language(u, msg.language)
            s = self.speech(u, msg.sent_at)
            reading = read(msg.text, msg.sent_at.astimezone(u.zone).replace(tzinfo=None), u.zone,
                           u.user.language)
            reply, week = await self._answer(u, s, msg, reading)
        return self._finish(await self._draw(reply, s, week), s, reading.red_flags, msg.text)

    async def _answer(self, u: Unit, s: Speech, msg: Incoming,
                      reading: Reading) -> tuple[Reply, WeekRecap | None]:
        intent = reading.intent
        where = {"sent_at": msg.sent_at, "text": msg.text, "source": msg.source,
                 "chat_id": msg.chat_id, "message_id": msg.message_id}
        thinner = advice.blood_thinner_said(msg.text)
        if thinner is not None and intent not in logging.LOGGABLE:
            noted = await reminders.blood_thinner_words(u, thinner, msg.sent_at, msg.text)
            await logging.note_symptom(u, reading, **where)
            return reminders_talk.render(s, noted), None
        place = zone_statement(msg.text) if intent not in logging.LOGGABLE else None
        if place is not None:  # "I'm in Berlin"
            return settings_talk.zone(s, await settings.set_zone(u, place, msg.sent_at)), None
        if intent == "help":
            await logging.note_symptom(u, reading, **where)  # kept for the clinician
            return settings_talk.help_reply(s), None
        if intent == "undo":
            if msg.message_id is not None and not await u.once(f"undo:{msg.chat_id}:{msg.message_id}"):
                raise AlreadyHandled("undo")  # one message undoes once, however often edited
            undone = await logging.undo_last(u)  # first, so that it cannot undo the symptom
            await logging.note_symptom(u, reading, **where)
            return logging_talk.undone(s, undone), None
        if intent == "recap" and reading.look_back is not None:  # "what did I log yesterday?"
            return diary_talk.page(s, await diary.page(u, 0, reading.look_back)), None
        if intent == "recap":
            await logging.note_symptom(u, reading, **where)
            week = await recap.week(u, msg.sent_at)
            return recap_talk.week(s, week), week
        if intent == "smalltalk":
            return diary_talk.smalltalk(s), None
        if intent in ("yes", "no"):
            return await self._answered(u, s, msg, intent), None
        if intent == "skipped":
            return diary_talk.skipped(s, await answers.skip(u, reading, **where)), None
        if intent == "correction" and reading.correction is not None:
            changed, field = await answers.correct_last(u, reading.correction, msg.sent_at)
            return diary_talk.corrected_last(s, changed, field), None
        if intent == "symptom" and not reading.red_flags:  # with flags: kept below, with advice
            return logging_talk.logged(s, await answers.sensation(u, reading, **where)), None
        symptom = intent == "cramp" and logging.symptom_only(reading, msg.text)
        if intent == "cramp" and reading.confidence < CONFIDENT and not symptom:
            await logging.note_symptom(u, reading, **where)  # the flags are kept at ask time
            c = reading.cramp or Cramp(occurred_at=msg.sent_at)
            ask = AskIfCramp(int(c.occurred_at.timestamp()), c.side, c.duration_s, c.severity)
            yes = b.ConfirmCramp(ask.at, ask.side, ask.duration_s, ask.severity).pack()
            await answers.ask(u, f"{yes}|{b.NotACramp().pack()}", msg.sent_at)  # a typed yes works
            return logging_talk.ask_if_cramp(s, ask), None
        if intent in logging.LOGGABLE or reading.red_flags:
            logged = await logging.log(u, reading, **where)
            reply = logging_talk.logged(s, logged)
            if thinner is not None:  # "took my K2, I'm on warfarin": both heard
                said = reminders_talk.render(
                    s, await reminders.blood_thinner_words(u, thinner, msg.sent_at, msg.text))
                reply.text = "\n\n".join(x for x in (reply.text, said.text) if x)
                reply.buttons = [*reply.buttons, *said.buttons]
            return reply, None
        quinine = advice.mentions_quinine(msg.text)
        notes = await logging.notes(u, msg.text, msg.sent_at)
        if advice.mentions_k2(msg.text) and u.user.anticoagulant in ("vka", "unsure"):
            notes.append(advice.K2_WARFARIN_STOPPING)
        if quinine or notes:  # a question still gets the advice
            return logging_talk.advice_only(s, AdviceOnly(quinine, tuple(notes))), None
        return logging_talk.not_understood(s, NotUnderstood()), None

    async def _answered(self, u: Unit, s: Speech, msg: Incoming, said: str) -> Reply:
        """A typed "yes" or "nope": the answer to the question last put (kept in the
        database, so it works after a restart and on another instance), as if its
        button were pressed."""
        question = await answers.pending(u, msg.sent_at)
        yes, _, no = (question or "").partition("|")
        action = b.unpack(yes if said == "yes" else no) if question else None
        if action is None:
            return diary_talk.which_question(s)
        reply, _ = await self._press(u, s, action, msg.chat_id, msg.message_id)
        return replace(reply, edit=False)

    async def on_edit(self, msg: Incoming) -> Reply:
        """An edited message: the entries it stored follow the new text."""
        assert msg.chat_id is not None and msg.message_id is not None
        async with self.units.open(msg.user_id, once=msg.update_key) as u:
            s = self.speech(u, msg.sent_at)
            reading = read(msg.text, msg.sent_at.astimezone(u.zone).replace(tzinfo=None), u.zone,
                           u.user.language)
            revised = await logging.revise(
                u, reading, sent_at=msg.sent_at, text=msg.text, chat_id=msg.chat_id,
                message_id=msg.message_id, confident=reading.confidence >= CONFIDENT)
            if revised is None:  # the first reading stored nothing: read the edit as new
                reply, week = await self._answer(u, s, msg, reading)
            else:
                reply, week = logging_talk.revised(s, revised), None
        return self._finish(await self._draw(reply, s, week), s, reading.red_flags, msg.text)

    async def on_voice(self, msg: Incoming, audio: bytes) -> Reply:
        """A voice note: what was heard, then the same answer as to those words typed.
        When the words make no sense to the reader, nothing is stored."""
        if self.listen is None:
            return await self._say(msg.user_id, msg.sent_at, settings_talk.cannot_listen)
        async with self.units.open(msg.user_id) as u:
            await settings.remember_language(u, msg.language)
            language = u.user.language or DEFAULT_LANGUAGE
        if self.hears is not None and not self.hears(language):
            return await self.voice_refused(msg, "language")
        try:
            heard = await self.listen(audio, language)
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
                        chat_id: int | None = None, message_id: int | None = None,
                        once: str | None = None, language: str | None = None) -> Reply:
        """A button press. Forged, stale or foreign data gets a kind no, never an error."""
        action = b.unpack(data)
        week = None
        async with self.units.open(user_id, once=once) as u:
            await settings.remember_language(u, language)
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
            case b.ChooseLanguage():
                return settings_talk.language_menu(s, pressed=True), None
            case b.SetLanguage(language):
                chosen = await settings.set_language(u, language)
                return settings_talk.language_set(self.speech(u, now), chosen), None
            case b.DiaryPage(number):
                return diary_talk.page(s, await diary.page(u, number), pressed=True), None
            case b.EditField(entry, field):
                return diary_talk.choices(s, await diary.choices(u, entry, field)), None
            case b.SetDuration(entry, seconds):
                return diary_talk.changed(s, await diary.change(u, entry, "duration_s", seconds, now),
                                          "duration_s"), None
            case b.SetSeverity(entry, severity):
                return diary_talk.changed(s, await diary.change(u, entry, "severity", severity, now),
                                          "severity"), None
            case b.SetCount(entry, count):
                return diary_talk.changed(s, await diary.change(u, entry, "count", count, now), "count"), None
            case b.MoveTime(entry, minutes):
                return diary_talk.changed(s, await diary.move(u, entry, int(minutes), now), "at"), None
            case b.Revert(entry, field, value):
                back = await diary.change(u, entry, field, _revert_value(field, value), now)
                return diary_talk.changed(s, back, field), None
            case b.DeleteEntry(entry):
                return diary_talk.deleted(s, await diary.delete(u, entry)), None
            case b.RestoreEntry(entry):
                return diary_talk.restored(s, await diary.restore(u, entry)), None
        return Reply(s.t("common.expired")), None

    async def on_reaction(self, user_id: int, chat_id: int, message_id: int, emoji: str,
                          now: datetime, once: str | None = None) -> Reply | None:
        """A reaction on one of our messages: a 👍 (or ✅, 👌 ...) on a supplement or
        stretch reminder counts as "Taken", once, like the button; anything else is
        left alone (None: nothing to say)."""
        if emoji not in TAKEN_REACTIONS:
            return None
        async with self.units.open(user_id, once=once) as u:
            occurrence = await u.reminders.occurrence_sent_as(message_id)
            found = await u.reminders.occurrence(occurrence) if occurrence is not None else None
            if found is None or found[1].kind not in ("supplement", "stretch"):
                return None
            s = self.speech(u, now)
            result = await reminders.press(u, b.Taken(found[0].id), now, chat_id, message_id,
                                           self.snooze)
        return self._finish(reminders_talk.render(s, result), s)

    # ---- commands -------------------------------------------------------------------

    async def command(self, name: str, user_id: int, args: str, now: datetime,
                      first_name: str = "", full_name: str = "", once: str | None = None,
                      language: str | None = None) -> Reply:
        """A chat command (bot.commands lists them); an unknown one gets a kind word."""
        async with self.units.open(user_id, once=once) as u:
            await settings.remember_language(u, language)
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
        if name == "language":
            return settings_talk.language_menu(s), None
        if name == "diary":
            return diary_talk.page(s, await diary.page(u, 0)), None
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

    async def tick(self, now: datetime, only: int | None = None) -> list[Outgoing]:
        """Everything due now (for one user with `only`), as finished messages:
        reminders, check-ins, the weekly recap and trial steps. Send each, then call
        `sent` (or `undeliverable`)."""
        out = []
        for due in await self.delivery.claim(now, only):
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
        s = Speech(texts(due.language), zone(due.tz), now, due.tz)
        message = reminders_talk.due_message(s, due)
        if due.kind == "recap":
            recap_reply = await self.week(due.chat_id, now)
            recap_reply.buttons = [*recap_reply.buttons, *message.buttons]
            recap_reply.silent = False
            return recap_reply
        return message

    async def sent(self, out: Outgoing, message_id: int, now: datetime) -> None:
        """A due message went out: a trial moves on, the occurrence is marked sent; a
        check-in's question is remembered, so that a typed "nope" answers it."""
        if out.kind == "checkin":
            async with self.units.open(out.chat_id) as u:
                yes, no = b.CheckinYes(out.occurrence_id), b.CheckinNone(out.occurrence_id)
                await answers.ask(u, f"{yes.pack()}|{no.pack()}", now)
        if out.kind == "trial":
            async with self.units.open(out.chat_id) as u:
                await trial.step(u, now, apply=True)
        await self.delivery.mark_sent(out.occurrence_id, message_id, now)

    async def undeliverable(self, out: Outgoing) -> None:
        """The user blocked the bot or the chat is gone: do not try again."""
        await self.delivery.mark_undeliverable(out.occurrence_id)


def _revert_value(field: str, raw: str) -> object:
    """A Revert button's value as its field holds it (checked again by the use case)."""
    if field == "at":
        return datetime.fromtimestamp(int(raw), UTC) if raw.isdigit() and len(raw) < 12 else None
    if field in ("duration_s", "severity", "count"):
        return int(raw) if raw.isdigit() and len(raw) < 7 else None
    return raw


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?\s*(.*)$", re.S)


def split_command(text: str) -> tuple[str, str] | None:
    """ "/timezone Europe/London" -> ("timezone", "Europe/London")."""
    m = _COMMAND.match(text.strip())
    return (m.group(1).lower(), m.group(2).strip()) if m else None

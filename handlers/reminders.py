"""The scheduler's job: every few seconds, send what the database says is due."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from telegram import InputFile, Message
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.reminders import KIND_RECAP, KIND_TRIAL
from bot.scheduler import Outgoing, ReminderService

from .common import Context, conversation, markup_of

log = logging.getLogger("charley.reminders")
PER_CHAT_GAP = 1.0  # seconds between two messages to one chat (Telegram's limit)


SENDERS = 16  # chats served at once: the sends wait on the network, not on the CPU


async def tick(context: Context) -> None:
    """Send what is due. Chats are served side by side (a send waits ~100 ms on the
    network, so one at a time would cap a Sunday at a few recaps a second); one chat's
    messages go in order, a second apart. The overall 30/s is the rate limiter's job."""
    service: ReminderService = context.application.bot_data["reminders"]
    now = datetime.now(UTC)
    by_chat: dict[int, list[Outgoing]] = {}
    for out in await service.tick(now):
        by_chat.setdefault(out.chat_id, []).append(out)
    gate = asyncio.Semaphore(SENDERS)

    async def serve(outs: list[Outgoing]) -> None:
        async with gate:
            for i, out in enumerate(outs):
                if i:
                    await asyncio.sleep(PER_CHAT_GAP)
                await _deliver(context, service, out, now)

    await asyncio.gather(*(serve(outs) for outs in by_chat.values()))


async def _deliver(context: Context, service: ReminderService, out: Outgoing, now: datetime) -> None:
    try:
        if out.kind == KIND_RECAP:
            message = await _send_recap(context, out, now)
        elif out.kind == KIND_TRIAL:
            reply = await conversation(context).trial_step(out.chat_id, now, apply=False)
            if reply is not None:
                message = await context.bot.send_message(out.chat_id, reply.text,
                                                         reply_markup=markup_of(reply.buttons))
            await conversation(context).trial_step(out.chat_id, now, apply=True)
            if reply is None:
                await service.mark_quiet(out.occurrence_id, now)
                return
        else:
            message = await context.bot.send_message(
                out.chat_id, out.text, reply_markup=markup_of(out.buttons))
    except (Forbidden, BadRequest) as exc:  # blocked, or the chat is gone
        log.info("reminder %s undeliverable: %s", out.occurrence_id, exc)
        await service.mark_undeliverable(out.occurrence_id)
        return
    except TelegramError as exc:  # left "due": claimed again shortly, until an hour late
        log.warning("reminder %s not sent yet: %s", out.occurrence_id, exc)
        return
    await service.mark_sent(out.occurrence_id, message.message_id, now)


async def _send_recap(context: Context, out: Outgoing, now: datetime) -> Message:
    """The weekly recap, as /week answers it, with a button that stops it."""
    reply = await conversation(context).week(out.chat_id, now)
    message = await context.bot.send_message(
        out.chat_id, reply.text, reply_markup=markup_of([*reply.buttons, *out.buttons]))
    if reply.photo is not None:
        await context.bot.send_photo(out.chat_id, InputFile(reply.photo, filename="week.png"))
    return message


def schedule(application: Application, every_seconds: float) -> None:
    """A repeating tick. misfire_grace_time=None: a late tick still runs (APScheduler's
    default of 1 s would silently drop it); coalesce: a backlog runs once."""
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    application.job_queue.run_repeating(
        tick, interval=every_seconds, first=1, name="reminders",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )

"""The scheduler's job: every few seconds, send what the router says is due."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.router import Outgoing, Router

from .common import Context, router, send_reply

log = logging.getLogger("charley.reminders")
PER_CHAT_GAP = 1.0  # seconds between two messages to one chat (Telegram's limit)
SENDERS = 16  # chats served at once: the sends wait on the network, not on the CPU


async def tick(context: Context) -> None:
    """Send what is due. Chats are served side by side (a send waits ~100 ms on the
    network, so one at a time would cap a Sunday at a few recaps a second); one chat's
    messages go in order, a second apart. The overall 30/s is the rate limiter's job."""
    talk = router(context)
    now = datetime.now(UTC)
    by_chat: dict[int, list[Outgoing]] = {}
    for out in await talk.tick(now):
        by_chat.setdefault(out.chat_id, []).append(out)
    gate = asyncio.Semaphore(SENDERS)

    async def serve(outs: list[Outgoing]) -> None:
        async with gate:
            for i, out in enumerate(outs):
                if i:
                    await asyncio.sleep(PER_CHAT_GAP)
                await _deliver(context, talk, out, now)

    await asyncio.gather(*(serve(outs) for outs in by_chat.values()))


async def _deliver(context: Context, talk: Router, out: Outgoing, now: datetime) -> None:
    try:
        message_id = await send_reply(context, out.chat_id, out.reply)
    except (Forbidden, BadRequest) as exc:  # blocked, or the chat is gone
        log.info("reminder %s undeliverable: %s", out.occurrence_id, exc)
        await talk.undeliverable(out)
        return
    except TelegramError as exc:  # left "due": claimed again shortly, until an hour late
        log.warning("reminder %s not sent yet: %s", out.occurrence_id, exc)
        return
    await talk.sent(out, message_id, now)


def schedule(application: Application, every_seconds: float) -> None:
    """A repeating tick. misfire_grace_time=None: a late tick still runs (APScheduler's
    default of 1 s would silently drop it); coalesce: a backlog runs once."""
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    application.job_queue.run_repeating(
        tick, interval=every_seconds, first=1, name="reminders",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )

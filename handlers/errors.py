"""The one error handler: log (secrets are scrubbed by `bot.logs`) and say sorry."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from .common import Context

log = logging.getLogger("charley.errors")
SORRY = (
    "Sorry, something went wrong on my side and I could not save that. "
    "Please send it again in a minute."
)


async def on_error(update: object, context: Context) -> None:
    log.error("handler failed: %r", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, SORRY)
        except TelegramError:
            log.warning("could not tell the user about the failure")

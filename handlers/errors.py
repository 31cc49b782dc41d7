"""The one error handler: log (secrets are scrubbed by `bot.logs`) and say sorry."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import TelegramError

from transport.intake import DurableApplication

from .common import Context, words

log = logging.getLogger("charley.errors")
async def on_error(update: object, context: Context) -> None:
    error = context.error
    # an exception's message may quote what the user wrote (a diary entry, a name):
    # at ERROR only its type and where it happened; all of it at DEBUG
    where = "".join(traceback.format_tb(error.__traceback__)) if error is not None else ""
    log.error("handler failed: %s\n%s", type(error).__name__, where.rstrip())
    log.debug("handler failed: %r", error, exc_info=error)
    app = context.application
    first_time = not isinstance(app, DurableApplication) or (
        isinstance(update, Update) and app.attempt(update.update_id) == 0)
    if isinstance(update, Update) and update.effective_chat is not None and first_time:
        try:
            await context.bot.send_message(update.effective_chat.id, words("access.sorry"))
        except TelegramError:
            log.warning("could not tell the user about the failure")

"""Free text and button presses: the diary itself."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.replies import Reply

from .commands import unknown
from .common import Context, incoming, router, send, sent_at, words


async def on_text(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    await send(update, context, await router(context).on_text(incoming(update, message.text)))


async def on_edited(update: Update, context: Context) -> None:
    """An edited message: the entry it made follows the new text (and says so)."""
    message = update.edited_message
    assert message is not None and message.text is not None
    if message.text.startswith("/"):
        return  # an edited command is not run again
    await send(update, context, await router(context).on_edit(incoming(update, message.text)))


async def on_button(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await query.answer()
    message = query.message
    reply = await router(context).on_button(
        user.id, query.data or "", sent_at(update),
        chat_id=message.chat.id if message else None,
        message_id=message.message_id if message else None,
    )
    await send(update, context, reply)


async def on_other(update: Update, context: Context) -> None:
    """Stickers, photos, locations and the like: a kind word, nothing stored."""
    await send(update, context, Reply(words("access.not_text")))


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, unknown))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text)
    )
    application.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT,
                                           on_edited))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, on_other))

"""Free text and button presses: the diary itself."""

from __future__ import annotations

from dataclasses import replace

from telegram import ReactionTypeEmoji, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, MessageReactionHandler, filters

from bot.replies import Reply
from bot.usecases.unit import AlreadyHandled

from .commands import unknown
from .common import Context, answer, incoming, router, send, sent_at, update_key, words


async def on_text(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    await answer(update, context, router(context).on_text(incoming(update, message.text)))


async def on_edited(update: Update, context: Context) -> None:
    """An edited message: the entry it made follows the new text (and says so)."""
    message = update.edited_message
    assert message is not None and message.text is not None
    if message.text.startswith("/"):
        return  # an edited command is not run again
    await answer(update, context, router(context).on_edit(incoming(update, message.text)))


async def on_button(update: Update, context: Context) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await query.answer()
    message = query.message
    await answer(update, context, router(context).on_button(
        user.id, query.data or "", sent_at(update),
        chat_id=message.chat.id if message else None,
        message_id=message.message_id if message else None,
        once=update_key(update), language=user.language_code,
    ))


async def on_reaction(update: Update, context: Context) -> None:
    """A reaction on a reminder: 👍 means "Taken"; the reminder then says so."""
    reaction = update.message_reaction
    if reaction is None or reaction.user is None:
        return
    emoji = next((r.emoji for r in reaction.new_reaction if isinstance(r, ReactionTypeEmoji)), None)
    if emoji is None:
        return
    try:
        reply = await router(context).on_reaction(
            reaction.user.id, reaction.chat.id, reaction.message_id, emoji, reaction.date,
            once=update_key(update))
    except AlreadyHandled:
        return
    if reply is None:
        return
    try:
        await context.bot.edit_message_text(reply.text, chat_id=reaction.chat.id,
                                            message_id=reaction.message_id)
    except BadRequest:  # too old to edit: say it in a new message
        await send(update, context, replace(reply, edit=False))


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
    application.add_handler(MessageReactionHandler(on_reaction))

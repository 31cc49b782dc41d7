"""Rendering a core `Reply` as Telegram messages."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.conversation import Conversation, Incoming
from bot.replies import Button, Reply

Context = ContextTypes.DEFAULT_TYPE


def conversation(context: Context) -> Conversation:
    return context.application.bot_data["conversation"]


def markup_of(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in buttons]
    )


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    return markup_of(reply.buttons)


def sent_at(update: Update) -> datetime:
    """When the user sent it (Telegram's clock), which is what "now" means to the reader."""
    message = update.effective_message
    if message is not None and message.date is not None and update.callback_query is None:
        return message.date
    return datetime.now(UTC)


def incoming(update: Update, text: str, source: str = "text") -> Incoming:
    """The update's message as the core sees it (new or edited)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    return Incoming(user_id=user.id, text=text, sent_at=sent_at(update), chat_id=message.chat_id,
                    message_id=message.message_id, source=source)


async def send(update: Update, context: Context, reply: Reply) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    if reply.edit and update.callback_query is not None and update.callback_query.message:
        try:
            await update.callback_query.edit_message_text(reply.text, reply_markup=markup(reply))
            return
        except BadRequest:  # too old to edit, or unchanged: answer with a new message
            pass
    if reply.document is not None:
        await context.bot.send_document(
            chat.id,
            InputFile(reply.document.content, filename=reply.document.filename),
            caption=reply.document.caption or None,
            disable_notification=reply.silent,
        )
        if update.callback_query is not None:
            return  # a button asked for the file: the file is the answer
    await context.bot.send_message(
        chat.id, reply.text, reply_markup=markup(reply), disable_notification=reply.silent
    )
    if reply.photo is not None:
        await context.bot.send_photo(chat.id, InputFile(reply.photo, filename="week.png"),
                                     disable_notification=reply.silent)

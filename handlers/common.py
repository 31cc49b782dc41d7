"""Rendering a core `Reply` as Telegram messages, and what every handler needs."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update, WebAppInfo
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.replies import Button, Reply
from bot.router import AlreadyHandled, Incoming, Router
from bot.talk.catalogue import DEFAULT_LANGUAGE, texts

Context = ContextTypes.DEFAULT_TYPE
log = logging.getLogger("charley.handlers")


def router(context: Context) -> Router:
    return context.application.bot_data["router"]


def words(key: str) -> str:
    """A catalogue text, for the few replies made before any user is known."""
    return texts(DEFAULT_LANGUAGE)(key)


def markup_of(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in buttons]
    )


def sent_at(update: Update) -> datetime:
    """When the user sent it (Telegram's clock), which is what "now" means to the reader."""
    message = update.effective_message
    if message is not None and message.date is not None and update.callback_query is None:
        return message.date
    return datetime.now(UTC)


def update_key(update: Update) -> str:
    """What identifies this update for "once": its id, which Telegram keeps when it
    delivers it again; an edit by chat, message and edit date (one effect per edit)."""
    edited = update.edited_message
    if edited is not None and edited.edit_date is not None:
        return f"edit:{edited.chat_id}:{edited.message_id}:{int(edited.edit_date.timestamp())}"
    return f"update:{update.update_id}"


def incoming(update: Update, text: str, source: str = "text") -> Incoming:
    """The update's message as the core sees it (new or edited)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    return Incoming(user_id=user.id, text=text, sent_at=sent_at(update), chat_id=message.chat_id,
                    message_id=message.message_id, source=source,
                    update_key=update_key(update), language=user.language_code)


async def answer(update: Update, context: Context, reply: Awaitable[Reply]) -> None:
    """Send the core's reply; an update whose effect is done already gets no second one."""
    try:
        done = await reply
    except AlreadyHandled:
        log.info("update %s was handled already; nothing done again", update.update_id)
        return
    await send(update, context, done)


async def send(update: Update, context: Context, reply: Reply) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    if reply.edit and update.callback_query is not None and update.callback_query.message:
        try:
            await update.callback_query.edit_message_text(reply.text,
                                                          reply_markup=markup_of(reply.buttons))
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
    await send_reply(context, chat.id, reply)


async def app_markup(context: Context, chat_id: int,
                     buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """The buttons, and under them one that opens the dashboard (a Mini App, in the
    person's language) when WEBAPP_URL is set."""
    markup = markup_of(buttons)
    url = context.bot_data.get("webapp_url")
    if not url:
        return markup
    async with router(context).units.open(chat_id) as u:
        language = u.user.language or DEFAULT_LANGUAGE
    row = [InlineKeyboardButton(texts(language)("webapp.open"), web_app=WebAppInfo(url))]
    return InlineKeyboardMarkup([*(markup.inline_keyboard if markup else ()), row])


async def send_reply(context: Context, chat_id: int, reply: Reply) -> int:
    """A reply as a new message (and its chart after it); the message's id. /start and
    a recap (the reply with the week's chart) offer the dashboard, if there is one."""
    offer = reply.open_app or reply.photo is not None
    message = await context.bot.send_message(
        chat_id, reply.text,
        reply_markup=await app_markup(context, chat_id, reply.buttons) if offer
        else markup_of(reply.buttons),
        disable_notification=reply.silent)
    if reply.photo is not None:
        await context.bot.send_photo(chat_id, InputFile(reply.photo, filename="week.png"),
                                     disable_notification=reply.silent)
    return message.message_id

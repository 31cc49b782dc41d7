"""Who may talk to the bot: private chats only; ALLOWED_USER_IDS when set."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from .common import Context

PRIVATE_ONLY = (
    "I keep a private health diary, so I only work in a private chat. "
    "Please message me directly."
)
NOT_ALLOWED = "Sorry, this Charley is private. You can run your own: see the project's README."


def register(application: Application, allowed: frozenset[int]) -> None:
    async def gate(update: Update, context: Context) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or user.is_bot:
            raise ApplicationHandlerStop  # channel posts, polls, service updates: ignored
        if chat.type != ChatType.PRIVATE:
            message = update.effective_message
            if message is not None and message.text and message.text.startswith("/"):
                await context.bot.send_message(chat.id, PRIVATE_ONLY)
            raise ApplicationHandlerStop  # nothing from groups is stored
        if allowed and user.id not in allowed:
            if update.effective_message is not None:
                await context.bot.send_message(chat.id, NOT_ALLOWED)
            if update.callback_query is not None:
                await update.callback_query.answer()
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, gate), group=-1)

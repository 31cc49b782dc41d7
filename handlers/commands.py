"""Chat commands: one handler for every command in `bot.commands`, and the menu."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import Application, CommandHandler, filters

from bot.commands import COMMANDS
from bot.replies import Reply
from bot.talk.catalogue import DEFAULT_LANGUAGE, texts
from bot.talk.settings import menu

from .common import Context, router, send, sent_at, words


async def command(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.text is not None
    name = message.text.split()[0][1:].split("@")[0].lower()
    reply = await router(context).command(
        name, user.id, " ".join(context.args or []), sent_at(update),
        first_name=user.first_name or "", full_name=user.full_name or "")
    await send(update, context, reply)


async def unknown(update: Update, context: Context) -> None:
    await send(update, context, Reply(words("common.unknown_command")))


def bot_commands() -> list[BotCommand]:
    """Telegram's command menu, from the one list of commands."""
    return [BotCommand(name, text) for name, text in menu(texts(DEFAULT_LANGUAGE))]


def register(application: Application) -> None:
    # new messages only: an edited "/forget" must not ask again
    application.add_handler(CommandHandler([c.name for c in COMMANDS], command,
                                           filters=filters.UpdateType.MESSAGE))

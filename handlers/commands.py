"""Chat commands: one handler for every command in `bot.commands`, and the menu."""

from __future__ import annotations

from collections.abc import Awaitable

from telegram import Bot, BotCommand, Update
from telegram.ext import Application, CommandHandler, filters

from bot.commands import COMMANDS
from bot.replies import Reply
from bot.talk.catalogue import DEFAULT_LANGUAGE, LANGUAGES, texts
from bot.talk.settings import menu

from .common import Context, answer, router, send, sent_at, update_key, words


async def command(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.text is not None
    name = message.text.split()[0][1:].split("@")[0].lower()
    pending = router(context).command(
        name, user.id, " ".join(context.args or []), sent_at(update),
        first_name=user.first_name or "", full_name=user.full_name or "",
        once=update_key(update), language=user.language_code)
    await answer(update, context, _offering_app(pending) if name == "start" else pending)


async def _offering_app(pending: Awaitable[Reply]) -> Reply:
    """/start's answer offers the dashboard (shown when WEBAPP_URL is set)."""
    reply = await pending
    reply.open_app = True
    return reply


async def unknown(update: Update, context: Context) -> None:
    await send(update, context, Reply(words("common.unknown_command")))


def bot_commands(language: str = DEFAULT_LANGUAGE) -> list[BotCommand]:
    """Telegram's command menu in one language, from the one list of commands."""
    return [BotCommand(name, text) for name, text in menu(texts(language))]


async def introduce(bot: Bot) -> None:
    """What a person sees before pressing Start and in the bot's profile, and the
    command menu: in every language Charley speaks (Telegram picks by the app's)."""
    for language in LANGUAGES:
        t, code = texts(language), None if language == DEFAULT_LANGUAGE else language
        if t.language != language:  # no catalogue for it (yet)
            continue
        await bot.set_my_commands(bot_commands(language), language_code=code)
        await bot.set_my_description(t("about.description"), language_code=code)
        await bot.set_my_short_description(t("about.short"), language_code=code)


def register(application: Application) -> None:
    # new messages only: an edited "/forget" must not ask again
    application.add_handler(CommandHandler([c.name for c in COMMANDS], command,
                                           filters=filters.UpdateType.MESSAGE))

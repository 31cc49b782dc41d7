"""Chat commands: /start /help /timezone /week /undo /export (bot-contract.md), and more."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import Application, CommandHandler, filters

from .common import Context, conversation, send, sent_at

COMMANDS = [
    BotCommand("week", "this week against last week"),
    BotCommand("undo", "remove your last entry"),
    BotCommand("export", "all your entries as a CSV file"),
    BotCommand("report", "a PDF to show your doctor"),
    BotCommand("trial", "try a supplement: before and after, compared"),
    BotCommand("remind", "a daily reminder, e.g. /remind K2 21:30"),
    BotCommand("reminders", "your reminders: pause, change, delete"),
    BotCommand("timezone", "set your time zone"),
    BotCommand("forget", "delete everything Charley keeps about you"),
    BotCommand("help", "how to log, and the commands"),
    BotCommand("start", "what Charley does"),
]


async def start(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await send(update, context,
               await conversation(context).start(user.id, sent_at(update), user.first_name or ""))


async def help_(update: Update, context: Context) -> None:
    await send(update, context, conversation(context).help())


async def timezone(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    query = " ".join(context.args or [])
    await send(update, context, await conversation(context).timezone(user.id, query, sent_at(update)))


async def week(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await send(update, context, await conversation(context).week(user.id, sent_at(update)))


async def undo(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await send(update, context, await conversation(context).undo(user.id, sent_at(update)))


async def export(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    fmt = " ".join(context.args or []) or "csv"
    await send(update, context, await conversation(context).export(user.id, sent_at(update), fmt))


async def remind(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    args = " ".join(context.args or [])
    await send(update, context, await conversation(context).remind(user.id, args, sent_at(update)))


async def reminders(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    await send(update, context, await conversation(context).reminders(user.id))


async def report(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    reply = await conversation(context).report(user.id, sent_at(update), user.full_name or "")
    await send(update, context, reply)


async def trial(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    args = " ".join(context.args or [])
    await send(update, context, await conversation(context).trial(user.id, args, sent_at(update)))


async def forget(update: Update, context: Context) -> None:
    await send(update, context, conversation(context).forget())


async def unknown(update: Update, context: Context) -> None:
    from bot.replies import Reply

    await send(update, context, Reply("I don't know that command. /help lists what I can do."))


def register(application: Application) -> None:
    for name, callback in (("start", start), ("help", help_), ("timezone", timezone),
                           ("week", week), ("undo", undo), ("export", export),
                           ("remind", remind), ("reminders", reminders), ("report", report),
                           ("trial", trial), ("forget", forget)):
        # new messages only: an edited "/forget" must not ask again
        application.add_handler(CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE))

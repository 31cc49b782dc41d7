"""The composition root: settings -> database, conversation, Telegram application.

The only module (with `bot.cli`) that knows storage, core and handlers at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import AIORateLimiter, Application

import handlers
import handlers.reminders
from storage import Database

from .config import Settings
from .conversation import Conversation
from .scheduler import ReminderService

log = logging.getLogger("charley")


def build_application(settings: Settings) -> Application:
    assert settings.telegram_bot_token is not None
    api = settings.telegram_api_url

    async def post_init(application: Application) -> None:
        db = Database(settings.database_url)
        await db.upgrade()
        application.bot_data["db"] = db
        application.bot_data["conversation"] = Conversation(
            db, settings.default_timezone, timedelta(minutes=settings.snooze_minutes))
        application.bot_data["reminders"] = ReminderService(db, settings.default_timezone)
        handlers.reminders.schedule(application, settings.reminder_tick_seconds)
        await application.bot.set_my_commands(handlers.commands.COMMANDS)
        log.info("Charley is up as @%s", application.bot.username)

    async def post_shutdown(application: Application) -> None:
        db: Database | None = application.bot_data.get("db")
        if db is not None:
            await db.dispose()

    application = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=5))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    handlers.register(application, settings.allowed_user_ids)
    return application


def run(settings: Settings) -> None:
    application = build_application(settings)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)

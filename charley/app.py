"""The composition root: settings -> database, router, Telegram application.

The only module (with `charley.cli`) that knows storage, core, handlers and transport at once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import Application, ContextTypes

import handlers
import handlers.reminders
from bot.config import Settings
from bot.router import Router
from bot.voice import Listener
from storage import Database
from transport import intake, webhook

log = logging.getLogger("charley")


def build_application(settings: Settings) -> Application:
    assert settings.telegram_bot_token is not None
    api = settings.telegram_api_url
    lease = timedelta(seconds=settings.inbox_retry_seconds)
    queue = intake.DurableQueue(lease)

    async def replay(context: ContextTypes.DEFAULT_TYPE) -> None:
        await intake.replay(context.application)

    async def post_init(application: Application) -> None:
        db = Database(settings.database_url)
        await db.upgrade()
        queue.db = db
        application.bot_data["db"] = db
        listener = Listener(settings.whisper_model_dir, settings.voice_workers)
        application.bot_data["listener"] = listener
        application.bot_data["router"] = Router(
            db, settings.default_timezone, timedelta(minutes=settings.snooze_minutes),
            listen=listener.hear)
        handlers.reminders.schedule(application, settings.reminder_tick_seconds)
        assert application.job_queue is not None
        application.job_queue.run_repeating(
            replay, interval=min(settings.inbox_retry_seconds / 2, 30), first=0.5, name="inbox",
            job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1})
        await application.bot.set_my_commands(handlers.commands.bot_commands())
        log.info("Charley is up as @%s", application.bot.username)

    async def post_shutdown(application: Application) -> None:
        listener: Listener | None = application.bot_data.get("listener")
        if listener is not None:
            listener.close()
        db: Database | None = application.bot_data.get("db")
        if db is not None:
            await db.dispose()

    application = (
        Application.builder()
        .application_class(intake.DurableApplication)
        .update_queue(queue)
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(intake.PatientRateLimiter(max_retries=5,
                                                overall_max_rate=settings.overall_max_rate))
        .concurrent_updates(intake.PerUserOrder(settings.concurrent_updates))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    handlers.register(application, settings.allowed_user_ids, settings.flood_per_minute)
    return application


def run(settings: Settings) -> None:
    application = build_application(settings)
    if settings.webhook_url:
        assert settings.webhook_secret is not None  # Settings requires it
        asyncio.run(webhook.serve(
            application, webhook_url=settings.webhook_url,
            secret=settings.webhook_secret.get_secret_value(),
            listen=settings.webhook_listen, port=settings.webhook_port))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)

"""The composition root: settings -> database, router, Telegram application.

The only module (with `charley.cli`) that knows storage, core, handlers and transport at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from typing import Any

from telegram import MenuButtonWebApp, Update, WebAppInfo
from telegram.ext import Application, ContextTypes
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApp

import handlers
import handlers.reminders
import webapp.api
import webapp.pages
from bot.config import Settings
from bot.router import Router
from bot.talk.catalogue import DEFAULT_LANGUAGE, texts
from bot.usecases.unit import Units
from bot.voice import Listener
from storage import Database
from transport import intake, webhook

log = logging.getLogger("charley")


def build_application(settings: Settings) -> Application:
    assert settings.telegram_bot_token is not None
    api = settings.telegram_api_url
    lease = timedelta(seconds=settings.inbox_retry_seconds)
    queue = intake.DurableQueue(lease)

    started = {"replayed": False, "pruned": 0.0}

    async def replay(context: ContextTypes.DEFAULT_TYPE) -> None:
        # the first time, at start: whatever a dead process left is taken at once
        everything = not started["replayed"]
        await intake.replay(context.application, everything=everything)
        started["replayed"] = True
        if time.monotonic() - started["pruned"] > 3600:
            started["pruned"] = time.monotonic()
            await intake.prune_handled(queue.db)  # type: ignore[arg-type]

    async def watch(context: ContextTypes.DEFAULT_TYPE) -> None:
        why = intake.broken(context.application)
        if why is not None and "broken" not in context.application.bot_data:
            log.critical("no longer taking updates (%s): stopping, to be started again", why)
            context.application.bot_data["broken"] = why
            context.application.stop_running()

    async def post_init(application: Application) -> None:
        db = Database(settings.database_url)
        await db.upgrade()
        queue.db = db
        application.bot_data["db"] = db
        listener = Listener(settings.whisper_model_dir, settings.voice_workers)
        application.bot_data["listener"] = listener
        application.bot_data["router"] = Router(
            db, settings.default_timezone, timedelta(minutes=settings.snooze_minutes),
            listen=listener.hear, hears=listener.hears)
        handlers.reminders.schedule(application, settings.reminder_tick_seconds)
        assert application.job_queue is not None
        application.job_queue.run_repeating(
            replay, interval=min(settings.inbox_retry_seconds / 2, 30), first=0.5, name="inbox",
            job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1})
        application.job_queue.run_repeating(
            watch, interval=2, first=2, name="watch",
            job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1})
        await handlers.commands.introduce(application.bot)
        await start_dashboard(settings, application)
        log.info("Charley is up as @%s", application.bot.username)

    async def post_shutdown(application: Application) -> None:
        server = application.bot_data.pop("webapp_server", None)
        if server is not None:  # polling mode's dashboard server
            server.stop()
        listener: Listener | None = application.bot_data.get("listener")
        if listener is not None:
            listener.close()
        db: Database | None = application.bot_data.get("db")
        if db is not None:
            await db.dispose()

    bot = intake.SkippingBot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=f"{api}/bot", base_file_url=f"{api}/file/bot",
        request=HTTPXRequest(connection_pool_size=256), get_updates_request=HTTPXRequest(),
        rate_limiter=intake.PatientRateLimiter(max_retries=5,
                                               overall_max_rate=settings.overall_max_rate))
    application = (
        Application.builder()
        .application_class(intake.DurableApplication)
        .update_queue(queue)
        .bot(bot)
        .concurrent_updates(intake.PerUserOrder(settings.concurrent_updates))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    handlers.register(application, settings.allowed_user_ids, settings.flood_per_minute)
    dashboard_routes(settings, application)
    return application


def run(settings: Settings) -> int:
    """Runs until SIGTERM (0), or until updates no longer come in (1: to be restarted)."""
    application = build_application(settings)
    if settings.webhook_url:
        assert settings.webhook_secret is not None  # Settings requires it
        asyncio.run(webhook.serve(
            application, webhook_url=settings.webhook_url,
            secret=settings.webhook_secret.get_secret_value(),
            listen=settings.webhook_listen, port=settings.webhook_port,
            extra_routes=application.bot_data.get("webapp_routes")))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 1 if application.bot_data.get("broken") else 0


def dashboard_routes(settings: Settings, application: Application) -> list[Any] | None:
    """The dashboard's routes (Mini App: the page, its files, its API), if WEBAPP_URL is
    set; kept in bot_data for the server that will serve them."""
    if not settings.webapp_url:
        return None
    assert settings.telegram_bot_token is not None

    def units() -> Units | None:
        router: Router | None = application.bot_data.get("router")
        return router.units if router is not None else None

    def bot_link() -> str:
        try:
            return f"https://t.me/{application.bot.username}"
        except RuntimeError:  # not initialised yet
            return "https://t.me/"

    backend = webapp.api.Backend(
        settings.telegram_bot_token.get_secret_value(), units, bot_link=bot_link,
        max_age=timedelta(seconds=settings.webapp_max_age),
        snooze=timedelta(minutes=settings.snooze_minutes))
    routes = webapp.pages.routes(backend)
    application.bot_data["webapp_url"] = settings.webapp_url
    application.bot_data["webapp_routes"] = routes
    return routes


async def start_dashboard(settings: Settings, application: Application) -> None:
    """With WEBAPP_URL: the menu button opens the dashboard; in polling mode its own
    server starts on WEBAPP_LISTEN:WEBAPP_PORT (in webhook mode it is beside the webhook)."""
    routes = application.bot_data.get("webapp_routes")
    if not routes or not settings.webapp_url:
        return
    if not settings.webhook_url:
        server = HTTPServer(WebApp(routes), max_body_size=webapp.api.MAX_BODY)
        server.listen(settings.webapp_port, address=settings.webapp_listen)
        application.bot_data["webapp_server"] = server
        log.info("dashboard on %s:%s", settings.webapp_listen, settings.webapp_port)
    await application.bot.set_chat_menu_button(menu_button=MenuButtonWebApp(
        texts(DEFAULT_LANGUAGE)("webapp.menu"), WebAppInfo(settings.webapp_url)))


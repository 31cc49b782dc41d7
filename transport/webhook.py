"""Webhook mode: a small tornado server in front of the application.

ptb's own webhook server answers 200 as soon as an update is queued and compares the
secret with `!=`. This one answers 200 only after the update is stored (the queue
stores it: see `intake`), 503 when it could not be (Telegram sends it again), 403
without the right `X-Telegram-Bot-Api-Secret-Token` (compared in constant time), and
has `/healthz` for a load balancer. SIGTERM stops taking updates, finishes the ones
in hand, and exits.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApp
from tornado.web import RequestHandler

from storage import Database

from .intake import DurableQueue, broken

log = logging.getLogger("charley.webhook")
MAX_BODY = 1 << 20  # an update is a few kB; a file never comes in the body


class _UpdateHandler(RequestHandler):
    def initialize(self, bot_app: Application, secret: bytes) -> None:
        self.application_ = bot_app
        self.secret = secret
        if not isinstance(bot_app.update_queue, DurableQueue):
            raise TypeError("the webhook stores each update before answering: DurableQueue")
        self.queue: DurableQueue = bot_app.update_queue

    async def post(self) -> None:
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.set_status(403)
            self.finish("forbidden")
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
        except (ValueError, TypeError):
            self.set_status(400)
            self.finish("bad update")
            return
        try:
            update = Update.de_json(data, self.application_.bot)
        except Exception as exc:  # a shape this ptb cannot read
            # Telegram would send it again and again: taken as a bare update (ignored)
            log.error("update %s cannot be read (%s); skipped", data["update_id"],
                      type(exc).__name__)
            update = Update(data["update_id"])
        try:
            await self.queue.offer(update)  # stored before we answer
        except Exception:
            log.warning("could not store update %s; Telegram will send it again",
                        data.get("update_id"))
            self.set_status(503)
            self.finish("try again")
            return
        self.finish("ok")


class _HealthHandler(RequestHandler):
    def initialize(self, db_of: Callable[[], Database | None], ready: asyncio.Event,
                   bot_app: Application) -> None:
        self.db_of = db_of
        self.ready = ready
        self.bot_app = bot_app

    async def get(self) -> None:
        db = self.db_of()
        if db is None or not self.ready.is_set():
            self.set_status(503)
            self.finish("starting or stopping")
            return
        if broken(self.bot_app) is not None or "broken" in self.bot_app.bot_data:
            self.set_status(503)
            self.finish("not taking updates")
            return
        try:
            await db.ping()
        except Exception:
            self.set_status(503)
            self.finish("database unavailable")
            return
        self.finish("ok")


def url_path(webhook_url: str) -> str:
    """The path Telegram posts to: the one in WEBHOOK_URL, or /telegram."""
    path = urlsplit(webhook_url).path.rstrip("/")
    return path or "/telegram"


async def serve(application: Application, *, webhook_url: str, secret: str, listen: str,
                port: int, set_webhook: bool = True,
                stopped: Callable[[], Awaitable[None]] | None = None,
                extra_routes: list[Any] | None = None) -> None:
    """Run the application behind the webhook server until SIGTERM or SIGINT.
    `extra_routes`: more tornado routes served beside the webhook (the dashboard's)."""
    ready = asyncio.Event()
    web = WebApp([
        (url_path(webhook_url), _UpdateHandler, {"bot_app": application,
                                                 "secret": secret.encode()}),
        (r"/healthz", _HealthHandler, {"db_of": lambda: application.bot_data.get("db"),
                                       "ready": ready, "bot_app": application}),
        *(extra_routes or []),
    ])
    # the port first: one that is taken stops the start before anything else is begun
    sockets = bind_sockets(port, address=listen)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    if set_webhook:
        await application.bot.set_webhook(webhook_url, secret_token=secret,
                                          allowed_updates=Update.ALL_TYPES)
    await application.start()
    server = HTTPServer(web, max_body_size=MAX_BODY)
    server.add_sockets(sockets)
    ready.set()
    log.info("webhook server on %s:%s%s", listen, port, url_path(webhook_url))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)


    async def watch() -> None:  # updates no longer handled: stop, exit non-zero
        while (why := broken(application)) is None:
            await asyncio.sleep(2)
        log.critical("no longer taking updates (%s): stopping, to be started again", why)
        application.bot_data["broken"] = why

    waits = [asyncio.ensure_future(stopped() if stopped is not None else stop.wait()),
             asyncio.ensure_future(watch())]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waits:
            task.cancel()
        ready.clear()  # the load balancer sends new updates elsewhere
        server.stop()
        await server.close_all_connections()
        await application.stop()  # handles what was queued
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        log.info("webhook server stopped")

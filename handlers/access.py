"""Who may talk to the bot: private chats only; ALLOWED_USER_IDS when set; and how
often (a per-user flood limit, so one user cannot slow the others)."""

from __future__ import annotations

import time
from collections import deque

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from .common import Context, words


class FloodLimit:
    """At most `limit` updates a minute per user (per instance); the first one over the
    limit gets a polite word, the rest are dropped until the minute has passed. Only
    users active in the last minute are kept in memory."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self.seen: dict[int, deque[float]] = {}
        self._last_sweep = 0.0

    def check(self, user_id: int, now: float | None = None) -> str:
        """ "ok", "warn" (first over the limit) or "drop"."""
        now = time.monotonic() if now is None else now
        if now - self._last_sweep > self.window:
            self.seen = {u: d for u, d in self.seen.items() if d and now - d[-1] < self.window}
            self._last_sweep = now
        times = self.seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        times.append(now)
        if len(times) <= self.limit:
            return "ok"
        return "warn" if len(times) == self.limit + 1 else "drop"


def register(application: Application, allowed: frozenset[int], per_minute: int = 30) -> None:
    flood = FloodLimit(per_minute)

    async def gate(update: Update, context: Context) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or user.is_bot:
            raise ApplicationHandlerStop  # channel posts, polls, service updates: ignored
        if chat.type != ChatType.PRIVATE:
            message = update.effective_message
            if message is not None and message.text and message.text.startswith("/"):
                await context.bot.send_message(chat.id, words("access.private_only"))
            raise ApplicationHandlerStop  # nothing from groups is stored
        if allowed and user.id not in allowed:
            if update.effective_message is not None:
                await context.bot.send_message(chat.id, words("access.not_allowed"))
            if update.callback_query is not None:
                await update.callback_query.answer()
            raise ApplicationHandlerStop
        verdict = flood.check(user.id)
        if verdict != "ok":
            if verdict == "warn":
                await context.bot.send_message(chat.id, words("access.flood"))
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, gate), group=-1)

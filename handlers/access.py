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


class OncePerChat:
    """Whether a chat may be told something again: once per `every` seconds (per
    instance), so a stranger or a group cannot make the bot spend its sending budget."""

    def __init__(self, every: float = 3600.0, most: int = 100_000) -> None:
        self.every, self.most = every, most
        self.told: dict[int, float] = {}

    def first(self, chat_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last = self.told.get(chat_id)
        if last is not None and now - last < self.every:
            return False
        if len(self.told) >= self.most:  # forget the old ones first
            self.told = {c: t for c, t in self.told.items() if now - t < self.every}
            if len(self.told) >= self.most:
                return False
        self.told[chat_id] = now
        return True


def register(application: Application, allowed: frozenset[int], per_minute: int = 30) -> None:
    flood = FloodLimit(per_minute)
    turned_away = OncePerChat()

    async def gate(update: Update, context: Context) -> None:
        """Nothing is sent before the flood limit and the allow-list are checked; a
        group or a stranger hears why at most once an hour per chat."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or user.is_bot:
            raise ApplicationHandlerStop  # channel posts, polls, service updates: ignored
        verdict = flood.check(user.id)
        welcome = not allowed or user.id in allowed
        if verdict == "drop":
            raise ApplicationHandlerStop
        if chat.type != ChatType.PRIVATE:
            message = update.effective_message
            if (welcome and message is not None and message.text and message.text.startswith("/")
                    and turned_away.first(chat.id)):
                await context.bot.send_message(chat.id, words("access.private_only"))
            raise ApplicationHandlerStop  # nothing from groups is stored
        if not welcome:
            if update.callback_query is not None:
                await update.callback_query.answer()
            if update.effective_message is not None and turned_away.first(chat.id):
                await context.bot.send_message(chat.id, words("access.not_allowed"))
            raise ApplicationHandlerStop
        if verdict == "warn":
            await context.bot.send_message(chat.id, words("access.flood"))
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, gate), group=-1)

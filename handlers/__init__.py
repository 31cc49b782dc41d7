"""Telegram adapters: each turns an Update into a call on `bot.router` and the
answer into a reply. No SQL, no parsing here.

Registration order matters and lives in `register`:
  group -1  access: private chats only, ALLOWED_USER_IDS, the per-user flood limit
            (stops the update otherwise)
  group 0   commands, voice notes, then buttons, then free text, then anything else
"""

from __future__ import annotations

from telegram.ext import Application

from . import access, commands, diary, errors, voice


def register(application: Application, allowed_user_ids: frozenset[int],
             per_minute: int = 30) -> None:
    access.register(application, allowed_user_ids, per_minute)
    commands.register(application)
    voice.register(application)
    diary.register(application)
    application.add_error_handler(errors.on_error)


__all__ = ["register"]

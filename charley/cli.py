"""`charley run | chat | parse | db upgrade` (bot-contract.md).

Imports are deferred to each command, so `charley parse` starts without loading
Telegram or the database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.languages import LANGUAGES

if TYPE_CHECKING:
    from bot.config import Settings

NO_TOKEN = (
    "charley: TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather in Telegram "
    "(send it /newbot), then put TELEGRAM_BOT_TOKEN=... in .env or the environment; "
    "`charley chat` works without one."
)
BAD_TOKEN = ("charley: Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather "
             "(/mybots, API Token) and set it again.")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="charley", description="A diary for night-time leg cramps.")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Telegram bot (long polling, or webhook if WEBHOOK_URL)")
    chat = sub.add_parser("chat", help="the same conversation in this terminal")
    chat.add_argument("--files", default="charley-files",
                      help="the folder for charts, exports and reports (default: ./charley-files)")
    chat.add_argument("--user", type=int, default=0,
                      help="whose diary: a Telegram user id (default: the terminal's own)")
    parse = sub.add_parser("parse", help="read messages as the bot does, print JSON")
    parse.add_argument("text", nargs="?", help="the message")
    parse.add_argument("--now", help="local time it was sent, ISO 8601 (default: now)")
    parse.add_argument("--tz", default=None, help="IANA time zone (default: DEFAULT_TIMEZONE)")
    parse.add_argument("--lang", choices=tuple(LANGUAGES), default=None,
                       help="the language the messages are written in (default: English; "
                            "a JSONL line's \"lang\" overrides it)")
    parse.add_argument("--jsonl", action="store_true",
                       help="read JSON lines from stdin, write one answer per line")
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations")
    return p


def _settings():
    from pydantic import ValidationError

    from bot.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                             for e in exc.errors())
        print(f"charley: bad setting: {problems}", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "parse":
        import os

        from bot.parse_cli import main as parse_main

        tz = args.tz or os.environ.get("DEFAULT_TIMEZONE") or "UTC"
        return parse_main(args.text, args.now, tz, args.jsonl, args.lang)

    settings = _settings()
    from bot.logs import setup_logging

    setup_logging(settings.log_level, settings.secrets())
    try:
        return _command(args, settings)
    except Exception as exc:  # a start-up failure: what is wrong and what to do, no traceback
        if settings.log_level.upper() == "DEBUG":
            raise
        from .startup import explain

        port = settings.webhook_port if settings.webhook_url else None
        said = explain(exc, settings.database_url, settings.telegram_api_url, port)
        for secret in settings.secrets():
            said = said.replace(secret, "***")
        print(said, file=sys.stderr)
        return 1


def _command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        if settings.telegram_bot_token is None:
            print(NO_TOKEN, file=sys.stderr)
            return 2
        from telegram.error import InvalidToken

        from charley.app import run

        try:
            return run(settings)
        except InvalidToken:  # its message quotes the token: never printed
            print(BAD_TOKEN, file=sys.stderr)
            return 2
    if args.command == "chat":
        return asyncio.run(_chat(settings.database_url, settings.default_timezone, args.user,
                                 Path(args.files), settings.reminder_tick_seconds))
    if args.command == "db":
        asyncio.run(_upgrade(settings.database_url))
        print("database is up to date")
        return 0
    return 2


async def _upgrade(url: str) -> None:
    from storage import Database

    db = Database(url)
    try:
        await db.upgrade()
    finally:
        await db.dispose()


async def _chat(url: str, default_tz: str, user: int, files: Path, tick_seconds: float) -> int:
    from bot.console import chat
    from bot.router import Router
    from storage import Database

    db = Database(url)
    try:
        await db.upgrade()
        await chat(Router(db, default_tz), user, sys.stdin, sys.stdout, files, tick_seconds)
    except KeyboardInterrupt:
        pass
    finally:
        await db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

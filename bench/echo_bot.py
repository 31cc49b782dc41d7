"""The ceiling for python-telegram-bot on this machine: a minimal echo bot in webhook
mode, set up like Charley (same limiter, same concurrency), doing no work of its own.

    python bench/echo_bot.py  (settings from the environment, as `charley run`)
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import AIORateLimiter, Application, CallbackQueryHandler, MessageHandler, filters


async def echo(update: Update, _context: object) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "?")


async def press(update: Update, _context: object) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"pressed {query.data}")


def main() -> None:
    api = os.environ["TELEGRAM_API_URL"]
    application = (
        Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{api}/bot").base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(overall_max_rate=float(os.environ.get("OVERALL_MAX_RATE", 30))))
        .concurrent_updates(int(os.environ.get("CONCURRENT_UPDATES", 16)))
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(press))
    application.run_webhook(
        listen="127.0.0.1", port=int(os.environ["WEBHOOK_PORT"]), url_path="telegram",
        webhook_url=os.environ["WEBHOOK_URL"], secret_token=os.environ["WEBHOOK_SECRET"],
    )


if __name__ == "__main__":
    main()

"""Logging that never shows a secret.

python-telegram-bot logs the Bot API URL (which holds the token) at DEBUG and httpx
logs every request URL at INFO. Quieting them is not enough at DEBUG, so every
record passes a filter that blanks the secrets, tracebacks included.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback

_TOKEN_SHAPE = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")


class Redactor(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        return _TOKEN_SHAPE.sub("[secret]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
        record.msg, record.args = self.scrub(message), None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        record.exc_info = None  # formatted (and scrubbed) above
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


def setup_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redactor(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # request lines are noise at INFO (and hold the token); warnings still show
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite", "asyncio", "alembic",
                  "fontTools", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))

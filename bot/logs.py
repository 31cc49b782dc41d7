"""Logging that never shows a secret.

python-telegram-bot logs the Bot API URL (which holds the token) at DEBUG and httpx
logs every request URL at INFO. Quieting them is not enough at DEBUG, so every
record passes a filter that blanks the secrets, tracebacks included.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import traceback

_TOKEN_SHAPE = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")


class Redactor(logging.Filter):
    """Scrubs secrets (and token-shaped strings) from every record; above DEBUG a record
    with an exception keeps one line of it ("NetworkError: ...") instead of a traceback,
    so a fault is one line a person can read and a log cannot fill with stacks."""

    def __init__(self, secrets: list[str], tracebacks: bool = True) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]
        self.tracebacks = tracebacks

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        return _TOKEN_SHAPE.sub("[secret]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            if self.tracebacks:
                record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            else:
                message += f" ({record.exc_info[0].__name__}: {record.exc_info[1]})"[:300]
        record.msg, record.args = self.scrub(message), None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        record.exc_info = None  # formatted (and scrubbed) above
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


class RateLimit(logging.Filter):
    """At most `burst` records a minute of one kind (logger, level, message template):
    no fault that repeats, however fast, can fill a disk. The first record after a
    quiet spell says how many were left out."""

    def __init__(self, burst: int = 20, window: float = 60.0) -> None:
        super().__init__()
        self.burst, self.window = burst, window
        self.seen: dict[tuple[str, int, str], list[float]] = {}  # kind -> [start, count, left out]

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        kind = (record.name, record.levelno, str(record.msg)[:200])
        start, count, dropped = self.seen.get(kind, (now, 0, 0))
        if now - start >= self.window:
            if dropped:
                record.msg = f"{record.msg} [{int(dropped)} like this left out in the last minute]"
            start, count, dropped = now, 0, 0
        count += 1
        if count > self.burst:
            self.seen[kind] = [start, count, dropped + 1]
            return False
        self.seen[kind] = [start, count, dropped]
        if len(self.seen) > 10_000:  # kinds are few; a flood of distinct ones is cut short
            self.seen = {k: v for k, v in self.seen.items() if now - v[0] < self.window}
        return True


def install_excepthook(redactor: Redactor) -> None:
    """An exception nobody caught is printed scrubbed too (a rejected token at start)."""

    def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))  # type: ignore[arg-type]
        sys.stderr.write(redactor.scrub(text))

    sys.excepthook = hook


def setup_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redactor = Redactor(secrets, tracebacks=logging.getLevelName(level) <= logging.DEBUG)
    handler.addFilter(RateLimit())
    handler.addFilter(redactor)
    install_excepthook(redactor)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # request lines are noise at INFO (and hold the token); warnings still show
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite", "asyncio", "alembic",
                  "fontTools", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))

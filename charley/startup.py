"""Start-up failures as a person can act on them: one or two lines, what is wrong and
what to do, never a traceback (unless LOG_LEVEL=DEBUG) and never the token.

These words are for the operator at a terminal, not for a user in a chat, so they
live here with the command line rather than in the chat's catalogue.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from sqlalchemy.engine import make_url


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and its causes, outermost first (each once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _where(url: str) -> str:
    """Where the database is, without a password."""
    try:
        parsed = make_url(url)
    except Exception:
        return "the database"
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite file {parsed.database}"
    return f"PostgreSQL at {parsed.host or 'localhost'}:{parsed.port or 5432}"


def explain(exc: BaseException, database_url: str, api_url: str, port: int | None = None) -> str:
    """What went wrong at start, in one or two lines (the last line says what to do)."""
    names = [type(e).__name__ for e in _chain(exc)]
    texts = " ".join(str(e) for e in _chain(exc)).lower()
    where = _where(database_url)
    if "ArgumentError" in names or "NoSuchModuleError" in names:
        return ("charley: DATABASE_URL is not a database address I can use.\n"
                "Use e.g. sqlite+aiosqlite:///path/to/charley.db or postgresql+asyncpg://user@host/db.")
    if any(isinstance(e, PermissionError) for e in _chain(exc)) or "readonly" in texts or \
            "read-only" in texts or "permission denied" in texts:
        return (f"charley: I may not write to {where}.\n"
                "Give this user write access to it (and its folder), or set DATABASE_URL elsewhere.")
    if any(isinstance(e, (FileNotFoundError, FileExistsError, NotADirectoryError, IsADirectoryError))
           for e in _chain(exc)) or "unable to open database file" in texts:
        return (f"charley: I cannot open {where}.\n"
                "Check that its folder exists and can be written, or set DATABASE_URL elsewhere.")
    if any(isinstance(e, OSError) and e.errno == errno.EADDRINUSE for e in _chain(exc)):
        return (f"charley: port {port} is already in use.\n"
                "Stop the other program using it, or set WEBHOOK_PORT (or WEBAPP_PORT) to a free one.")
    if "CommandError" in names or ("revision" in texts and "locate" in texts):
        return (f"charley: {where} could not be brought up to date (its migrations failed).\n"
                "Is it Charley's database? Run `charley db upgrade` with LOG_LEVEL=DEBUG to see why.")
    if "NetworkError" in names or "TimedOut" in names:
        return (f"charley: I cannot reach Telegram at {api_url}.\n"
                "Check the network (or TELEGRAM_API_URL), then start me again.")
    if any(isinstance(e, (ConnectionError, OSError, sqlite3.OperationalError)) for e in _chain(exc)) \
            or "connection" in texts or "InvalidPasswordError" in names or \
            "InvalidCatalogNameError" in names:
        return (f"charley: I cannot reach {where}.\n"
                "Is the database running, and are DATABASE_URL's host, name and user right?")
    return (f"charley: I could not start ({type(exc).__name__}).\n"
            "Run again with LOG_LEVEL=DEBUG for the details.")

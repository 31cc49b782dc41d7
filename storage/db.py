"""The async engine and sessions, and schema migrations (Alembic)."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from . import sqlite_inline

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 0x6368_6172  # "char": one migrator at a time on PostgreSQL


# SQLSTATEs that say "not now" rather than "never": connection exceptions (08), the
# server starting, stopping or crashed (57P01-57P03), out of resources (53), a
# serialization failure or deadlock (40001, 40P01), a lock not available (55P03).
_TRANSIENT_STATES = ("08", "53", "57P01", "57P02", "57P03", "57P05", "40001", "40P01", "55P03",
                     "58")
_TRANSIENT_NAMES = {"CannotConnectNowError", "ConnectionDoesNotExistError", "AdminShutdownError",
                    "CrashShutdownError", "ConnectionFailureError", "TooManyConnectionsError",
                    "ConnectionRejectionError"}


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is s for s in seen) or len(seen) > 10:
            continue
        seen.append(e)
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return seen


def unreachable(exc: BaseException) -> bool:
    """The database could not be reached, or dropped the connection mid-way (a restart,
    a failover, a proxy timing out, a locked or full disk), or is starting or shutting
    down: the same work may succeed if tried again. Not so for a constraint or a bad
    statement. SQLAlchemy wraps some of asyncpg's "not now" errors (CannotConnectNowError
    while the server starts or stops) as a plain DBAPIError: the cause decides."""
    if isinstance(exc, DBAPIError) and (
            exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)):
        return True
    for cause in _causes(exc):
        if isinstance(cause, OSError | TimeoutError | ConnectionError):
            return True  # connecting: refused, reset, timed out
        if type(cause).__name__ in _TRANSIENT_NAMES:
            return True
        state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
        if isinstance(state, str) and state.startswith(_TRANSIENT_STATES):
            return True
    return False


def _prepare_sqlite_file(database: str) -> None:
    """Create the SQLite file (and its folder) readable by its owner only."""
    path = Path(database).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at every checkpoint in WAL mode
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted diary text is overwritten, not left
    cursor.close()


PING_AFTER = 10.0  # seconds a pooled connection may rest before it is checked on checkout


def _rested(_dbapi_connection: Any, record: Any) -> None:
    record.info["rested_since"] = time.monotonic()


def _ping_if_rested(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Check a connection that has been resting (the server may have restarted since):
    SQLAlchemy's pool_pre_ping would check every one, at three round trips (asyncpg
    pings inside a transaction), a third of what a diary entry costs under load. A
    dead one is replaced before use (the pool retries on DisconnectionError)."""
    if time.monotonic() - record.info.get("rested_since", 0.0) < PING_AFTER:
        return
    try:
        dbapi_connection.ping()
    except Exception as exc:
        raise DisconnectionError("connection lost while resting in the pool") from exc


class Database:
    """One engine per process; a session per unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        # An error's text leaves out the statement's values (what users wrote): it is
        # logged with its traceback, and message texts are logged only at DEBUG.
        kwargs: dict[str, Any] = {"hide_parameters": True}
        database = make_url(url).database
        if self.is_sqlite and database and database != ":memory:" and not database.startswith("file:"):
            _prepare_sqlite_file(database)
            # One connection: SQLite lets one writer at a time anyway, and writers
            # queued here wait cheaply, where several connections would spin in
            # SQLite's busy handler (sleeps of up to 100 ms) or fail to upgrade a read.
            # It runs on the event loop's thread (storage/sqlite_inline.py).
            kwargs.update(pool_size=1, max_overflow=0,
                          async_creator=sqlite_inline.creator(str(Path(database).expanduser())))
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            event.listen(self.engine.sync_engine.pool, "checkin", _rested)
            event.listen(self.engine.sync_engine.pool, "checkout", _ping_if_rested)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A transaction: committed when the block ends, rolled back on error."""
        async with self._sessions() as session:
            async with session.begin():
                yield session
            if session.info.pop("forgot", False) and self.is_sqlite:
                await self.checkpoint()

    async def checkpoint(self) -> None:
        """SQLite: copy the WAL into the database file and empty it, so deleted text
        does not linger in the -wal file (after /forget)."""
        async with self.engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    async def upgrade(self) -> None:
        """Bring the schema to the newest migration (safe with several instances)."""
        async with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
            await conn.run_sync(_upgrade)

    async def ping(self) -> None:
        """One round trip; raises if the database cannot be reached."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")

"""SQLite for SQLAlchemy's asyncio engine, run on the event loop's own thread.

aiosqlite runs each call on a helper thread and hands the result back through the
event loop: four round trips per statement, each a thread switch and a GIL
hand-over. A statement on a local SQLite file takes microseconds, far less than one
such hop, so here the calls simply run where they are awaited. This object offers
the part of aiosqlite's interface that SQLAlchemy's aiosqlite dialect uses, and is
plugged in with `create_async_engine(url, async_creator=...)`.

The cost: while SQLite works, the event loop waits. With one connection per process
(storage.db) and short transactions that is microseconds; a long export blocks for
as long as it reads. Another process holding the write lock makes this one wait up
to `busy_timeout` (SQLite is one machine's database; several instances use
PostgreSQL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any


class Cursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> Cursor:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> Cursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def close(self) -> None:
        self._cursor.close()


class Connection:
    """Not offered: setting `isolation_level` (SQLAlchemy would reach into aiosqlite's
    thread queue); Charley never changes it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection
        self._connection = connection  # SQLAlchemy checks it to know the connection is open

    def cursor(self) -> Cursor:
        return Cursor(self._conn.cursor())

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        self._conn.close()
        self._connection = None

    def stop(self) -> None:
        self._conn.close()
        self._connection = None

    async def create_function(self, name: str, num_params: int, func: Callable[..., Any],
                              deterministic: bool = False) -> None:
        self._conn.create_function(name, num_params, func, deterministic=deterministic)


def creator(database: str) -> Callable[[], Any]:
    """For `create_async_engine(..., async_creator=creator(path))`."""

    async def connect() -> Connection:
        return Connection(sqlite3.connect(database, check_same_thread=False))

    return connect

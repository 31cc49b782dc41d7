"""Shared fixtures: real databases (a SQLite file, a fresh PostgreSQL database) and
the real bot process against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg
import pytest

from storage import Database

if TYPE_CHECKING:
    from bot.router import Router
from tests.botapi import BotApiStub

# The PostgreSQL server the tests use; CI starts it. Set CHARLEY_TEST_PG_URL to use
# another; on a machine without one, CHARLEY_TEST_NO_PG=1 skips those tests (CI never does).
PG_ADMIN = os.environ.get("CHARLEY_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
TOKEN = "123456789:AAH-test-token-do-not-log-0123456789xyz"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _asyncpg_url(name: str) -> str:
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{name}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    if os.environ.get("CHARLEY_TEST_NO_PG") == "1":
        pytest.skip("CHARLEY_TEST_NO_PG=1: no PostgreSQL here")
    name = f"charley_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    yield _asyncpg_url(name)
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'charley.db'}"


@asynccontextmanager
async def open_db(url: str) -> AsyncIterator[Database]:
    """A migrated database, disposed of afterwards."""
    db = Database(url)
    await db.upgrade()
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
async def talk(db_url: str) -> AsyncIterator[Router]:
    """The router on a migrated database, on both backends: what every front end uses."""
    from bot.router import Router

    async with open_db(db_url) as db:
        yield Router(db, "Europe/London")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using it runs on a real SQLite file and on the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'charley.db'}"
    return request.getfixturevalue("pg_url")


class RunningBot:
    """The real `charley run` process, talking to the stand-in."""

    def __init__(self, stub: BotApiStub, database_url: str, workdir: Path,
                 extra_env: dict[str, str] | None = None) -> None:
        self.stub = stub
        self.database_url = database_url
        self.log_path = workdir / "bot.log"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ALLOWED_"))}
        env.update({
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": stub.url,
            "DATABASE_URL": database_url,
            "DEFAULT_TIMEZONE": "UTC",
            "LOG_LEVEL": "DEBUG",
            **(extra_env or {}),
        })
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "charley", "run"], env=env, cwd=workdir,
            stdout=self._log, stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.stub.sent(method="setMyCommands"):
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"bot exited {self.proc.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise TimeoutError(f"bot did not start:\n{self.log()}")

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


@pytest.fixture
def stub() -> Iterator[BotApiStub]:
    s = BotApiStub(TOKEN).start()
    yield s
    s.stop()


@pytest.fixture
def running_bot(stub: BotApiStub, tmp_path: Path) -> Iterator[RunningBot]:
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", tmp_path)
    bot.wait_ready()
    yield bot
    bot.stop()


def db_rows(url: str, sql: str, **params: object) -> list[tuple]:
    """Read the bot's database from a test (a real query, any backend)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    async def run() -> list[tuple]:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:  # committed: a test may change things too
                result = await conn.execute(text(sql), params)
                return [tuple(r) for r in result.all()] if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(run())

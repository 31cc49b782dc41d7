"""Start-up failures, each as a real `charley` process: a non-zero exit, at most three
lines on stderr at the default log level, no traceback, and never the token."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from tests.botapi import BotApiStub
from tests.conftest import TOKEN
from tests.test_cli import run

pytestmark = pytest.mark.e2e


def failed_kindly(result, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, result.stderr
    assert 1 <= len(lines) <= 3, result.stderr
    assert "Traceback" not in result.stderr and TOKEN not in result.stderr + result.stdout
    for word in words:
        assert word in result.stderr, (word, result.stderr)


@pytest.mark.parametrize("command", ["chat", "run"])
def test_a_database_file_that_cannot_be_opened(stub: BotApiStub, tmp_path: Path, command: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    result = run([command], tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{blocker}/charley.db",
                 TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=stub.url)
    failed_kindly(result, "cannot open", "DATABASE_URL")


def test_a_database_url_that_is_not_one(tmp_path: Path) -> None:
    failed_kindly(run(["chat"], tmp_path, DATABASE_URL="notaurl"), "DATABASE_URL", "sqlite+aiosqlite")


def test_a_postgresql_that_is_not_there(stub: BotApiStub, tmp_path: Path) -> None:
    result = run(["run"], tmp_path, DATABASE_URL="postgresql+asyncpg://nobody@127.0.0.1:9/none",
                 TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=stub.url)
    failed_kindly(result, "cannot reach PostgreSQL at 127.0.0.1:9")


def test_a_token_telegram_rejects(stub: BotApiStub, tmp_path: Path) -> None:
    wrong = "987654321:AAH-wrong-token-must-never-be-printed-xyz"
    result = run(["run"], tmp_path, TELEGRAM_BOT_TOKEN=wrong, TELEGRAM_API_URL=stub.url)
    failed_kindly(result, "rejected")
    assert wrong not in result.stderr + result.stdout


def test_no_network_to_telegram(tmp_path: Path) -> None:
    result = run(["run"], tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL="http://127.0.0.1:9")
    failed_kindly(result, "cannot reach Telegram")


def test_a_port_already_taken(stub: BotApiStub, tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        result = run(["run"], tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=stub.url,
                     WEBHOOK_URL="https://example.org/telegram", WEBHOOK_SECRET="s3cret-s3cret",
                     WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(taken.getsockname()[1]))
    finally:
        taken.close()
    failed_kindly(result, "already in use", "WEBHOOK_PORT")


def test_migrations_that_fail(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with sqlite3.connect(path) as db:  # a database from somewhere else, or a newer Charley
        db.execute("create table alembic_version (version_num varchar(32) primary key)")
        db.execute("insert into alembic_version values ('9999_from_the_future')")
    failed_kindly(run(["chat"], tmp_path), "could not be brought up to date")

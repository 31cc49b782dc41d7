"""Storage on a real SQLite file and the real PostgreSQL."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from storage import Database, EntryRepo, UserRepo
from storage.models import Entry, User
from tests.conftest import _admin, open_db


def row(**kw):
    base = {"kind": "cramp", "at": datetime(2026, 11, 25, 3, 0, tzinfo=UTC), "source": "text",
            "text": "calf cramp"}
    return {**base, **kw}


async def test_migrations_run_from_empty_and_twice(db_url: str) -> None:
    db = Database(db_url)
    try:
        await db.upgrade()
        await db.upgrade()  # idempotent: a restart migrates again
        async with db.session() as s:
            version = (await s.execute(text("select version_num from alembic_version"))).scalar()
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        from storage.db import MIGRATIONS

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        heads = ScriptDirectory.from_config(cfg).get_heads()
        assert len(heads) == 1 and version == heads[0]  # one line of migrations, all applied
    finally:
        await db.dispose()


async def test_instants_come_back_in_utc_whatever_zone_went_in(db_url: str) -> None:
    async with open_db(db_url) as db:
        async with db.session() as s:
            user, created = await UserRepo(s).get_or_create(1)
            assert created
            plus13 = timezone(timedelta(hours=13))
            await EntryRepo(s, user).add([row(at=datetime(2026, 11, 25, 16, 0, tzinfo=plus13))])
        async with db.session() as s:
            user, created = await UserRepo(s).get_or_create(1)
            assert not created
            [entry] = await EntryRepo(s, user).all()
        assert entry.at == datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
        assert entry.at.tzinfo is not None


async def test_the_same_message_is_stored_once_and_undo_is_not_undone(db_url: str) -> None:
    async with open_db(db_url) as db, db.session() as s:
        user, _ = await UserRepo(s).get_or_create(1)
        repo = EntryRepo(s, user)
        first, dup = await repo.add([row(chat_id=1, message_id=10)])
        assert not dup
        again, dup = await repo.add([row(chat_id=1, message_id=10)])
        assert dup and again[0].id == first[0].id
        await repo.soft_delete(await repo.last_group())
        after_undo, dup = await repo.add([row(chat_id=1, message_id=10)])
        assert dup and after_undo[0].deleted_at is not None  # stays deleted
        assert await repo.all() == []


async def test_repositories_are_scoped_to_their_user(db_url: str) -> None:
    async with open_db(db_url) as db, db.session() as s:
        alice, _ = await UserRepo(s).get_or_create(1)
        bob, _ = await UserRepo(s).get_or_create(2)
        [entry], _ = await EntryRepo(s, alice).add([row(chat_id=1, message_id=1)])
        bobs = EntryRepo(s, bob)
        assert await bobs.get(entry.id) is None
        assert await bobs.all() == []
        assert await bobs.last_group() == []
        assert await bobs.from_message(1, 1) == []


async def test_deleting_a_user_deletes_everything(db_url: str) -> None:
    async with open_db(db_url) as db:
        async with db.session() as s:
            alice, _ = await UserRepo(s).get_or_create(1)
            bob, _ = await UserRepo(s).get_or_create(2)
            await EntryRepo(s, alice).add([row(), row(kind="no_cramp")])
            await EntryRepo(s, bob).add([row()])
            await UserRepo(s).delete(alice)
        async with db.session() as s:
            users = (await s.execute(select(User.telegram_id))).scalars().all()
            entries = (await s.execute(select(func.count()).select_from(Entry))).scalar()
        assert users == [2] and entries == 1


async def test_sqlite_file_is_private_and_in_wal_mode(sqlite_url: str) -> None:
    async with open_db(sqlite_url) as db:
        path = sqlite_url.split("///", 1)[1]
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        async with db.session() as s:
            assert (await s.execute(text("PRAGMA journal_mode"))).scalar() == "wal"


def test_naive_datetimes_are_refused() -> None:
    from storage.models import UTCDateTime

    with pytest.raises(ValueError):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), None)  # type: ignore[arg-type]


async def test_a_connection_lost_while_resting_in_the_pool_is_replaced_unnoticed(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL restarted (or a proxy dropped idle connections) while the bot was quiet:
    the next message is stored as usual, not failed and retried minutes later."""
    import storage.db

    async with open_db(pg_url) as db:
        async with db.session() as session:
            pid = (await session.execute(text("select pg_backend_pid()"))).scalar()
        await _admin(f"select pg_terminate_backend({int(pid)})")  # from outside the pool
        monkeypatch.setattr(storage.db, "PING_AFTER", 0.0)
        for telegram_id in (1, 2):  # whichever pooled connection comes first
            async with db.session() as session:
                await UserRepo(session).get_or_create(telegram_id)
        async with db.session() as session:
            users = (await session.execute(select(func.count()).select_from(User))).scalar()
        assert users == 2


async def test_a_refused_write_on_sqlite_is_an_integrity_error_and_the_next_one_works(
        sqlite_url: str) -> None:
    """SQLite runs through storage/sqlite_inline.py: its errors must still reach the
    code as SQLAlchemy's, and a failed transaction must leave the connection usable."""
    from sqlalchemy.exc import IntegrityError

    async with open_db(sqlite_url) as db:
        async with db.session() as session:
            await UserRepo(session).get_or_create(7)
        with pytest.raises(IntegrityError):
            async with db.session() as session:
                session.add(User(telegram_id=7))
        async with db.session() as session:
            _user, created = await UserRepo(session).get_or_create(8)
        assert created
        async with db.session() as session:
            assert (await session.execute(select(func.count()).select_from(User))).scalar() == 2


async def test_a_failed_statement_does_not_carry_what_the_user_wrote(db_url: str) -> None:
    """A database error is logged with its traceback; SECURITY.md promises message texts
    only at DEBUG, so the statement's parameters stay out of the error."""
    from sqlalchemy.exc import IntegrityError

    private = "cramp after the chemo session at 3am"
    async with open_db(db_url) as db:
        with pytest.raises(IntegrityError) as failed:
            async with db.session() as session:  # no such user: a foreign key refuses it
                session.add(Entry(user_id=424242, **row(text=private)))
        assert "chemo" not in str(failed.value)
        assert "hidden due to hide_parameters" in str(failed.value)

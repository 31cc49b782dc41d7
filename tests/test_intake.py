"""The durable update queue on a real database: group commits store each update once,
tell every caller of its own outcome, and delete settled updates."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import event, text
from telegram import Update

from handlers.intake import DurableQueue, GroupCommit
from tests.conftest import open_db


def update(update_id: int, user: int = 7) -> Update:
    return Update.de_json({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": "left calf 2 min",
        "chat": {"id": user, "type": "private"},
        "from": {"id": user, "is_bot": False, "first_name": "Ann"}}}, None)


async def test_concurrent_updates_share_transactions_and_each_is_queued_once(db_url: str) -> None:
    async with open_db(db_url) as db:
        queue = DurableQueue(timedelta(minutes=5))
        queue.db = db
        commits = []
        event.listen(db.engine.sync_engine, "commit", lambda conn: commits.append(1))
        # 40 updates, each delivered twice at the same moment (Telegram retrying)
        await asyncio.gather(*(queue.put(update(i)) for i in [*range(1, 41), *range(1, 41)]))
        queued = [queue.get_nowait().update_id for _ in range(queue.qsize())]
        assert sorted(queued) == list(range(1, 41))
        async with db.session() as session:
            stored = (await session.execute(text("select count(*) from inbox"))).scalar()
        assert stored == 40
        assert len(commits) <= 3  # not one transaction per update

        await asyncio.gather(*(queue.settle(i) for i in range(1, 31)))
        async with db.session() as session:
            left = (await session.execute(text("select update_id from inbox"))).scalars().all()
        assert sorted(left) == list(range(31, 41))


async def test_a_failed_write_fails_every_caller_in_it_and_the_next_write_works() -> None:
    calls: list[list[int]] = []

    async def write(items: list[int]) -> list[int]:
        calls.append(items)
        if len(calls) == 1:
            raise ConnectionError("database away")
        return [i * 10 for i in items]

    commit = GroupCommit(write)
    first = await asyncio.gather(*(commit(i) for i in range(3)), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in first)
    assert await asyncio.gather(commit(4), commit(5)) == [40, 50]
    assert calls == [[0, 1, 2], [4, 5]]


async def test_a_batch_never_exceeds_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []

    async def write(items: list[int]) -> list[int]:
        sizes.append(len(items))
        await asyncio.sleep(0)
        return items

    commit = GroupCommit(write)
    monkeypatch.setattr(commit, "MOST", 4)
    assert await asyncio.gather(*(commit(i) for i in range(10))) == list(range(10))
    assert sizes == [4, 4, 2]


async def test_a_stopping_bot_queues_no_stored_update_behind_its_stop_signal(db_url: str) -> None:
    """ptb's stop waits for the update queue to empty after its stop signal: an update
    re-queued from the inbox after that signal was never handled, and SIGTERM hung."""
    from datetime import UTC, datetime

    from telegram.ext import Application

    from handlers.intake import DurableApplication, replay

    async with open_db(db_url) as db:
        queue = DurableQueue(timedelta(seconds=1))
        queue.db = db
        app = (Application.builder().token("1:fake").application_class(DurableApplication)
               .update_queue(queue).build())
        await queue.store({"update_id": 5, "telegram_user_id": 7,
                           "payload": update(5).to_json(), "lease_until": datetime.now(UTC)})
        later = datetime.now(UTC) + timedelta(seconds=2)
        assert not app.running  # as from the moment ptb's stop begins
        assert await replay(app, later) == 0
        assert queue.empty()
        async with db.session() as session:  # still stored, for the next instance to handle
            left = (await session.execute(text("select update_id from inbox"))).scalars().all()
        assert left == [5]

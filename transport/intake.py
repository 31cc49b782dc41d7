"""How updates come in without being lost: stored first, confirmed after.

ptb's Updater confirms a batch of updates to Telegram on its next getUpdates, which
it sends as soon as the batch is queued; the webhook server answers 200 as soon as
the update is queued. Either way, a crash after that loses whatever was queued and
not yet handled. So the queue itself stores each raw update (`inbox` table) before
accepting it: the Updater cannot ask for more, and the webhook cannot answer 200,
until the update is committed. An update is deleted from the inbox when its
handling ends without error; one left behind (a crash, a failed handler, the
database down for a moment) is handled again when its lease runs out, by whichever
instance gets to it first. Both writes are group commits: under load one
transaction stores (or deletes) the updates of many callers, each told when its own is
committed.

Handling twice is harmless: entries are unique per (chat, message, part), and
buttons carry what they act on.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor

from bot.talk.catalogue import DEFAULT_LANGUAGE, texts
from storage import Database, InboxRepo, unreachable

log = logging.getLogger("charley.intake")
T, R = TypeVar("T"), TypeVar("R")
MAX_ATTEMPTS = 3  # then the update is dropped (logged), and the user is told
class GroupCommit(Generic[T, R]):
    """Calls that arrive while a write is under way go together in the next one: under
    load one transaction stores (or settles) many updates, alone each goes at once.
    A caller returns only when its own item is committed."""

    MOST = 500  # items per statement (bound parameters stay far below every limit)

    def __init__(self, write: Callable[[list[T]], Awaitable[list[R]]]) -> None:
        self.write = write
        self.waiting: list[tuple[T, asyncio.Future[R]]] = []
        self.writer: asyncio.Task[None] | None = None

    async def __call__(self, item: T) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self.waiting.append((item, future))
        if self.writer is None or self.writer.done():
            self.writer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting[:self.MOST], self.waiting[self.MOST:]
            try:
                results = await self.write([item for item, _ in batch])
            except Exception as exc:  # each caller sees the failure as its own
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
            except BaseException:  # cancelled (shutting down): so are the callers
                for _, future in batch:
                    future.cancel()
                raise
            else:
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)


class DurableQueue(asyncio.Queue):
    """The application's update queue; `put` stores the update before queueing it."""

    FIRST_WAIT, LONGEST_WAIT = 0.25, 10.0  # seconds between tries to store an update

    def __init__(self, lease: timedelta) -> None:
        super().__init__()
        self.db: Database | None = None  # set when the application starts
        self.lease = lease
        self.in_hand: set[int] = set()  # queued or being handled in this process
        # Set as the application stops: ptb queues its stop signal and waits for the queue
        # to empty, so an update queued behind the signal would never be taken and the
        # exit would hang. Updates that arrive then stay in the inbox for the next run.
        self.closing = False
        self.store = GroupCommit(self._store)
        self.settle = GroupCommit(self._settle)

    async def _store(self, rows: list[dict[str, Any]]) -> list[bool]:
        assert self.db is not None
        async with self.db.session() as session:
            fresh = await InboxRepo(session).add(rows)
        seen: set[int] = set()  # the same update twice in one batch: the first is fresh
        out = []
        for row in rows:
            out.append(row["update_id"] in fresh and row["update_id"] not in seen)
            seen.add(row["update_id"])
        return out

    async def _settle(self, update_ids: list[int]) -> list[None]:
        assert self.db is not None
        async with self.db.session() as session:
            await InboxRepo(session).done(update_ids)
        return [None] * len(update_ids)

    async def put(self, item: Any) -> None:
        """The Updater's way in. A database that is away is waited out: meanwhile the
        Updater asks Telegram for nothing more and confirms nothing; nothing is lost."""
        if isinstance(item, Update) and self.db is not None:
            await self._accept(item, patient=True)
        else:
            await super().put(item)

    async def offer(self, update: Update) -> None:
        """The webhook's way in: raises at once if the update cannot be stored, so the
        request is answered with an error and Telegram sends the update again."""
        await self._accept(update, patient=False)

    async def _accept(self, update: Update, patient: bool) -> None:
        if not await self._store_one(update, patient):  # re-delivered while pending
            log.debug("update %s delivered again; already stored", update.update_id)
            return
        if self.closing:
            log.info("stopping: update %s stays stored for later", update.update_id)
            return
        self.in_hand.add(update.update_id)
        await super().put(update)

    async def _store_one(self, update: Update, patient: bool) -> bool:
        user = update.effective_user
        payload = json.dumps(update.to_dict(), separators=(",", ":"))
        wait = self.FIRST_WAIT
        while True:
            try:
                return await self.store({
                    "update_id": update.update_id,
                    "telegram_user_id": user.id if user else None,
                    "payload": payload, "lease_until": datetime.now(UTC) + self.lease})
            except Exception as exc:
                if not patient or not unreachable(exc):
                    raise
                # the type only: the message would carry the statement and what users wrote
                log.warning("database unreachable (%s); update %s waits %.1f s",
                            type(exc).__name__, update.update_id, wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, self.LONGEST_WAIT)

    def put_again(self, update: Update) -> bool:
        """A stored update, handled again (it is in the inbox already); False if the
        application is stopping, and there it stays."""
        if self.closing:
            return False
        self.in_hand.add(update.update_id)
        super().put_nowait(update)  # unbounded: never full
        return True


class DurableApplication(Application):
    """Deletes an update from the inbox once its handlers ran without error."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.failed: set[int] = set()
        self.retried: OrderedDict[int, int] = OrderedDict()  # update id -> attempt

    async def stop(self) -> None:
        if isinstance(self.update_queue, DurableQueue):
            self.update_queue.closing = True
        await super().stop()

    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            if isinstance(update, Update):
                await self._settle(update)

    async def process_error(self, update: object | None, error: Exception, *args: Any,
                            **kwargs: Any) -> bool:
        if isinstance(update, Update):
            self.failed.add(update.update_id)
        return await super().process_error(update, error, *args, **kwargs)

    def attempt(self, update_id: int) -> int:
        """0 for the first time an update is handled, then 1, 2..."""
        return self.retried.get(update_id, 0)

    async def _settle(self, update: Update) -> None:
        queue = self.update_queue
        if not isinstance(queue, DurableQueue) or queue.db is None:
            return
        queue.in_hand.discard(update.update_id)
        self.retried.pop(update.update_id, None)
        if update.update_id in self.failed:
            self.failed.discard(update.update_id)
            return  # stays in the inbox: handled again when its lease runs out
        try:
            await queue.settle(update.update_id)
        except Exception:  # the database is away: it will be handled again, harmlessly
            log.warning("could not settle update %s; it will be handled again", update.update_id)


async def replay(application: Application, now: datetime | None = None) -> int:
    """Queue again the stored updates whose lease ran out; returns how many."""
    queue = application.update_queue
    if not isinstance(queue, DurableQueue) or queue.db is None or queue.closing:
        return 0
    now = now or datetime.now(UTC)
    again: list[tuple[Update, int]] = []
    given_up: list[int] = []
    async with queue.db.session() as session:
        inbox = InboxRepo(session)
        for row in await inbox.claim_stale(now, queue.lease):
            if row.update_id in queue.in_hand:  # still waiting its turn here: not lost
                row.attempts -= 1
                continue
            if row.attempts > MAX_ATTEMPTS:
                log.error("update %s failed %d times; dropped", row.update_id, row.attempts - 1)
                await inbox.done([row.update_id])
                if row.telegram_user_id is not None:
                    given_up.append(row.telegram_user_id)
                continue
            again.append((Update.de_json(json.loads(row.payload), application.bot), row.attempts))
    for user_id in given_up:
        try:
            await application.bot.send_message(user_id, texts(DEFAULT_LANGUAGE)("access.gave_up"))
        except TelegramError:
            log.warning("could not tell a user that an update was dropped")
    for done, (update, attempt) in enumerate(again):
        if not queue.put_again(update):  # stopping: the rest stay in the inbox
            log.info("stopping: %d stored updates left for later", len(again) - done)
            return done
        # recorded before the update can be taken: nothing has yielded since
        if isinstance(application, DurableApplication):
            application.retried[update.update_id] = attempt
            while len(application.retried) > 10_000:
                application.retried.popitem(last=False)
        log.info("handling update %s again (attempt %d)", update.update_id, attempt + 1)
    return len(again)


class PatientRateLimiter(AIORateLimiter):
    """ptb's limiter (30/s overall, 1/s per chat, waits out a 429) that also retries a
    Bot API that fails with a 5xx or times out, with backoff. A bad request is not
    retried; neither is getUpdates, which the Updater retries itself."""

    def __init__(self, network_retries: int = 4, first_wait: float = 0.5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.network_retries = network_retries
        self.first_wait = first_wait

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any],
                              endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Any:
        wait = self.first_wait
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data,
                                                      rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:
                if endpoint == "getUpdates" or attempt == self.network_retries:
                    raise
                log.info("Bot API %s failed (%s); again in %.1f s", endpoint, exc, wait)
                await asyncio.sleep(wait)
                wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover


class PerUserOrder(BaseUpdateProcessor):
    """Updates of different users side by side (up to `max_concurrent_updates`), one
    user's strictly in order: "cramp" then "undo" must not swap. A lock exists only
    while that user has an update in hand."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        lock, users = self._locks.get(user.id, (asyncio.Lock(), 0))
        self._locks[user.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[user.id]
            if users == 1:
                del self._locks[user.id]
            else:
                self._locks[user.id] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

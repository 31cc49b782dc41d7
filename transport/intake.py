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
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor, ExtBot

from bot.talk.catalogue import DEFAULT_LANGUAGE, texts
from storage import Database, HandledRepo, InboxRepo, unreachable

log = logging.getLogger("charley.intake")
T, R = TypeVar("T"), TypeVar("R")
MAX_ATTEMPTS = 3  # then the update is dropped (logged), and the user is told
# how long an update's "handled" mark is kept: Telegram keeps an unconfirmed update
# for 24 hours, so a re-delivery after that is impossible
HANDLED_KEPT = timedelta(days=2)


async def prune_handled(db: Database, now: datetime | None = None) -> int:
    """Forget the "handled" marks older than any re-delivery; returns how many."""
    async with db.session() as session:
        return await HandledRepo(session).prune((now or datetime.now(UTC)) - HANDLED_KEPT)


def broken(application: Application) -> str | None:
    """Why the application no longer takes updates though it should (None: it does):
    the Updater's polling task or the application's update task ended by itself.
    The process must then exit non-zero, so a supervisor starts it again."""
    if not application.running:
        return None
    fetcher = getattr(application, "_Application__update_fetcher_task", None)
    if isinstance(fetcher, asyncio.Task) and fetcher.done():
        return "update_task_ended"
    updater = application.updater
    if updater is not None and updater.running:
        polling = getattr(updater, "_Updater__polling_task", None)
        if isinstance(polling, asyncio.Task) and polling.done():
            return "polling_ended"
    return None
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
        """Store the update; True if it is new. A database that cannot be reached, or
        is starting or shutting down, is waited out with backoff (patient) or reported
        (raised: the webhook answers 503). Any other error is this update's own: tried
        once more alone (a batch fails as a whole), then set aside with a log line, and
        the updates after it go on; never does an error end the Updater's polling."""
        user = update.effective_user
        try:
            payload = json.dumps(update.to_dict(), separators=(",", ":"))
        except Exception as exc:  # whatever it is, it must not stop intake
            log.error("update %s cannot be serialised (%s); set aside",
                      update.update_id, type(exc).__name__)
            return False
        wait = self.FIRST_WAIT
        alone = False
        while True:
            row = {"update_id": update.update_id, "telegram_user_id": user.id if user else None,
                   "payload": payload, "lease_until": datetime.now(UTC) + self.lease}
            try:
                if alone:
                    return (await self._store([row]))[0]
                return await self.store(row)
            except Exception as exc:
                if unreachable(exc):
                    if not patient:
                        raise
                    # the type only: the message would carry the statement and what users wrote
                    log.warning("database unreachable (%s); update %s waits %.1f s",
                                type(exc).__name__, update.update_id, wait)
                elif not alone:
                    alone = True  # maybe another update in the batch: once more, by itself
                    continue
                else:
                    log.error("update %s could not be stored (%s); set aside",
                              update.update_id, type(exc).__name__)
                    return False
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

    AGAIN_FIRST, AGAIN_LONGEST, AGAIN_MOST = 0.5, 8.0, 40  # database away: seconds, tries

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.failed: set[int] = set()
        self.away: set[int] = set()  # failed because the database was away: again soon
        self.away_tries: dict[int, int] = {}
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
            tries = self.away_tries.get(update.update_id, 0)
            if unreachable(error) and tries < self.AGAIN_MOST:
                self.away.add(update.update_id)  # not its fault: no attempt counted
            else:
                self.failed.add(update.update_id)
        return await super().process_error(update, error, *args, **kwargs)

    def attempt(self, update_id: int) -> int:
        """0 for the first time an update is handled, then 1, 2..."""
        return self.retried.get(update_id, 0)

    def _again(self, update: Update) -> None:
        queue = self.update_queue
        if isinstance(queue, DurableQueue) and not queue.put_again(update):
            queue.in_hand.discard(update.update_id)  # stopping: it stays in the inbox
            self.away_tries.pop(update.update_id, None)

    async def _settle(self, update: Update) -> None:
        queue = self.update_queue
        if not isinstance(queue, DurableQueue) or queue.db is None:
            return
        if update.update_id in self.away:
            # the database was away (a restart): handled again in a moment, with backoff,
            # not after the whole lease; it stays in hand here so replay leaves it be
            self.away.discard(update.update_id)
            tries = self.away_tries[update.update_id] = self.away_tries.get(update.update_id, 0) + 1
            self.retried[update.update_id] = max(1, self.retried.get(update.update_id, 0))
            wait = min(self.AGAIN_FIRST * 2 ** (tries - 1), self.AGAIN_LONGEST)
            asyncio.get_running_loop().call_later(wait, self._again, update)
            return
        self.away_tries.pop(update.update_id, None)
        queue.in_hand.discard(update.update_id)
        self.retried.pop(update.update_id, None)
        if update.update_id in self.failed:
            self.failed.discard(update.update_id)
            return  # stays in the inbox: handled again when its lease runs out
        try:
            await queue.settle(update.update_id)
        except Exception:  # the database is away: it will be handled again, harmlessly
            log.warning("could not settle update %s; it will be handled again", update.update_id)


async def replay(application: Application, now: datetime | None = None,
                 everything: bool = False) -> int:
    """Queue again the stored updates whose lease ran out; returns how many.

    `everything`: at start, when no other live process can be holding them (one
    polling instance: Telegram lets only one poll), every stored update is taken at
    once, lease or not; a crash then costs seconds, not the lease. With several webhook
    instances another one may still be handling some of them: that is harmless, as each
    update's effect happens once (see `bot.usecases.unit.Units.open`)."""
    queue = application.update_queue
    if not isinstance(queue, DurableQueue) or queue.db is None or queue.closing:
        return 0
    now = now or datetime.now(UTC)
    again: list[tuple[Update, int]] = []
    given_up: list[int] = []
    async with queue.db.session() as session:
        inbox = InboxRepo(session)
        claim_until = now + queue.lease + timedelta(days=3650) if everything else now
        for row in await inbox.claim_stale(claim_until, queue.lease, limit=10_000 if everything else 100,
                                           leased_at=now):
            if row.update_id in queue.in_hand:  # still waiting its turn here: not lost
                row.attempts -= 1
                continue
            if row.attempts > MAX_ATTEMPTS:
                log.error("update %s failed %d times; dropped", row.update_id, row.attempts - 1)
                await inbox.done([row.update_id])
                if row.telegram_user_id is not None:
                    given_up.append(row.telegram_user_id)
                continue
            try:
                update = Update.de_json(json.loads(row.payload), application.bot)
            except Exception as exc:  # a stored update ptb cannot read: dropped
                log.error("stored update %s cannot be read (%s); dropped",
                          row.update_id, type(exc).__name__)
                await inbox.done([row.update_id])
                continue
            again.append((update, row.attempts))
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


class SkippingBot(ExtBot):
    """A bot whose getUpdates never fails on one update it cannot read (a newer or older
    shape than this ptb knows): that one is replaced by a bare update with its id, so it
    is stored, confirmed to Telegram and ignored, with one log line, and the others in
    the batch go on. (ptb would raise on the whole batch and ask again at once, forever.)"""

    __slots__ = ()

    async def _post(self, endpoint: str, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, *args, **kwargs)
        if endpoint != "getUpdates" or not isinstance(result, list):
            return result
        readable = []
        for raw in result:
            try:
                Update.de_json(raw, self)
                readable.append(raw)
            except Exception as exc:  # anything ptb raises on it
                update_id = raw.get("update_id") if isinstance(raw, dict) else None
                if not isinstance(update_id, int):
                    log.error("getUpdates returned something without an update id; skipped")
                    continue
                log.error("update %s cannot be read (%s); skipped", update_id, type(exc).__name__)
                readable.append({"update_id": update_id})
        return readable


class PatientRateLimiter(AIORateLimiter):
    """ptb's limiter (30/s overall, 1/s per chat, waits out a 429) that also retries a
    Bot API that fails with a 5xx or times out, with backoff. A bad request is not
    retried; neither is getUpdates, which the Updater retries itself, nor getMe."""

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
                # getUpdates is retried by the Updater; getMe at start by ptb's bootstrap
                # (and a bot that cannot reach Telegram at start says so and stops)
                if endpoint in ("getUpdates", "getMe") or attempt == self.network_retries:
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

    async def process_update(self, update: object, coroutine: Any) -> None:
        """The user's own lock first, then one of the processing slots: an update
        waiting behind its user's earlier one holds no slot others could use."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            async with self._semaphore:
                await coroutine
            return
        lock, users = self._locks.get(user.id, (asyncio.Lock(), 0))
        self._locks[user.id] = (lock, users + 1)
        try:
            async with lock, self._semaphore:
                await coroutine
        finally:
            lock, users = self._locks[user.id]
            if users == 1:
                del self._locks[user.id]
            else:
                self._locks[user.id] = (lock, users - 1)

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        await coroutine  # not used: process_update orders and limits itself

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

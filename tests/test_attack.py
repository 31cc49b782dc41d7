"""The faults an attack found (issue #21), numbered as its findings: the real bot process where it
concerns one, with the Bot API stand-in posting updates twice, malformed updates, and a
PostgreSQL cluster of the test's own that it stops and starts."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import math
import signal
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from tests.botapi import BotApiStub, free_port
from tests.conftest import RunningBot, db_rows, open_db
from tests.pgcluster import Cluster, binaries
from tests.test_reliability import entry_counts, wait_for, workdir
from tests.test_webhook import post, webhook_bot

FAST = {"FLOOD_PER_MINUTE": "1000", "LOG_LEVEL": "INFO"}


def texts_to(stub: BotApiStub, user: int) -> list[str]:
    return [c.params.get("text", "") for c in stub.replies(user)]


# ---- 1. never stuck: PostgreSQL restarting ---------------------------------------------

@pytest.fixture
def cluster(tmp_path: Path):
    if binaries() is None:
        pytest.skip("no PostgreSQL binaries to make a cluster of our own")
    c = Cluster(tmp_path / "pg")
    c.start()
    yield c
    c.destroy()


async def _hold_shutdown(cluster: Cluster, seconds: float) -> None:
    """A smart shutdown that waits for one client: meanwhile every new connection is
    refused with CannotConnectNowError ("the database system is shutting down"), and
    the bot's own connections are terminated."""
    import asyncpg

    admin = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres")
    await asyncio.to_thread(cluster.stop, "smart", False)
    await asyncio.sleep(0.5)
    await admin.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        "where pid <> pg_backend_pid() and backend_type = 'client backend'")
    await asyncio.sleep(seconds)
    await admin.close()


def test_1_polling_survives_a_postgresql_restart_and_answers_everyone(
        stub: BotApiStub, tmp_path: Path, cluster: Cluster) -> None:
    bot = RunningBot(stub, cluster.url, workdir(tmp_path, "bot"), FAST)
    try:
        bot.wait_ready()
        stub.send_text(9201, "left calf cramp 1 min")
        stub.wait_replies(9201, 1)
        held = threading.Thread(target=lambda: asyncio.run(_hold_shutdown(cluster, 4)))
        held.start()
        time.sleep(1)
        sent = stub.send_cramps([9202 + i for i in range(5)], 20, side="right")
        held.join()
        wait_for(lambda: not cluster.running(), timeout=30)
        time.sleep(2)
        cluster.start()
        wait_for(lambda: len(entry_counts(cluster.url)) >= 21, timeout=60)
        assert set(entry_counts(cluster.url)) >= set(sent)
        assert bot.proc.poll() is None  # alive, and still polling:
        stub.send_text(9201, "no cramps last night")
        wait_for(lambda: any(t.startswith("Logged: No cramps") for t in texts_to(stub, 9201)),
                 timeout=30)
        assert "CannotConnectNowError" in bot.log() or "unreachable" in bot.log()
    finally:
        bot.stop()


def test_1_cannot_connect_now_is_waited_out_and_a_bad_row_is_not() -> None:
    """What SQLAlchemy makes of asyncpg's "the database system is starting up / shutting
    down": a plain DBAPIError, which must still count as "try again"."""
    from asyncpg.exceptions import AdminShutdownError, CannotConnectNowError
    from sqlalchemy.exc import DBAPIError, IntegrityError

    from storage.db import unreachable

    for cause in (CannotConnectNowError("the database system is shutting down"),
                  AdminShutdownError("terminating connection due to administrator command")):
        assert unreachable(DBAPIError("select 1", {}, cause))
    assert not unreachable(IntegrityError("insert", {}, ValueError("duplicate key")))
    assert not unreachable(DBAPIError("insert", {}, ValueError("bad")))


def test_1_the_process_exits_non_zero_when_polling_ends() -> None:
    """If the Updater's polling task ends by itself, `broken` says so (the watch job then
    stops the application and `charley run` exits 1, for a supervisor to restart it)."""
    from transport.intake import broken

    async def main() -> None:
        finished = asyncio.create_task(asyncio.sleep(0))
        await finished
        pending = asyncio.create_task(asyncio.sleep(10))
        updater = type("U", (), {"running": True, "_Updater__polling_task": finished})()
        app = type("A", (), {"running": True, "updater": updater})()
        assert broken(app) == "polling_ended"  # type: ignore[arg-type]
        updater._Updater__polling_task = pending
        assert broken(app) is None  # type: ignore[arg-type]
        app.running = False
        assert broken(app) is None  # type: ignore[arg-type]  # stopping on purpose
        pending.cancel()

    asyncio.run(main())


# ---- 2. exactly once in effect ---------------------------------------------------------

def test_2_redelivered_undo_and_remind_happen_once(stub: BotApiStub, tmp_path: Path) -> None:
    """Handled, then the process is killed before Telegram heard it was confirmed: the
    next process is sent the same updates again."""
    user = 9210
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    bot = RunningBot(stub, url, workdir(tmp_path, "first"), FAST)
    try:
        bot.wait_ready()
        stub.send_text(user, "left calf cramp 2 min")
        stub.send_text(user, "right calf cramp 3 min")
        stub.wait_replies(user, 2)
        undo = stub.send_text(user, "/undo")
        remind = stub.send_text(user, "/remind magnesium 21:30")
        stub.wait_replies(user, 4)
        wait_for(lambda: db_rows(url, "select count(*) from inbox") == [(0,)])  # all settled
        bot.proc.send_signal(signal.SIGKILL)
        bot.proc.wait(30)
    finally:
        bot.stop()
    time.sleep(2.5)  # the dead process's last long poll ends (the stand-in holds it 2 s)
    for update in (undo, remind):
        stub.redeliver(update)  # the offset was never confirmed: Telegram sends them again
    again = RunningBot(stub, url, workdir(tmp_path, "second"), FAST)
    try:
        again.wait_ready()
        wait_for(lambda: stub.confirmed_offset > remind["update_id"])
        stub.send_text(user, "/help")
        stub.wait_replies(user, 5)
        time.sleep(1)
        live = db_rows(url, "select count(*) from entries where deleted_at is null")
        assert live == [(1,)]  # the second /undo did not remove the older entry
        assert db_rows(url, "select count(*) from reminders") == [(1,)]
        assert len(stub.replies(user)) == 5  # and nothing was said twice
    finally:
        again.stop()


def test_2_an_edit_into_undo_undoes_once(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 9211
    url = running_bot.database_url
    for i in range(5):
        stub.send_text(user, f"left calf cramp {i + 1} min")
    stub.wait_replies(user, 5)
    message = stub.send_text(user, "hello there")["message"]
    stub.wait_replies(user, 6)
    for i in range(4):
        edit = stub.edit_text({**message, "date": message["date"]}, "undo" + "!" * i)
        if i == 0:
            stub.redeliver(edit)
        time.sleep(1.1)  # a new edit date each time
    stub.send_text(user, "/help")
    wait_for(lambda: any("/undo" in t or "undo" in t.lower() for t in texts_to(stub, user)[-1:]))
    time.sleep(1)
    assert db_rows(url, "select count(*) from entries where deleted_at is null") == [(4,)]


def test_2_the_webhook_posted_twice_applies_once(stub: BotApiStub, tmp_path: Path) -> None:
    port = free_port()
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    bot = webhook_bot(stub, url, workdir(tmp_path, "hook"), port)
    try:
        user = 9212
        def update(n: int, text: str) -> dict:
            message = {"message_id": n, "date": int(time.time()),
                       "chat": {"id": user, "type": "private"}, "from": stub.user(user),
                       "text": text}
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0,
                                        "length": len(text.split()[0])}]
            return {"update_id": 700_000 + n, "message": message}
        for n, text in enumerate(["left calf cramp 2 min", "right calf cramp 3 min"]):
            assert post(port, update(n, text)) == 200
        stub.wait_replies(user, 2)
        assert post(port, update(5, "/undo")) == 200
        assert post(port, update(6, "/remind magnesium 21:30")) == 200
        stub.wait_replies(user, 4)
        wait_for(lambda: db_rows(url, "select count(*) from inbox") == [(0,)])
        assert post(port, update(5, "/undo")) == 200  # the same updates, posted again
        assert post(port, update(6, "/remind magnesium 21:30")) == 200
        time.sleep(1.5)
        assert db_rows(url, "select count(*) from entries where deleted_at is null") == [(1,)]
        assert db_rows(url, "select count(*) from reminders") == [(1,)]
        assert len(stub.replies(user)) == 4
    finally:
        bot.stop()


# ---- 3. fast recovery ------------------------------------------------------------------

def test_3_after_kill_9_the_rest_is_answered_within_seconds_of_a_restart(
        stub: BotApiStub, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    env = {"FLOOD_PER_MINUTE": "1000", "LOG_LEVEL": "INFO"}  # the lease stays 60 s
    bot = RunningBot(stub, url, workdir(tmp_path, "first"), env)
    try:
        bot.wait_ready()
        sent = stub.send_cramps([9300 + i for i in range(25)], 300)
        wait_for(lambda: stub.confirmed_offset > 60, every=0.005)
        bot.proc.send_signal(signal.SIGKILL)
        bot.proc.wait(30)
    finally:
        bot.stop()
    assert len(entry_counts(url)) < 300
    restarted = time.monotonic()
    again = RunningBot(stub, url, workdir(tmp_path, "second"), env)
    try:
        again.wait_ready()
        wait_for(lambda: len(entry_counts(url)) >= 300, timeout=60, every=0.1)
        took = time.monotonic() - restarted
        assert took < 15, f"the last message was stored {took:.0f} s after the restart"
        assert sorted(entry_counts(url)) == sorted(sent)
        assert set(entry_counts(url).values()) == {1}
    finally:
        again.stop()


# ---- 4. no head-of-line blocking -------------------------------------------------------

def test_4_a_stranger_cannot_stall_an_allowed_user(stub: BotApiStub, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    me, stranger = 9400, 9401
    bot = RunningBot(stub, url, tmp_path, {"ALLOWED_USER_IDS": str(me), "LOG_LEVEL": "INFO"})
    try:
        bot.wait_ready()
        group = {"id": -100500, "type": "group", "title": "club"}
        for _ in range(60):
            stub.send_text(stranger, "/start", chat=group)
        for _ in range(5):
            stub.send_text(me, "/start", chat={"id": -100501, "type": "group", "title": "g2"})
        for i in range(200):
            stub.send_text(stranger, f"hello {i}")
        started = time.monotonic()
        stub.send_text(me, "left calf cramp 2 min")
        wait_for(lambda: any(t.startswith("Logged") for t in texts_to(stub, me)), timeout=20,
                 every=0.05)
        assert time.monotonic() - started < 5
        wait_for(lambda: stub.confirmed_offset > 266)
        time.sleep(1)
        assert len(stub.sent(-100500)) == 0  # a stranger's group: nothing
        assert len(stub.sent(-100501)) == 1  # a group: told once
        assert len(stub.replies(stranger)) <= 1  # "this Charley is private", once at most
    finally:
        bot.stop()


def test_4_a_user_waiting_for_their_own_turn_holds_no_slot() -> None:
    from telegram import Chat, Message, Update, User

    from transport.intake import PerUserOrder

    order = PerUserOrder(2)
    done: list[int] = []

    def upd(n: int, user: int) -> Update:
        u = User(user, "A", False)
        return Update(n, message=Message(n, datetime.now(UTC), Chat(user, "private"), from_user=u))

    async def work(n: int, seconds: float) -> None:
        await asyncio.sleep(seconds)
        done.append(n)

    async def main() -> None:
        tasks = [asyncio.create_task(order.process_update(upd(i, 1), work(i, 0.5)))
                 for i in range(4)]
        await asyncio.sleep(0.01)
        other = asyncio.create_task(order.process_update(upd(9, 2), work(9, 0)))
        await asyncio.wait_for(other, 0.3)  # not behind user 1's queue
        await asyncio.gather(*tasks)

    asyncio.run(main())
    assert done[0] == 9 and done[1:] == [0, 1, 2, 3]


# ---- 5. text as typed ------------------------------------------------------------------

def test_5_report_with_dollars_in_an_entry_and_a_name(running_bot: RunningBot,
                                                      stub: BotApiStub) -> None:
    user = 9500
    stub.send_text(user, "calf cramp 3 min $$")
    stub.send_text(user, "left foot cramp 2 min $x^2$ \\frac{a}{b}")
    stub.wait_replies(user, 2)
    stub.push_raw({"message": {
        "message_id": 999_001, "date": int(time.time()),
        "chat": {"id": user, "type": "private"},
        "from": {**stub.user(user), "first_name": "Bill $$ Gates", "last_name": "$\\alpha$"},
        "text": "/report", "entities": [{"type": "bot_command", "offset": 0, "length": 7}]}})
    wait_for(lambda: stub.sent(user, "sendDocument"), timeout=30)
    [doc] = stub.sent(user, "sendDocument")
    assert doc.files["document"][1].startswith(b"%PDF")
    assert "handler failed" not in running_bot.log()


# ---- 6. CSV formulas ------------------------------------------------------------------

async def test_6_csv_neutralises_every_formula_start(sqlite_url: str) -> None:
    from bot.router import Incoming, Router

    typed = ["\r=1+1 calf cramp 3 min", " =1+1 calf cramp 3 min", "＝1+1 calf cramp 3 min",
             "\ufeff=1+1 calf cramp 3 min", "\u200b=1+1 calf cramp 3 min",
             "calf cramp 3 min\r=2+2", "+1 calf cramp 3 min"]
    async with open_db(sqlite_url) as db:
        talk = Router(db, "UTC")
        now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
        for n, text in enumerate(typed):
            await talk.on_text(Incoming(1, text, now, chat_id=1, message_id=n + 1))
        document = (await talk.export(1, now)).document
    assert document is not None
    raw = document.content.decode()
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == len(typed)  # no field started a row of its own
    for row in rows:
        cell = row["text"]
        assert cell.startswith("'") or cell.lstrip(" \r\ufeff\u200b")[:1] not in "=+-@＝", cell
    for line in raw.split("\r\n")[1:]:
        assert not line.lstrip().startswith(("=", "+", "-", "@"))


# ---- 7. nothing secret or personal in logs ---------------------------------------------

def test_7_a_rejected_token_is_never_printed(stub: BotApiStub, tmp_path: Path) -> None:
    bad = "987654321:AAF-rejected-token-never-print-me-000"
    bot = RunningBot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", tmp_path,
                     {"TELEGRAM_BOT_TOKEN": bad, "LOG_LEVEL": "DEBUG"})
    code = bot.proc.wait(30)
    log = bot.log()
    bot.stop()
    assert code != 0
    assert bad not in log and bad.split(":")[1] not in log
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in log


def test_7_a_failing_handler_logs_no_diary_text_above_debug(caplog: pytest.LogCaptureFixture) -> None:
    from handlers.errors import on_error

    secret_text = "my very private calf cramp words"

    class Ctx:
        error = ValueError(f"cannot draw {secret_text!r}")
        application = None
        bot = None

    try:
        raise Ctx.error
    except ValueError:
        pass
    caplog.set_level(logging.INFO, logger="charley")
    asyncio.run(on_error(None, Ctx()))  # type: ignore[arg-type]
    assert "handler failed: ValueError" in caplog.text
    assert secret_text not in caplog.text


def test_7_forget_leaves_no_text_in_the_sqlite_files(running_bot: RunningBot,
                                                     stub: BotApiStub, tmp_path: Path) -> None:
    user = 9600
    marker = "zebracrampmarker"
    for i in range(10):
        stub.send_text(user, f"left calf cramp {i + 1} min {marker}")
    stub.wait_replies(user, 10)
    stub.send_text(user, "/forget")
    [ask] = stub.wait_replies(user, 11)[10:]
    yes = next(b["callback_data"] for row in ask.params["reply_markup"]["inline_keyboard"]
               for b in row if b["text"] == "Delete everything")
    stub.press(user, yes)
    stub.wait_replies(user, 12)
    time.sleep(1)
    for path in tmp_path.glob("bot.db*"):
        assert marker.encode() not in path.read_bytes(), path.name
    assert running_bot.proc.poll() is None


def test_7_logging_is_rate_limited() -> None:
    from bot.logs import RateLimit

    limit = RateLimit(burst=5, window=60)
    record = logging.LogRecord("charley.x", logging.ERROR, __file__, 1, "boom %s", ("a",), None)
    passed = sum(limit.filter(logging.makeLogRecord(record.__dict__)) for _ in range(10_000))
    assert passed == 5


# ---- 8. one update ptb cannot parse ---------------------------------------------------

def test_8_an_unreadable_update_is_skipped_once_and_polling_goes_on(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 9800
    stub.push_raw({"poll_answer": {"poll_id": "1"}})  # an old shape: no option_ids, no user
    stub.push_raw({"message": {"message_id": 5}})  # no date, no chat
    stub.send_text(user, "left calf cramp 2 min")
    [reply] = stub.wait_replies(user, 1, timeout=15)
    assert reply.params["text"].startswith("Logged")
    time.sleep(2)
    log = running_bot.log()
    assert log.count("cannot be read") == 2
    assert "Error while parsing updates" not in log
    assert len(log) < 200_000


def test_8_the_webhook_takes_an_unreadable_update_with_200(stub: BotApiStub,
                                                          tmp_path: Path) -> None:
    port = free_port()
    bot = webhook_bot(stub, f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
                      workdir(tmp_path, "hook"), port)
    try:
        assert post(port, {"update_id": 42, "poll_answer": {"poll_id": "1"}}) == 200
        assert post(port, b"not json") == 400
    finally:
        bot.stop()


# ---- 9. a voice note is not a memory bomb ---------------------------------------------

def test_9_a_hostile_audio_header_is_refused_before_decoding() -> None:
    import soundfile as sf

    from bot.voice import VoiceError, decode

    buf = io.BytesIO()
    sf.write(buf, np.zeros((655_350 // 4, 8), dtype="int16"), 655_350, format="FLAC")
    started = time.process_time()
    with pytest.raises(VoiceError) as refused:
        decode(buf.getvalue())
    assert refused.value.problem == "unreadable"
    assert time.process_time() - started < 0.5


def test_9_a_worker_has_its_memory_capped() -> None:
    import resource

    from bot.voice import WORKER_MEMORY, _start_worker

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        _start_worker(None)
        assert resource.getrlimit(resource.RLIMIT_AS)[0] <= WORKER_MEMORY
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# ---- 10. edges -------------------------------------------------------------------------

def test_10_nul_and_infinity_are_stored_alike_on_both_databases(db_url: str) -> None:
    from bot.router import Incoming, Router

    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)

    async def talk_to_it():
        async with open_db(db_url) as db:
            talk = Router(db, "UTC")
            reply = await talk.on_text(Incoming(1, "left calf\x00 cramp 3 min", now, 1, 1))
            assert reply.text.startswith("Logged")
            await talk.on_text(Incoming(1, "took 1e400 mg magnesium", now, 1, 2))
            return (await talk.export(1, now, "json")).document

    export = asyncio.run(talk_to_it())
    assert export is not None
    body = export.content.decode()
    assert "Infinity" not in body and "\\u0000" not in body
    texts = db_rows(db_url, "select text from entries order by id")
    assert texts[0] == ("left calf cramp 3 min",)
    for (amount,) in db_rows(db_url, "select amount from entries where amount is not null"):
        assert math.isfinite(amount)


def test_10_forged_button_values_are_expired(db_url: str) -> None:
    from bot.router import Router

    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    yesterday = int((now - timedelta(days=1)).timestamp())

    async def press_them() -> None:
        async with open_db(db_url) as db:
            talk = Router(db, "UTC")
            for data in ("undo:4294967296", "r:t:99999999999", "fix:2147483648",
                         "yes:0:-:10000000:-", f"yes:{yesterday}:-:9999999:-"):
                reply = await talk.on_button(1, data, now)
                assert "expired" in reply.text, data

    asyncio.run(press_them())
    assert db_rows(db_url, "select count(*) from entries") == [(0,)]

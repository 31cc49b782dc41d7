"""Nothing lost, nothing leaked: the real bot process, killed, flooded, edited, asked
to forget, and facing a Bot API that fails, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.botapi import BotApiStub
from tests.conftest import RunningBot, db_rows

pytestmark = pytest.mark.e2e
FAST = {"INBOX_RETRY_SECONDS": "2", "FLOOD_PER_MINUTE": "1000", "LOG_LEVEL": "INFO"}


def wait_for(predicate, timeout: float = 60.0, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError("condition not met in time")


def entry_counts(url: str) -> dict[int, int]:
    """message id -> how many entries it stored."""
    rows = db_rows(url, "select message_id, count(*) from entries group by message_id")
    return {int(m): int(n) for m, n in rows if m is not None}


def workdir(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir()
    return path


@pytest.mark.parametrize("how", ["kill", "term"])
def test_killed_mid_burst_every_message_is_stored_exactly_once(
        stub: BotApiStub, tmp_path: Path, db_url: str, how: str) -> None:
    bot = RunningBot(stub, db_url, workdir(tmp_path, "first"), FAST)
    try:
        bot.wait_ready()
        sent = stub.send_cramps([9000 + i for i in range(25)], 500)
        # Kill once Telegram considers the first batch delivered: most is not handled yet.
        wait_for(lambda: stub.confirmed_offset > 100, every=0.005)
        bot.proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGTERM)
        code = bot.proc.wait(60)
    finally:
        bot.stop()  # never leave a process behind, whatever failed above
    confirmed = stub.confirmed_offset - 1
    stored = entry_counts(db_url)
    assert confirmed >= 100
    if how == "kill":
        assert code == -signal.SIGKILL
        assert len(stored) < confirmed, "the kill came too late to test anything"
    else:
        assert code == 0  # SIGTERM: the updates in hand are finished, then a clean exit
    again = RunningBot(stub, db_url, workdir(tmp_path, "second"), FAST)
    try:
        again.wait_ready()
        wait_for(lambda: len(entry_counts(db_url)) >= 500, timeout=120)
        time.sleep(3)  # a lease or two more: nothing is stored twice later either
        stored = entry_counts(db_url)
        assert sorted(stored) == sorted(sent)
        assert set(stored.values()) == {1}
        assert db_rows(db_url, "select count(*) from inbox") == [(0,)]
    finally:
        again.stop()


def test_an_edited_message_updates_its_entry_and_an_undone_one_stays_undone(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 9101
    message = stub.send_text(user, "left calf cramp 3 min")["message"]
    [logged] = stub.wait_replies(user, 1)
    assert "3 min" in logged.params["text"]
    stub.edit_text(message, "left foot cramp 5 min")
    [updated] = stub.wait_replies(user, 2)[1:]
    assert updated.params["text"].startswith("Updated: ") and "5 min" in updated.params["text"]
    rows = db_rows(running_bot.database_url,
                   "select muscle, duration_s, text from entries where message_id = :m",
                   m=message["message_id"])
    assert rows == [("foot", 300, "left foot cramp 5 min")]

    second = stub.send_text(user, "right calf cramp 2 min")["message"]
    stub.wait_replies(user, 3)
    stub.send_text(user, "/undo")
    stub.wait_replies(user, 4)
    stub.edit_text(second, "right calf cramp 4 min")
    [kept_out] = stub.wait_replies(user, 5)[4:]
    assert "doesn't bring it back" in kept_out.params["text"]
    rows = db_rows(running_bot.database_url,
                   "select deleted_at is not null from entries where message_id = :m",
                   m=second["message_id"])
    assert rows == [(True,)] or rows == [(1,)]


def test_redelivered_updates_are_stored_once(running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 9102
    update = stub.send_text(user, "left calf cramp 1 min")
    stub.wait_replies(user, 1)
    stub.redeliver(update)  # same update_id, after it was confirmed
    stub.redeliver(update)
    stub.send_text(user, "/help")
    stub.wait_replies(user, 2)
    time.sleep(0.5)
    assert entry_counts(running_bot.database_url) == {update["message"]["message_id"]: 1}


def test_forget_deletes_everything_about_the_user_only(running_bot: RunningBot,
                                                        stub: BotApiStub) -> None:
    url = running_bot.database_url
    me, other = 9103, 9104
    for user in (me, other):
        stub.send_text(user, "/timezone London")
        stub.wait_replies(user, 1)
        stub.send_text(user, "left calf cramp 3 min")
        stub.send_text(user, "/remind magnesium 21:00")
        stub.send_text(user, "/trial magnesium 3 14")
        stub.wait_replies(user, 4)
    ids = dict(db_rows(url, "select telegram_id, id from users"))
    stub.send_text(me, "/forget")
    [ask] = stub.wait_replies(me, 5)[4:]
    assert "cannot be undone" in ask.params["text"]
    buttons = {b["text"]: b["callback_data"] for row in ask.params["reply_markup"]["inline_keyboard"]
               for b in row}
    stub.press(me, buttons["Cancel"])
    stub.wait_replies(me, 6)
    assert db_rows(url, "select count(*) from entries where user_id = :u", u=ids[me]) == [(1,)]
    stub.press(me, buttons["Delete everything"])
    [done] = stub.wait_replies(me, 7)[6:]
    assert "deleted everything" in done.params["text"]
    time.sleep(0.3)
    for table in ("entries", "reminders", "reminder_occurrences", "trials", "advice_shown"):
        assert db_rows(url, f"select count(*) from {table} where user_id = :u", u=ids[me]) == [(0,)]
        if table in ("entries", "reminders", "trials"):
            assert db_rows(url, f"select count(*) from {table} where user_id = :u",
                           u=ids[other]) != [(0,)]
    assert db_rows(url, "select count(*) from users where telegram_id = :t", t=me) == [(0,)]
    assert db_rows(url, "select count(*) from inbox where telegram_user_id = :t", t=me) == [(0,)]


def test_one_user_flooding_is_paused_and_others_are_answered(stub: BotApiStub,
                                                             tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    bot = RunningBot(stub, url, tmp_path, {"FLOOD_PER_MINUTE": "20"})
    try:
        bot.wait_ready()
        flooder, calm = 9105, 9106
        for i in range(300):
            stub.send_text(flooder, f"calf cramp {i % 9 + 1} min")
        stub.send_text(calm, "right foot cramp 2 min")
        [reply] = stub.wait_replies(calm, 1, timeout=20)
        assert reply.params["text"].startswith("Logged")
        wait_for(lambda: stub.confirmed_offset > 301)
        time.sleep(1)
        texts = [c.params.get("text", "") for c in stub.replies(flooder)]
        assert sum("pausing for a minute" in t for t in texts) == 1
        assert len(entry_counts(url)) == 21  # 20 from the flooder, 1 from the calm user
    finally:
        bot.stop()


def test_a_failing_or_slow_bot_api_is_retried_and_nothing_is_dropped(
        running_bot: RunningBot, stub: BotApiStub) -> None:
    user = 9107
    stub.fail_next("sendMessage", status=502, times=2)
    stub.send_text(user, "left calf cramp 3 min")
    [reply] = stub.wait_replies(user, 1, timeout=20)
    assert reply.params["text"].startswith("Logged")
    assert len([c for c in stub.failed if c.method == "sendMessage"]) == 2
    stub.fail_next("sendMessage", status=500)
    stub.fail_next("sendMessage", status=429, retry_after=1)
    stub.send_text(user, "right calf cramp 2 min")
    [reply] = stub.wait_replies(user, 2, timeout=20)[1:]
    assert reply.params["text"].startswith("Logged")
    stub.delay_next("sendMessage", 7)  # longer than the bot's read timeout (5 s)
    stub.send_text(user, "no cramps last night")
    wait_for(lambda: any(c.params.get("text", "").startswith("Logged: No cramps")
                         for c in stub.replies(user)), timeout=30)
    assert len(entry_counts(running_bot.database_url)) == 3


def test_a_database_outage_during_handling_loses_nothing(stub: BotApiStub, tmp_path: Path) -> None:
    """The handler fails while the database file is unreachable; the update stays in the
    inbox and is handled once the database is back."""
    db_file = tmp_path / "data" / "bot.db"
    url = f"sqlite+aiosqlite:///{db_file}"
    bot = RunningBot(stub, url, tmp_path, FAST)
    try:
        bot.wait_ready()
        user = 9108
        stub.send_text(user, "/help")
        stub.wait_replies(user, 1)
        db_rows(url, "create trigger outage before insert on entries "
                     "begin select raise(abort, 'database unavailable'); end")
        stub.send_text(user, "left calf cramp 3 min")
        [sorry] = stub.wait_replies(user, 2)[1:]
        assert "kept your message" in sorry.params["text"]
        assert db_rows(url, "select count(*) from inbox") == [(1,)]
        db_rows(url, "drop trigger outage")
        wait_for(lambda: entry_counts(url), timeout=30)
        [logged] = stub.wait_replies(user, 3)[2:]
        assert logged.params["text"].startswith("Logged")
        assert len(stub.replies(user)) == 3  # one sorry, not one per attempt
        wait_for(lambda: db_rows(url, "select count(*) from inbox") == [(0,)], timeout=10)
    finally:
        bot.stop()


def test_the_sqlite_file_is_for_its_owner_only(running_bot: RunningBot) -> None:
    path = running_bot.database_url.split("///", 1)[1]
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_allowed_user_ids_make_a_private_deployment(stub: BotApiStub, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    bot = RunningBot(stub, url, tmp_path, {"ALLOWED_USER_IDS": "9201, 9202"})
    try:
        bot.wait_ready()
        stub.send_text(9203, "left calf cramp 3 min")
        [no] = stub.wait_replies(9203, 1)
        assert "this Charley is private" in no.params["text"]
        stub.send_text(9201, "left calf cramp 3 min")
        [yes] = stub.wait_replies(9201, 1)
        assert yes.params["text"].startswith("Logged")
        assert db_rows(url, "select count(*) from users where telegram_id = 9203") == [(0,)]
        assert len(entry_counts(url)) == 1
    finally:
        bot.stop()


def _cut_connections(url: str) -> int:
    """Terminate every other server connection to the bot's database (a failover or a
    restart, as the bot sees it); how many there were."""
    return len(db_rows(url, "select pg_terminate_backend(pid) from pg_stat_activity"
                            " where datname = current_database() and pid <> pg_backend_pid()"))


def test_postgresql_connections_cut_mid_burst_lose_nothing_and_store_nothing_twice(
        stub: BotApiStub, tmp_path: Path, pg_url: str) -> None:
    """A failover or restart as the bot sees it: every connection dropped, twice, while
    updates pour in. The bot used to exit (the failed store ended ptb's polling loop)."""
    bot = RunningBot(stub, pg_url, workdir(tmp_path, "bot"), FAST)
    try:
        bot.wait_ready()
        users = [9300 + i for i in range(20)]
        sent = stub.send_cramps(users, 300, side="right")
        cut = 0
        for delivered in (60, 180):
            wait_for(lambda d=delivered: stub.confirmed_offset > d, every=0.005)
            cut += _cut_connections(pg_url)
        assert cut >= 1, "no connection was cut: the test tested nothing"
        wait_for(lambda: len(entry_counts(pg_url)) >= 300, timeout=120)
        time.sleep(3)  # a retry lease or two more: nothing is stored twice later either
        stored = entry_counts(pg_url)
        assert sorted(stored) == sorted(sent)
        assert set(stored.values()) == {1}
        assert db_rows(pg_url, "select count(*) from inbox") == [(0,)]
        assert bot.proc.poll() is None, "the bot died with its connections"
        # Every message was answered; nobody was left wondering whether it was logged.
        for user in users:
            assert len(stub.wait_replies(user, 15)) >= 15
    finally:
        bot.stop()

"""The dashboard's API: JSON over tornado, one user per request, proven by initData.

Every call carries `Authorization: tma <initData>` (no cookies, no session: any
instance answers any request); without valid data it is 401. Every unit of work is
opened for the validated user only, so another user's entry id is simply not found
(404). GET reads; PATCH, POST and DELETE change, through the use cases the chat's
buttons use. Answers are `Cache-Control: no-store`. Bodies are small (`MAX_BODY`)
and each user (and each address, for refused calls) has a budget a minute.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tornado.web import RequestHandler

from bot import buttons as b
from bot.talk import reminders as reminders_talk
from bot.usecases import dashboard, diary, reminders
from bot.usecases.results.reminders import PauseToggled, ReminderDeleted, ReminderMoved, ResumeHeld
from bot.usecases.unit import Units

from . import view
from .initdata import DEFAULT_MAX_AGE, InvalidInitData, from_header, validate

log = logging.getLogger("charley.webapp")
MAX_BODY = 4096  # the largest edit is a few fields
TELEGRAM_JS = "https://telegram.org/js/telegram-web-app.js"


class Budget:
    """At most `per_minute` calls a minute per key (a fixed window; per instance)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._windows: dict[object, tuple[float, int]] = {}

    def spend(self, key: object, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        start, used = self._windows.get(key, (now, 0))
        if now - start >= 60:
            start, used = now, 0
        if used >= self.per_minute:
            return False
        if len(self._windows) > 50_000:  # forget old windows rather than grow
            self._windows = {k: v for k, v in self._windows.items() if now - v[0] < 60}
        self._windows[key] = (start, used + 1)
        return True


@dataclass
class Backend:
    """What the dashboard needs from the running bot (given by the composition root)."""

    token: str
    units_of: Callable[[], Units | None]  # None while starting
    bot_link: Callable[[], str] = lambda: "https://t.me/"
    max_age: timedelta = DEFAULT_MAX_AGE
    snooze: timedelta = timedelta(minutes=30)
    telegram_js: str = TELEGRAM_JS
    per_user: Budget = field(default_factory=lambda: Budget(120))
    per_address: Budget = field(default_factory=lambda: Budget(60))  # refused calls


class _Refused(Exception):
    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


class ApiHandler(RequestHandler):
    def initialize(self, backend: Backend) -> None:
        self.backend = backend
        self.user_id = 0
        self.language: str | None = None

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def _deny(self, status: int, error: str) -> None:
        self.set_status(status)
        if status == 429:
            self.set_header("Retry-After", "60")
        self.finish(json.dumps({"error": error}))

    def prepare(self) -> None:
        if len(self.request.body or b"") > MAX_BODY:
            self._deny(413, "too_large")
            return
        raw = from_header(self.request.headers.get("Authorization"))
        try:
            data = validate(raw, self.backend.token, max_age=self.backend.max_age)
        except InvalidInitData as exc:
            log.info("dashboard call refused: %s", exc.reason)
            if not self.backend.per_address.spend(self.request.remote_ip):
                self._deny(429, "slow_down")
            else:
                self._deny(401, "unauthorized")
            return
        if not self.backend.per_user.spend(data.user.id):
            self._deny(429, "slow_down")
            return
        self.user_id = data.user.id
        self.language = data.user.language_code

    def units(self) -> Units:
        units = self.backend.units_of()
        if units is None:
            raise _Refused(503, "starting")
        return units

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise _Refused(400, "not_json") from exc
        if not isinstance(data, dict):
            raise _Refused(400, "not_an_object")
        return data

    def reply(self, data: object) -> None:
        self.finish(json.dumps(data, ensure_ascii=False))

    async def _on_entry(self, raw_id: str, action: Callable[[Any, int], Awaitable[Any]]
                        ) -> tuple[Any, int, Any]:
        """One entry of this user's, deleted or restored: (speech, id, result); 404 when
        it is not theirs or not there."""
        entry_id, now = _entry_id(raw_id), datetime.now(UTC)
        async with self.units().open(self.user_id) as u:
            s = view.speech(u.user.language or "en", u.tz_name, now)
            done = await action(u, entry_id)
        if done.entry is None:
            raise _Refused(404, "not_found")
        return s, entry_id, done

    async def _run(self, work: Callable[[], Any]) -> None:
        try:
            self.reply(await work())
        except _Refused as exc:
            self._deny(exc.status, exc.error)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish(json.dumps({"error": status_code}))


def _entry_id(raw: str) -> int:
    if not raw.isdigit() or len(raw) > 12:
        raise _Refused(404, "not_found")
    return int(raw)


class Summary(ApiHandler):
    async def get(self) -> None:
        async def work() -> dict[str, Any]:
            now = datetime.now(UTC)
            async with self.units().open(self.user_id) as u:
                result = await dashboard.summary(u, now)
            return view.summary(view.speech(result.language, result.tz, now), result)
        await self._run(work)


class Entries(ApiHandler):
    async def get(self) -> None:
        def number(name: str, default: int) -> int:
            raw = self.get_query_argument(name, str(default))
            return int(raw) if raw.isdigit() and len(raw) < 7 else default

        async def work() -> dict[str, Any]:
            now = datetime.now(UTC)
            async with self.units().open(self.user_id) as u:
                page = await dashboard.entries(u, number("offset", 0), number("limit", 20))
                s = view.speech(u.user.language or "en", u.tz_name, now)
            return view.entries(s, page)
        await self._run(work)


_INTS = {"duration_s", "severity", "count"}


class EntryOne(ApiHandler):
    async def patch(self, raw_id: str) -> None:
        async def work() -> dict[str, Any]:
            entry_id, changes, now = _entry_id(raw_id), self.body(), datetime.now(UTC)
            if not changes or len(changes) > 6:
                raise _Refused(400, "nothing_to_change")
            async with self.units().open(self.user_id) as u:
                s = view.speech(u.user.language or "en", u.tz_name, now)
                if await dashboard.entry(u, entry_id) is None:
                    raise _Refused(404, "not_found")
                changed = None
                for name, value in changes.items():
                    if name == "at":
                        value = view.local_time(s, value) if isinstance(value, str) else None
                    elif name in _INTS and not (isinstance(value, int) and not isinstance(value, bool)):
                        value = None
                    changed = await diary.change(u, entry_id, str(name), value, now)
                    if changed.entry is None:  # rolled back: none of it is kept
                        raise _Refused(400, f"{name}_not_valid")
            assert changed is not None and changed.entry is not None
            return {"entry": view.entry(s, changed.entry), "said": s.t("webapp.saved")}
        await self._run(work)

    async def delete(self, raw_id: str) -> None:
        async def work() -> dict[str, Any]:
            s, entry_id, _gone = await self._on_entry(raw_id, diary.delete)
            return {"deleted": entry_id, "said": s.t("webapp.deleted"), "undo": s.t("button.undo")}
        await self._run(work)


class EntryRestore(ApiHandler):
    async def post(self, raw_id: str) -> None:
        async def work() -> dict[str, Any]:
            s, _id, back = await self._on_entry(raw_id, diary.restore)
            return {"entry": view.entry(s, back.entry)}
        await self._run(work)


class Reminders(ApiHandler):
    async def get(self) -> None:
        async def work() -> dict[str, Any]:
            now = datetime.now(UTC)
            async with self.units().open(self.user_id) as u:
                listed = await reminders.list_reminders(u)
                s = view.speech(u.user.language or "en", u.tz_name, now)
            return view.reminders(s, listed.reminders)
        await self._run(work)


class ReminderOne(ApiHandler):
    async def _press(self, raw_id: str, action: Callable[[int], b.Action],
                     paused: bool | None = None) -> None:
        async def work() -> dict[str, Any]:
            reminder_id, now = _entry_id(raw_id), datetime.now(UTC)
            async with self.units().open(self.user_id) as u:
                s = view.speech(u.user.language or "en", u.tz_name, now)
                found = await dashboard.reminder(u, reminder_id)
                if found is None:
                    raise _Refused(404, "not_found")
                if paused is not None and found.paused == paused:  # already so: nothing to do
                    return {"reminder": view.reminder(s, found), "said": s.t("webapp.saved")}
                result = await reminders.press(u, action(reminder_id), now, None, None,
                                               self.backend.snooze)
            if isinstance(result, ReminderDeleted):
                return {"deleted": reminder_id, "said": s.t("webapp.deleted")}
            if isinstance(result, PauseToggled | ReminderMoved):
                return {"reminder": view.reminder(s, result.reminder), "said": s.t("webapp.saved")}
            if isinstance(result, ResumeHeld):  # a K2 reminder stays off until the gate opens
                return {"reminder": view.reminder(s, result.reminder), "held": True,
                        "said": reminders_talk.render(s, result).text}
            raise _Refused(404, "not_found")
        await self._run(work)

    async def patch(self, raw_id: str) -> None:
        try:
            data = self.body()
        except _Refused as exc:
            self._deny(exc.status, exc.error)
            return
        if isinstance(data.get("paused"), bool):
            await self._press(raw_id, lambda i: b.PauseReminder(i), paused=data["paused"])
            return
        at = data.get("time")
        try:
            parsed = datetime.strptime(at, "%H:%M").time() if isinstance(at, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            self._deny(400, "time_not_valid")
            return
        await self._press(raw_id, lambda i: b.MoveReminder(i, parsed))

    async def delete(self, raw_id: str) -> None:
        # the page asks "Yes, delete" itself: the API's DELETE is the confirmed one
        await self._press(raw_id, lambda i: b.DeleteConfirmed(i))


def api_routes(backend: Backend) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    args = {"backend": backend}
    return [
        (r"/api/summary", Summary, args),
        (r"/api/entries", Entries, args),
        (r"/api/entries/([^/]+)", EntryOne, args),
        (r"/api/entries/([^/]+)/restore", EntryRestore, args),
        (r"/api/reminders", Reminders, args),
        (r"/api/reminders/([^/]+)", ReminderOne, args),
    ]

"""A local stand-in for the Telegram Bot API, for end-to-end tests.

A real HTTP server on 127.0.0.1 (tornado, in its own thread and event loop) that
answers the methods the bot calls, lets a test post updates as a user would, and
records everything the bot sends. Point the bot at it with
TELEGRAM_API_URL=stub.url; calls go to /bot{token}/{method} as with Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tornado.httputil import HTTPServerRequest
from tornado.web import Application, RequestHandler

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Charley", "username": "charley_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}
JSON_PARAMS = {"reply_markup", "allowed_updates", "commands", "entities", "caption_entities",
               "link_preview_options", "reply_parameters", "scope"}
INT_PARAMS = {"chat_id", "offset", "limit", "timeout", "message_id", "from_chat_id",
              "max_connections"}
BOOL_PARAMS = {"disable_notification", "drop_pending_updates", "show_alert",
               "protect_content", "allow_sending_without_reply"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (for a bot's webhook server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiError(Exception):
    """A Bot API error the stand-in answers with (fault injection)."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class BotApiStub:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._confirmed_offset = 0
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self.files: dict[str, bytes] = {}
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._new_update: asyncio.Event | None = None
        self._faults: dict[str, list[ApiError]] = {}
        self._delays: dict[str, list[float]] = {}
        self.failed: list[Call] = []
        self.languages: dict[int, str] = {}  # a user's Telegram language_code (default "en")

    # ---- life cycle -----------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BotApiStub:
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            self._new_update = asyncio.Event()
            app = Application([
                (r"/bot([^/]+)/(\w+)", _ApiHandler, {"stub": self}),
                (r"/file/bot([^/]+)/(.+)", _FileHandler, {"stub": self}),
            ])
            server = app.listen(0, address="127.0.0.1")
            self.port = next(iter(server._sockets.values())).getsockname()[1]
            self._server = server
            ready.set()
            loop.run_forever()
            server.stop()
            loop.close()

        self._thread = threading.Thread(target=serve, name="botapi-stub", daemon=True)
        self._thread.start()
        ready.wait(5)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)

    # ---- what a user does -------------------------------------------------------

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            update["update_id"] = next(self._update_ids)
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update

    def user(self, user_id: int, first_name: str = "Ann") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name,
                "language_code": self.languages.get(user_id, "en")}

    def send_text(self, user_id: int, text: str, *, date: int | None = None,
                  chat: dict[str, Any] | None = None) -> dict[str, Any]:
        """The user types `text` (a command gets its bot_command entity, as Telegram does)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(date if date is not None else time.time()),
            "chat": chat or {"id": user_id, "type": "private", "first_name": "Ann"},
            "from": self.user(user_id),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._push({"message": message})

    def send_cramps(self, users: list[int], count: int, side: str = "left") -> list[int]:
        """A burst: `count` cramp reports ("left calf cramp 3 min"), the users in turn; the
        message ids, to check later that each was stored once."""
        return [self.send_text(users[i % len(users)], f"{side} calf cramp {1 + i % 9} min")
                ["message"]["message_id"] for i in range(count)]

    def send_voice(self, user_id: int, audio: bytes, *, duration: int, date: int | None = None,
                   file_size: int | None = None) -> dict[str, Any]:
        """The user records a voice note; its bytes are served by getFile and the file URL."""
        message_id = next(self._message_ids)
        file_id = f"voice{message_id}"
        self.files[file_id] = audio
        return self._push({"message": {
            "message_id": message_id,
            "date": int(date if date is not None else time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
            "from": self.user(user_id),
            "voice": {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": duration,
                      "mime_type": "audio/ogg",
                      "file_size": len(audio) if file_size is None else file_size},
        }})

    def press(self, user_id: int, data: str, on_message: dict[str, Any] | None = None) -> dict[str, Any]:
        """The user taps an inline button with callback `data`."""
        message = on_message or {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"}, "from": BOT_USER, "text": "…",
        }
        return self._push({"callback_query": {
            "id": str(next(self._message_ids)), "from": self.user(user_id),
            "chat_instance": str(user_id), "data": data, "message": message,
        }})

    def react(self, user_id: int, message_id: int, emoji: str) -> dict[str, Any]:
        """The user puts a reaction on one of the bot's messages (a private chat's
        `message_reaction` update, as Telegram sends it)."""
        return self._push({"message_reaction": {
            "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
            "message_id": message_id, "user": self.user(user_id), "date": int(time.time()),
            "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": emoji}],
        }})

    def push_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        return self._push(update)

    def edit_text(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The user edits a message they sent (Telegram sends `edited_message`)."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        return self._push({"edited_message": edited})

    def redeliver(self, update: dict[str, Any]) -> None:
        """Telegram sends an update again, same update_id (after a timeout, say)."""
        with self._lock:
            self._updates.append(dict(update))
            self._updates.sort(key=lambda u: u["update_id"])
            self._confirmed_offset = min(self._confirmed_offset, update["update_id"])
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next `times` calls of `method` answer only after `seconds` (slow network)."""
        with self._lock:
            self._delays.setdefault(method, []).extend([seconds] * times)

    def fail_next(self, method: str, status: int = 429, times: int = 1,
                  retry_after: int | None = 1) -> None:
        """The next `times` calls of `method` fail: 429 (with retry_after), 500, 502..."""
        text = {429: f"Too Many Requests: retry after {retry_after}",
                500: "Internal Server Error", 502: "Bad Gateway"}.get(status, "Error")
        with self._lock:
            self._faults.setdefault(method, []).extend(
                ApiError(status, text, retry_after if status == 429 else None)
                for _ in range(times))

    # ---- what the bot did -------------------------------------------------------

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls
                    if (method is None or c.method == method)
                    and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def replies(self, chat_id: int) -> list[Call]:
        """Messages, documents, photos and edits the bot sent to this chat."""
        kinds = {"sendMessage", "sendDocument", "sendPhoto", "editMessageText"}
        return [c for c in self.sent(chat_id) if c.method in kinds]

    def wait_replies(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:
        """Block until the chat has at least `count` replies (raise on timeout)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                got = [c for c in self.calls if c.params.get("chat_id") == chat_id and c.method in
                       {"sendMessage", "sendDocument", "sendPhoto", "editMessageText"}]
                if len(got) >= count:
                    return got
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"chat {chat_id}: {len(got)} replies, wanted {count}: "
                        + "; ".join(repr(c.params.get("text", c.method))[:80] for c in got))
                self._cond.wait(left)

    @property
    def confirmed_offset(self) -> int:
        return self._confirmed_offset

    # ---- the API -----------------------------------------------------------------

    async def handle(self, method: str, params: dict[str, Any],
                     files: dict[str, tuple[str, bytes]]) -> Any:
        if method == "getUpdates":
            return await self._get_updates(params)
        call = Call(method, params, files)
        with self._lock:
            delays = self._delays.get(method)
            delay = delays.pop(0) if delays else 0.0
        if delay:
            await asyncio.sleep(delay)
        with self._lock:
            faults = self._faults.get(method)
            fault = faults.pop(0) if faults else None
            if fault is not None:
                self.failed.append(call)
        if fault is not None:
            raise fault
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        chat_id = params.get("chat_id")
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "sendDocument", "sendPhoto"):
            message = {"message_id": next(self._message_ids), "date": int(time.time()),
                       "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER}
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendDocument":
                name, _ = files.get("document", ("file", b""))
                message["document"] = {"file_id": f"doc{message['message_id']}",
                                       "file_unique_id": f"u{message['message_id']}",
                                       "file_name": name}
            if method == "sendPhoto":
                message["photo"] = [{"file_id": f"ph{message['message_id']}",
                                     "file_unique_id": f"p{message['message_id']}",
                                     "width": 100, "height": 100}]
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        if method == "editMessageText":
            return {"message_id": params.get("message_id", 1), "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER,
                    "text": params.get("text", "")}
        if method == "getFile":
            file_id = params.get("file_id", "")
            if file_id not in self.files:  # as Telegram answers an unknown or expired id
                raise ApiError(400, "Bad Request: invalid file_id")
            return {"file_id": file_id, "file_unique_id": file_id,
                    "file_size": len(self.files.get(file_id, b"")), "file_path": f"voice/{file_id}"}
        if method in ("deleteWebhook", "setWebhook", "setMyCommands", "answerCallbackQuery",
                      "setMyDescription", "setMyShortDescription",
                      "sendChatAction", "editMessageReplyMarkup", "deleteMessage", "close",
                      "logOut", "setChatMenuButton"):
            return True
        raise LookupError(method)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset:
                    self._confirmed_offset = max(self._confirmed_offset, offset)
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = list(self._updates[: int(params.get("limit") or 100)])
            left = deadline - time.monotonic()
            if pending or left <= 0:
                return pending
            assert self._new_update is not None
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), left)


def _params(request: HTTPServerRequest) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    params: dict[str, Any] = {}
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and request.body:
        params = json.loads(request.body)
    else:
        for key, values in request.body_arguments.items():
            params[key] = values[-1].decode("utf-8")
        for key, values in request.query_arguments.items():
            params.setdefault(key, values[-1].decode("utf-8"))
    for key, value in list(params.items()):
        if not isinstance(value, str):
            continue
        if key in JSON_PARAMS:
            params[key] = json.loads(value)
        elif key in INT_PARAMS and value.lstrip("-").isdigit():
            params[key] = int(value)
        elif key in BOOL_PARAMS:
            params[key] = value.lower() == "true"
    files = {key: (f[-1]["filename"], f[-1]["body"]) for key, f in request.files.items()}
    return params, files


class _ApiHandler(RequestHandler):
    def initialize(self, stub: BotApiStub) -> None:
        self.stub = stub

    async def _serve(self, token: str, method: str) -> None:
        if token != self.stub.token:
            self.set_status(401)
            self.finish({"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params, files = _params(self.request)
        try:
            result = await self.stub.handle(method, params, files)
        except ApiError as err:
            self.set_status(err.status)
            body: dict[str, Any] = {"ok": False, "error_code": err.status,
                                    "description": err.description}
            if err.retry_after is not None:
                body["parameters"] = {"retry_after": err.retry_after}
            self.finish(body)
            return
        except LookupError:
            self.set_status(404)
            self.finish({"ok": False, "error_code": 404, "description": "Not Found: method"})
            return
        self.finish({"ok": True, "result": result})

    async def post(self, token: str, method: str) -> None:
        await self._serve(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._serve(token, method)


class _FileHandler(RequestHandler):
    def initialize(self, stub: BotApiStub) -> None:
        self.stub = stub

    def get(self, token: str, path: str) -> None:
        file_id = path.rsplit("/", 1)[-1]
        if token != self.stub.token or file_id not in self.stub.files:
            self.set_status(404)
            self.finish()
            return
        self.finish(self.stub.files[file_id])

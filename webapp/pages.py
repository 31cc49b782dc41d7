"""The dashboard's page and its static files, and every route of the Mini App.

`GET /app` is the page (no-cache: it names the current static files); the static
files are named by a hash of their content and cached for good (immutable). The page
holds no diary: its script reads Telegram's initData and asks the API. Opened outside
Telegram (no initData), it says to open it from the bot, with a link; without
JavaScript, the same words are in <noscript>.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from tornado.web import RequestHandler

from bot.talk.catalogue import DEFAULT_LANGUAGE, LANGUAGES, language_of, texts

from .api import Backend, api_routes
from .view import SHELL_WORDS, words

HERE = Path(__file__).parent
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".svg": "image/svg+xml"}
CSP = ("default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Asset:
    name: str  # hashed: app.3f2a9c1b.js
    body: bytes
    content_type: str


@cache
def assets() -> dict[str, Asset]:
    """The static files by their hashed names (read once per process)."""
    found = {}
    for path in sorted((HERE / "static").iterdir()):
        if path.suffix in TYPES:
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            name = f"{path.stem}.{digest}{path.suffix}"
            found[path.name] = Asset(name, body, TYPES[path.suffix])
    return found


def shell_words() -> dict[str, dict[str, str]]:
    """What the page says before (or without) the API, in every language."""
    return {code: words(texts(code), SHELL_WORDS) for code in LANGUAGES}


def page_language(accept: str | None) -> str:
    for part in (accept or "").split(","):
        found = language_of(part.split(";")[0].strip())
        if found:
            return found
    return DEFAULT_LANGUAGE


class AppPage(RequestHandler):
    def initialize(self, backend: Backend) -> None:
        self.backend = backend

    def get(self) -> None:
        language = page_language(self.request.headers.get("Accept-Language"))
        t = texts(language)
        template = (HERE / "templates" / "app.html").read_text(encoding="utf-8")
        files = assets()
        shell = json.dumps(shell_words(), ensure_ascii=False).replace("<", "\\u003c")
        html = (template
                .replace("{{lang}}", language)
                .replace("{{title}}", escape(t("webapp.title")))
                .replace("{{loading}}", escape(t("webapp.loading")))
                .replace("{{outside}}", escape(t("webapp.outside")))
                .replace("{{outside_link}}", escape(t("webapp.outside_link")))
                .replace("{{bot_link}}", escape(self.backend.bot_link()))
                .replace("{{telegram_js}}", escape(self.backend.telegram_js))
                .replace("{{css}}", "/static/" + files["app.css"].name)
                .replace("{{js}}", "/static/" + files["app.js"].name)
                .replace("{{shell}}", shell))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.finish(html)


class Static(RequestHandler):
    def get(self, name: str) -> None:
        found = next((a for a in assets().values() if a.name == name), None)
        if found is None:
            self.set_status(404)
            self.set_header("Cache-Control", "no-store")
            self.finish()
            return
        self.set_header("Content-Type", found.content_type)
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(found.body)


def routes(backend: Backend) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """Every route of the dashboard, for the server beside the webhook or on its own."""
    return [
        (r"/app/?", AppPage, {"backend": backend}),
        (r"/static/([A-Za-z0-9._-]+)", Static, {}),
        *api_routes(backend),
    ]

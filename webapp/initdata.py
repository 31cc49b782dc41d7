"""Telegram Mini App `initData`: who opened the dashboard, checked with the bot token.

As core.telegram.org/bots/webapps says: secret = HMAC-SHA256(key="WebAppData",
msg=bot token); the data-check-string is every field but `hash` (`signature` stays
in), each decoded from the query string once, sorted by key, `key=value` joined by
"\\n"; the hash is HMAC-SHA256(key=secret, msg=data-check-string) in hex. Telegram sets
no expiry: `auth_date` older than `max_age`, or later than now (beyond `leeway` of
clock difference), is refused here. A key given twice is refused (which of the two
was hashed and which read would otherwise be a guess).

Decoded once: a name with `&`, `+` or `%` arrives as `%26`, `%2B`, `%25` and must be
hashed as `&`, `+`, `%`; decoding twice (a past bug of several packages) breaks it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from bot.values import frozen

DEFAULT_MAX_AGE = timedelta(days=1)
LEEWAY = timedelta(seconds=60)  # clocks differ a little; an hour ahead is refused
MAX_LENGTH = 8192  # initData is a few hundred bytes; a user's photo URL makes it longer
_HEX64 = re.compile(r"[0-9a-f]{64}")


class InvalidInitData(ValueError):
    """Refused; `reason` says why (for logs and tests, never shown to a person)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@frozen
class WebAppUser:
    id: int
    first_name: str
    language_code: str | None


@frozen
class InitData:
    user: WebAppUser
    auth_date: datetime
    fields: dict[str, str]  # every field, decoded once (hash included)


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "hash")


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram would put on these fields (for tests and the stand-in)."""
    return hmac.new(secret_key(bot_token), data_check_string(fields).encode(),
                    hashlib.sha256).hexdigest()


def parse_fields(raw: str) -> dict[str, str]:
    """The query string's fields, decoded once; a repeated key or a malformed pair refused."""
    if not raw or len(raw) > MAX_LENGTH:
        raise InvalidInitData("empty or too long")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True,
                          max_num_fields=64)
    except ValueError as exc:
        raise InvalidInitData("not a query string") from exc
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in fields:
            raise InvalidInitData(f"{key} given twice")
        fields[key] = value
    return fields


def validate(raw: str, bot_token: str, *, max_age: timedelta = DEFAULT_MAX_AGE,
             now: datetime | None = None, leeway: timedelta = LEEWAY) -> InitData:
    """The checked initData, or `InvalidInitData`."""
    fields = parse_fields(raw)
    given = fields.get("hash", "")
    if not _HEX64.fullmatch(given):
        raise InvalidInitData("no hash")
    if not hmac.compare_digest(sign(fields, bot_token), given):
        raise InvalidInitData("wrong hash")
    stamp = fields.get("auth_date", "")
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        raise InvalidInitData("no auth_date")
    issued = datetime.fromtimestamp(int(stamp), UTC)
    now = now or datetime.now(UTC)
    if issued > now + leeway:
        raise InvalidInitData("auth_date in the future")
    if now - issued > max_age:
        raise InvalidInitData("expired")
    try:
        user = json.loads(fields.get("user", ""))
        uid = user["id"]
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidInitData("no user") from exc
    if not isinstance(uid, int) or isinstance(uid, bool) or uid <= 0:
        raise InvalidInitData("no user")
    language = user.get("language_code")
    return InitData(WebAppUser(uid, str(user.get("first_name") or ""),
                               language if isinstance(language, str) else None),
                    issued, fields)


def from_header(value: str | None) -> str:
    """`Authorization: tma <initData>` -> the initData ("" if the scheme is not tma)."""
    if not value:
        return ""
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if scheme.lower() == "tma" else ""

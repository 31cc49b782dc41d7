"""`charley parse`: the reader on the command line (`shared/parse-contract.md`).

Kept apart from the rest of the command line so that it starts fast: it imports
neither Telegram nor the database.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .languages import LANGUAGES
from .parsing import read


def parse_one(text: str, now: datetime, tz: str, lang: str | None = None) -> dict[str, Any]:
    return read(text, now, tz, lang).to_dict()


def _local_now(tz: str) -> datetime:
    return datetime.now(ZoneInfo(tz)).replace(tzinfo=None, microsecond=0)


def parse_line(line: str, default_tz: str, default_lang: str | None = None) -> dict[str, Any]:
    """One batch line in, one answer out; a bad line gets {"error": ...}. A line's
    `"lang"` (en, ru, es, pt, de) overrides `default_lang`."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"not valid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"error": "each line must be a JSON object"}
    out: dict[str, Any] = {}
    if "id" in obj:
        out["id"] = obj["id"]
    text = obj.get("text")
    if not isinstance(text, str):
        out["error"] = "missing \"text\" (a string)"
        return out
    tz = obj.get("tz") or default_tz
    try:
        zone = ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        out["error"] = f"unknown time zone: {tz!r}"
        return out
    try:
        now = datetime.fromisoformat(obj["now"]) if obj.get("now") else _local_now(str(tz))
    except (TypeError, ValueError):
        out["error"] = f"\"now\" is not an ISO 8601 time: {obj.get('now')!r}"
        return out
    if now.tzinfo is not None:
        now = now.astimezone(zone).replace(tzinfo=None)
    lang = obj.get("lang") or default_lang
    if lang is not None and lang not in LANGUAGES:
        out["error"] = f"unknown language: {lang!r} (one of {', '.join(LANGUAGES)})"
        return out
    out.update(read(text, now, zone, lang).to_dict())
    return out


def run_batch(stdin: TextIO, stdout: TextIO, default_tz: str, lang: str | None = None) -> None:
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(json.dumps(parse_line(line, default_tz, lang), ensure_ascii=False) + "\n")
    stdout.flush()


def main(text: str | None, now: str | None, tz: str, jsonl: bool, lang: str | None = None) -> int:
    if jsonl:
        run_batch(sys.stdin, sys.stdout, tz, lang)
        return 0
    if text is None:
        print("charley parse: give a message, or --jsonl to read JSON lines", file=sys.stderr)
        return 2
    line = json.dumps({"text": text, "now": now, "tz": tz, "lang": lang})
    answer = parse_line(line, tz)
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 1 if "error" in answer else 0

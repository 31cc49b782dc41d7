"""`charley chat`: the conversation in a terminal, on the same database.

Buttons are shown as numbers: type the number to press one. Commands go through the
same router as Telegram's, from the same list (`bot.commands`).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from .replies import Reply
from .router import Incoming, Router, split_command
from .talk.catalogue import DEFAULT_LANGUAGE, texts

CONSOLE_USER = 0  # the terminal's own diary, apart from any Telegram user's
QUIT = ("/quit", "/exit", "quit", "exit")


def _free(path: Path) -> Path:
    """`path`, or with -2, -3 ... before its suffix: a file is never overwritten."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def render(reply: Reply, out: TextIO, save_dir: Path) -> list[str]:
    """Print a reply; return the button data in the order they are numbered."""
    t = texts(DEFAULT_LANGUAGE)
    print(reply.text, file=out)
    data: list[str] = []
    if reply.buttons:
        labels = []
        for row in reply.buttons:
            for button in row:
                data.append(button.data)
                labels.append(f"[{len(data)}] {button.label}")
        print("   ".join(labels), file=out)
    if reply.photo is not None or reply.document is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
    if reply.photo is not None:
        path = _free(save_dir / f"charley-week-{_now():%Y-%m-%d}.png")
        path.write_bytes(reply.photo)
        print(t("console.chart_saved", path=path), file=out)
    if reply.document is not None:
        path = _free(save_dir / reply.document.filename)
        path.write_bytes(reply.document.content)
        print(t("console.saved", path=path), file=out)
    return data


async def chat(router: Router, user_id: int, stdin: TextIO, out: TextIO, save_dir: Path,
               tick_seconds: float = 15.0) -> None:
    """The conversation until /quit, exit or end of input (Ctrl-D). Reminders, the
    morning check-in, the weekly recap and trial steps that come due meanwhile are
    printed as they come (the same tick as the bot's, for this diary only)."""
    interactive = stdin.isatty()
    print(texts(DEFAULT_LANGUAGE)("console.hint", folder=save_dir), file=out)
    buttons = render(await router.start(user_id, _now()), out, save_dir)
    loop = asyncio.get_running_loop()

    async def deliver() -> None:
        nonlocal buttons
        while True:
            await asyncio.sleep(tick_seconds)
            now = _now()
            for due in await router.tick(now, only=user_id):
                print(file=out)
                buttons = render(due.reply, out, save_dir)
                await router.sent(due, 0, now)
            out.flush()

    ticking = asyncio.create_task(deliver())
    try:
        while True:
            if interactive:
                print("> ", end="", file=out, flush=True)
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text.lower() in QUIT:
                break
            now = _now()
            if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
                reply = await router.on_button(user_id, buttons[int(text) - 1], now)
            else:
                reply = await dispatch(router, user_id, text, now)
            buttons = render(reply, out, save_dir)
            out.flush()
    finally:
        ticking.cancel()


async def dispatch(router: Router, user_id: int, text: str, now: datetime) -> Reply:
    command = split_command(text)
    if command is not None:
        name, args = command
        return await router.command(name, user_id, args, now)
    return await router.on_text(Incoming(user_id=user_id, text=text, sent_at=now))


def _now() -> datetime:
    return datetime.now(UTC)

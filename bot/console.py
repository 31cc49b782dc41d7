"""`charley chat`: the conversation in a terminal, on the same database.

Buttons are shown as numbers: type the number to press one.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from .conversation import Conversation, Incoming, split_command
from .replies import Reply

CONSOLE_USER = 0  # the terminal's own diary, apart from any Telegram user's


def render(reply: Reply, out: TextIO, save_dir: Path) -> list[str]:
    """Print a reply; return the button data in the order they are numbered."""
    print(reply.text, file=out)
    data: list[str] = []
    if reply.buttons:
        labels = []
        for row in reply.buttons:
            for button in row:
                data.append(button.data)
                labels.append(f"[{len(data)}] {button.label}")
        print("   ".join(labels), file=out)
    if reply.photo is not None:
        path = save_dir / "charley-week.png"
        path.write_bytes(reply.photo)
        print(f"(chart saved as {path})", file=out)
    if reply.document is not None:
        path = save_dir / reply.document.filename
        path.write_bytes(reply.document.content)
        print(f"(saved {path})", file=out)
    return data


async def chat(conversation: Conversation, user_id: int, stdin: TextIO, out: TextIO,
               save_dir: Path) -> None:
    interactive = stdin.isatty()
    buttons: list[str] = []
    render(await conversation.start(user_id, _now()), out, save_dir)
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            print("> ", end="", file=out, flush=True)
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("/quit", "/exit", "quit", "exit"):
            break
        now = _now()
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            reply = await conversation.on_button(user_id, buttons[int(text) - 1], now)
        else:
            reply = await dispatch(conversation, user_id, text, now)
        buttons = render(reply, out, save_dir)
        out.flush()


async def dispatch(conversation: Conversation, user_id: int, text: str, now: datetime) -> Reply:
    command = split_command(text)
    if command is not None:
        name, args = command
        if name == "start":
            return await conversation.start(user_id, now)
        if name == "help":
            return conversation.help()
        if name == "timezone":
            return await conversation.timezone(user_id, args, now)
        if name == "week":
            return await conversation.week(user_id, now)
        if name == "remind":
            return await conversation.remind(user_id, args, now)
        if name == "reminders":
            return await conversation.reminders(user_id)
        if name == "undo":
            return await conversation.undo(user_id, now)
        if name == "export":
            return await conversation.export(user_id, now, args or "csv")
        if name == "report":
            return await conversation.report(user_id, now)
        if name == "forget":
            return conversation.forget()
        if name == "trial":
            return await conversation.trial(user_id, args, now)
        return Reply("I don't know that command. /help lists what I can do.")
    return await conversation.on_text(Incoming(user_id=user_id, text=text, sent_at=now))


def _now() -> datetime:
    return datetime.now(UTC)


def run(conversation: Conversation, user_id: int = CONSOLE_USER) -> None:
    asyncio.run(chat(conversation, user_id, sys.stdin, sys.stdout, Path.cwd()))

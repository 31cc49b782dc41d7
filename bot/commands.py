"""The chat commands, listed once: this list feeds /help, the Telegram command menu
(`setMyCommands`), the handlers that Telegram calls and the console's dispatch.
Their words are the catalogue's `command.<name>` (menu) and `command_help.<name>`."""

from __future__ import annotations

from .values import frozen


@frozen
class Command:
    name: str
    in_help: bool = True  # listed in /help (the menu lists every command)


COMMANDS: tuple[Command, ...] = (
    Command("week"),
    Command("diary"),
    Command("undo"),
    Command("export"),
    Command("report"),
    Command("trial"),
    Command("remind"),
    Command("reminders"),
    Command("timezone"),
    Command("language"),
    Command("forget"),
    Command("help"),
    Command("start", in_help=False),
)
NAMES = frozenset(c.name for c in COMMANDS)

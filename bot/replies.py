"""What the core answers, for any front end to render: text, buttons, a file."""

from __future__ import annotations

from dataclasses import dataclass, field

from .values import frozen


@frozen
class Button:
    label: str
    data: str


@frozen
class Document:
    filename: str
    content: bytes
    caption: str = ""


@dataclass(slots=True)
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    silent: bool = False
    document: Document | None = None
    photo: bytes | None = None  # a PNG sent after the text
    edit: bool = False  # a button's answer: replaces the message the button was on
    # offer the dashboard (the Mini App) under it, where a front end has one (/start;
    # a recap, which carries its chart, offers it too)
    open_app: bool = False

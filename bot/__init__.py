"""Charley: a Telegram diary for night-time leg cramps."""

__version__ = "0.1.0"

"""Settings, read once at start from the environment or `.env` (bot-contract.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_database_url() -> str:
    from platformdirs import user_data_dir

    return f"sqlite+aiosqlite:///{Path(user_data_dir('charley')) / 'charley.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = Field(default_factory=default_database_url)
    default_timezone: str = "UTC"
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    log_level: str = "INFO"
    # how often the scheduler looks for due reminders; a reminder is at most this late
    reminder_tick_seconds: float = Field(default=15.0, gt=0, le=300)
    snooze_minutes: int = Field(default=30, ge=1, le=720)
    # Telegram's limit on messages a second to all chats (0: no limit, e.g. on a stand-in)
    overall_max_rate: float = Field(default=30.0, ge=0)
    # updates handled side by side (different users; one user's always in order)
    concurrent_updates: int = Field(default=16, ge=1, le=256)
    # updates a minute one user may send before the bot pauses them (per instance)
    flood_per_minute: int = Field(default=30, ge=1, le=10_000)
    # an update not handled this long after it arrived (a crash) is handled again
    inbox_retry_seconds: float = Field(default=60.0, gt=0, le=3600)
    # a local faster-whisper model folder; unset: PocketSphinx (its model is installed)
    whisper_model_dir: str | None = None
    # processes that listen to voice notes (each holds a speech model, ~60-160 MB)
    voice_workers: int = Field(default=1, ge=1, le=16)
    # the dashboard (Telegram Mini App): off unless WEBAPP_URL (https, the page: .../app)
    webapp_url: str | None = None
    # polling mode: where its server listens (webhook mode: beside the webhook)
    webapp_listen: str = "127.0.0.1"
    webapp_port: int = Field(default=8080, ge=1, le=65535)
    # how long initData stays good after Telegram signed it, in seconds (a day)
    webapp_max_age: int = Field(default=86_400, ge=60, le=7 * 86_400)

    @field_validator("whisper_model_dir")
    @classmethod
    def _whisper_folder(cls, value: str | None) -> str | None:
        if value:
            from .voice import VoiceSetupError, check_whisper_dir

            try:
                check_whisper_dir(value)
            except VoiceSetupError as exc:
                raise ValueError(str(exc)) from exc
        return value

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", "whisper_model_dir",
                     mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webapp_url", mode="before")
    @classmethod
    def _https_app(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and not re.fullmatch(r"https://[^\s/]+(/\S*)?", value.strip()):
            raise ValueError("WEBAPP_URL must be an https:// URL (Telegram opens only those), "
                             "e.g. https://charley.example.org/app")
        return value.strip() if isinstance(value, str) else value

    @field_validator("telegram_api_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name)") from exc
        return value

    @field_validator("allowed_user_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(v) for v in value.replace(" ", "").split(",") if v)
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("LOG_LEVEL is one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not (self.webhook_secret and self.webhook_secret.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET is required with WEBHOOK_URL (Telegram sends it "
                             "back with every update, so forged updates are refused)")
        if self.webhook_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}",
                                                    self.webhook_secret.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ and - "
                             "(Telegram's rule)")
        return self

    def secrets(self) -> list[str]:
        """Values that must never reach a log line."""
        return [
            s.get_secret_value()
            for s in (self.telegram_bot_token, self.webhook_secret)
            if s is not None and s.get_secret_value()
        ]

"""Persistence: SQLAlchemy models, the async engine, per-user repositories, migrations.

Knows nothing of Telegram or of the reader: it stores what it is given.
"""

from .db import Database, unreachable
from .models import Entry, Handled, Inbox, Occurrence, Reminder, Trial, User
from .repo import (
    AdviceRepo,
    EntryRepo,
    HandledRepo,
    InboxRepo,
    ReminderRepo,
    Schedule,
    TrialRepo,
    UserRepo,
)

__all__ = [
    "AdviceRepo", "Database", "Entry", "EntryRepo", "Handled", "HandledRepo", "Inbox", "InboxRepo",
    "Occurrence", "Reminder",
    "ReminderRepo", "Schedule", "Trial", "TrialRepo", "User", "UserRepo", "unreachable",
]

"""Persistence: SQLAlchemy models, the async engine, per-user repositories, migrations.

Knows nothing of Telegram or of the reader: it stores what it is given.
"""

from .db import Database
from .models import Entry, Occurrence, Reminder, Trial, User
from .repo import AdviceRepo, EntryRepo, ReminderRepo, Schedule, TrialRepo, UserRepo

__all__ = [
    "AdviceRepo", "Database", "Entry", "EntryRepo", "Occurrence", "Reminder", "ReminderRepo", "Schedule",
    "Trial", "TrialRepo", "User", "UserRepo",
]

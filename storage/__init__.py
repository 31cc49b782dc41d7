"""Persistence: SQLAlchemy models, the async engine, per-user repositories, migrations.

Knows nothing of Telegram or of the reader: it stores what it is given.
"""

from .db import Database
from .models import Entry, User
from .repo import EntryRepo, UserRepo

__all__ = ["Database", "Entry", "EntryRepo", "User", "UserRepo"]

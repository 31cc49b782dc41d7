"""`@frozen`: how the core declares its plain data (results, rules' facts, replies' parts).

Every result a use case returns and every fact a rule works out is an immutable record
with slots: compared by value, cheap, and safe to hand from one layer to the next. One
decorator says so once, instead of each class repeating `dataclass(frozen=True,
slots=True)`; `dataclass_transform` tells type checkers it is a frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """`cls` as a frozen dataclass with slots."""
    return dataclass(frozen=True, slots=True)(cls)

"""Free text -> `Reading`: pure, no I/O, no clock (see `shared/parse-contract.md`)."""

from .model import Cramp, Reading, Stretch, Supplement
from .reader import read

__all__ = ["Cramp", "Reading", "Stretch", "Supplement", "read"]

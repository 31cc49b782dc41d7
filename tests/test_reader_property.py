"""The reader never raises, and every answer keeps the contract's shape."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsing import read
from bot.parsing.model import INTENTS, MUSCLES, RED_FLAGS, SIDES, SUPPLEMENTS, UNITS
from bot.parsing.reader import _read
from bot.parsing.text import prepare

WORDS = ["calf", "cramp", "left", "right", "3", "min", "at", "3am", "no", "last night",
         "took", "K2", "mg", "10/10", "swollen", "ago", "monday", "-", "twice", "stretch",
         "\u200b", "\u202e", "🦵", "؟", "\n", "99999999999999999999", "1.5", ":", "o'clock"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=4000, max_size=4096),
)
zones = st.sampled_from(["UTC", "Europe/London", "America/New_York", "Pacific/Kiritimati",
                         "Pacific/Chatham", "Asia/Kolkata"])
moments = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30))


def check_schema(r: dict, now: datetime) -> None:
    assert r["intent"] in INTENTS
    assert 0.0 <= r["confidence"] <= 1.0
    assert isinstance(r["red_flags"], list) and set(r["red_flags"]) <= set(RED_FLAGS)
    cramp = r["cramp"]
    assert (cramp is not None) == (r["intent"] == "cramp")
    if cramp:
        assert cramp["muscle"] in (*MUSCLES, None)
        assert cramp["side"] in (*SIDES, None)
        assert cramp["duration_s"] is None or (isinstance(cramp["duration_s"], int)
                                              and cramp["duration_s"] >= 0)
        assert cramp["severity"] is None or 1 <= cramp["severity"] <= 10
        assert isinstance(cramp["count"], int) and cramp["count"] >= 1
        at = datetime.fromisoformat(cramp["occurred_at"])
        assert at.tzinfo is not None
    for s in r["supplements"]:
        assert s["name"] in SUPPLEMENTS and s["unit"] in (*UNITS, None)
        datetime.fromisoformat(s["taken_at"])
    assert bool(r["supplements"]) == (r["intent"] == "supplement")
    if r["stretch"]:
        assert r["stretch"]["minutes"] is None or isinstance(r["stretch"]["minutes"], int)


@settings(max_examples=400, deadline=None)
@given(texts, moments, zones)
def test_any_text_gives_a_reading_in_the_contract_shape(text: str, now: datetime, tz: str) -> None:
    check_schema(read(text, now, tz).to_dict(), now)
    # `read` turns a crash into "unknown"; the inner reader must not need that net
    check_schema(_read(prepare(text), now, ZoneInfo(tz)).to_dict(), now)

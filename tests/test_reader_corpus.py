"""The reader against the labelled dev corpus, scored as `shared/corpus/score.py` does."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bot.parse_cli import parse_line

HERE = Path(__file__).parent / "corpus"
SHARED = Path(__file__).parents[2] / "shared" / "corpus"

# Raise these as the reader improves; never lower them to make a change pass.
FIELD_FLOOR = 0.98
MESSAGE_FLOOR = 0.95
OWN_FIELD_FLOOR = 0.98
OWN_MESSAGE_FLOOR = 0.96


def _score_module():
    spec = importlib.util.spec_from_file_location("score", HERE / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _accuracy(name: str) -> tuple[float, float, list]:
    score = _score_module()
    labels = score.load(HERE / name)
    fields_ok = fields_all = messages_ok = 0
    misses = []
    for label in labels:
        reading = parse_line(json.dumps(label), "UTC")
        results = list(score.check(label, reading))
        wrong = [f for f, ok in results if not ok]
        fields_ok += len(results) - len(wrong)
        fields_all += len(results)
        messages_ok += not wrong
        if wrong:
            misses.append((label["id"], label["text"], wrong))
    return fields_ok / fields_all, messages_ok / len(labels), misses


def test_own_corpus_accuracy_floor() -> None:
    """Our own labelled messages (tests/corpus/own.jsonl): the new intents (symptom,
    correction, skipped, smalltalk, yes/no, named nights) and every failure class found
    in use, worded apart from the reader's rules and labelled by meaning."""
    field_acc, message_acc, misses = _accuracy("own.jsonl")
    assert field_acc >= OWN_FIELD_FLOOR and message_acc >= OWN_MESSAGE_FLOOR, misses


def test_dev_corpus_accuracy_floor() -> None:
    field_acc, message_acc, misses = _accuracy("dev.jsonl")
    assert field_acc >= FIELD_FLOOR and message_acc >= MESSAGE_FLOOR, misses


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/ beside this checkout")
def test_vendored_corpus_matches_shared() -> None:
    """tests/corpus is a copy of shared/corpus so that a lone clone can test; keep it in step."""
    for name in ("dev.jsonl", "score.py"):
        assert (HERE / name).read_bytes() == (SHARED / name).read_bytes(), name

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


def _score_module():
    spec = importlib.util.spec_from_file_location("score", HERE / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_corpus_accuracy_floor() -> None:
    score = _score_module()
    labels = score.load(HERE / "dev.jsonl")
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
    field_acc, message_acc = fields_ok / fields_all, messages_ok / len(labels)
    assert field_acc >= FIELD_FLOOR and message_acc >= MESSAGE_FLOOR, misses


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/ beside this checkout")
def test_vendored_corpus_matches_shared() -> None:
    """tests/corpus is a copy of shared/corpus so that a lone clone can test; keep it in step."""
    for name in ("dev.jsonl", "score.py"):
        assert (HERE / name).read_bytes() == (SHARED / name).read_bytes(), name

"""The command line: `charley run` without a token, `charley chat`, `charley parse`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

CHARLEY = [sys.executable, "-m", "charley"]


def run(args: list[str], tmp_path: Path, stdin: str = "", **env: str):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    clean.update({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", **env})
    return subprocess.run(CHARLEY + args, input=stdin, capture_output=True, text=True,
                          env=clean, cwd=tmp_path, timeout=60)


def test_run_without_a_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = run(["run"], tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "@BotFather" in lines[0] and "charley chat" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_one_clear_line(tmp_path: Path) -> None:
    result = run(["run"], tmp_path, DEFAULT_TIMEZONE="Mars/Olympus")
    assert result.returncode == 2 and "DEFAULT_TIMEZONE" in result.stderr
    assert "Traceback" not in result.stderr


def test_chat_logs_undoes_and_exports_in_the_terminal(tmp_path: Path) -> None:
    script = ("/timezone London\nleft calf 3 min, bad\ncramp\n2\n/week\n/diary\n1\n/undo\n"
              "/export\n/export\n")
    result = run(["chat"], tmp_path, stdin=script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Time zone set to Europe/London" in out
    assert "Logged: Left calf, 3 min, severe (7/10)" in out
    assert "Where was it?" in out and "[2] Foot" in out
    assert "Logged: Foot" in out  # the button pressed by number
    assert "This week" in out and "2 cramps" in out
    assert "Your diary, newest first:" in out and "Where was it, and which side?" in out  # Edit, pressed
    assert "Removed: Foot" in out
    assert "To leave: /quit, exit, or Ctrl-D" in out  # said on the first screen
    assert "(chart saved as charley-files/charley-week-" in out
    again, csv_file = sorted((tmp_path / "charley-files").glob("charley-export-*.csv"))
    assert again.stem == csv_file.stem + "-2"  # a second export does not overwrite the first
    assert f"(saved charley-files/{csv_file.name})" in out
    lines = csv_file.read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("cramp,") and "left calf 3 min, bad" in lines[1]


def test_chat_and_run_share_one_database(tmp_path: Path) -> None:
    run(["chat", "--user", "42"], tmp_path, stdin="took my K2\n")
    result = run(["chat", "--user", "42"], tmp_path, stdin="/export\n")
    assert "1 entry" in result.stdout


def test_parse_one_message(tmp_path: Path) -> None:
    result = run(["parse", "--now", "2026-11-25T08:10", "--tz", "Europe/London",
                  "left calf at 3am, 5 min"], tmp_path)
    answer = json.loads(result.stdout)
    assert answer["intent"] == "cramp"
    assert answer["cramp"]["occurred_at"] == "2026-11-25T03:00:00+00:00"
    assert answer["cramp"]["duration_s"] == 300


def test_parse_batch_echoes_ids_and_answers_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "calf cramp", "now": "2026-11-25T03:12:00", "tz": "UTC"}),
        "this is not json",
        json.dumps({"id": "b", "now": "2026-11-25T03:12:00"}),
        json.dumps({"id": "c", "text": "x", "tz": "Nowhere/Land"}),
        json.dumps({"text": "no cramps", "now": "2026-11-25T08:00:00", "tz": "Europe/Paris"}),
    ]
    result = run(["parse", "--jsonl"], tmp_path, stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["id"] == "a" and out[0]["intent"] == "cramp"
    assert set(out[1]) == {"error"}
    assert out[2]["id"] == "b" and "error" in out[2]
    assert out[3]["id"] == "c" and "error" in out[3]
    assert out[4]["intent"] == "no_cramp" and "id" not in out[4]


def test_parse_starts_fast(tmp_path: Path) -> None:
    """Start-up (imports, vocabularies) stays well under a second."""
    start = time.perf_counter()
    result = run(["parse", "--tz", "UTC", "calf cramp"], tmp_path)
    assert result.returncode == 0
    assert time.perf_counter() - start < 3  # generous for CI; bench/parse_bench.py measures it

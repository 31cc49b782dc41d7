"""Voice notes: how well and how fast the recogniser hears the fixtures.

    .venv/bin/python bench/voice_bench.py [--only auto|open] [--set tuning|heldout] [--quiet]

For every note of two sets, reported apart: the tuning set (tests/fixtures/voice/) and
the held-out set (tests/fixtures/voice/heldout/: other wordings, voices, speeds and
noises, never tuned on; see make_fixtures.py), and for two settings run side by side:

- `auto`: what the bot ships: the domain model first, the general one as a fallback;
- `open`: the general English model alone (no domain tuning), the baseline.

it prints the transcript, the word error rate against what was said, whether the key
fields (muscle, side, duration, severity; or intent and supplement) came out right
when the reader reads the transcript, and the real-time factor (CPU seconds of the
worker per second of audio, one core). Each setting runs in a fresh process, so its
peak memory (RSS) is its own. Then the first transcription from a cold start through
the bot's own `Listener` (process spawn and model load included).
Targets (issues #6, #16): key fields right in >= 90% of notes, held-out ones included,
RTF < 0.5, first < 3 s. With WHISPER_MODEL_DIR set, as for the bot, both settings and
the first transcription run that Whisper model instead.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "voice"
SETS = {"tuning": FIXTURES, "heldout": FIXTURES / "heldout"}
# WHISPER_MODEL_DIR, as the bot reads it: the bench then measures that recogniser
WHISPER_DIR = os.environ.get("WHISPER_MODEL_DIR") or None
sys.path.insert(0, str(ROOT))

from bot.parsing import read  # noqa: E402
from bot.parsing.text import normalize  # noqa: E402


def words(text: str) -> list[str]:
    return normalize(text).replace(".", " ").replace(",", " ").split()


def wer(said: str, heard: str) -> float:
    """Word error rate: edit distance over words, divided by the words said."""
    ref, hyp = words(said), words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(1, len(ref))


def key_fields(heard: str, expect: dict) -> bool:
    reading = read(heard, datetime(2026, 11, 25, 8, 0), "UTC")
    got: dict = {"intent": reading.intent if reading.intent != "unknown" else None}
    if reading.cramp:
        got |= {"muscle": reading.cramp.muscle, "side": reading.cramp.side,
                "duration_s": reading.cramp.duration_s, "severity": reading.cramp.severity}
    elif reading.symptom:
        got |= {"muscle": reading.symptom.muscle, "side": reading.symptom.side}
    if reading.supplements:
        got["name"] = reading.supplements[0].name
    if reading.correction:
        got["correction"] = reading.correction.changes()
    got["skipped"] = sorted(reading.skipped)
    got["red_flags"] = sorted(reading.red_flags)
    return all(got.get(k) == (sorted(v) if isinstance(v, list) else v) for k, v in expect.items())


def worker(mode: str, folder: Path) -> None:
    """One setting over every note of a set; one JSON line each, then the peak RSS."""
    from bot import voice

    voice._start_worker(WHISPER_DIR)  # as the bot's worker starts: Whisper when it is set
    notes = json.loads((folder / "notes.json").read_text())
    for note in notes:
        heard = voice.listen((folder / note["file"]).read_bytes(), mode=mode)  # type: ignore[arg-type]
        print(json.dumps({"file": note["file"], "text": heard.text, "model": heard.model,
                          "cpu": heard.cpu_seconds, "seconds": heard.seconds}), flush=True)
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


async def first_transcription() -> tuple[float, str]:
    from bot.voice import Listener

    listener = Listener(WHISPER_DIR)
    data = (FIXTURES / json.loads((FIXTURES / "notes.json").read_text())[0]["file"]).read_bytes()
    started = time.perf_counter()
    heard = await listener.hear(data)
    elapsed = time.perf_counter() - started
    listener.close()
    return elapsed, heard.text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["auto", "domain", "open"])
    parser.add_argument("--only", choices=["auto", "domain", "open"])
    parser.add_argument("--set", choices=list(SETS), dest="which")
    parser.add_argument("--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, SETS[args.which or "tuning"])
        return
    modes = [args.only] if args.only else ["auto", "open"]
    summary = {}
    for which in [args.which] if args.which else list(SETS):
        summary |= run_set(which, modes, args.quiet)
    elapsed, text = asyncio.run(first_transcription())
    print()
    print(f"{'set':<8} {'setting':<8} {'key fields right':>18} {'mean WER':>9} {'RTF':>6} {'worst':>6} "
          f"{'peak RSS':>9}")
    for (which, mode), (right, n, mean_wer, rtf, worst, peak) in summary.items():
        print(f"{which:<8} {mode:<8} {right:>3}/{n} = {right / n:6.1%} {mean_wer:>9.2f} {rtf:>6.2f} "
              f"{worst:>6.2f} {peak:>7.0f} MB")
    for which in SETS:
        if (which, "auto") in summary and (which, "open") in summary:
            a, o = summary[(which, "auto")], summary[(which, "open")]
            print(f"{which}: domain tuning: key fields {a[0] / a[1]:.0%} vs {o[0] / o[1]:.0%}, "
                  f"WER {a[2]:.2f} vs {o[2]:.2f}, RTF ratio {a[3] / o[3]:.2f}")
    print(f"first transcription from cold (spawn + model load): {elapsed:.2f} s ({text!r})")


def run_set(which: str, modes: list[str], quiet: bool) -> dict:
    folder = SETS[which]
    notes = {n["file"]: n for n in json.loads((folder / "notes.json").read_text())}
    summary = {}
    for mode in modes:
        out = subprocess.run([sys.executable, __file__, "--worker", mode, "--set", which],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        rows = [json.loads(line) for line in out[:-1]]
        peak = json.loads(out[-1])["peak_rss_mb"]
        right = 0
        errors = []
        cpu = audio = worst = 0.0
        if not quiet:
            print(f"\n== {which} / {mode} ==")
        for row in rows:
            note = notes[row["file"]]
            ok = key_fields(row["text"], note["expect"])
            right += ok
            errors.append(wer(note["said"], row["text"]))
            cpu += row["cpu"]
            audio += row["seconds"]
            worst = max(worst, row["cpu"] / row["seconds"])
            if not quiet:
                print(f"{'ok ' if ok else 'BAD'} {row['file']:<42} wer {errors[-1]:4.2f} "
                      f"rtf {row['cpu'] / row['seconds']:.2f} [{row['model']}] {row['text']}")
        summary[(which, mode)] = (right, len(rows), sum(errors) / len(errors), cpu / audio, worst,
                                  peak)
    return summary


if __name__ == "__main__":
    main()

"""Voice notes: how well and how fast the recogniser hears the fixtures.

    .venv/bin/python bench/voice_bench.py [--only auto|open] [--quiet]

For every note in tests/fixtures/voice/ (espeak-ng voices, speeds, background noise),
and for two settings run side by side in the same run:

- `auto`: what the bot ships: the domain model first, the general one as a fallback;
- `open`: the general English model alone (no domain tuning), the baseline.

it prints the transcript, the word error rate against what was said, whether the key
fields (muscle, side, duration, severity; or intent and supplement) came out right
when the reader reads the transcript, and the real-time factor (CPU seconds of the
worker per second of audio, one core). Each setting runs in a fresh process, so its
peak memory (RSS) is its own. Then the first transcription from a cold start through
the bot's own `Listener` (process spawn and model load included).
Targets (issue #6): key fields right in >= 90% of notes, RTF < 0.5, first < 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "voice"
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
    if reading.supplements:
        got["name"] = reading.supplements[0].name
    got["red_flags"] = sorted(reading.red_flags)
    return all(got.get(k) == (sorted(v) if isinstance(v, list) else v) for k, v in expect.items())


def worker(mode: str) -> None:
    """One setting over every note; one JSON line each, then the peak RSS."""
    from bot import voice

    notes = json.loads((FIXTURES / "notes.json").read_text())
    for note in notes:
        heard = voice.listen((FIXTURES / note["file"]).read_bytes(), mode=mode)  # type: ignore[arg-type]
        print(json.dumps({"file": note["file"], "text": heard.text, "model": heard.model,
                          "cpu": heard.cpu_seconds, "seconds": heard.seconds}), flush=True)
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


async def first_transcription() -> tuple[float, str]:
    from bot.voice import Listener

    listener = Listener()
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
    parser.add_argument("--quiet", action="store_true", help="summary lines only")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    notes = {n["file"]: n for n in json.loads((FIXTURES / "notes.json").read_text())}
    modes = [args.only] if args.only else ["auto", "open"]
    summary = {}
    for mode in modes:
        out = subprocess.run([sys.executable, __file__, "--worker", mode], check=True,
                             capture_output=True, text=True).stdout.splitlines()
        rows = [json.loads(line) for line in out[:-1]]
        peak = json.loads(out[-1])["peak_rss_mb"]
        right = 0
        errors = []
        cpu = audio = worst = 0.0
        if not args.quiet:
            print(f"\n== {mode} ==")
        for row in rows:
            note = notes[row["file"]]
            ok = key_fields(row["text"], note["expect"])
            right += ok
            errors.append(wer(note["said"], row["text"]))
            cpu += row["cpu"]
            audio += row["seconds"]
            worst = max(worst, row["cpu"] / row["seconds"])
            if not args.quiet:
                print(f"{'ok ' if ok else 'BAD'} {row['file']:<42} wer {errors[-1]:4.2f} "
                      f"rtf {row['cpu'] / row['seconds']:.2f} [{row['model']}] {row['text']}")
        summary[mode] = (right, len(rows), sum(errors) / len(errors), cpu / audio, worst, peak)
    elapsed, text = asyncio.run(first_transcription())
    print()
    print(f"{'setting':<8} {'key fields right':>18} {'mean WER':>9} {'RTF':>6} {'worst':>6} {'peak RSS':>9}")
    for mode, (right, n, mean_wer, rtf, worst, peak) in summary.items():
        print(f"{mode:<8} {right:>3}/{n} = {right / n:6.1%} {mean_wer:>9.2f} {rtf:>6.2f} {worst:>6.2f} "
              f"{peak:>7.0f} MB")
    if "auto" in summary and "open" in summary:
        a, o = summary["auto"], summary["open"]
        print(f"domain tuning: key fields {a[0] / a[1]:.0%} vs {o[0] / o[1]:.0%}, "
              f"WER {a[2]:.2f} vs {o[2]:.2f}, RTF ratio {a[3] / o[3]:.2f}")
    print(f"first transcription from cold (spawn + model load): {elapsed:.2f} s ({text!r})")


if __name__ == "__main__":
    main()

"""The README's layout ("How it is built") is the tree: every folder and core module it
names exists, and every top-level folder, and every module of `bot/` and `charley/`, is
named there. A newcomer reads the layout before the code; a stale one misleads."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTED_IN_FULL = ("bot", "charley")  # folders whose every module the layout names


def _layout() -> dict[str, set[str]]:
    """Top-level folder -> the names listed under it, from the README's layout block."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("## How it is built", 1)[1].split("\n\n", 2)[1]
    tree: dict[str, set[str]] = {}
    top = ""
    for line in block.splitlines():
        m = re.match(r"^( {4}| {6})(\S+)", line)
        if m is None:
            continue
        if len(m.group(1)) == 4:
            top = m.group(2).rstrip("/")
            tree[top] = set()
        else:
            tree[top].add(m.group(2).rstrip("/"))
    return tree


def _tracked_top_folders() -> set[str]:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    return {f.split("/", 1)[0] for f in files if "/" in f and not f.startswith(".")}


def test_every_name_in_the_layout_exists() -> None:
    for top, names in _layout().items():
        assert (ROOT / top).is_dir(), f"README names {top}/, which is not there"
        for name in names:
            assert (ROOT / top / name).exists(), f"README names {top}/{name}, which is not there"


def test_every_folder_and_core_module_is_in_the_layout() -> None:
    layout = _layout()
    assert _tracked_top_folders() <= set(layout), "a top-level folder is missing from the README"
    for top in LISTED_IN_FULL:
        present = {p.name for p in (ROOT / top).iterdir()
                   if (p.suffix == ".py" and p.name not in ("__init__.py", "__main__.py"))
                   or (p.is_dir() and (p / "__init__.py").exists())}
        assert present <= layout[top], f"{top}/: not in the README's layout: {sorted(present - layout[top])}"

"""The folders are the architecture: which package may import which.

Every .py file under bot/, storage/, handlers/, transport/, webapp/ and charley/ is parsed (never
imported) and each import, relative ones resolved, is checked against the rules below.
Imports inside functions and under `if TYPE_CHECKING:` count too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "storage", "handlers", "transport", "webapp", "charley")


@dataclass(frozen=True)
class Rule:
    where: str  # a module prefix: the rule applies to it and everything under it
    forbidden: tuple[str, ...]  # module prefixes it may not import
    allowed: tuple[str, ...] = ()  # exceptions to `forbidden`
    why: str = ""


RULES = (
    Rule("bot", ("telegram", "handlers", "transport", "charley", "webapp"),
         why="bot/ is the Telegram-free core"),
    Rule("bot.talk", ("storage", "sqlalchemy", "bot.usecases"), allowed=("bot.usecases.results",),
         why="talk renders plain results"),
    Rule("bot.usecases", ("bot.talk", "bot.router"),
         why="use cases return results, never words"),
    Rule("storage", ("bot", "handlers", "transport", "charley", "telegram"),
         why="storage knows no one above it"),
    # handlers/errors.py asks the durable application how often an update was tried (so
    # the user hears "sorry" once): that one name is all handlers may take from transport
    Rule("handlers", ("storage", "sqlalchemy", "transport", "charley"),
         allowed=("transport.intake.DurableApplication",),
         why="handlers are thin adapters; only charley/ wires them to transport"),
    # the one thing transport says to a person (an update it gave up on) is in the catalogue
    Rule("transport", ("bot", "handlers", "charley"), allowed=("bot.talk.catalogue",),
         why="transport knows Telegram and storage, not the core or the handlers"),
    # the dashboard (Mini App) is a third front end: the core's use cases over tornado,
    # never storage itself (a unit of work is the only way to a diary) nor Telegram's types
    Rule("webapp", ("telegram", "handlers", "transport", "charley", "storage", "sqlalchemy"),
         why="webapp is a front end on the core's use cases"),
)


@dataclass(frozen=True)
class Import:
    line: int
    target: str  # absolute: a module, or module.name for `from module import name`
    text: str  # as written


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(source: str, module: str, is_package: bool = False) -> list[Import]:
    """The imports of a module's source, relative ones made absolute."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: list[Import] = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        text = lines[node.lineno - 1].strip()  # its first line is enough to find it
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, alias.name, text) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                stem = ".".join([*base, *([node.module] if node.module else [])])
            else:
                stem = node.module or ""
            # `from a import b`: b may be a module or a name in a; a.b covers both for prefixes
            found += [Import(node.lineno, f"{stem}.{alias.name}" if alias.name != "*" else stem, text)
                      for alias in node.names]
    return found


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(source: str, path: str, module: str, is_package: bool = False) -> list[str]:
    found = []
    for imp in imports(source, module, is_package):
        for rule in RULES:
            if (under(module, rule.where)
                    and any(under(imp.target, f) for f in rule.forbidden)
                    and not any(under(imp.target, a) for a in rule.allowed)):
                found.append(f"{path}:{imp.line}: {imp.text}  "
                             f"[{imp.target}; {rule.why}]")
    return found


def source_files() -> list[Path]:
    # a package that does not exist (yet) has no files
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_dependencies_point_the_right_way() -> None:
    files = source_files()
    assert any(p.parent.name == "bot" for p in files), "found no source files"
    found = []
    for path in files:
        found += violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)),
                            module_name(path), path.name == "__init__.py")
    assert not found, "imports against the architecture:\n" + "\n".join(found)


def test_the_checker_catches_violations() -> None:
    assert violations("from storage import X\n", "bot/talk/x.py", "bot.talk.x") == [
        "bot/talk/x.py:1: from storage import X  [storage.X; talk renders plain results]"]
    # relative imports are resolved before they are checked
    assert violations("from ..usecases import diary\n", "bot/talk/x.py", "bot.talk.x")
    assert violations("from .. import usecases\n", "bot/talk/x.py", "bot.talk.x")
    assert violations("from ..talk import words\n", "bot/usecases/__init__.py", "bot.usecases",
                      is_package=True)
    assert not violations("from . import talk\n", "bot/usecases/__init__.py", "bot.usecases",
                          is_package=True)  # that is bot.usecases.talk
    assert not violations("from ..usecases.results import Logged\n", "bot/talk/x.py",
                          "bot.talk.x")
    assert not violations("from ..usecases import results\n", "bot/talk/x.py", "bot.talk.x")
    # imports anywhere count, not only at the top
    assert violations("def f():\n    import telegram\n", "bot/x.py", "bot.x") == [
        "bot/x.py:2: import telegram  [telegram; bot/ is the Telegram-free core]"]
    assert violations("import sqlalchemy.orm\n", "handlers/x.py", "handlers.x")
    assert violations("from transport import webhook\n", "handlers/x.py", "handlers.x")
    assert not violations("from transport.intake import DurableApplication\n", "handlers/x.py",
                          "handlers.x")
    assert violations("from bot import config\n", "storage/x.py", "storage.x")
    # the composition root may know everyone; a neighbour's name is not a prefix match
    assert not violations("import handlers\nfrom transport import intake\nfrom storage import D\n",
                          "charley/app.py", "charley.app")
    assert not violations("import botocore\n", "storage/x.py", "storage.x")
    assert violations("from webapp import api\n", "bot/x.py", "bot.x")
    assert violations("from storage import Database\n", "webapp/x.py", "webapp.x")
    assert not violations("from bot.usecases import diary\nimport tornado.web\n",
                          "webapp/x.py", "webapp.x")

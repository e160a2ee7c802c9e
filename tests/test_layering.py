"""sync/ is the engine: it never imports Qt nor anything from desktop/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "desktop", "shiboken6")


def test_sync_sources_import_no_qt_and_no_desktop():
    offenders = []
    for path in (ROOT / "sync").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FORBIDDEN
            ]
    assert offenders == []


def test_importing_every_sync_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "sync").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'desktop', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
    assert len(modules) > 3


def test_test_modules_import_helpers_not_each_other():
    """Shared test code lives in tests/helpers/; a test module or a conftest is no library."""
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                last = node.module.split(".")[-1]
                if node.module.startswith("tests.") and (
                    last.startswith("test_") or last == "conftest"
                ):
                    offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert offenders == []


def _imports(path: Path, *, top_level_only: bool = False) -> list[str]:
    """Absolute module names ``path`` imports (relative imports resolved), optionally only
    those run at import time (not inside functions nor under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    nodes = list(tree.body) if top_level_only else list(ast.walk(tree))
    names: list[str] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return names


def _offenders(folders: list[str], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for folder in folders:
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            found += [
                f"{path.relative_to(ROOT)}: {name}"
                for name in _imports(path)
                if any(name == f or name.startswith(f + ".") for f in forbidden)
            ]
    return found


def test_the_app_and_the_cli_reach_sync_only_through_desktop_remote():
    """One door: desktop/app and desktop/cli import desktop.remote (and desktop.errors,
    desktop.practice), never sync.* itself."""
    assert _offenders(["desktop/app", "desktop/cli"], ("sync",)) == []


def test_the_store_imports_neither_the_remote_nor_the_ui():
    assert _offenders(["desktop/practice"], ("desktop.remote", "desktop.app", "desktop.cli")) == []


def test_the_remote_imports_neither_the_app_nor_the_cli():
    assert _offenders(["desktop/remote", "desktop/errors.py"], ("desktop.app", "desktop.cli")) == []


def test_no_import_cycle_at_import_time_in_desktop():
    """Module-level imports between desktop's modules form no cycle (the two CLI modules
    used to import each other)."""
    modules = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (ROOT / "desktop").rglob("*.py")
    }
    graph = {
        name: {m for m in _imports(path, top_level_only=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's __init__ importing its own submodules is not a cycle: the submodule
    # importing the package's name back is what loads first.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []

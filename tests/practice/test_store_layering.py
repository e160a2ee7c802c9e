"""The store package's modules import each other in one direction only: the store and
its sync replica both build on the shared modules (session, rows, journal, conflicts,
meta, ...) and never on each other; no import cycle anywhere in the package."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "practice"
SHARED = ("session", "rows", "values", "journal", "conflicts", "meta", "blobs")


def _module_imports(path: Path) -> set[str]:
    """desktop.practice modules this file imports when it is loaded (imports inside
    functions and under ``if TYPE_CHECKING`` do not load anything at import time)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "desktop.practice":
                found |= {a.name for a in node.names}
            elif node.module.startswith("desktop.practice."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[2] for a in node.names if a.name.startswith("desktop.practice.")
            }
    return found


def import_graph() -> dict[str, set[str]]:
    return {p.stem: _module_imports(p) - {p.stem} for p in sorted(PACKAGE.glob("*.py"))}


def _all_imports(path: Path) -> set[str]:
    """Every desktop.practice module named anywhere in the file, lazily or not."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "desktop.practice":
                names |= {a.name for a in node.names}
            elif node.module.startswith("desktop.practice."):
                names.add(node.module.split(".")[2])
    return names


def test_the_replica_never_imports_the_store() -> None:
    assert "store" not in _all_imports(PACKAGE / "replica.py")


def test_the_shared_modules_import_neither_the_store_nor_the_replica() -> None:
    for name in SHARED:
        assert {"store", "replica"}.isdisjoint(_all_imports(PACKAGE / f"{name}.py")), name


def test_the_store_package_has_no_import_cycle() -> None:
    graph = import_graph()
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join((*path, node))
        if node in done:
            return
        for dep in sorted(graph.get(node, ())):
            visit(dep, (*path, node))
        done.add(node)

    for module in graph:
        visit(module, ())


def test_the_store_package_does_not_build_on_the_demo() -> None:
    """The demo generator lives in desktop/demo and only calls the store's API; no
    module here names it (the compatibility re-export demo_loader.py is gone)."""
    users = [
        p.name
        for p in sorted(PACKAGE.glob("*.py"))
        if "desktop.demo" in p.read_text(encoding="utf-8")
    ]
    assert users == []

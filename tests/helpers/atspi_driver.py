"""Reads the real app's accessibility tree (AT-SPI), as a screen reader does, and acts on
it: one JSON request a line on stdin, one JSON answer a line on stdout.

It runs under the system's Python (``/usr/bin/python3``), where Debian's ``pyatspi``
lives, so the tests' own interpreter needs no GObject bindings. Requests::

    {"op": "wait", "pid": 123, "role": "push button", "name": "Créer", "timeout": 20}
    {"op": "click" | "set_text" | "text" | "focus" | "gone", ...same selectors..., "text": "…"}
    {"op": "texts", "pid": 123}    every visible name and text, for "is it on screen?"
    {"op": "wait_text", "pid": 123, "contains": "J00", "timeout": 20}
    {"op": "dump", "pid": 123}     the visible tree, for a failure's report
    {"op": "extents", ...selectors...}    [x, y, width, height] on the screen

A selector matches a visible (SHOWING) object whose role name equals ``role`` and whose
accessible name equals ``name`` (or starts with ``prefix``, or contains ``contains``, or
whose label, by its buddy relation, is named ``labelled``),
inside the top-level window whose name starts with ``within`` when given.
Waiting polls the tree until the deadline: the app's state is the condition.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi

POLL_S = 0.05
PRUNED = {"table", "tree table", "list"}  # thousands of cells: entered only when asked for


def _app(pid: int) -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                # Fresh answers only: a cached child list still holds windows the app
                # has already deleted (a closed message box), and a click on one is lost.
                app.clear_cache()
                return app
        except Exception:  # noqa: BLE001 - a dying app answers nothing
            continue
    return None


def _showing(acc: Any) -> bool:
    try:
        states = acc.getState()
        return states.contains(pyatspi.STATE_SHOWING) or acc.getRoleName() == "application"
    except Exception:  # noqa: BLE001
        return False


def _walk(acc: Any, enter: set[str], depth: int = 0) -> Iterator[Any]:
    if depth > 40 or not _showing(acc):
        return
    yield acc
    try:
        role = acc.getRoleName()
        if role in PRUNED and role not in enter:
            return
        children = [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:  # noqa: BLE001
        return
    for child in children:
        if child is not None:
            yield from _walk(child, enter, depth + 1)


def _matches(acc: Any, req: dict[str, Any]) -> bool:
    try:
        if req.get("role") and acc.getRoleName() != req["role"]:
            return False
        name = acc.name or ""
    except Exception:  # noqa: BLE001
        return False
    if "labelled" in req:  # a combo box's name is its current item: find it by its label
        return req["labelled"] in _labels(acc)
    if "name" in req:
        return bool(name == req["name"])
    if "prefix" in req:
        return name.startswith(req["prefix"])
    if "contains" in req:
        return req["contains"] in name
    return True


def _root(req: dict[str, Any]) -> Any:
    """The app, or with ``within`` its top-level window whose name starts so: two open
    dialogs may both have a "Confirmer" field."""
    app = _app(int(req["pid"]))
    if app is None or "within" not in req:
        return app
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        named = window is not None and (window.name or "").startswith(req["within"])
        if named and _showing(window):
            return window
    return None


def _labels(acc: Any) -> list[str]:
    names = []
    try:
        for relation in acc.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                for i in range(relation.getNTargets()):
                    names.append(relation.getTarget(i).name or "")
    except Exception:  # noqa: BLE001
        pass
    return names


def _find(req: dict[str, Any]) -> Any:
    root = _root(req)
    if root is None:
        return None
    enter = set(req.get("enter", ()))
    for acc in _walk(root, enter):
        if _matches(acc, req):
            return acc
    return None


def _wait(req: dict[str, Any]) -> Any:
    deadline = time.monotonic() + float(req.get("timeout", 10))
    while True:
        acc = _find(req)
        if acc is not None or time.monotonic() > deadline:
            return acc
        time.sleep(POLL_S)


def _text_of(acc: Any) -> str:
    try:
        text = acc.queryText()
        return str(text.getText(0, -1))
    except Exception:  # noqa: BLE001 - not a text object
        return ""


def _texts(req: dict[str, Any]) -> list[str]:
    app = _app(int(req["pid"]))
    if app is None:
        return []
    out = []
    for acc in _walk(app, set(PRUNED)):
        for value in (acc.name or "", _text_of(acc)):
            if value:
                out.append(value)
    return out


def _dump(req: dict[str, Any]) -> list[str]:
    app = _app(int(req["pid"]))
    if app is None:
        return ["(no such application)"]
    lines = []

    def go(acc: Any, depth: int) -> None:
        if depth > 30 or not _showing(acc):
            return
        lines.append(f"{'  ' * depth}{acc.getRoleName()} {acc.name!r}")
        if acc.getRoleName() in PRUNED:
            lines.append(f"{'  ' * depth}  … {acc.childCount} children")
            return
        for i in range(acc.childCount):
            child = acc.getChildAtIndex(i)
            if child is not None:
                go(child, depth + 1)

    go(app, 0)
    return lines


def _wait_text(req: dict[str, Any]) -> bool:
    """Until some visible name or text contains req["contains"]."""
    deadline = time.monotonic() + float(req.get("timeout", 10))
    while not any(req["contains"] in t for t in _texts(req)):
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
    return True


def _gone(req: dict[str, Any]) -> bool:
    """Until nothing matches the selector."""
    deadline = time.monotonic() + float(req.get("timeout", 10))
    while _find(req) is not None:
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
    return True


def _click(acc: Any, req: dict[str, Any]) -> bool:
    try:
        acc.queryAction().doAction(0)
    except Exception as exc:
        # A click that opens a modal loop (QDialog.exec) is answered only when that
        # loop ends: the click was delivered, the dialog is on screen.
        if "Did not receive a reply" not in str(exc):
            raise
    return True


def _set_text(acc: Any, req: dict[str, Any]) -> bool:
    acc.queryEditableText().setTextContents(req["text"])
    return True


def _focused(acc: Any, req: dict[str, Any]) -> bool:
    """Until that widget has the keyboard focus."""
    deadline = time.monotonic() + float(req.get("timeout", 10))
    while not acc.getState().contains(pyatspi.STATE_FOCUSED):
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
        acc = _wait(req) or acc
    return True


_TREE_OPS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "texts": _texts,
    "wait_text": _wait_text,
    "dump": _dump,
    "gone": _gone,
}
"""Requests about the whole tree."""
_WIDGET_OPS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "wait": lambda acc, req: True,
    "click": _click,
    "set_text": _set_text,
    "text": lambda acc, req: _text_of(acc) or acc.name,
    "focus": lambda acc, req: bool(acc.queryComponent().grabFocus()),
    "focused": _focused,
    "extents": lambda acc, req: list(acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)),
}
"""Requests about the one widget the selector finds (waited for first)."""


def handle(req: dict[str, Any]) -> Any:
    op = req["op"]
    tree_op = _TREE_OPS.get(op)
    if tree_op is not None:
        return tree_op(req)
    acc = _wait(req)
    if acc is None:
        return None if op == "wait" else {"error": "not found"}
    widget_op = _WIDGET_OPS.get(op)
    if widget_op is None:
        raise ValueError(f"unknown op {op}")
    return widget_op(acc, req)


def main() -> None:
    pyatspi.setTimeout(3000, 15000)  # ms: a blocked app must not stall every test 25 s
    for line in sys.stdin:
        try:
            answer = {"ok": handle(json.loads(line))}
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

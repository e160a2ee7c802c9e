"""What the ``carnet`` command prints: JSON, text made safe for a terminal, progress on
stderr, and an error as one sentence (never a traceback, never patient data)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import platformdirs

from sync.errors import exit_code


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


def shown(text: str, *, lines: bool = False) -> str:
    """``text`` safe for a terminal: control characters (ESC, CR, BEL...; LF too unless
    ``lines``) as visible escapes, so a record synced from elsewhere cannot clear the
    screen or forge a line."""
    keep = "\n" if lines else ""
    return "".join(
        c
        if c == keep or c == "\t" or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)
        else f"\\x{ord(c):02x}"
        for c in text
    )


class TerminalProgress:
    """'pull  1,234 / 5,678' on one updating stderr line, with a time-left estimate."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        left = ""
        elapsed = time.monotonic() - self.start
        if 0 < done < total and elapsed > 2:
            left = f"  ~{elapsed * (total - done) / done:,.0f} s left"
        print(f"\r{step:<9}{done:>10,} / {total:<10,}{left}   ", end="", file=sys.stderr)
        self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def sentence(exc: BaseException) -> str:
    """A sync error as one sentence with the action to take."""
    text = str(exc).rstrip(".")
    code = exit_code(exc)
    if getattr(exc, "advice_included", False):
        return text
    if code == 3:
        return f"{text}; check the passphrase or the recovery key"
    if code == 4:
        return f"{text}; check the address, the network and the credentials, then retry"
    if code == 5:
        return (
            f"{text}; nothing from it was applied. Run 'carnet check' and keep "
            "this device's data: it is intact"
        )
    return text


def crash_log(exc: BaseException) -> Path | None:
    """Write the traceback (frames and exception type, never values) for a bug report."""
    try:
        folder = Path(platformdirs.user_log_dir("Carnet", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        frames = "".join(traceback.format_tb(exc.__traceback__))
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {type(exc).__module__}.{type(exc).__qualname__}\n{frames}\n")
        return path
    except OSError:
        return None


def closed_pipe() -> int:
    """The reader went away (``carnet search … | head``): end quietly, as Unix tools do.
    stdout is pointed at devnull so that the interpreter's final flush does not raise
    again on the dead pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0

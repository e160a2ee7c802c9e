"""What the ``carnet`` command prints: JSON, text made safe for a terminal, progress on
stderr, and an error as one sentence (never a traceback, never patient data)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from typing import Any

from desktop.errors import Kind, bug_sentence, crash_report, known


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


EXIT_OTHER, EXIT_USAGE, EXIT_WRONG_SECRET, EXIT_UNREACHABLE, EXIT_INTEGRITY = 1, 2, 3, 4, 5
EXIT_ROLE = 6
EXIT_CODES = {  # the README's table; a kind not here exits 1
    Kind.USAGE: EXIT_USAGE,
    Kind.WRONG_SECRET: EXIT_WRONG_SECRET,
    Kind.CREDENTIALS_REFUSED: EXIT_UNREACHABLE,
    Kind.UNREACHABLE: EXIT_UNREACHABLE,
    Kind.STORAGE_REFUSED: EXIT_UNREACHABLE,
    Kind.NO_PRACTICE_THERE: EXIT_UNREACHABLE,
    Kind.INTEGRITY: EXIT_INTEGRITY,
    Kind.ROLE_REFUSED: EXIT_ROLE,
}


def exit_code(exc: BaseException) -> int:
    """The ``carnet`` exit code for any error (1 for a bug or an unlisted kind)."""
    found = known(exc)
    return EXIT_CODES.get(found.kind, EXIT_OTHER) if found else EXIT_OTHER


def report(exc: Exception, more: str = "") -> int:
    """Say ``exc`` on stderr as one sentence and return the exit code: a known error's
    sentence (and ``more``), or for a bug the "report it" sentence after writing the
    crash report."""
    found = known(exc)
    if found is None:
        print(f"carnet: {bug_sentence(exc, crash_report(exc))}", file=sys.stderr)
        return EXIT_OTHER
    print(f"carnet: {found.sentence}{more}", file=sys.stderr)
    return EXIT_CODES.get(found.kind, EXIT_OTHER)


def closed_pipe() -> int:
    """The reader went away (``carnet search … | head``): end quietly, as Unix tools do.
    stdout is pointed at devnull so that the interpreter's final flush does not raise
    again on the dead pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0

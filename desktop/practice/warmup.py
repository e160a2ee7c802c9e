"""Warming the name search after unlock: its index pages read into the page cache ahead
of the first keystroke, a short slice at a time.

SQLCipher decrypts a page the first time a connection reads it; a cold first search
pays for thousands (``francois s``: ~200 ms cold, ~20 ms warm at 100,000 patients). The
warmer reads the search structures in key order, in slices of ``SLICE_ROWS`` rows
(a few milliseconds each), so a caller running it between other work on the database
thread (the app's db worker) delays a user's query by one slice at most. It stops by
itself at a budget of bytes (a share of the connection's page cache, so warming never
evicts what it just read and never grows memory past the cache the store already
allows), at a time budget, or when cancelled. Reading changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

SLICE_ROWS = 1_000
"""The most a keystroke typed during the warm-up waits for it: ~4 ms on a quiet machine
(estimated: 361,452 entries took ~7 s at load average 10, several times slower)."""
CACHE_SHARE = 0.8
"""Warm at most this share of the page cache (the rest stays for charts and lists)."""
FILL = 0.85
"""Assumed fill of the pages, to turn the bytes of the rows read into pages (measured:
0.86 over the search tables of 20,000 patients just migrated or rebuilt)."""


@dataclass(frozen=True)
class Structure:
    """One search structure, read in the order of its primary key ``cursor`` (a slice
    starts after the last row of the one before); ``size``: a row's bytes, roughly."""

    name: str
    table: str
    cursor: tuple[str, ...]
    start: tuple[Any, ...]
    size: str
    until: str = "1"

    def slice_sql(self) -> str:
        cols = ", ".join(self.cursor)
        marks = ", ".join("?" * len(self.cursor))
        return (
            f"SELECT {cols}, {self.size} FROM {self.table} WHERE ({cols}) > ({marks}) "
            f"AND {self.until} ORDER BY {cols} LIMIT ?"
        )


_KEY = ("key", "rank", "sort", "n")
_KEY_START = (-(2**63), "", -(2**63))
_KEY_SIZE = "length(key) + length(sort) + 12"


STRUCTURES: tuple[Structure, ...] = (
    # Most probes per page first (the budget may stop before the last).
    # Every candidate of a query reads its entry by number (id, sort key, words, the
    # listed fields): random probes over the whole table, thousands for "francois s".
    Structure(
        "entries",
        "search_patient",
        ("n",),
        (-(2**63),),
        "length(patient_id) + length(sort) + length(words) + coalesce(length(family_name), 0)"
        " + coalesce(length(given_names), 0) + coalesce(length(birth_name), 0) + 48",
    ),
    # The keys, scanned by range: the "!" prefix keys of the first keystrokes, then the
    # name words, then phone, NIR and birth-date keys (typed less often).
    Structure("prefixes", "search_key", _KEY, ("!", *_KEY_START), _KEY_SIZE, "key < '#'"),
    Structure("words", "search_key", _KEY, ("0", *_KEY_START), _KEY_SIZE),
    Structure("numbers", "search_key", _KEY, ("#", *_KEY_START), _KEY_SIZE, "key < '0'"),
)


@dataclass
class WarmProgress:
    """Where a warm-up stands (kept by the caller between slices)."""

    structure: int = 0
    after: tuple[Any, ...] | None = None  # None: from the structure's start
    rows: int = 0
    bytes: int = 0
    seconds: float = 0.0
    done: bool = False


def cache_bytes(conn: Any) -> int:
    """The connection's page cache limit in bytes (``PRAGMA cache_size``: pages if
    positive, KiB if negative)."""
    size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    if size < 0:
        return -size * 1024
    return size * int(conn.execute("PRAGMA page_size").fetchone()[0])


def warm_slice(conn: Any, progress: WarmProgress, budget_bytes: int) -> WarmProgress:
    """Read the next slice (``SLICE_ROWS`` entries) of the search structures; sets
    ``progress.done`` once all are read or ``budget_bytes`` is reached."""
    start = time.perf_counter()
    while not progress.done:
        if progress.structure >= len(STRUCTURES) or progress.bytes >= budget_bytes:
            progress.done = True
            break
        structure = STRUCTURES[progress.structure]
        after = structure.start if progress.after is None else progress.after
        rows = conn.execute(structure.slice_sql(), (*after, SLICE_ROWS)).fetchall()
        if not rows:
            progress.structure += 1
            progress.after = None
            continue
        progress.after = tuple(rows[-1][:-1])
        progress.rows += len(rows)
        progress.bytes += int(sum(r[-1] or 0 for r in rows) / FILL)
        break
    progress.seconds += time.perf_counter() - start
    return progress


def warm_search(
    conn: Any, max_seconds: float = 10.0, budget_bytes: int | None = None
) -> WarmProgress:
    """Warm the whole budget in one call (benchmarks, or a caller with no other work on
    this connection); the app runs :func:`warm_slice` between its own tasks instead."""
    budget = int(cache_bytes(conn) * CACHE_SHARE) if budget_bytes is None else budget_bytes
    progress = WarmProgress()
    deadline = time.perf_counter() + max_seconds
    while not progress.done and time.perf_counter() < deadline:
        warm_slice(conn, progress, budget)
    return progress

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

SLICE_ROWS = 10_000
"""Rows stepped over per slice, the most a keystroke typed during the warm-up waits for:
~1-2 ms (stepping costs about its pages: 301,916 entries of 20,000 patients took 0.04 s
of CPU, where reading each row's columns took 0.8 s)."""
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

    def _range(self) -> str:
        cols, marks = ", ".join(self.cursor), ", ".join("?" * len(self.cursor))
        return f"FROM {self.table} WHERE ({cols}) > ({marks}) AND {self.until}"

    def step_sql(self) -> str:
        """The cursor of the row ``?`` rows on: SQLite steps over the rows before it
        without building them, so a slice costs little more than its pages."""
        cols = ", ".join(self.cursor)
        return f"SELECT {cols} {self._range()} ORDER BY {cols} LIMIT 1 OFFSET ?"

    def rest_sql(self) -> str:
        """How many rows are left (and their pages read)."""
        return f"SELECT count(*) {self._range()}"

    def size_sql(self) -> str:
        """The mean size of a row, over the first ones of this structure."""
        return f"SELECT avg(size) FROM (SELECT {self.size} AS size {self._range()} LIMIT 1000)"


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
    row_bytes: float | None = None  # the structure's mean row size, once measured
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
        if progress.row_bytes is None:
            mean = conn.execute(structure.size_sql(), structure.start).fetchone()[0]
            progress.row_bytes = float(mean or 0)
        after = structure.start if progress.after is None else progress.after
        last = conn.execute(structure.step_sql(), (*after, SLICE_ROWS - 1)).fetchone()
        count = SLICE_ROWS
        if last is None:  # the last slice of this structure
            count = conn.execute(structure.rest_sql(), after).fetchone()[0]
            progress.structure, progress.after = progress.structure + 1, None
        else:
            progress.after = tuple(last)
        progress.rows += count
        progress.bytes += int(count * progress.row_bytes / FILL)
        if last is None:
            progress.row_bytes = None
            if not count:
                continue
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

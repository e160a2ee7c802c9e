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
FILL = 0.7
"""Assumed fill of index pages, to turn the bytes of the rows read into pages."""

# (what, the slice query), most useful per page first (the budget may stop before the
# last). Each query reads up to ``limit`` entries after ``after`` in one index's order,
# touching its pages, and returns (last entry, entries, their bytes).
_STRUCTURES: tuple[tuple[str, str], ...] = (
    (
        # The patient rows every keystroke lists (up to 50 random rows, by id: its primary
        # key index, then the row).
        "patients",
        "SELECT max(id), count(*), sum(length(id) + length(family_name) + "
        "coalesce(length(given_names), 0) + 48) FROM (SELECT id, family_name, given_names "
        "FROM patient WHERE id > ? ORDER BY id LIMIT ?)",
    ),
    (
        # Every term but the longest is checked per candidate through (patient_id, key):
        # one random probe per candidate, thousands for "francois s".
        "by_patient",
        "SELECT max(patient_id), count(*), sum(length(patient_id) + length(key) + 24) "
        "FROM (SELECT patient_id, key FROM patient_keys INDEXED BY patient_keys_by_patient "
        "WHERE patient_id > ? ORDER BY patient_id LIMIT ?)",
    ),
    (
        # Word keys (4+ letters) scanned by range for the longest term: contiguous pages,
        # the fewest per query when cold.
        "keys",
        "SELECT max(key), count(*), sum(length(key) + length(sort) + length(patient_id) + 12) "
        "FROM (SELECT key, sort, patient_id FROM patient_keys WHERE key > ? AND key >= '0' "
        "ORDER BY key LIMIT ?)",
    ),
)


@dataclass
class WarmProgress:
    """Where a warm-up stands (kept by the caller between slices)."""

    structure: int = 0
    after: str = ""
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
        if progress.structure >= len(_STRUCTURES) or progress.bytes >= budget_bytes:
            progress.done = True
            break
        _, sql = _STRUCTURES[progress.structure]
        last, count, size = conn.execute(sql, (progress.after, SLICE_ROWS)).fetchone()
        if not count:
            progress.structure += 1
            progress.after = ""
            continue
        progress.after = last
        progress.rows += count
        progress.bytes += int((size or 0) / FILL)
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

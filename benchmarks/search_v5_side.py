"""The schema 5 search index beside the schema 6 one, in one process, alternating query
by query on two cold connections: the same practice copied before and after v0006.

    cp -a bench-cache/practice-N-seed1 OLD      # before the first open by Carnet >= schema 6
    python -m benchmarks --patients N --only store   # migrates bench-cache's copy
    python -m benchmarks.search_v5_side OLD/encrypted bench-cache/practice-N-seed1/encrypted

Each keystroke is timed (wall and this thread's CPU) on both, first with no warm-up
(both caches cold), then with each schema's own warm-up after unlock. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.reference import PASSPHRASE
from benchmarks.report import percentile
from benchmarks.store_bench import WARM_SECONDS, keystroke_queries
from desktop.practice import db
from desktop.practice.store import DB_NAME, Practice
from desktop.practice.warmup import CACHE_SHARE, cache_bytes, warm_search
from tests.helpers import search_v5

V5_WARMUP = (  # desktop/practice/warmup.py of schema 5: (slice query) in its order
    "SELECT max(id), count(*), sum(length(id) + length(family_name) + coalesce(length("
    "given_names), 0) + 48) FROM (SELECT id, family_name, given_names FROM patient WHERE id > ?"
    " ORDER BY id LIMIT ?)",
    "SELECT max(patient_id), count(*), sum(length(patient_id) + length(key) + 24) FROM (SELECT "
    "patient_id, key FROM patient_keys INDEXED BY patient_keys_by_patient WHERE patient_id > ? "
    "ORDER BY patient_id LIMIT ?)",
    "SELECT max(key), count(*), sum(length(key) + length(sort) + length(patient_id) + 12) FROM "
    "(SELECT key, sort, patient_id FROM patient_keys WHERE key > ? AND key >= '0' ORDER BY key "
    "LIMIT ?)",
)


def warm_v5(conn: Any) -> tuple[float, int, int]:
    """Schema 5's warm-up (same budget: 80% of the page cache, 10 s): seconds, rows, bytes."""
    budget, start, rows, size = int(cache_bytes(conn) * CACHE_SHARE), time.perf_counter(), 0, 0
    for sql in V5_WARMUP:
        after = ""
        while size < budget and time.perf_counter() - start < WARM_SECONDS:
            last, count, got = conn.execute(sql, (after, 1_000)).fetchone()
            if not count:
                break
            after, rows, size = last, rows + count, size + int((got or 0) / 0.7)
    return time.perf_counter() - start, rows, size


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    cpu, wall = time.thread_time(), time.perf_counter()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def _stats(samples: list[tuple[float, float]]) -> str:
    wall, cpu = [s[0] for s in samples], [s[1] for s in samples]
    return (
        f"wall median {statistics.median(wall):.2f} p99 {percentile(wall, 99):.2f} ms, "
        f"CPU median {statistics.median(cpu):.2f} p99 {percentile(cpu, 99):.2f} ms"
    )


def run(old: Path, new: Path, warm: bool) -> None:
    with Practice.open(new, passphrase=PASSPHRASE) as other:
        queries, key = keystroke_queries(other, 100), other.db_key  # a copy: the same key
    practice = Practice.open(new, passphrase=PASSPHRASE)
    conn5 = db.connect(old / DB_NAME, key)  # no migration: schema 5 as it was
    try:
        assert conn5.execute("PRAGMA user_version").fetchone()[0] == 5
        if warm:
            s5, r5, b5 = warm_v5(conn5)
            start = time.perf_counter()
            done = warm_search(practice.conn, max_seconds=WARM_SECONDS)
            s6 = time.perf_counter() - start
            print(f"  warm-up, schema 5: {s5:.2f} s, {r5:,} entries, ~{b5 / 2**20:.0f} MiB")
            print(
                f"  warm-up, schema 6: {s6:.2f} s, {done.rows:,} entries, "
                f"~{done.bytes / 2**20:.0f} MiB, {done.structure} structures done"
            )
        v5: list[tuple[float, float]] = []
        v6: list[tuple[float, float]] = []
        for i, q in enumerate(queries):
            pair = [
                (v5, lambda q=q: search_v5.search_patients(conn5, q, 50, "patient_keys")),
                (v6, lambda q=q: practice.search_patients(q, 50)),
            ]
            for samples, fn in pair if i % 2 else reversed(pair):
                samples.append(_timed(fn))
        label = "warm-up done" if warm else "no warm-up"
        print(f"  {len(queries)} keystrokes, first pass, {label}")
        print(f"    schema 5: {_stats(v5)}")
        print(f"    schema 6: {_stats(v6)}")
        ratio = statistics.median(s[0] for s in v6) / statistics.median(s[0] for s in v5)
        print(f"    schema 6 vs 5, wall median: {ratio:.2f}x")
    finally:
        conn5.close()
        practice.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the practice folder before v0006 (schema 5)")
    parser.add_argument("new", type=Path, help="the same practice after v0006")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for n in range(args.rounds):
        print(f"round {n + 1}")
        run(args.old, args.new, warm=False)
        run(args.old, args.new, warm=True)


if __name__ == "__main__":
    main()

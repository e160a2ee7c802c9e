"""Store measures: name search as you type, chart open, consultation save; each beside
the same code on a plain SQLite copy (the cost of encryption) or a bare durable INSERT."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.reference import Reference
from benchmarks.report import Table, paired
from desktop.practice.store import Practice
from desktop.practice.textsearch import fold
from desktop.practice.warmup import STRUCTURES, warm_search

WARM_SECONDS = 10.0  # desktop.app.warmup.MAX_SECONDS (the store does not import the app)


def keystroke_queries(practice: Practice, count: int, seed: int = 7) -> list[str]:
    """What a secretary types, one keystroke at a time: 'd', 'du', … 'dupont je'."""
    rows = practice.conn.execute(
        "SELECT family_name, given_names FROM patient WHERE deleted IS NOT 1 ORDER BY id"
    ).fetchall()
    rng = random.Random(seed)
    queries: list[str] = []
    for family, given in rng.sample(rows, min(count, len(rows))):
        typed = f"{fold(family or '')} {fold(given or '').split(' ')[0]}"[:12].rstrip()
        queries += [typed[:n] for n in range(1, len(typed) + 1) if not typed[:n].endswith(" ")]
    return queries


def run(ref: Reference, table: Table, repeat: int) -> None:
    _first_pass(ref, table)
    enc, plain = ref.open(), ref.open_plain()
    try:
        _search(enc, plain, table)
        _chart(enc, plain, ref.heavy_patient, table, max(20, repeat // 5))
        _save(enc, plain, table, repeat)
        _mixed(enc, plain, table, max(20, repeat // 4))
    finally:
        enc.close()
        plain.close()


def _search(enc: Practice, plain: Practice, table: Table) -> None:
    queries = keystroke_queries(enc, 100)
    ours, base = paired(
        lambda i: enc.search_patients(queries[i % len(queries)], 50),
        lambda i: plain.search_patients(queries[i % len(queries)], 50),
        repeat=len(queries),
    )
    table.latency(
        f"name search as you type ({len(queries)} keystrokes)", ours, target_ms=15, stat="p99"
    )
    table.ratio("name search: SQLCipher vs plain SQLite", ours, base, target=1.25)


def _first_pass(ref: Reference, table: Table) -> None:
    """The first pass after start-up, on two fresh connections side by side: one that
    ran the app's search warm-up after unlock, one that did not."""
    with ref.open() as other:
        queries = keystroke_queries(other, 100)  # read elsewhere: both caches stay cold
    cold, warm = ref.open(), ref.open()
    try:
        start = time.perf_counter()
        done = warm_search(warm.conn, max_seconds=WARM_SECONDS)
        seconds = time.perf_counter() - start
        ours, base = paired(
            lambda i: warm.search_patients(queries[i], 50),
            lambda i: cold.search_patients(queries[i], 50),
            repeat=len(queries),
            warmup=0,
        )
    finally:
        cold.close()
        warm.close()
    table.info(
        "search warm-up after unlock (before the first keystroke)",
        f"{seconds:.2f} s, {done.rows:,} index entries, ~{done.bytes / 2**20:.0f} MiB "
        f"({'all' if done.structure >= len(STRUCTURES) else 'stopped at its budget'})",
        {"seconds": seconds, "rows": done.rows, "bytes": done.bytes},
    )
    table.latency(
        f"name search as you type, first pass after start-up, warm-up done "
        f"({len(queries)} keystrokes)",
        ours,
        target_ms=15,
        stat="p99",
    )
    table.latency(
        "name search as you type, first pass after start-up, no warm-up (same keystrokes)",
        base,
        target_ms=15,
        stat="p99",
    )


def _chart(enc: Practice, plain: Practice, patient: str, table: Table, repeat: int) -> None:
    ours, base = paired(lambda i: enc.chart(patient), lambda i: plain.chart(patient), repeat)
    count = len(enc.chart(patient).consultations)
    table.latency(f"open a chart with {count:,} consultations", ours, target_ms=50)
    table.ratio("chart open: SQLCipher vs plain SQLite", ours, base, target=1.25)


def _save(enc: Practice, plain: Practice, table: Table, repeat: int) -> None:
    pid = enc.search_patients("a", 1)[0]["id"]
    note = "Consultation de suivi. Examen clinique sans particularité. " * 4

    def save(practice: Practice) -> None:
        practice.add_consultation(pid, reason="Suivi", text=note, weight_kg=70.2, bp_sys=128)

    ours, base = paired(lambda i: save(enc), lambda i: save(plain), repeat)
    table.latency("save a consultation (row+version+journal+audit, durable)", ours, target_ms=50)
    table.ratio("consultation save: SQLCipher vs plain SQLite", ours, base, target=1.25)

    with tempfile.TemporaryDirectory() as tmp:
        bare = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")
        bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")

        def insert() -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO t(body) VALUES (?)", (note,))
            bare.execute("COMMIT")

        ours2, bare_ms = paired(lambda i: save(enc), lambda i: insert(), repeat)
        bare.close()
    table.ratio("consultation save vs a bare durable INSERT", ours2, bare_ms, target=2.0)


def _mixed(enc: Practice, plain: Practice, table: Table, repeat: int) -> None:
    queries = keystroke_queries(enc, 20, seed=11)
    ids = [r[0] for r in enc.conn.execute("SELECT id FROM patient ORDER BY id LIMIT 500")]

    def workload(practice: Practice, i: int) -> None:
        for q in queries[(i * 6) % len(queries) :][:6]:
            practice.search_patients(q, 50)
        chart = practice.chart(ids[i % len(ids)])
        practice.add_consultation(chart.id, reason="Suivi", text="RAS")

    ours, base = paired(lambda i: workload(enc, i), lambda i: workload(plain, i), repeat)
    table.ratio("read/write workload: SQLCipher vs plain SQLite", ours, base, target=1.25)

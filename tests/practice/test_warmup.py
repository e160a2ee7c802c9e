"""The search warm-up reads every search structure, within its byte budget, a slice at a
time, and changes nothing."""

from __future__ import annotations

import hashlib

from desktop.practice import warmup
from desktop.practice.store import Practice


def _fill(practice: Practice, count: int) -> None:
    with practice.transaction():
        for i in range(count):
            practice.create_record(
                "patient",
                {
                    "family_name": f"Nom{i:04d} Bis",
                    "given_names": "Hélène",
                    "birth_date": "1961-03-12",
                },
            )


def _digest(practice: Practice) -> str:
    rows = practice.conn.execute("SELECT * FROM search_key ORDER BY 1, 2, 3, 4").fetchall()
    rows += practice.conn.execute("SELECT * FROM search_patient ORDER BY n").fetchall()
    rows += practice.conn.execute("SELECT * FROM patient ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_warm_up_reads_every_search_structure_and_changes_nothing(practice: Practice):
    _fill(practice, 30)
    before, pending = _digest(practice), practice.pending_count()
    done = warmup.warm_search(practice.conn, budget_bytes=1 << 30)
    conn = practice.conn
    patients = conn.execute("SELECT count(*) FROM patient").fetchone()[0]
    entries = conn.execute("SELECT count(*) FROM search_patient").fetchone()[0]
    keys = conn.execute("SELECT count(*) FROM search_key").fetchone()[0]
    assert entries == patients and keys > 30 * 10
    assert done.done and done.rows == entries + keys
    assert _digest(practice) == before and practice.pending_count() == pending


def test_the_warm_up_stops_at_its_budget_a_slice_at_a_time(practice: Practice, monkeypatch):
    _fill(practice, 30)
    monkeypatch.setattr(warmup, "SLICE_ROWS", 10)
    progress = warmup.WarmProgress()
    warmup.warm_slice(practice.conn, progress, budget_bytes=1 << 30)
    assert not progress.done and progress.rows == 10  # one slice per call
    small = warmup.warm_search(practice.conn, budget_bytes=2_000)
    assert small.done and small.bytes > 0 and small.bytes - 2_000 < 10 * 400
    assert small.rows < warmup.warm_search(practice.conn, budget_bytes=1 << 30).rows


def test_the_budget_is_a_share_of_the_page_cache(practice: Practice):
    assert warmup.cache_bytes(practice.conn) == 64 * 2**20  # PRAGMA cache_size = -65536

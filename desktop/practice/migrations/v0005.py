"""Schema version 5 (audit), frozen as released: the practice-wide audit.

Other devices' audit entries, as their segments carry them, kept apart from this
device's own chain (``audit``) and never merged: one row per (chain, seq), read-only.
Indexes let a chart's accesses and a date range be read without a full scan. Literal
SQL, never generated from schema.py. Never edit this file. Independent of versions 3
and 4 (it touches only the audit tables).
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    # The device that wrote each new entry of this device's chain (covered by its hash;
    # NULL in entries written before version 5, whose hashes did not cover it).
    "ALTER TABLE audit ADD COLUMN device TEXT",
    (
        "CREATE TABLE audit_peer (chain TEXT NOT NULL, seq INTEGER NOT NULL, device TEXT, at "
        "TEXT NOT NULL, user_id TEXT, action TEXT NOT NULL, entity TEXT, record_id "
        "TEXT, hash TEXT NOT NULL, PRIMARY KEY (chain, seq)) WITHOUT ROWID"
    ),
    "CREATE INDEX audit_peer_by_record ON audit_peer(record_id)",
    "CREATE INDEX audit_peer_by_at ON audit_peer(at)",
    "CREATE INDEX audit_by_record ON audit(record_id)",
    "CREATE INDEX audit_by_at ON audit(at)",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

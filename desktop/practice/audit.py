"""The hash-chained audit log: who did what to which record, and when.

Each entry's hash covers its sequence number, content and the previous entry's hash, and
the newest (count, hash) is kept in ``meta``: editing, removing, reordering or cutting
off the tail of the log breaks the chain. Someone who holds the database key could
rewrite the whole chain; publishing the head to the sync remote (encrypted) anchors it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from desktop.practice import meta
from desktop.practice.meta import MetaKey

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditReport:
    ok: bool
    entries: int
    problem: str | None = None
    first_bad_seq: int | None = None


def _digest(
    prev: str,
    seq: int,
    at: str,
    user: str | None,
    action: str,
    entity: str | None,
    record_id: str | None,
) -> str:
    body = json.dumps([seq, at, user, action, entity, record_id], separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


def append(
    conn: Any,
    at: str,
    user: str | None,
    action: str,
    entity: str | None,
    record_id: str | None,
    head: tuple[int, str] | None = None,
) -> tuple[int, str]:
    """Append one entry inside the caller's transaction; returns the new head (seq, hash).

    ``head``: the head as the caller read it in this same transaction; None reads it.
    """
    if head is None:
        head = _head(conn)
    seq, prev = head[0] + 1, head[1]
    digest = _digest(prev, seq, at, user, action, entity, record_id)
    conn.execute(
        "INSERT INTO audit(seq, at, user_id, action, entity, record_id, prev, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, user, action, entity, record_id, prev, digest),
    )
    meta.put_many(conn, {MetaKey.AUDIT_SEQ: seq, MetaKey.AUDIT_HEAD: digest})
    return seq, digest


def _head(conn: Any) -> tuple[int, str]:
    """The chain's head as ``meta`` records it: (seq, hash) of the newest entry."""
    rows = meta.get_many(conn, MetaKey.AUDIT_SEQ, MetaKey.AUDIT_HEAD)
    return int(rows.get(MetaKey.AUDIT_SEQ, 0)), str(rows.get(MetaKey.AUDIT_HEAD, GENESIS))


def verify(conn: Any) -> AuditReport:
    """Recompute the chain; report the first entry that does not fit."""
    prev, expected_seq, count = GENESIS, 1, 0
    cur = conn.execute(
        "SELECT seq, at, user_id, action, entity, record_id, prev, hash FROM audit ORDER BY seq"
    )
    for seq, at, user, action, entity, record_id, stored_prev, stored_hash in cur:
        if seq != expected_seq:
            return AuditReport(False, count, f"entry {expected_seq} is missing", expected_seq)
        if stored_prev != prev:
            return AuditReport(False, count, f"entry {seq} does not follow the previous one", seq)
        if _digest(prev, seq, at, user, action, entity, record_id) != stored_hash:
            return AuditReport(False, count, f"entry {seq} was modified", seq)
        prev, expected_seq, count = stored_hash, seq + 1, count + 1
    if _head(conn) != (count, prev):
        return AuditReport(False, count, "the newest entries were removed", count + 1)
    return AuditReport(True, count)


def entries(conn: Any, limit: int) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT seq, at, user_id, action, entity, record_id FROM audit ORDER BY seq DESC LIMIT ?",
        (limit,),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

"""The hash-chained audit log: who did what to which record, when, on which device.

Each device keeps one chain (``audit``): an entry's hash covers its sequence number,
content, the device that wrote it and the previous entry's hash, and the newest
(count, hash) is kept in ``meta``: editing, removing, reordering or cutting off the tail
of the log breaks the chain. Each entry also travels in the device's segments
(audit_sync.py), so every device holds, and :func:`verify` checks, every device's chain.
An entry holds ids, an action and a time: never a name or clinical text.
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
    """``chain``: the chain the problem is in (a device id; None: this device's own)."""

    ok: bool
    entries: int
    problem: str | None = None
    first_bad_seq: int | None = None
    chain: str | None = None
    chains: int = 1


def digest(
    prev: str,
    seq: int,
    at: str,
    user: str | None,
    action: str,
    entity: str | None,
    record_id: str | None,
    device: str | None = None,
) -> str:
    """The entry's hash. ``device`` is covered when known (entries written before the
    audit synced have none, and keep the hash they were written with)."""
    body: list[Any] = [seq, at, user, action, entity, record_id]
    if device is not None:
        body.append(device)
    text = json.dumps(body, separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One appended entry of this device's chain, as its segment carries it."""

    seq: int
    at: str
    user: str | None
    action: str
    entity: str | None
    record_id: str | None
    device: str
    hash: str


def append(
    conn: Any,
    at: str,
    user: str | None,
    action: str,
    entity: str | None,
    record_id: str | None,
    device: str,
) -> Entry:
    """Append one entry inside the caller's transaction. The head is read here, in the
    same transaction, never cached: another process may have appended since."""
    seq, prev = _head(conn)
    seq += 1
    digest_ = digest(prev, seq, at, user, action, entity, record_id, device)
    conn.execute(
        "INSERT INTO audit(seq, at, user_id, action, entity, record_id, prev, hash, device) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, user, action, entity, record_id, prev, digest_, device),
    )
    meta.put_many(conn, {MetaKey.AUDIT_SEQ: seq, MetaKey.AUDIT_HEAD: digest_})
    return Entry(seq, at, user, action, entity, record_id, device, digest_)


def _head(conn: Any) -> tuple[int, str]:
    """The chain's head as ``meta`` records it: (seq, hash) of the newest entry."""
    rows = meta.get_many(conn, MetaKey.AUDIT_SEQ, MetaKey.AUDIT_HEAD)
    return int(rows.get(MetaKey.AUDIT_SEQ, 0)), str(rows.get(MetaKey.AUDIT_HEAD, GENESIS))


def _check_chain(
    rows: Any, head: tuple[int, str] | None, chain: str | None
) -> tuple[AuditReport | None, int]:
    """Recompute one chain from its rows (seq order); (the problem or None, entries)."""
    prev, expected_seq, count = GENESIS, 1, 0
    for seq, at, user, action, entity, record_id, device, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            problem = f"entry {expected_seq} is missing"
            return AuditReport(False, count, problem, expected_seq, chain), count
        if stored_prev is not None and stored_prev != prev:
            problem = f"entry {seq} does not follow the previous one"
            return AuditReport(False, count, problem, seq, chain), count
        if digest(prev, seq, at, user, action, entity, record_id, device) != stored_hash:
            return AuditReport(False, count, f"entry {seq} was modified", seq, chain), count
        prev, expected_seq, count = stored_hash, seq + 1, count + 1
    if head is not None and head != (count, prev):
        problem = "the newest entries were removed"
        return AuditReport(False, count, problem, count + 1, chain), count
    return None, count


def verify(conn: Any) -> AuditReport:
    """Recompute this device's chain and every other device's chain held here; report
    the first entry that does not fit, and in which device's chain."""
    local = conn.execute(
        "SELECT seq, at, user_id, action, entity, record_id, device, prev, hash FROM audit "
        "ORDER BY seq"
    )
    bad, total = _check_chain(local, _head(conn), None)
    if bad is not None:
        return bad
    from desktop.practice import audit_sync  # the peers' chains and their heads

    heads = audit_sync.peer_heads(conn)
    chains = 1
    for chain in sorted(heads):
        rows = conn.execute(
            "SELECT seq, at, user_id, action, entity, record_id, device, NULL, hash "
            "FROM audit_peer WHERE chain = ? ORDER BY seq",
            (chain,),
        )
        bad, count = _check_chain(rows, heads[chain], chain)
        if bad is not None:
            return AuditReport(False, total + count, bad.problem, bad.first_bad_seq, chain, chains)
        total, chains = total + count, chains + 1
    stray = conn.execute("SELECT DISTINCT chain FROM audit_peer ORDER BY chain").fetchall()
    for (chain,) in stray:
        if chain not in heads:
            return AuditReport(False, total, "its head was removed", None, chain, chains)
    return AuditReport(True, total, chains=chains)


def entries(conn: Any, limit: int) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT seq, at, user_id, action, entity, record_id FROM audit ORDER BY seq DESC LIMIT ?",
        (limit,),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

"""The audit as it syncs: each entry of this device's chain travels in its segments as a
change of the ``audit`` kind, and other devices' entries are kept apart (``audit_peer``),
read-only, one row per (chain, seq): never merged, never overwritten.

A chain travels under an id of its own (this device's id when it first synced its
audit), so a device that later takes a new id keeps one unbroken chain. The change's
``record_id`` is ``<chain>/<seq>``; its one field ``a`` is the compact list
``[at, user, action, entity, record_id, device, hash]``: ids, an action and a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from desktop.practice import journal, meta
from desktop.practice.audit import Entry
from desktop.practice.meta import MetaKey
from sync.changes import Change, Stamp

if TYPE_CHECKING:
    from desktop.practice.session import Session

AUDIT = "audit"
"""The kind of change an audit entry travels as (not a record: schema.py knows it not)."""


def _change(chain: str, e: Entry, stamp: Stamp) -> Change:
    fields = {"a": [e.at, e.user, e.action, e.entity, e.record_id, e.device, e.hash]}
    return Change(AUDIT, f"{chain}/{e.seq}", stamp, fields)


def chain_id(s: Session) -> str:
    """This device's chain id; the first call (a new practice, or one written before the
    audit synced) journals every entry already in the chain, so peers get all of it."""
    chain = meta.get(s, MetaKey.AUDIT_CHAIN)
    if chain:
        return str(chain)
    chain = s.device_id
    meta.put(s, MetaKey.AUDIT_CHAIN, chain)
    for e in _local_entries(s):
        journal.append(s, _change(chain, e, Stamp(s.clock.now(), s.device_id)))
    return chain


def journal_entry(s: Session, entry: Entry) -> None:
    """Journal a new entry of this device's chain (same transaction as the entry)."""
    chain = chain_id(s)
    journal.append(s, _change(chain, entry, Stamp(s.clock.now(), s.device_id)))


def _local_entries(s: Session) -> Iterator[Entry]:
    cur = s.conn.execute(
        "SELECT seq, at, user_id, action, entity, record_id, device, hash FROM audit ORDER BY seq"
    )
    for seq, at, user, action, entity, record_id, device, digest in cur:
        yield Entry(seq, at, user, action, entity, record_id, device, digest)


def peer_heads(db: Any) -> dict[str, tuple[int, str]]:
    """Each other chain's head as received: (seq, hash) of its newest entry."""
    raw = json.loads(meta.get(db, MetaKey.AUDIT_PEER_HEADS) or "{}")
    return {chain: (int(h[0]), str(h[1])) for chain, h in raw.items()}


def receive(s: Session, changes: Iterable[Change]) -> int:
    """Store other devices' audit entries (a segment's, or a snapshot's); an entry
    already held is left as it is. Returns how many were new."""
    own = meta.get(s, MetaKey.AUDIT_CHAIN)
    heads = peer_heads(s)
    added = 0
    for change in changes:
        chain, _, number = change.record_id.rpartition("/")
        if chain == own:
            continue  # our own entries, back from a snapshot: the local chain holds them
        try:
            seq = int(number)
            at, user, action, entity, record_id, device, digest = change.fields["a"]
        except (KeyError, TypeError, ValueError) as exc:
            from desktop.practice import errors

            raise errors.IntegrityFailureError(
                "a synced audit entry is malformed; update Carnet on this computer"
            ) from exc
        cur = s.execute(
            "INSERT OR IGNORE INTO audit_peer(chain, seq, device, at, user_id, action, "
            "entity, record_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (chain, seq, device, at, user, action, entity, record_id, digest),
        )
        added += cur.rowcount
        if cur.rowcount and seq > heads.get(chain, (0, ""))[0]:
            heads[chain] = (seq, str(digest))
    if added:
        meta.put(s, MetaKey.AUDIT_PEER_HEADS, json.dumps(heads, sort_keys=True))
    return added


def export(s: Session) -> Iterator[Change]:
    """Every chain held here as audit changes (snapshots carry the audit too). Writes
    nothing: a chain not journalled yet is exported under the id it will take."""
    chain = str(meta.get(s, MetaKey.AUDIT_CHAIN) or s.device_id)
    for e in _local_entries(s):
        yield _change(chain, e, Stamp(0, e.device or s.device_id))
    cur = s.conn.execute(
        "SELECT chain, seq, at, user_id, action, entity, record_id, device, hash "
        "FROM audit_peer ORDER BY chain, seq"
    )
    for peer, seq, at, user, action, entity, record_id, device, digest in cur:
        entry = Entry(seq, at, user, action, entity, record_id, device, digest)
        yield _change(peer, entry, Stamp(0, device or peer))

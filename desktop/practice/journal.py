"""The push journal: this device's own changes, in order, until a segment holds them.

The store's write path appends one entry per change in the write's own transaction;
the replica hands the entries above the push cursor to the sync engine and drops them
once pushed. Entries keep ``fields`` and ``replaces`` as the compact JSON a segment
carries, so a push seals them without encoding each change again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.practice import meta
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES
from sync.changes import Change, Stamp, encode_fields, encode_replaces
from sync.ports import Cursor, PendingChange

if TYPE_CHECKING:  # the session imports the audit, which journals through here
    from desktop.practice.session import Session


def append(s: Session, change: Change) -> None:
    """Append this device's change for the sync engine to push (same transaction)."""
    s.execute(
        "INSERT INTO journal(entity, record_id, hlc, device, fields, replaces) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            change.entity,
            change.record_id,
            change.stamp.hlc,
            change.stamp.device,
            encode_fields(change.fields),
            encode_replaces(change.replaces),
        ),
    )


def pending(s: Session, after: int, limit: int) -> list[PendingChange]:
    """Up to ``limit`` entries after local seq ``after``, each in its wire form."""
    # The journal keeps fields and replaces as the compact JSON a segment carries, so
    # SQLite assembles each change's wire form from them (exactly sync.changes.wire:
    # json_quote writes a string as json.dumps does) and hands over its UTF-8 bytes: no
    # text decoded or encoded in Python, three values per change instead of seven.
    # Assembling them in Python was a quarter of the sync thread's time in a first push.
    rows = s.execute(_PENDING, (after, limit)).fetchall()
    encoded = PendingChange.encoded
    return [encoded(seq, entity, wire) for seq, entity, wire in rows]


_PENDING = (
    "SELECT seq, entity, CAST("
    """'{"e":' || json_quote(entity) || ',"id":' || json_quote(record_id) """
    """|| ',"s":[' || hlc || ',' || json_quote(device) || '],"f":' || fields """
    """|| ',"r":' || replaces || '}' AS BLOB) """
    "FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"
)


def restamp(s: Session, local_seq: int, stamp: Stamp, replaces: dict[str, Stamp]) -> None:
    """Give an unpushed entry a new stamp and replaced stamps (a device rename)."""
    s.execute(
        "UPDATE journal SET hlc = ?, device = ?, replaces = ? WHERE seq = ?",
        (
            stamp.hlc,
            stamp.device,
            encode_replaces(replaces),
            local_seq,
        ),
    )


def push_cursor(s: Session) -> tuple[int, Cursor]:
    """(the last local seq pushed, this device's chain head on the storage)."""
    return (
        int(meta.get(s, MetaKey.PUSH_LOCAL_SEQ, 0)),
        Cursor(int(meta.get(s, MetaKey.PUSH_SEQ, 0)), str(meta.get(s, MetaKey.PUSH_DIGEST, ""))),
    )


def pending_count(s: Session) -> int:
    """Changes not pushed yet. Journal seqs have no gaps above the push cursor (rows
    are appended, and only pushed ones are ever deleted), so this is a subtraction,
    not a count over what can be millions of rows on a practice that never synced."""
    pushed = push_cursor(s)[0]
    row = s.execute("SELECT max(seq) FROM journal").fetchone()
    return max(0, int(row[0] or 0) - pushed - audit_pending(s))


def audit_pending(s: Session) -> int:
    """Audit entries not pushed yet: they travel with the records but are not changes
    the user made (a chart opened offline is not "1 change waiting")."""
    got = meta.get_many(s, MetaKey.AUDIT_SEQ, MetaKey.AUDIT_PUSHED, MetaKey.AUDIT_CHAIN)
    if not got.get(MetaKey.AUDIT_CHAIN):
        return 0  # nothing journalled yet
    return max(0, int(got.get(MetaKey.AUDIT_SEQ, 0)) - int(got.get(MetaKey.AUDIT_PUSHED, 0)))


def pending_charts(s: Session, *, at_most: int = 20_000) -> int | None:
    """Charts with changes not pushed yet, what a GP understands ("3 charts changed");
    None past ``at_most`` changes, where counting would hold the worker too long."""
    pushed = push_cursor(s)[0]
    if pending_count(s) > at_most:
        return None
    parts, params = (
        ["SELECT record_id AS pid FROM journal WHERE seq > ? AND entity = ?"],
        [
            pushed,
            "patient",
        ],
    )
    for ent in ENTITIES.values():
        if ent.patient_field and ent.name != "patient":
            parts.append(
                f"SELECT t.{ent.patient_field} FROM journal j JOIN {ent.name} t "
                "ON t.id = j.record_id WHERE j.seq > ? AND j.entity = ?"
            )
            params += [pushed, ent.name]
    sql = f"SELECT count(DISTINCT pid) FROM ({' UNION ALL '.join(parts)})"
    return int(s.execute(sql, params).fetchone()[0])


def record_pushed(s: Session, up_to_local_seq: int, cursor: Cursor) -> None:
    """Advance the push cursor and drop the entries now in segments (in a transaction).
    The last pushed entry stays, so the next local seq keeps counting from it (SQLite
    reuses rowids of an emptied table)."""
    last_audit = s.execute(
        "SELECT record_id FROM journal WHERE seq <= ? AND seq > ? AND entity = 'audit' "
        "ORDER BY seq DESC LIMIT 1",
        (up_to_local_seq, push_cursor(s)[0]),
    ).fetchone()
    if last_audit is not None:  # '<chain>/<seq>' (audit_sync.py)
        meta.put(s, MetaKey.AUDIT_PUSHED, int(str(last_audit[0]).rpartition("/")[2]))
    meta.put(s, MetaKey.PUSH_LOCAL_SEQ, up_to_local_seq)
    meta.put(s, MetaKey.PUSH_SEQ, cursor.seq)
    meta.put(s, MetaKey.PUSH_DIGEST, cursor.digest)
    s.execute("DELETE FROM journal WHERE seq < ?", (up_to_local_seq,))


def forget_chain(s: Session) -> None:
    """This device's chain is no longer ours (a new device id): drop its head."""
    meta.delete(s, MetaKey.PUSH_SEQ, MetaKey.PUSH_DIGEST)

"""The push journal: this device's own changes, in order, until a segment holds them.

The store's write path appends one entry per change in the write's own transaction;
the replica hands the entries above the push cursor to the sync engine and drops them
once pushed. Each entry keeps the change's wire form (what a segment carries, made once
when it is written), so a push seals the bytes it reads; entity and record id beside it
are what the journal's own queries look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.practice import db, meta
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES
from sync.changes import Change
from sync.ports import Cursor, PendingChange, WireBatch

if TYPE_CHECKING:  # the session imports the audit, which journals through here
    from desktop.practice.session import Session


def append(s: Session, change: Change) -> None:
    """Append this device's change for the sync engine to push (same transaction)."""
    s.execute(
        "INSERT INTO journal(entity, record_id, wire) VALUES (?, ?, ?)",
        (change.entity, change.record_id, change.to_wire()),
    )


ONE_PIECE_AT_MOST = 50_000
"""Entries read in one piece at most (:func:`pending`): a push reads 10,000 at a time."""

_IN_ONE_PIECE = (
    "SELECT group_concat(seq), group_concat(entity), group_concat(length(CAST(wire AS BLOB))), "
    "CAST(group_concat(wire, ',') AS BLOB) "
    "FROM (SELECT seq, entity, wire FROM journal WHERE seq > ? ORDER BY seq LIMIT ?)"
)


def pending(s: Session, after: int, limit: int) -> Sequence[PendingChange]:
    """Up to ``limit`` entries after local seq ``after``, each in its wire form.

    A push's batch comes in one piece (a :class:`WireBatch`): SQLite joins the wire
    forms and returns one row, instead of a row per entry that the reading thread would
    turn into Python objects, giving the interpreter lock up and taking it back each
    time while the push's other threads want it (the first push was waiting on this
    read). Entry by entry for larger reads, or if SQLite handed the entries over in
    another order than asked (the seqs are checked)."""
    if limit <= ONE_PIECE_AT_MOST:
        try:
            row = s.conn.execute(_IN_ONE_PIECE, (after, limit)).fetchone()
        except db.DataError:  # more than SQLite's largest string: entry by entry
            pass
        except db.DatabaseError as exc:
            raise db.map_sqlite_error(exc, s.db_path) from exc
        else:
            seqs, entities, lengths, joined = row
            if seqs is None:
                return []
            numbers = [int(n) for n in seqs.split(",")]
            if all(a < b for a, b in zip(numbers, numbers[1:], strict=False)):
                # entities are names of kinds of record: no comma in them
                sizes = (int(n) for n in lengths.split(","))
                return WireBatch(numbers, entities.split(","), joined, sizes)
    rows = s.execute(
        "SELECT seq, entity, wire FROM journal WHERE seq > ? ORDER BY seq LIMIT ?",
        (after, limit),
    ).fetchall()
    encoded = PendingChange.encoded
    return [encoded(seq, entity, wire) for seq, entity, wire in rows]


def rewrite(s: Session, local_seq: int, change: Change) -> None:
    """Replace an unpushed entry by ``change``, the same record's change under another
    stamp (a device rename)."""
    s.execute("UPDATE journal SET wire = ? WHERE seq = ?", (change.to_wire(), local_seq))


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

"""The store as the sync engine sees it: :class:`sync.ports.Replica` over SQLCipher.

Remote changes merge field by field with :func:`sync.merge.merge_field`, the one merge
rule every replica shares; a concurrent losing value is kept in ``conflicts`` until a
later write (the user's choice, or any edit that saw the winner) closes it. Each segment
is applied and its device's cursor advanced in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from desktop.practice import errors, meta, search
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.stamps import RowStamps
from sync.changes import ZERO, Change, Stamp
from sync.merge import Conflict, FieldState, changes_for_record, merge_field
from sync.ports import START, ApplyReport, Cursor, PendingChange

if TYPE_CHECKING:
    from desktop.practice.store import Practice, Record


_json_string: Any = json.encoder.encode_basestring
"""A str as JSON with ensure_ascii=False, as json.dumps writes it (C-accelerated)."""


DEFERRED_INDEXES = MetaKey.RESTORE_DEFERRED_INDEXES
RESTORE_CACHE_KIB = -524_288
"""Page cache while restoring (512 MiB, given back at the end): a restore touches every
page of a database that can be several GB."""


class _GroupAbandonedError(Exception):
    """Thrown into a group's transaction to roll it back."""


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class StoreReplica:
    """Implements :class:`sync.ports.Replica` and :class:`sync.ports.SnapshotTarget`."""

    def __init__(self, practice: Practice) -> None:
        self.p = practice
        self._group: contextlib.AbstractContextManager[None] | None = None
        self._bulk = False

    @property
    def device_id(self) -> str:
        return self.p.device_id

    # -- pushing this device's changes -----------------------------------------------------

    def pending_changes(self, after: int, limit: int) -> list[PendingChange]:
        rows = self.p._q(
            "SELECT seq, entity, record_id, hlc, device, fields, replaces FROM journal "
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        ).fetchall()
        # The journal keeps fields and replaces as the compact JSON a segment carries,
        # so each change's wire form is assembled from them, not encoded again, and the
        # engine decodes none of them (PendingChange.change does, if asked).
        q = _json_string
        return [
            PendingChange.encoded(
                seq,
                entity,
                f'{{"e":{q(entity)},"id":{q(record_id)},"s":[{int(hlc)},{q(device)}],'
                f'"f":{fields},"r":{replaces}}}',
            )
            for seq, entity, record_id, hlc, device, fields, replaces in rows
        ]

    def pending_count(self) -> int:
        """Changes not pushed yet. Journal seqs have no gaps above the push cursor (rows
        are appended, and only pushed ones are ever deleted), so this is a subtraction,
        not a count over what can be millions of rows on a practice that never synced."""
        pushed = self.push_cursor()[0]
        row = self.p._q("SELECT max(seq) FROM journal").fetchone()
        return max(0, int(row[0] or 0) - pushed)

    def push_cursor(self) -> tuple[int, Cursor]:
        return (
            int(self.p.meta_value(MetaKey.PUSH_LOCAL_SEQ, 0)),
            Cursor(
                int(self.p.meta_value(MetaKey.PUSH_SEQ, 0)),
                str(self.p.meta_value(MetaKey.PUSH_DIGEST, "")),
            ),
        )

    def record_pushed(self, up_to_local_seq: int, cursor: Cursor) -> None:
        """Advance the push cursor and drop the journal entries now in segments: the
        storage holds them, and the rows hold the values (moving to other storage sends
        a snapshot, never the old journal). The last pushed entry stays, so the next
        local seq keeps counting from it (SQLite reuses rowids of an emptied table)."""
        with self.p.transaction():
            self.p.set_meta(MetaKey.PUSH_LOCAL_SEQ, up_to_local_seq)
            self.p.set_meta(MetaKey.PUSH_SEQ, cursor.seq)
            self.p.set_meta(MetaKey.PUSH_DIGEST, cursor.digest)
            self.p._q("DELETE FROM journal WHERE seq < ?", (up_to_local_seq,))

    def has_history(self) -> bool:
        """Whether this replica already pushed to, or pulled from, some storage."""
        return self.push_cursor()[1].seq > 0 or bool(self.cursors())

    def start_new_chains(self, device_id: str) -> None:
        """Moving to another storage (the old one died or is being replaced): the chains
        and cursors of the old storage mean nothing there. Become ``device_id``, whose
        chain starts at 1, and forget the old cursors; what was already pushed reaches
        the new storage in a snapshot (see desktop.sync_service.set_remote)."""
        with self.p.transaction():
            self.set_device_id(device_id)
            self.p._q("DELETE FROM cursors")

    def local_blobs(self) -> list[str]:
        """SHA-256 of every attachment whose content this store holds."""
        rows = self.p._q(
            "SELECT DISTINCT d.content_hash FROM document d WHERE d.content_hash IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM blob_chunks b WHERE b.hash = d.content_hash AND b.idx = 0)"
        ).fetchall()
        return [r[0] for r in rows]

    def set_device_id(self, device_id: str) -> None:
        """Become a new device after a clone of this disk took the old id over.

        Changes already pushed stay in the old chain. Unpushed ones are re-stamped with
        fresh clock values under the new id, in the journal and in the rows, because the
        clone shares our clock state: under the old id two different values could carry
        the same stamp and replicas would diverge.
        """
        old_device = self.device_id
        with self.p.transaction():
            pushed = self.push_cursor()[0]
            self.p.set_meta(MetaKey.DEVICE_ID, device_id)
            self.p.device_id = device_id
            meta.delete(self.p.conn, MetaKey.PUSH_SEQ, MetaKey.PUSH_DIGEST)
            renamed: dict[Stamp, Stamp] = {}
            for pending in self.pending_changes(pushed, 1 << 62):
                old = pending.change.stamp
                if old.device != old_device:
                    continue
                new = Stamp(self.p.clock.now(), device_id)
                renamed[old] = new
                self._restamp_row(pending.change, old, new, renamed)
                replaces = {
                    k: renamed.get(v, v).to_json()
                    for k, v in pending.change.replaces.items()
                    if v != ZERO
                }
                self.p._q(
                    "UPDATE journal SET hlc = ?, device = ?, replaces = ? WHERE seq = ?",
                    (
                        new.hlc,
                        new.device,
                        json.dumps(replaces, separators=(",", ":")),
                        pending.local_seq,
                    ),
                )
            self.p._audit("device-rekey", None, None)

    def _restamp_row(
        self, change: Change, old: Stamp, new: Stamp, renamed: dict[Stamp, Stamp]
    ) -> None:
        ent = ENTITIES[change.entity]
        row = self.p._row(ent, change.record_id)
        if row is None:
            return
        base = Stamp(row["_hlc"], row["_dev"])
        if ent.versioned:
            if base == old:
                self.p._q(
                    f"UPDATE {ent.name} SET _hlc = ?, _dev = ? WHERE id = ?",
                    (new.hlc, new.device, change.record_id),
                )
            return
        stamps = RowStamps(base, row["_st"])
        if base == old:
            states = {n: stamps.state(n, None) for n in ent.field_names if n not in stamps.over}
            stamps.base = new
            for name, state in states.items():
                if state is not None and state.stamp != old:
                    stamps.set(name, state)
        for name in change.fields:
            state = stamps.state(name, None)
            if state is not None and state.stamp == old:
                stamps.set(
                    name,
                    FieldState(
                        None,
                        new,
                        renamed.get(state.replaces, state.replaces),
                        renamed.get(state.seen, state.seen),
                    ),
                )
        self.p._update_row(ent, change.record_id, {}, stamps)

    # -- attachments (sync.ports.BlobSource) ----------------------------------------------

    def blobs_referenced(self, changes: Sequence[PendingChange]) -> list[str]:
        documents = [p.change for p in changes if p.entity == "document"]
        return [str(c.fields["content_hash"]) for c in documents if c.fields.get("content_hash")]

    def read_blob(self, sha256: str) -> bytes:
        rows = self.p._q(
            "SELECT data FROM blob_chunks WHERE hash = ? ORDER BY idx", (sha256,)
        ).fetchall()
        if not rows:
            raise errors.NotFoundError(f"attachment {sha256} is not in the local store")
        return b"".join(r[0] for r in rows)

    def missing_blobs(self) -> list[tuple[str, int]]:
        """(sha256, size) of documents whose content has not been fetched yet."""
        rows = self.p._q(
            "SELECT DISTINCT d.content_hash, d.size FROM document d WHERE d.content_hash "
            "IS NOT NULL AND d.size > 0 AND NOT EXISTS (SELECT 1 FROM blob_chunks b "
            "WHERE b.hash = d.content_hash AND b.idx = 0)"
        ).fetchall()
        return [(str(h), int(n)) for h, n in rows]

    def store_blob(self, sha256: str, data: bytes) -> None:
        with self.p.transaction():
            self.p.store_chunks(sha256, data)

    # -- pulling other devices' changes ----------------------------------------------------

    def cursor(self, device_id: str) -> Cursor:
        row = self.p._q(
            "SELECT seq, digest FROM cursors WHERE device_id = ?", (device_id,)
        ).fetchone()
        return START if row is None else Cursor(row[0], row[1])

    def cursors(self) -> dict[str, Cursor]:
        rows = self.p._q("SELECT device_id, seq, digest FROM cursors").fetchall()
        return {d: Cursor(s, g) for d, s, g in rows}

    def _set_cursor(self, device_id: str, cursor: Cursor) -> None:
        self.p._q(
            "INSERT OR REPLACE INTO cursors(device_id, seq, digest, applied_at) "
            "VALUES (?, ?, ?, ?)",
            (device_id, cursor.seq, cursor.digest, _now_iso()),
        )

    def begin_group(self) -> None:
        """sync.ports.GroupedApply: one transaction for several segments (the engine's
        thread holds the practice's lock until :meth:`end_group`)."""
        if self._group is not None:
            raise RuntimeError("a group of segments is already open")
        group = self.p.transaction()
        group.__enter__()
        self._group = group

    def end_group(self, commit: bool) -> None:
        """Each segment applied in the group had its own savepoint, so committing after a
        failed apply keeps exactly the whole segments before it."""
        group, self._group = self._group, None
        if group is None:
            return
        if commit:
            group.__exit__(None, None, None)
        else:
            group.__exit__(_GroupAbandonedError, _GroupAbandonedError(), None)  # rolls back

    def apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        if self._group is not None:
            # Inside a group, each segment is still all or nothing: a savepoint of its own.
            self.p._q("SAVEPOINT apply_segment")
            try:
                report = self._apply_segment(device_id, cursor, changes)
            except BaseException:
                self.p._q("ROLLBACK TO apply_segment")
                self.p._q("RELEASE apply_segment")
                raise
            self.p._q("RELEASE apply_segment")
            return report
        return self._apply_segment(device_id, cursor, changes)

    def _apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        with self.p.transaction():
            if cursor.seq <= self.cursor(device_id).seq:
                return ApplyReport(0, len(changes), 0)
            report = self._apply_changes(changes)
            self._set_cursor(device_id, cursor)
            self.p._audit("sync-apply", None, None)
            return report

    def _apply_changes(self, changes: Iterable[Change]) -> ApplyReport:
        if self._bulk:
            return self._apply_bulk(changes)
        applied = skipped = conflicts = 0
        for change in changes:
            ent = self._checked(change)
            took, found = self._apply_one(ent, change)
            conflicts += found
            if took:
                applied += 1
                self.p._after_change(ent, change.record_id)
            else:
                skipped += 1
        return ApplyReport(applied, skipped, conflicts)

    def _checked(self, change: Change) -> Entity:
        self.p.clock.observe(change.stamp.hlc)
        ent = ENTITIES.get(change.entity)
        if ent is None:
            raise errors.IntegrityFailureError(
                f"a synced change names an unknown kind of record ({change.entity}); "
                "update Carnet on this computer"
            )
        if not ent.field_set.issuperset(change.fields):
            # Never drop what a newer device wrote: refuse the segment (nothing is
            # applied) until this computer runs a Carnet that knows those fields.
            raise errors.CarnetError(
                f"another device runs a newer Carnet ({change.entity} has fields this "
                "one does not know); update Carnet on this computer, then sync again"
            )
        return ent

    def _apply_one(self, ent: Entity, change: Change) -> tuple[bool, int]:
        """Apply one change through the merge rule: (whether it took, conflicts found)."""
        fields = dict(change.fields)
        if ent.versioned:
            return self.p._insert_row(ent, change.record_id, fields, change.stamp), 0
        return self._merge_row(ent, change, fields)

    def _apply_bulk(self, changes: Iterable[Change]) -> ApplyReport:
        """The restore path: creations (most of a restore) go in by one executemany per
        kind of record and run; anything else, and any creation whose record already
        exists, goes through :meth:`_apply_one` in order. Same result as the per-change
        path (applying a change twice changes nothing), without a statement per change."""
        applied = skipped = conflicts = 0
        runs: dict[str, list[Change]] = {}

        def flush() -> None:
            nonlocal applied, skipped, conflicts
            for name, run in runs.items():
                ent = ENTITIES[name]
                took = self.p._insert_rows(ent, run)
                if took < len(run):
                    # Some records were there already: merge those (a second apply of
                    # the ones just inserted finds the same stamps and does nothing).
                    for change in run:
                        merged, found = self._apply_one(ent, change)
                        took += merged
                        conflicts += found
                applied += took
                skipped += len(run) - took
            runs.clear()

        for change in changes:
            ent = self._checked(change)
            if ent.versioned or (not change.replaces and ent.field_set.issubset(change.fields)):
                runs.setdefault(ent.name, []).append(change)
                continue
            flush()
            took, found = self._apply_one(ent, change)
            conflicts += found
            applied += took
            skipped += not took
        flush()
        return ApplyReport(applied, skipped, conflicts)

    @contextlib.contextmanager
    def restoring(self, progress: Callable[[str, int, int], None] | None = None) -> Iterator[None]:
        """Bulk mode for filling an empty replica (restore, join): a larger page cache,
        the secondary indexes of record tables dropped and the search indexes left
        stale, then both rebuilt in one pass each at the end, which is several times
        faster than maintaining them row by row. The dropped indexes are listed in the
        database (meta), so an interrupted restore finishes the rebuild when it resumes;
        until then the folder is marked incomplete and does not open as a practice."""
        conn = self.p.conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {RESTORE_CACHE_KIB}")
        with self.p.transaction():
            deferred = json.loads(self.p.meta_value(DEFERRED_INDEXES, "[]"))
            tables = [*ENTITIES, "patient_keys"]
            marks = ", ".join("?" * len(tables))
            rows = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
                tables,
            ).fetchall()
            for name, sql in rows:
                conn.execute(f"DROP INDEX {name}")
                deferred.append(sql)
            self.p.set_meta(DEFERRED_INDEXES, json.dumps(deferred))
        self._bulk = self.p.defer_search = True
        try:
            yield
        finally:
            self._bulk = self.p.defer_search = False
            conn.execute(f"PRAGMA cache_size = {cache}")
        if progress:
            progress("index", 0, 1)
        with self.p.transaction():
            conn.execute(f"PRAGMA cache_size = {RESTORE_CACHE_KIB}")
            for sql in json.loads(self.p.meta_value(DEFERRED_INDEXES, "[]")):
                conn.execute(sql)
            search.rebuild(conn)
            meta.delete(self.p.conn, DEFERRED_INDEXES)
        conn.execute(f"PRAGMA cache_size = {cache}")
        if progress:
            progress("index", 1, 1)

    def _merge_row(self, ent: Entity, change: Change, fields: dict[str, Any]) -> tuple[bool, int]:
        creating = not change.replaces and ent.field_set.issubset(fields)
        # The creating write, seen first: every field at one stamp, stored compactly. The
        # insert (OR IGNORE) itself tells whether the row was new: no lookup before it
        # (a restore is mostly creations).
        if creating and self.p._insert_row(ent, change.record_id, fields, change.stamp):
            return True, 0
        row = self.p._row(ent, change.record_id)
        if row is None:
            # An edit of a record whose creation has not arrived yet (another device's
            # chain is behind): start from "never written" so the creation still lands.
            self.p._insert_row(ent, change.record_id, {}, ZERO)
            row = self.p._row(ent, change.record_id)
        stamps = RowStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
        taken: dict[str, Any] = {}
        changed, found = False, 0
        for name, value in fields.items():
            local = stamps.state(name, self.p.from_sql(ent, name, row[name]))
            out = merge_field(
                ent.name,
                change.record_id,
                name,
                local,
                value,
                change.stamp,
                change.replaces.get(name, ZERO),
            )
            if not out.changed:
                continue
            changed = True
            stamps.set(name, out.state)
            if out.take:
                taken[name] = value
            if out.close_up_to != ZERO:
                self._close_conflicts(ent.name, change.record_id, name, out.close_up_to)
            if out.conflict is not None:
                found += self._store_conflict(out.conflict)
        if changed:
            self.p._update_row(ent, change.record_id, taken, stamps)
        return bool(taken), found

    # -- conflicts ---------------------------------------------------------------------------

    def _store_conflict(self, c: Conflict) -> int:
        cur = self.p._q(
            "INSERT OR IGNORE INTO conflicts(id, entity, record_id, field, loser_hlc, "
            "loser_dev, loser, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.conflict_id,
                c.entity,
                c.record_id,
                c.field,
                c.loser_stamp.hlc,
                c.loser_stamp.device,
                json.dumps(
                    {"value": c.loser_value, "replaces": c.loser_replaces.to_json()},
                    ensure_ascii=False,
                ),
                _now_iso(),
            ),
        )
        return int(cur.rowcount)

    def _close_conflicts(self, entity: str, record_id: str, name: str, up_to: Stamp) -> None:
        self.p._q(
            "DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND field = ? "
            "AND (loser_hlc < ? OR (loser_hlc = ? AND loser_dev <= ?))",
            (entity, record_id, name, up_to.hlc, up_to.hlc, up_to.device),
        )

    def close_all_conflicts(self, entity: str, record_id: str, names: Iterable[str]) -> None:
        """A local write saw the current value: every loser of those fields is settled."""
        names = list(names)
        marks = ", ".join("?" * len(names))
        self.p._q(
            f"DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND field IN ({marks})",
            (entity, record_id, *names),
        )

    def _stored_conflicts(self, where: str = "", params: Sequence[Any] = ()) -> list[Conflict]:
        rows = self.p._q(
            "SELECT id, entity, record_id, field, loser_hlc, loser_dev, loser FROM conflicts "
            f"{where} ORDER BY detected_at, id",
            params,
        ).fetchall()
        out = []
        for cid, entity, rid, name, hlc, dev, loser in rows:
            data = json.loads(loser)
            out.append(
                Conflict(
                    cid,
                    entity,
                    rid,
                    name,
                    data["value"],
                    Stamp(hlc, dev),
                    Stamp.from_json(data["replaces"]),
                )
            )
        return out

    def conflicts(self) -> list[Record]:
        """Open conflicts whose losing value differs from the current one, for the user.

        ``local`` is the value written on this device when one side was; otherwise the
        value this device shows now. ``current`` is always the value shown now.
        """
        out: list[Record] = []
        for c in self._stored_conflicts():
            record = self.p.get(c.entity, c.record_id)
            if record is None or record.get(c.field) == c.loser_value:
                continue
            current = record[c.field]
            loser_is_local = c.loser_stamp.device == self.device_id
            out.append(
                {
                    "id": c.conflict_id,
                    "entity": c.entity,
                    "record_id": c.record_id,
                    "field": c.field,
                    "current": current,
                    "other": c.loser_value,
                    "local": c.loser_value if loser_is_local else current,
                    "remote": current if loser_is_local else c.loser_value,
                    "other_device": c.loser_stamp.device,
                    "other_hlc": c.loser_stamp.hlc,
                }
            )
        return out

    # -- snapshots -------------------------------------------------------------------------

    def export_state(self) -> Iterator[Change]:
        """Every record, with its exact stamps and open conflicts, as changes that recreate
        it through the merge rule (snapshots, and comparing replicas in tests)."""
        losers: dict[tuple[str, str], list[Conflict]] = {}
        for c in self._stored_conflicts():
            losers.setdefault((c.entity, c.record_id), []).append(c)
        for ent in ENTITIES.values():
            extra = [] if ent.versioned else ["_st"]
            cols = ", ".join(["id", *ent.field_names, "_hlc", "_dev", *extra])
            cur = self.p.conn.execute(f"SELECT {cols} FROM {ent.name} ORDER BY id")
            names = [d[0] for d in cur.description]
            for raw in cur:
                row = dict(zip(names, raw, strict=True))
                rec = self.p._to_record(ent, row)
                del rec["id"]
                base = Stamp(row["_hlc"], row["_dev"])
                if ent.versioned:
                    yield Change(ent.name, row["id"], base, rec, {})
                    continue
                stamps = RowStamps(base, row["_st"])
                states: dict[str, FieldState] = {}
                for name in ent.field_names:
                    state = stamps.state(name, rec[name])
                    if state is not None:
                        states[name] = state
                yield from changes_for_record(
                    ent.name, row["id"], states, losers.get((ent.name, row["id"]), ())
                )

    def load_snapshot(self, changes: Iterable[Change], cursors: dict[str, Cursor]) -> None:
        with self.p.transaction():
            self._apply_changes(changes)
            for device_id, cursor in cursors.items():
                if device_id != self.device_id:
                    self._set_cursor(device_id, cursor)

    def meta(self) -> dict[str, Any]:
        return {"practice_id": self.p.practice_id, "device_id": self.device_id}

"""The store as the sync engine sees it: :class:`sync.ports.Replica` over SQLCipher.

Remote changes merge field by field with :func:`sync.merge.merge_field`, the one merge
rule every replica shares; a concurrent losing value is kept in ``conflicts`` until a
later write (the user's choice, or any edit that saw the winner) closes it. Each segment
is applied and its device's cursor advanced in one transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from desktop.practice import (
    audit_sync,
    blobs,
    conflicts,
    errors,
    journal,
    meta,
    roles,
    rows,
    search,
    snapshot_io,
)
from desktop.practice.meta import MetaKey
from desktop.practice.rows import Record
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.session import Session, now_iso
from desktop.practice.stamps import RowStamps
from desktop.practice.values import from_sql
from sync.changes import ZERO, Change, Stamp
from sync.merge import FieldState, merge_field
from sync.ports import START, ApplyReport, Cursor, PendingChange, RowImage, SnapshotPart, WireBatch

DEFERRED_INDEXES = MetaKey.RESTORE_DEFERRED_INDEXES
RESTORE_CACHE_KIB = -524_288
"""Page cache while restoring (512 MiB, given back at the end): a restore touches every
page of a database that can be several GB."""


class _GroupAbandonedError(Exception):
    """Thrown into a group's transaction to roll it back."""


@roles.system_methods
class StoreReplica:
    """Implements :class:`sync.ports.Replica` and :class:`sync.ports.SnapshotTarget`
    over the session the store also writes through (``Practice.session``)."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._group: contextlib.AbstractContextManager[None] | None = None
        self._bulk = False
        self._names_rebuilt = False  # in bulk mode, early (kind_complete): not again at the end

    @property
    def device_id(self) -> str:
        return self.s.device_id

    # -- pushing this device's changes -----------------------------------------------------

    def pending_changes(self, after: int, limit: int) -> Sequence[PendingChange]:
        return journal.pending(self.s, after, limit)

    def pending_count(self) -> int:
        return journal.pending_count(self.s)

    def push_cursor(self) -> tuple[int, Cursor]:
        return journal.push_cursor(self.s)

    def record_pushed(self, up_to_local_seq: int, cursor: Cursor) -> None:
        """Advance the push cursor and drop the journal entries now in segments: the
        storage holds them, and the rows hold the values (moving to other storage sends
        a snapshot, never the old journal)."""
        with self.s.transaction():
            journal.record_pushed(self.s, up_to_local_seq, cursor)

    @contextlib.contextmanager
    def recording(self) -> Iterator[Callable[[int, Cursor], None]]:
        """:meth:`record_pushed` through a connection of its own (sync.ports.RecordsAside):
        dropping the pushed entries, SQLite's work outside the interpreter lock, then
        runs on the other core while the journal read goes on."""
        with self.s.aside() as other:
            if other is None:
                yield self.record_pushed
                return

            def record(up_to_local_seq: int, cursor: Cursor) -> None:
                with other.transaction():
                    journal.record_pushed(other, up_to_local_seq, cursor)

            yield record

    def has_history(self) -> bool:
        """Whether this replica already pushed to, or pulled from, some storage."""
        return self.push_cursor()[1].seq > 0 or bool(self.cursors())

    def start_new_chains(self, device_id: str) -> None:
        """Moving to another storage (the old one died or is being replaced): the chains
        and cursors of the old storage mean nothing there. Become ``device_id``, whose
        chain starts at 1, and forget the old cursors; what was already pushed reaches
        the new storage in a snapshot (see desktop.remote.move.set_remote)."""
        with self.s.transaction():
            self.set_device_id(device_id)
            self.s.execute("DELETE FROM cursors")

    def local_blobs(self) -> list[str]:
        """SHA-256 of every attachment whose content this store holds."""
        return blobs.held(self.s)

    def set_device_id(self, device_id: str) -> None:
        """Become a new device after a clone of this disk took the old id over.

        Changes already pushed stay in the old chain. Unpushed ones are re-stamped with
        fresh clock values under the new id, in the journal and in the rows, because the
        clone shares our clock state: under the old id two different values could carry
        the same stamp and replicas would diverge.
        """
        old_device = self.device_id
        with self.s.transaction():
            pushed = self.push_cursor()[0]
            meta.put(self.s, MetaKey.DEVICE_ID, device_id)
            self.s.device_id = device_id
            journal.forget_chain(self.s)
            renamed: dict[Stamp, Stamp] = {}
            for pending in self.pending_changes(pushed, 1 << 62):
                old = pending.change.stamp
                if old.device != old_device:
                    continue
                new = Stamp(self.s.clock.now(), device_id)
                renamed[old] = new
                if pending.entity != audit_sync.AUDIT:  # an audit entry has no row
                    self._restamp_row(pending.change, old, new, renamed)
                replaces = {k: renamed.get(v, v) for k, v in pending.change.replaces.items()}
                restamped = dataclasses.replace(pending.change, stamp=new, replaces=replaces)
                journal.rewrite(self.s, pending.local_seq, restamped)
            self.s.audit("device-rekey", None, None)

    def _restamp_row(
        self, change: Change, old: Stamp, new: Stamp, renamed: dict[Stamp, Stamp]
    ) -> None:
        ent = ENTITIES[change.entity]
        row = rows.raw_row(self.s, ent, change.record_id)
        if row is None:
            return
        base = Stamp(row["_hlc"], row["_dev"])
        if ent.versioned:
            if base == old:
                self.s.execute(
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
        rows.update(self.s, ent, change.record_id, {}, stamps)

    # -- attachments (sync.ports.BlobSource) ----------------------------------------------

    def blobs_referenced(self, changes: Sequence[PendingChange]) -> list[str]:
        ours = changes.of_entity("document") if isinstance(changes, WireBatch) else changes
        documents = [p.change for p in ours if p.entity == "document"]
        return [str(c.fields["content_hash"]) for c in documents if c.fields.get("content_hash")]

    def read_blob(self, sha256: str) -> bytes:
        data = blobs.read(self.s, sha256)
        if data is None:
            raise errors.NotFoundError(f"attachment {sha256} is not in the local store")
        return data

    def missing_blobs(self) -> list[tuple[str, int]]:
        """(sha256, size) of documents whose content has not been fetched yet."""
        return blobs.missing(self.s)

    def store_blob(self, sha256: str, data: bytes) -> None:
        with self.s.transaction():
            blobs.store(self.s, sha256, data)

    # -- pulling other devices' changes ----------------------------------------------------

    def cursor(self, device_id: str) -> Cursor:
        row = self.s.execute(
            "SELECT seq, digest FROM cursors WHERE device_id = ?", (device_id,)
        ).fetchone()
        return START if row is None else Cursor(row[0], row[1])

    def cursors(self) -> dict[str, Cursor]:
        found = self.s.execute("SELECT device_id, seq, digest FROM cursors").fetchall()
        return {d: Cursor(seq, g) for d, seq, g in found}

    def _set_cursor(self, device_id: str, cursor: Cursor) -> None:
        self.s.execute(
            "INSERT OR REPLACE INTO cursors(device_id, seq, digest, applied_at) "
            "VALUES (?, ?, ?, ?)",
            (device_id, cursor.seq, cursor.digest, now_iso()),
        )

    def begin_group(self) -> None:
        """sync.ports.GroupedApply: one transaction for several segments (the engine's
        thread holds the practice's lock until :meth:`end_group`)."""
        if self._group is not None:
            raise RuntimeError("a group of segments is already open")
        group = self.s.transaction()
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
            self.s.execute("SAVEPOINT apply_segment")
            try:
                report = self._apply_segment(device_id, cursor, changes)
            except BaseException:
                self.s.execute("ROLLBACK TO apply_segment")
                self.s.execute("RELEASE apply_segment")
                raise
            self.s.execute("RELEASE apply_segment")
            return report
        return self._apply_segment(device_id, cursor, changes)

    def _apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        with self.s.transaction():
            if cursor.seq <= self.cursor(device_id).seq:
                return ApplyReport(0, len(changes), 0)
            report = self._apply_changes(changes)
            self._set_cursor(device_id, cursor)
            if any(c.entity != audit_sync.AUDIT for c in changes):
                # Not for a segment of audit entries only: its own entry would travel
                # back, be applied there, and the devices would never go idle.
                self.s.audit("sync-apply", None, None)
            return report

    def _apply_changes(self, changes: Iterable[Change]) -> ApplyReport:
        """Records merge; audit entries are stored apart (audit_sync.receive)."""
        audits: list[Change] = []

        def records() -> Iterator[Change]:  # streamed: a restore's changes are many
            for change in changes:
                if change.entity == audit_sync.AUDIT:
                    audits.append(change)
                else:
                    yield change

        report = self._apply_records(records())
        added = audit_sync.receive(self.s, audits) if audits else 0
        skipped = len(audits) - added
        return ApplyReport(report.applied + added, report.skipped + skipped, report.conflicts)

    def _apply_records(self, changes: Iterable[Change]) -> ApplyReport:
        if self._bulk:
            return self._apply_bulk(changes)
        applied = skipped = conflicted = 0
        for change in changes:
            ent = self._checked(change)
            took, found = self._apply_one(ent, change)
            conflicted += found
            if took:
                applied += 1
                rows.after_change(self.s, ent, change.record_id)
            else:
                skipped += 1
        return ApplyReport(applied, skipped, conflicted)

    def _checked(self, change: Change) -> Entity:
        self.s.clock.observe(change.stamp.hlc)
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
            return rows.insert(self.s, ent, change.record_id, fields, change.stamp), 0
        return self._merge_row(ent, change, fields)

    def _apply_bulk(self, changes: Iterable[Change]) -> ApplyReport:
        """The restore path: creations (most of a restore) go in by one executemany per
        kind of record and run; anything else, and any creation whose record already
        exists, goes through :meth:`_apply_one` in order. Same result as the per-change
        path (applying a change twice changes nothing), without a statement per change."""
        applied = skipped = conflicted = 0
        runs: dict[str, list[Change]] = {}

        def flush() -> None:
            nonlocal applied, skipped, conflicted
            for name, run in runs.items():
                ent = ENTITIES[name]
                took = rows.insert_many(self.s, ent, run)
                if took < len(run):
                    # Some records were there already: merge those (a second apply of
                    # the ones just inserted finds the same stamps and does nothing).
                    for change in run:
                        merged, found = self._apply_one(ent, change)
                        took += merged
                        conflicted += found
                applied += took
                skipped += len(run) - took
            runs.clear()

        # The checks of _checked, with the kinds of record looked up once per kind and the
        # clock observing the run's highest stamp once (a restore applies millions).
        kinds: dict[str, tuple[Entity, list[Change]]] = {}
        top = 0
        try:
            for change in changes:
                got = kinds.get(change.entity)
                if got is None:
                    ent = self._checked(change)
                    got = kinds[change.entity] = (ent, runs.setdefault(ent.name, []))
                ent, run = got
                fields = change.fields
                if not ent.field_set.issuperset(fields):
                    self._checked(change)  # raises: fields this Carnet does not know
                if change.stamp.hlc > top:
                    top = change.stamp.hlc
                if ent.versioned or (not change.replaces and ent.field_set.issubset(fields)):
                    run.append(change)
                    continue
                kinds.clear()  # flush() empties the runs
                flush()
                took, found = self._apply_one(ent, change)
                conflicted += found
                applied += took
                skipped += not took
            flush()
        finally:
            self.s.clock.observe(top)
        return ApplyReport(applied, skipped, conflicted)

    @contextlib.contextmanager
    def restoring(self, progress: Callable[[str, int, int], None] | None = None) -> Iterator[None]:
        """Bulk mode for filling an empty replica (restore, join): a larger page cache,
        the secondary indexes of record tables dropped and the name search left stale,
        then each rebuilt in one pass (once its kind is all in, :meth:`kind_complete`,
        or at the end), which is several times faster than maintaining them row by
        row; the note index is left to the note catch-up
        (``search.catch_up_notes``), after the practice opens. The dropped indexes are
        listed in the database (meta), so an interrupted restore finishes the rebuild
        when it resumes; until then the folder is marked incomplete and does not open
        as a practice."""
        conn = self.s.conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {RESTORE_CACHE_KIB}")
        with self.s.transaction():
            deferred = json.loads(meta.get(self.s, DEFERRED_INDEXES, "[]"))
            tables = [*ENTITIES, "search_key", "search_patient"]
            marks = ", ".join("?" * len(tables))
            dropped = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
                tables,
            ).fetchall()
            for name, sql in dropped:
                conn.execute(f"DROP INDEX {name}")
                deferred.append(sql)
            meta.put(self.s, DEFERRED_INDEXES, json.dumps(deferred))
        self._bulk = self.s.defer_search = True
        self._names_rebuilt = False
        # The chunks' commits wait for the disk only at checkpoints (WAL, synchronous
        # NORMAL): a power cut may lose the last of them, never the database's integrity,
        # and the restore then resumes after the last one the disk kept (where it stands
        # is in the same transactions). The last step, below, is durable as ever.
        durable = conn.execute("PRAGMA synchronous").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        except BaseException:
            _drop_written(conn)  # a stop: the resumed restore rebuilds all the names
            raise
        finally:
            self._bulk = self.s.defer_search = False
            conn.execute(f"PRAGMA cache_size = {cache}")
            conn.execute(f"PRAGMA synchronous = {int(durable)}")
        if progress:
            progress("index", 0, 1)
        with self.s.transaction():
            conn.execute(f"PRAGMA cache_size = {RESTORE_CACHE_KIB}")
            for sql in json.loads(meta.get(self.s, DEFERRED_INDEXES, "[]")):
                conn.execute(sql)
            # The names now (unless done when the patients were all in); the notes
            # after, by the note catch-up (the app's indexer after unlock, or the first
            # note search): usable sooner, found the same.
            if self._names_rebuilt:
                self._names_after_early_rebuild()
            else:
                search.rebuild(conn, notes=False)
            meta.delete(self.s, DEFERRED_INDEXES)
        conn.execute(f"PRAGMA cache_size = {cache}")
        if progress:
            progress("index", 1, 1)

    def kind_complete(self, entity: str) -> None:
        """In bulk mode, a kind whose rows are all in (the snapshot's last chunk of it is):
        its dropped indexes built now rather than at the end, and for patients the name
        search rebuilt, the few patients written after it (a later chunk's merge, the
        segments after the snapshot) noted to be indexed again at the end. Over a link
        the database waits for the next chunks anyway, so the work the end would do is
        done in that wait. A restore resumed after a stop drops the indexes again and
        builds them, and the whole name search, at its end."""
        if not self._bulk:
            return
        conn = self.s.conn
        tables = {entity, *(("search_key", "search_patient") if entity == "patient" else ())}
        with self.s.transaction():
            if entity == "patient":
                search.rebuild(conn, notes=False)
                conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_WRITTEN} (id TEXT PRIMARY KEY)")
                for event in ("INSERT", "UPDATE"):
                    conn.execute(
                        f"CREATE TEMP TRIGGER IF NOT EXISTS {_WRITTEN_TRIGGER}_{event.lower()} "
                        f"AFTER {event} ON main.patient BEGIN "
                        f"INSERT OR IGNORE INTO {_WRITTEN} VALUES (new.id); END"
                    )
            deferred = json.loads(meta.get(self.s, DEFERRED_INDEXES, "[]"))
            now = [sql for sql in deferred if _index_table(sql) in tables]
            for sql in now:
                conn.execute(sql)
            meta.put(self.s, DEFERRED_INDEXES, json.dumps([q for q in deferred if q not in now]))
        self._names_rebuilt = self._names_rebuilt or entity == "patient"

    def _names_after_early_rebuild(self) -> None:
        """The patients written since :meth:`kind_complete` rebuilt the names, indexed
        again (inside the caller's transaction); the note of them dropped."""
        conn = self.s.conn
        for (patient_id,) in conn.execute(f"SELECT id FROM {_WRITTEN}").fetchall():
            search.index_patient(conn, patient_id)
        _drop_written(conn)

    @contextlib.contextmanager
    def streaming(self) -> Iterator[None]:
        """Bulk mode for the rest of a restore's snapshot once the practice is open and
        in use (``desktop.remote.snapshot_stream``): creations go in by executemany as in
        :meth:`restoring`, but the indexes stay (the app reads while rows arrive) and the
        search catches up at the end (``snapshot_io.finish_chunks``).

        On this connection only (the app's own keeps its settings): the restore's page
        cache, as the indexes now grow with every row (at 100,000 patients the default
        cache made the stream 1.6 times as long as a one-step restore), and commits
        that wait for the disk at checkpoints rather than at each of the stream's many
        commits (WAL with synchronous NORMAL: a power cut may lose the last pieces, never
        the database's integrity; they are fetched again, as the record of how far the
        stream went is in the same transactions)."""
        conn = self.s.conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        sync = conn.execute("PRAGMA synchronous").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {RESTORE_CACHE_KIB}")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._bulk = True
        try:
            yield
        finally:
            self._bulk = False
            conn.execute(f"PRAGMA synchronous = {int(sync)}")
            conn.execute(f"PRAGMA cache_size = {cache}")

    def _merge_row(self, ent: Entity, change: Change, fields: dict[str, Any]) -> tuple[bool, int]:
        creating = not change.replaces and ent.field_set.issubset(fields)
        # The creating write, seen first: every field at one stamp, stored compactly. The
        # insert (OR IGNORE) itself tells whether the row was new: no lookup before it
        # (a restore is mostly creations).
        if creating and rows.insert(self.s, ent, change.record_id, fields, change.stamp):
            return True, 0
        row = rows.raw_row(self.s, ent, change.record_id)
        if row is None:
            # An edit of a record whose creation has not arrived yet (another device's
            # chain is behind): start from "never written" so the creation still lands.
            rows.insert(self.s, ent, change.record_id, {}, ZERO)
            row = rows.raw_row(self.s, ent, change.record_id)
            assert row is not None
        stamps = RowStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
        taken: dict[str, Any] = {}
        changed, found = False, 0
        for name, value in fields.items():
            local = stamps.state(name, from_sql(ent, name, row[name]))
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
                conflicts.close_up_to(self.s, ent.name, change.record_id, name, out.close_up_to)
            if out.conflict is not None:
                found += conflicts.store(self.s, out.conflict)
        if changed:
            rows.update(self.s, ent, change.record_id, taken, stamps)
        return bool(taken), found

    # -- conflicts ---------------------------------------------------------------------------

    def conflicts(self) -> list[Record]:
        """Open conflicts for the user (see :func:`desktop.practice.conflicts.open_for_user`)."""
        return conflicts.open_for_user(self.s)

    # -- snapshots -------------------------------------------------------------------------

    def export_state(self) -> Iterator[Change]:
        """Every record, with its exact stamps and open conflicts, as changes that recreate
        it through the merge rule (snapshots, and comparing replicas in tests), identity
        first and the newest records next (``snapshot_io.export``).

        Refused while a restore still streams the history in: a snapshot of this
        practice would miss it, and a restore from that snapshot would lose it."""
        meta.require_whole(self.s)
        return snapshot_io.export(self.s)

    def export_snapshot(self) -> Iterator[Change | RowImage]:
        """:meth:`export_state` with the creations as row images (snapshot format 3,
        ``snapshot_io.export_snapshot``); refused as it is."""
        meta.require_whole(self.s)
        return snapshot_io.export_snapshot(self.s)

    def carry_over(self, changes: Sequence[Change]) -> int:
        """Changes read from a damaged copy of this practice (its journal above the push
        cursor, ``desktop.practice.salvage``): merged through the rule with their own
        stamps, as if their device had pushed them, and journaled so this device pushes
        them. Their device never writes again (its copy is damaged), so its stamps
        cannot collide. Returns how many took."""
        with self.s.transaction():
            report = self._apply_changes(changes)
            for change in changes:
                journal.append(self.s, change)
            self.s.audit("carry-over", None, None)
        return report.applied

    def load_snapshot(self, changes: Iterable[Change], cursors: dict[str, Cursor]) -> None:
        with self.s.transaction():
            self._apply_changes(changes)
            for device_id, cursor in cursors.items():
                if device_id != self.device_id:
                    self._set_cursor(device_id, cursor)

    def load_snapshot_parts(
        self, parts: Iterable[SnapshotPart], cursors: dict[str, Cursor]
    ) -> None:
        snapshot_io.load_parts(self, parts, cursors)

    def meta(self) -> dict[str, Any]:
        return {"practice_id": self.s.practice_id, "device_id": self.device_id}


_WRITTEN = "temp.patients_written_in_restore"
"""Patients written after the names were rebuilt early (:meth:`StoreReplica.kind_complete`),
noted by temporary triggers (this connection only, gone with it)."""
_WRITTEN_TRIGGER = "patients_written_in_restore"  # a temporary trigger's name is unqualified


def _drop_written(conn: Any) -> None:
    for event in ("insert", "update"):
        conn.execute(f"DROP TRIGGER IF EXISTS temp.{_WRITTEN_TRIGGER}_{event}")
    conn.execute(f"DROP TABLE IF EXISTS {_WRITTEN}")


_INDEX_TABLE = re.compile(r"\bON\s+(\w+)\s*\(", re.IGNORECASE)


def _index_table(sql: str) -> str | None:
    """The table a ``CREATE INDEX ... ON table(...)`` statement indexes."""
    match = _INDEX_TABLE.search(sql)
    return match.group(1) if match else None

"""An in-memory Replica: the proof that sync/ports.py is narrow enough, and the model the
SQLCipher store must behave like (same merge.py calls, same per-field state)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sync.changes import ZERO, Change, HybridClock, JSONValue, Stamp
from sync.merge import Conflict, FieldState, changes_for_record, is_shown, local_write, merge_field
from sync.ports import START, ApplyReport, Cursor, PendingChange, SnapshotPart

Key = tuple[str, str]  # (entity, record_id)


class MemoryReplica:
    """Records as dicts of :class:`FieldState`, a conflicts table, a journal, cursors."""

    def __init__(self, device_id: str, now_ms: Callable[[], int] | None = None) -> None:
        self._device_id = device_id
        self.clock = HybridClock(now_ms=now_ms)
        self.records: dict[Key, dict[str, FieldState]] = {}
        self.conflicts: dict[str, Conflict] = {}
        self.journal: list[PendingChange] = []
        self._pushed: tuple[int, Cursor] = (0, START)
        self._cursors: dict[str, Cursor] = {}
        self.before_record_pushed: Callable[[], None] | None = None  # crash injection
        self.applied_segments: list[tuple[str, int]] = []

    # ---------------------------------------------------------------- local API

    @property
    def device_id(self) -> str:
        return self._device_id

    def write(self, entity: str, record_id: str, fields: dict[str, JSONValue]) -> Change:
        """The store's single write path: update fields and journal one change."""
        stamp = Stamp(self.clock.now(), self._device_id)
        rec = self.records.setdefault((entity, record_id), {})
        replaces: dict[str, Stamp] = {}
        for name, value in fields.items():
            new = local_write(rec.get(name), value, stamp)
            rec[name] = new
            replaces[name] = new.replaces
            self._close(entity, record_id, name, new.replaces)
        change = Change(entity, record_id, stamp, dict(fields), replaces)
        self.journal.append(PendingChange(len(self.journal) + 1, change))
        return change

    def values(self) -> dict[Key, dict[str, JSONValue]]:
        return {k: {f: s.value for f, s in rec.items()} for k, rec in self.records.items()}

    def full_state(self) -> dict[Key, dict[str, tuple[JSONValue, Stamp, Stamp]]]:
        return {
            k: {f: (s.value, s.stamp, s.replaces) for f, s in rec.items()}
            for k, rec in self.records.items()
        }

    def shown_conflicts(self) -> dict[str, Conflict]:
        return {
            cid: c
            for cid, c in self.conflicts.items()
            if is_shown(c, self.records[(c.entity, c.record_id)][c.field])
        }

    # ---------------------------------------------------------------- Replica port

    def pending_changes(self, after: int, limit: int) -> list[PendingChange]:
        return [p for p in self.journal if p.local_seq > after][:limit]

    def push_cursor(self) -> tuple[int, Cursor]:
        return self._pushed

    def record_pushed(self, up_to_local_seq: int, cursor: Cursor) -> None:
        if self.before_record_pushed is not None:
            self.before_record_pushed()
        self._pushed = (up_to_local_seq, cursor)

    def cursor(self, device_id: str) -> Cursor:
        return self._cursors.get(device_id, START)

    def cursors(self) -> dict[str, Cursor]:
        return dict(self._cursors)

    def apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        known = self.cursor(device_id)
        if cursor.seq <= known.seq:
            return ApplyReport(0, len(changes), 0)  # already applied: idempotent
        if cursor.seq != known.seq + 1:
            raise ValueError(f"segment {cursor.seq} of {device_id} applied out of order")
        applied = skipped = conflicts = 0
        for change in changes:
            a, s, c = self._merge_change(change)
            applied, skipped, conflicts = applied + a, skipped + s, conflicts + c
        self._cursors[device_id] = cursor
        self.applied_segments.append((device_id, cursor.seq))
        return ApplyReport(applied, skipped, conflicts)

    def export_state(self) -> Iterable[Change]:
        losers: dict[Key, list[Conflict]] = {}
        for c in self.conflicts.values():
            losers.setdefault((c.entity, c.record_id), []).append(c)
        for (entity, rid), rec in sorted(self.records.items()):
            yield from changes_for_record(entity, rid, rec, losers.get((entity, rid), []))

    def meta(self) -> dict[str, Any]:
        return {"device": self._device_id}

    def load_snapshot(self, changes: Iterable[Change], cursors: dict[str, Cursor]) -> None:
        assert not self.records and not self.journal, "snapshots load into empty replicas"
        for change in changes:
            self._merge_change(change)
        self._cursors = {d: c for d, c in cursors.items() if d != self._device_id}

    def load_snapshot_parts(
        self, parts: Iterable[SnapshotPart], cursors: dict[str, Cursor]
    ) -> None:
        self.load_snapshot((c for part in parts for c in part.all_changes()), cursors)

    # ---------------------------------------------------------------- merge

    def _merge_change(self, change: Change) -> tuple[int, int, int]:
        """Merge every field through merge.merge_field: the one rule."""
        self.clock.observe(change.stamp.hlc)
        rec = self.records.setdefault((change.entity, change.record_id), {})
        applied = skipped = conflicts = 0
        for name, value in change.fields.items():
            out = merge_field(
                change.entity,
                change.record_id,
                name,
                rec.get(name),
                value,
                change.stamp,
                change.replaces.get(name, ZERO),
            )
            if not out.changed:
                skipped += 1
                continue
            rec[name] = out.state
            applied += int(out.take)
            self._close(change.entity, change.record_id, name, out.close_up_to)
            if out.conflict is not None and out.conflict.conflict_id not in self.conflicts:
                self.conflicts[out.conflict.conflict_id] = out.conflict
                conflicts += 1
        return applied, skipped, conflicts

    def _close(self, entity: str, record_id: str, field: str, up_to: Stamp) -> None:
        for cid in [
            cid
            for cid, c in self.conflicts.items()
            if (c.entity, c.record_id, c.field) == (entity, record_id, field)
            and c.loser_stamp <= up_to
        ]:
            del self.conflicts[cid]


class AsideMemoryReplica(MemoryReplica):
    """A MemoryReplica that records pushes from another thread (sync.ports.RecordsAside),
    as the SQLCipher store does through a connection of its own; ``recorded_on`` names
    the threads that recorded."""

    def __init__(self, device_id: str, now_ms: Callable[[], int] | None = None) -> None:
        super().__init__(device_id, now_ms)
        self.recorded_on: set[str] = set()

    @contextlib.contextmanager
    def recording(self) -> Iterator[Callable[[int, Cursor], None]]:
        def record(up_to_local_seq: int, cursor: Cursor) -> None:
            self.recorded_on.add(threading.current_thread().name)
            self.record_pushed(up_to_local_seq, cursor)

        yield record

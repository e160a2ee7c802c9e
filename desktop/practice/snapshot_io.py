"""The store's side of snapshots: what its export puts first, and loading format 2.

The export order is the chunks' order (sync keeps it): identity first (the practice,
its people, then patients, allergies, problems, treatments), then the kinds of record
that have a date, newest first, then the rest, then the audit chains. Loading a
format-2 snapshot sends each group of creations straight to ``executemany`` (no
``Change`` per row); anything else takes the ordinary merge path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from desktop.practice import audit_sync, conflicts, meta, search
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.session import Session
from desktop.practice.stamps import RowStamps
from desktop.practice.values import FROM_SQL, compact_json
from sync.changes import ZERO, Change, Stamp
from sync.merge import Conflict, FieldState, changes_for_record
from sync.ports import Cursor, RowGroup, SnapshotPart

if TYPE_CHECKING:
    from desktop.practice.replica import StoreReplica

IDENTITY = (
    "practice",
    "user",
    "practitioner",
    "prescription_template",
    "letter_template",
    "patient",
    "allergy",
    "problem",
    "treatment",
    "appointment",
)
"""What the practice needs to be usable, exported first: who works there, every patient
and their chart's summary (allergies, problems, treatments), the agenda. A restore opens
the app once these are in (``desktop.remote.snapshot_stream``) while the history
streams in behind."""

NEWEST_FIRST = {
    "vaccination": "given_on",
    "consultation": "started_at",
    "consultation_version": "created_at",
    "prescription": "prescribed_at",
    "prescription_version": "created_at",
    "lab_result": "taken_on",
    "document": "received_at",
    "appointment": "starts_at",
}
"""Kinds of record with a date, exported newest first (by this column), in this order:
vaccinations (small, in a chart's summary) before the consultations' history."""


def export_order() -> list[tuple[Entity, str]]:
    """(kind of record, ORDER BY clause), in export order; every kind exactly once."""
    names = [n for n in IDENTITY if n in ENTITIES]
    names += [n for n in NEWEST_FIRST if n in ENTITIES and n not in names]
    names += [n for n in ENTITIES if n not in names]
    return [
        (ENTITIES[n], f"{NEWEST_FIRST[n]} DESC, id" if n in NEWEST_FIRST else "id") for n in names
    ]


def export(s: Session) -> Iterator[Change]:
    """Every record, with its exact stamps and open conflicts, as changes that recreate
    it through the merge rule, in export order; then the audit chains."""
    losers: dict[tuple[str, str], list[Conflict]] = {}
    for c in conflicts.stored(s):
        losers.setdefault((c.entity, c.record_id), []).append(c)
    for ent, order in export_order():
        yield from _export_kind(s, ent, order, losers)
    yield from audit_sync.export(s)


def _export_kind(
    s: Session, ent: Entity, order: str, losers: dict[tuple[str, str], list[Conflict]]
) -> Iterator[Change]:
    extra = [] if ent.versioned else ["_st"]
    cols = ", ".join(["id", *ent.field_names, "_hlc", "_dev", *extra])
    cur = s.conn.execute(f"SELECT {cols} FROM {ent.name} ORDER BY {order}")
    names, entity, width = ent.field_names, ent.name, len(ent.field_names)
    convert = [(i, FROM_SQL[f.type]) for i, f in enumerate(ent.fields) if f.type in FROM_SQL]
    for raw in cur:
        values = list(raw[1 : width + 1])
        for i, from_sql in convert:
            if values[i] is not None:
                values[i] = from_sql(values[i])
        rec = dict(zip(names, values, strict=True))
        record_id, base = raw[0], Stamp(raw[width + 1], raw[width + 2])
        if ent.versioned or (
            raw[width + 3] is None and base != ZERO and (entity, record_id) not in losers
        ):
            # Every field written at the row's stamp, replacing nothing, no conflict
            # open: the one change that creates it (most rows of a practice), what the
            # general path below makes of it, without a merge state per field.
            yield Change(entity, record_id, base, rec, {})
            continue
        stamps = RowStamps(base, raw[width + 3])
        states: dict[str, FieldState] = {}
        for name in names:
            state = stamps.state(name, rec[name])
            if state is not None:
                states[name] = state
        yield from changes_for_record(
            entity, record_id, states, losers.get((entity, record_id), ())
        )


def load_parts(
    replica: StoreReplica, parts: Iterable[SnapshotPart], cursors: dict[str, Cursor]
) -> None:
    """:meth:`sync.ports.SnapshotTarget.load_snapshot_parts`: every part, then the
    cursors (except this device's), in one transaction."""
    s = replica.s
    with s.transaction():
        for part in parts:
            for group in part.groups:
                _load_group(replica, group)
            replica._apply_changes(part.changes)
        for device_id, cursor in cursors.items():
            if device_id != replica.device_id:
                replica._set_cursor(device_id, cursor)


ROWS_PER_COMMIT = 2_000
"""Rows per transaction while a restore streams into a practice in use (load_chunks)."""
NOTES_PER_COMMIT = 5_000
"""Notes indexed per transaction at the end of that stream (finish_chunks)."""


def usable_after(plan: Sequence[Sequence[Sequence[Any]]]) -> int:
    """How many chunks, from the first, hold every record of the :data:`IDENTITY` kinds
    (by the snapshot root's plan: [[entity, count], ...] per chunk): once these are in,
    the practice is usable. Whatever order another Carnet exported in, every chunk up to
    the last holding one of those kinds is counted (all of them, at worst)."""
    first = set(IDENTITY)
    last = 0
    for index, counts in enumerate(plan, start=1):
        if any(entity in first for entity, _ in counts):
            last = index
    return last


def load_chunks(
    replica: StoreReplica,
    snapshot: str,
    chunks: Iterable[tuple[int, str, SnapshotPart]],
    loaded: Callable[[int], None] | None = None,
    rows_per_commit: int | None = None,
) -> None:
    """Each chunk ``(index, digest, part)`` in its own transaction, which also records it
    as the last one in (meta ``RESTORE_CHUNKS``): a restore stopped anywhere resumes
    after the last chunk committed. ``loaded(index)`` after each.

    ``rows_per_commit``: a chunk in several transactions of at most that many rows, so
    that the app's own writes (a chart opened is an audited write) wait a fraction of a
    second, not a whole chunk, while a restore streams in behind it. A chunk cut short
    loads again whole on resume, which changes nothing for the rows already in
    (applying a change twice changes nothing)."""
    s = replica.s
    for index, sealed, part in chunks:
        for piece, last in _pieces(part, rows_per_commit):
            with s.transaction():
                for group in piece.groups:
                    _load_group(replica, group)
                replica._apply_changes(piece.changes)
                if last:
                    meta.put(s, MetaKey.RESTORE_SNAPSHOT, snapshot)
                    meta.put(s, MetaKey.RESTORE_CHUNKS, json.dumps([index, sealed]))
        if loaded is not None:
            loaded(index)


def _pieces(part: SnapshotPart, limit: int | None) -> Iterator[tuple[SnapshotPart, bool]]:
    """The part cut in pieces of at most ``limit`` rows or changes, in order, each with
    whether it is the last (one piece, maybe empty, at least)."""
    if limit is None or len(part) <= limit:
        yield part, True
        return
    for group in part.groups:
        for at in range(0, len(group.rows), limit):
            rows = group.rows[at : at + limit]
            yield SnapshotPart([RowGroup(group.entity, group.fields, rows)], []), False
    for at in range(0, len(part.changes), limit):
        yield SnapshotPart([], part.changes[at : at + limit]), False
    yield SnapshotPart([], []), True  # the last piece records the chunk as in


def chunks_loaded(s: Session, snapshot: str) -> tuple[int, str | None]:
    """(k, digest of chunk k) of ``snapshot`` already in; (0, None) if none."""
    if meta.get(s, MetaKey.RESTORE_SNAPSHOT) != snapshot:
        return 0, None
    index, sealed = json.loads(meta.get(s, MetaKey.RESTORE_CHUNKS, "[0, null]"))
    return int(index), sealed


def finish_chunks(
    replica: StoreReplica,
    cursors: dict[str, Cursor],
    search_after: Literal["none", "notes", "all"] = "notes",
) -> None:
    """After the last chunk: the cursors the snapshot covers (except this device's),
    then the search: ``"notes"``, the notes that arrived are indexed; ``"all"``, the
    names too (some patient arrived after the practice opened); ``"none"``, left to the
    caller (a restore in bulk mode rebuilds both once, at its end)."""
    s = replica.s
    with s.transaction():
        for device_id, cursor in cursors.items():
            if device_id != replica.device_id:
                replica._set_cursor(device_id, cursor)
        if search_after == "all":
            search.rebuild(s.conn)
        meta.delete(s, MetaKey.RESTORE_CHUNKS, MetaKey.RESTORE_SNAPSHOT)
        meta.put(s, MetaKey.RESTORE_SNAPSHOT_LOADED, "1")
    # The notes that arrived, indexed a batch per transaction (the app writes between);
    # a note search before the end catches up on its own (search.catch_up_notes).
    while search_after == "notes":
        with s.transaction():
            if search.catch_up_notes(s.conn, limit=NOTES_PER_COMMIT) < NOTES_PER_COMMIT:
                break


def _load_group(replica: StoreReplica, group: RowGroup) -> None:
    """A group of creations: one ``INSERT OR IGNORE`` for all its rows when filling an
    empty store in bulk; rows whose record exists (or any other case) merge as changes,
    which gives the same result (applying a change twice changes nothing)."""
    if not group.rows:
        return
    ent = ENTITIES.get(group.entity)
    bulk = (
        replica._bulk
        and ent is not None
        and ent.field_set.issuperset(group.fields)
        and (ent.versioned or ent.field_set.issubset(group.fields))
    )
    if not bulk or ent is None:
        # Unknown kinds or fields are refused there, with the same sentences.
        replica._apply_changes(group.changes())
        return
    s = replica.s
    top = max(row[1] for row in group.rows)
    try:
        if insert_rows(s, ent, group.fields, group.rows) < len(group.rows):
            for change in group.changes():  # some were there: merge them (no-op for the new)
                replica._apply_one(ent, change)
    finally:
        s.clock.observe(top)


def insert_rows(s: Session, ent: Entity, fields: tuple[str, ...], got: list[list[Any]]) -> int:
    """Insert rows ``[id, hlc, device, *values of fields]`` as they were parsed, one
    statement for all; ids that exist are left alone. How many were inserted."""
    cols = ", ".join(["id", "_hlc", "_dev", *fields])
    marks = ", ".join("?" * (len(fields) + 3))
    as_json = [i + 3 for i, n in enumerate(fields) if ent.field(n).type == "json"]
    as_bool = [i + 3 for i, n in enumerate(fields) if ent.field(n).type == "bool"]
    params: Iterable[list[Any]] = got
    # A bool binds as SQLite's 1 or 0, which is what to_sql makes of it: only rows with
    # some other value there, or JSON values (every row of those kinds), are converted.
    if as_json or any(type(r[i]) not in _AS_IS for i in as_bool for r in got):
        params = (_converted(row, as_json, as_bool) for row in got)
    conn = s.conn
    before = conn.total_changes
    conn.executemany(f"INSERT OR IGNORE INTO {ent.name} ({cols}) VALUES ({marks})", params)
    return int(conn.total_changes - before)


_AS_IS = (bool, type(None))


def _converted(row: list[Any], as_json: list[int], as_bool: list[int]) -> list[Any]:
    """The row as SQL takes it (as ``values.to_sql``), leaving the parsed row as it was."""
    out = list(row)
    for i in as_json:
        if out[i] is not None:
            out[i] = compact_json(out[i])
    for i in as_bool:
        if out[i] is not None:
            out[i] = 1 if out[i] else 0
    return out

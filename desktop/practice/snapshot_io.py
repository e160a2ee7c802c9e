"""The store's side of snapshots: what its export puts first, and loading formats 2
and 3.

The export order is the chunks' order (sync keeps it): identity first (the practice,
its people, then patients, allergies, problems, treatments), then the kinds of record
that have a date, newest first, then the rest, then the audit chains. A snapshot
exports the creations (a row written once, at one stamp, with no conflict open: most of
a practice) as row images, SQLite databases that SQLite itself fills from the tables
(format 3, ``desktop.practice.page_image``), and the other rows as changes. Loading
copies an image's rows in SQL from the attached image, and sends each group of
creations of format 2 straight to ``executemany`` (no ``Change`` per row); anything else
takes the ordinary merge path.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from desktop.practice import audit_sync, conflicts, db, meta, page_image, search
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.session import Session
from desktop.practice.stamps import RowStamps
from desktop.practice.values import FROM_SQL, compact_json
from sync.changes import ZERO, Change, Stamp
from sync.errors import CancelledError
from sync.merge import Conflict, FieldState, changes_for_record
from sync.ports import Cursor, ImageTable, RowGroup, RowImage, SnapshotPart
from sync.snapshot_format import FIELDS_TABLE

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
    losers = _losers(s)
    for ent, order in export_order():
        yield from _export_kind(s, ent, order, losers)
    yield from audit_sync.export(s)


IMAGE_BYTES = 8 << 20
"""A row image is cut once it holds about this many bytes (2 MiB or so compressed): as a
format-2 chunk, small enough that fetching the next overlaps loading this one."""
FIRST_ROWS = 2_000
"""Rows of a kind copied into an image at first; then as many as its bytes per row say
fill the image."""
_IMAGE = "snapshot_image"  # the attached image's schema name


def export_snapshot(s: Session) -> Iterator[Change | RowImage]:
    """:func:`export`, the creations as row images (format 3): the same records, stamps
    and conflicts, kinds in the same order. A creation is a row that :func:`export` sends
    as its one creating change; the other rows go as it sends them.

    On a connection of its own when the session has one: attaching an image needs one
    that no transaction of the app holds."""
    with s.aside() as other:
        source = other or s
        losers = _losers(source)
        images = _ImageWriter(source)
        try:
            for ent, order in export_order():
                yield from images.add_kind(ent, order)
                # NOT coalesce(...): a row the test leaves NULL is not a creation either.
                where = f"WHERE NOT coalesce({_creation(ent)}, 0)"
                yield from _export_kind(source, ent, order, losers, where)
            yield from images.close()
        finally:
            images.abandon()
        yield from audit_sync.export(source)


def _losers(s: Session) -> dict[tuple[str, str], list[Conflict]]:
    losers: dict[tuple[str, str], list[Conflict]] = {}
    for c in conflicts.stored(s):
        losers.setdefault((c.entity, c.record_id), []).append(c)
    return losers


def _creation(ent: Entity) -> str:
    """SQL true for the rows :func:`_export_kind` sends as one creating change: every
    row of a versioned kind; else no field stamped apart, a stamp, no conflict open."""
    if ent.versioned:
        return "1"
    return (
        "_st IS NULL AND NOT (_hlc = 0 AND _dev = '') AND id NOT IN "
        f"(SELECT record_id FROM conflicts WHERE entity = '{ent.name}')"
    )


def _kind(ent: Entity, name: str) -> str:
    kind = ent.field(name).type
    return kind if kind in FROM_SQL else ""


def _column_names(ent: Entity, fields: Sequence[str] | None = None) -> list[str]:
    """An image table's columns: the row's id and stamp, then its fields."""
    return ["id", "_hlc", "_dev", *(ent.field_names if fields is None else fields)]


def _columns(ent: Entity, fields: Sequence[str] | None = None) -> str:
    return ", ".join(_column_names(ent, fields))


def _image_path(s: Session) -> Path:
    return s.folder / f".snapshot-image-{uuid.uuid4().hex}.tmp"


def _attach(s: Session, path: Path, key: bytes) -> None:
    s.conn.execute(f"ATTACH DATABASE ? AS {_IMAGE} KEY {page_image.key_spec(key)}", (str(path),))


class _ImageWriter:
    """Row images, filled by SQLite from the tables: each is a database attached under a
    random key (written by SQLCipher, so never in the clear on the disk), its pages
    decrypted when it is full (``page_image.plain_image``), its file removed."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.key = b""
        self.path: Path | None = None
        self.tables: list[ImageTable] = []
        self.position = 0

    def add_kind(self, ent: Entity, order: str) -> Iterator[RowImage]:
        """The creations of ``ent`` in ``order`` (a temporary table keeps it), into the
        open image and the next ones; each image as it fills."""
        conn = self.s.conn
        conn.execute("DROP TABLE IF EXISTS temp.snapshot_order")
        conn.execute("CREATE TEMP TABLE snapshot_order (n INTEGER PRIMARY KEY, r INTEGER)")
        try:
            conn.execute(
                f"INSERT INTO temp.snapshot_order (r) SELECT rowid FROM main.{ent.name} "
                f"WHERE {_creation(ent)} ORDER BY {order}"
            )
            total = int(conn.execute("SELECT count(*) FROM temp.snapshot_order").fetchone()[0])
            done, rows = 0, FIRST_ROWS
            while done < total:
                count = min(rows, total - done)
                before = self._open_size()
                self._copy(ent, done, count)
                done += count
                size = self._size()
                if size >= IMAGE_BYTES:
                    yield from self.close()
                    rows = FIRST_ROWS
                else:  # as many rows as fill it, by this kind's bytes per row so far
                    per_row = max(1, (size - before) // count)
                    rows = max(100, (IMAGE_BYTES - size) // per_row + 1)
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.snapshot_order")

    def _open_size(self) -> int:
        if self.path is None:
            self.key, self.path = page_image.new_key(), _image_path(self.s)
            _attach(self.s, self.path, self.key)
            conn = self.s.conn
            conn.execute(f"PRAGMA {_IMAGE}.journal_mode = OFF")  # a file thrown away after
            conn.execute(
                f"CREATE TABLE {_IMAGE}.{FIELDS_TABLE} (position INTEGER PRIMARY KEY, "
                "entity TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL)"
            )
        return self._size()

    def _size(self) -> int:
        pages = self.s.conn.execute(f"PRAGMA {_IMAGE}.page_count").fetchone()[0]
        return int(pages) * page_image.PAGE_SIZE

    def _copy(self, ent: Entity, after: int, count: int) -> None:
        """Rows ``after + 1`` to ``after + count`` of ``temp.snapshot_order``."""
        conn = self.s.conn
        if not self.tables or self.tables[-1].entity != ent.name:
            conn.execute(f"CREATE TABLE {_IMAGE}.{ent.name} ({_columns(ent)})")
            described = []
            for name in ent.field_names:
                self.position += 1
                described.append((self.position, ent.name, name, _kind(ent, name)))
            conn.executemany(f"INSERT INTO {_IMAGE}.{FIELDS_TABLE} VALUES (?, ?, ?, ?)", described)
            kinds = tuple(_kind(ent, name) for name in ent.field_names)
            self.tables.append(ImageTable(ent.name, ent.field_names, kinds, 0))
        picked = ", ".join(f"t.{c}" for c in _column_names(ent))
        conn.execute(
            f"INSERT INTO {_IMAGE}.{ent.name} SELECT {picked} FROM temp.snapshot_order o "
            f"JOIN main.{ent.name} t ON t.rowid = o.r WHERE o.n > ? ORDER BY o.n LIMIT ?",
            (after, count),
        )
        last = self.tables[-1]
        self.tables[-1] = ImageTable(last.entity, last.fields, last.kinds, last.count + count)

    def close(self) -> Iterator[RowImage]:
        """The open image, if any, as a :class:`RowImage`; none is open after."""
        if self.path is None:
            return
        path, tables = self.path, tuple(self.tables)
        self.s.conn.execute(f"DETACH DATABASE {_IMAGE}")
        self.path, self.tables, self.position = None, [], 0
        try:
            image = page_image.plain_image(path.read_bytes(), self.key)
        finally:
            path.unlink(missing_ok=True)
        yield RowImage(tables, image)

    def abandon(self) -> None:
        """After an error or a cancel: the open image detached and removed."""
        if self.path is not None:
            path, self.path = self.path, None
            with contextlib.suppress(db.DatabaseError):
                self.s.conn.execute(f"DETACH DATABASE {_IMAGE}")
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def _attached(s: Session, file: _File) -> Iterator[None]:
    """An image's file (:func:`_image_file`) attached as ``snapshot_image``, removed
    after."""
    path = file.path
    try:
        _attach(s, path, file.key)
        try:
            yield
        finally:
            s.conn.execute(f"DETACH DATABASE {_IMAGE}")
    finally:
        path.unlink(missing_ok=True)


def _export_kind(
    s: Session,
    ent: Entity,
    order: str,
    losers: dict[tuple[str, str], list[Conflict]],
    where: str = "",
) -> Iterator[Change]:
    extra = [] if ent.versioned else ["_st"]
    cols = ", ".join(["id", *ent.field_names, "_hlc", "_dev", *extra])
    cur = s.conn.execute(f"SELECT {cols} FROM {ent.name} {where} ORDER BY {order}")
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
            for group in part.all_groups():
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
    (applying a change twice changes nothing).

    A row image goes in by SQL from the attached image (:func:`_load_table`) when the
    replica fills in bulk and the image's fields are this store's; otherwise it is read
    as a group of rows like any other. The next chunk's images are encrypted into their
    files on a helper thread while this one goes in (SQLite's work, outside the
    interpreter lock)."""
    made: list[Future[_File]] = []
    with ThreadPoolExecutor(1, thread_name_prefix="carnet-restore-image") as pool:
        try:
            for index, sealed, part, files in _files_ahead(replica, chunks, pool, made):
                rest = _load_images(replica, part, files, rows_per_commit)
                _load_part(replica, snapshot, index, sealed, rest, rows_per_commit)
                if loaded is not None:
                    loaded(index)
        finally:  # files made for chunks never attached (a stop, an error)
            for file in made:
                with contextlib.suppress(Exception):
                    file.result().path.unlink(missing_ok=True)


def _load_images(
    replica: StoreReplica,
    part: SnapshotPart,
    files: list[Future[_File] | None],
    rows_per_commit: int | None,
) -> SnapshotPart:
    """A chunk's images in (their files attached, :func:`_load_table`); the part left:
    its groups and changes, and the images' tables that could not be attached, read as
    groups."""
    if not part.images:
        return part
    read = []
    for image, file in zip(part.images, files, strict=True):
        copied = [t for t in image.tables if _attachable(replica, t)]
        if copied:
            assert file is not None  # asked for whenever a table is attached
            made = file.result()
            with _attached(replica.s, made):
                for table in copied:
                    _load_table(replica, table, rows_per_commit)
        if len(copied) < len(image.tables):
            read += image.groups([t for t in image.tables if t not in copied])
    return SnapshotPart([*part.groups, *read], part.changes)


def _load_part(
    replica: StoreReplica,
    snapshot: str,
    index: int,
    sealed: str,
    part: SnapshotPart,
    rows_per_commit: int | None,
) -> None:
    """A chunk's groups and changes, the last piece recording the chunk as in."""
    s = replica.s
    for piece, last in _pieces(part, rows_per_commit):
        with s.transaction():
            for group in piece.groups:
                _load_group(replica, group)
            replica._apply_changes(piece.changes)
            if last:
                meta.put(s, MetaKey.RESTORE_SNAPSHOT, snapshot)
                meta.put(s, MetaKey.RESTORE_CHUNKS, json.dumps([index, sealed]))


@dataclass(frozen=True, slots=True)
class _File:
    """An image's SQLCipher file and its key."""

    path: Path
    key: bytes


def _files_ahead(
    replica: StoreReplica,
    chunks: Iterable[tuple[int, str, SnapshotPart]],
    pool: ThreadPoolExecutor,
    made: list[Future[_File]],
) -> Iterator[tuple[int, str, SnapshotPart, list[Future[_File] | None]]]:
    """Each chunk with its images' files (:func:`_image_file`) being made on ``pool``,
    one chunk ahead (None for an image none of whose tables is attached); every file
    asked for is also added to ``made``. A chunk that fails raises after every chunk
    before it, as ``chunks`` does; a stop, at once."""
    ahead: tuple[int, str, SnapshotPart, list[Future[_File] | None]] | None = None
    source = iter(chunks)
    while True:
        try:
            index, sealed, part = next(source)
        except StopIteration:
            break
        except CancelledError:
            raise
        except BaseException:
            if ahead is not None:
                yield ahead
            raise
        files = [
            pool.submit(_image_file, replica.s, image)
            if any(_attachable(replica, t) for t in image.tables)
            else None
            for image in part.images
        ]
        made += [f for f in files if f is not None]
        if ahead is not None:
            yield ahead
        ahead = (index, sealed, part, files)
    if ahead is not None:
        yield ahead


def _image_file(s: Session, image: RowImage) -> _File:
    """``image`` encrypted page by page under a random key that lives only in memory, in
    a file of the practice's folder (the interpreter's work, while the caller's thread
    is mostly in SQLite)."""
    key, path = page_image.new_key(), _image_path(s)
    try:
        path.write_bytes(page_image.cipher_file(image.image, key))
        return _File(path, key)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _attachable(replica: StoreReplica, table: ImageTable) -> bool:
    """Whether an image's ``table`` can be copied in SQL: a replica filling in bulk, a
    kind and fields of this store (all of them for a kind that is not versioned, as for a
    group), each field's SQL value standing for what it does here."""
    ent = ENTITIES.get(table.entity)
    return (
        replica._bulk
        and ent is not None
        and ent.field_set.issuperset(table.fields)
        and (ent.versioned or ent.field_set.issubset(table.fields))
        and table.kinds == tuple(_kind(ent, name) for name in table.fields)
    )


def _load_table(replica: StoreReplica, table: ImageTable, limit: int | None) -> None:
    """The attached image's rows of ``table``, in pieces of at most ``limit`` rows (all at
    once when None), each one ``INSERT OR IGNORE ... SELECT`` in a transaction of its
    own; the rows of a piece whose record was already there merge as changes (as for a
    group)."""
    s, ent = replica.s, ENTITIES[table.entity]
    conn, source = s.conn, f"{_IMAGE}.{ent.name}"
    cols = _columns(ent, table.fields)
    try:
        for after, last, count in _ranges(s, source, table, limit):
            with s.transaction():
                before = conn.total_changes
                conn.execute(
                    f"INSERT OR IGNORE INTO main.{ent.name} ({cols}) SELECT {cols} "
                    f"FROM {source} WHERE rowid > ? AND rowid <= ?",
                    (after, last),
                )
                if conn.total_changes - before < count:  # some were there: merge them
                    for change in _table_changes(s, table, after, last):
                        replica._apply_one(ent, change)
    finally:
        s.clock.observe(table.top)


_LAST_ROWID = (1 << 63) - 1


def _ranges(
    s: Session, source: str, table: ImageTable, limit: int | None
) -> Iterator[tuple[int, int, int]]:
    """(after, last, rows) of each piece: rowids ``after < rowid <= last``."""
    if limit is None:
        yield 0, _LAST_ROWID, table.count
        return
    after = 0
    while True:
        last, count = s.conn.execute(
            f"SELECT max(r), count(*) FROM (SELECT rowid AS r FROM {source} "
            "WHERE rowid > ? ORDER BY rowid LIMIT ?)",
            (after, limit),
        ).fetchone()
        if not count:
            return
        yield after, int(last), int(count)
        after = int(last)


def _table_changes(s: Session, table: ImageTable, after: int, last: int) -> Iterator[Change]:
    """The attached image's rows ``after < rowid <= last`` of ``table`` as the changes
    they stand for."""
    ent = ENTITIES[table.entity]
    convert = [(i, FROM_SQL[k]) for i, k in enumerate(table.kinds) if k]
    rows = s.conn.execute(
        f"SELECT {_columns(ent, table.fields)} FROM {_IMAGE}.{ent.name} "
        "WHERE rowid > ? AND rowid <= ?",
        (after, last),
    )
    for row in rows.fetchall():
        values = list(row[3:])
        for i, from_sql in convert:
            if values[i] is not None:
                values[i] = from_sql(values[i])
        fields = dict(zip(table.fields, values, strict=True))
        yield Change(table.entity, row[0], Stamp(row[1], row[2]), fields)


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
    caller (a restore in bulk mode rebuilds the names once, at its end, and leaves the
    notes to the note catch-up)."""
    s = replica.s
    with s.transaction():
        for device_id, cursor in cursors.items():
            if device_id != replica.device_id:
                replica._set_cursor(device_id, cursor)
        if search_after == "all":
            search.rebuild(s.conn, notes=False)  # the notes below, a batch at a time
        meta.delete(s, MetaKey.RESTORE_CHUNKS, MetaKey.RESTORE_SNAPSHOT)
        meta.put(s, MetaKey.RESTORE_SNAPSHOT_LOADED, "1")
    # The notes that arrived, indexed a batch per transaction (the app writes between);
    # a note search before the end catches up on its own (search.catch_up_notes).
    while search_after != "none":
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

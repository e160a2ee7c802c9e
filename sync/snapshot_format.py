"""Snapshot format 2: a small root object and chained chunks of grouped rows.

A format-1 snapshot is one sealed object ``{"changes": [...], "cursors", "meta"}``, every
change a JSON object repeating its field names. Format 2 (docs/sync-protocol.md, §3):

- the **root**, at the snapshot's name, envelope ``CRNP`` version 2, context [practice,
  device, number]: ``{"chunks": n, "cursors", "meta", "plan": [[[entity, count], ...]
  per chunk]}``. Old readers stop at it: "format version 2; upgrade Carnet";
- **chunk** i (1..n), at ``<name>.<i:06d>``, envelope ``CRNP`` version 2, sealed with
  the root's epoch, context [practice, device, number, i, n, digest of chunk i-1 (the
  root's for chunk 1)]: ``{"g": [[entity, [field...], [[id, hlc, device, v...], ...]],
  ...], "c": [change...]}``. A group holds changes of one entity with the same fields at
  one stamp that replace nothing; the rest are changes as segments carry them.

So every chunk authenticates before it is parsed, and a chunk missing, moved, swapped,
reordered, replayed from another snapshot or cut short fails naming itself.

Format 3 is format 2 (the same root, chunks, contexts and chain; envelope version 3 for
the root and every chunk) where a chunk may instead hold a **row image**: the
compressed bytes of a small SQLite database, with a table per kind of record, named
after the entity (columns ``id``, ``_hlc``, ``_dev``, then the fields, each row a
creation at its stamp), and a table ``carnet_fields`` (``position``, ``entity``,
``name``, ``kind``: ``"json"``, ``"bool"`` or ``""``) that lists the kinds in order, their
fields in order, and what each field's SQL value stands for. A replica that can attaches
it and copies the rows in SQL (``desktop.practice.page_image``); any other reads it as row
groups. The image is checked before anything reads it (:func:`open_image`): SQLite's own
``quick_check``, those tables and nothing else, names that are identifiers, ids, stamps
and devices of the right types. Format-2 readers stop at the root ("format version 3;
upgrade Carnet").
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import zstandard

from sync.changes import ZERO, Change, changes_from_json
from sync.errors import IntegrityError
from sync.ports import Cursor, ImageTable, RowGroup, RowImage, SnapshotPart
from sync.segments import (
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    PracticeKeys,
    digest,
    inflate,
    open_versioned,
    parse_json,
    seal_object,
)

CHUNK_BYTES = 4 << 20
"""A chunk is cut once its rows hold about this many bytes of text (before JSON and
compression): small enough that fetching the next overlaps applying this one, and that
a reader holds a few in memory; large enough that requests stay few (docs/performance.md)."""

_compact: Any = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

ROWS_VERSION = 2
"""The envelope version of a snapshot of row groups only (format 2)."""
IMAGES_VERSION = 3
"""The envelope version of a snapshot with row images (format 3)."""
SQLITE_MAGIC = b"SQLite format 3\x00"
FIELDS_TABLE = "carnet_fields"
KINDS = ("", "json", "bool")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def chunk_name(snapshot: str, index: int) -> str:
    return f"{snapshot}.{index:06d}"


def root_context(practice_id: str, device: str, number: int) -> list[str]:
    return [practice_id, device, str(number)]


def chunk_context(
    practice_id: str, device: str, number: int, index: int, count: int, prev: str
) -> list[str]:
    return [practice_id, device, str(number), str(index), str(count), prev]


# ------------------------------------------------------------------ writing


class _Chunk:
    __slots__ = ("groups", "changes", "size", "plan")
    version = ROWS_VERSION  # the format a snapshot needs to hold this chunk

    def __init__(self) -> None:
        self.groups: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
        self.changes: list[dict[str, Any]] = []
        self.size = 0
        self.plan: dict[str, int] = {}

    def body(self) -> bytes:
        value = {
            "g": [[e, list(f), rows] for (e, f), rows in self.groups.items()],
            "c": self.changes,
        }
        return zstandard.ZstdCompressor(level=3).compress(_compact(value).encode("utf-8"))


class _ImageChunk:
    __slots__ = ("plan", "_image")
    version = IMAGES_VERSION

    def __init__(self, image: RowImage) -> None:
        self.plan = {t.entity: t.count for t in image.tables}
        self._image = image.image

    def body(self) -> bytes:
        return zstandard.ZstdCompressor(level=3).compress(self._image)


def cut_chunks(
    changes: Iterable[Change | RowImage], limit: int = CHUNK_BYTES
) -> Iterator[_Chunk | _ImageChunk]:
    """Group ``changes`` (in the order given: the replica decides what comes first) and cut
    them into chunks of about ``limit`` bytes of text; a row image is a chunk of its own,
    in its place in that order."""
    chunk = _Chunk()
    groups, plan = chunk.groups, chunk.plan
    for change in changes:
        if type(change) is RowImage:
            if chunk.size:
                yield chunk
                chunk = _Chunk()
                groups, plan = chunk.groups, chunk.plan
            yield _ImageChunk(change)
            continue
        assert isinstance(change, Change)
        fields = change.fields
        size = 48 + 8 * len(fields)
        for value in fields.values():
            if type(value) is str:
                size += len(value) - 8
        if any(v != ZERO for v in change.replaces.values()):
            chunk.changes.append(change.to_json())
        else:
            key = (change.entity, tuple(fields))
            rows = groups.get(key)
            if rows is None:
                rows = groups[key] = []
            stamp = change.stamp
            rows.append([change.record_id, stamp.hlc, stamp.device, *fields.values()])
        plan[change.entity] = plan.get(change.entity, 0) + 1
        chunk.size += size
        if chunk.size >= limit:
            yield chunk
            chunk = _Chunk()
            groups, plan = chunk.groups, chunk.plan
    if chunk.size:
        yield chunk


def seal_snapshot(
    keys: PracticeKeys,
    device: str,
    number: int,
    name: str,
    cursors: Mapping[str, Cursor],
    meta: Mapping[str, Any],
    chunks: list[tuple[dict[str, int], bytes]],
    version: int = ROWS_VERSION,
) -> list[tuple[str, bytes]]:
    """The sealed objects of a format-2 (or, ``version`` 3, format-3) snapshot, root
    first: (name, data) each, from each chunk's (changes per entity, compressed body).
    Upload the chunks first and the root last, so a listed root has every chunk behind
    it."""
    count = len(chunks)
    root = {
        "chunks": count,
        "cursors": {d: [c.seq, c.digest] for d, c in sorted(cursors.items())},
        "meta": dict(meta),
        "plan": [sorted(plan.items()) for plan, _ in chunks],
    }
    plain = zstandard.ZstdCompressor(level=3).compress(_compact(root).encode("utf-8"))
    pid = keys.practice_id
    ctx = root_context(pid, device, number)
    sealed = seal_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, plain, version)
    out = [(name, sealed)]
    prev = digest(sealed)
    for index, (_, body) in enumerate(chunks, start=1):
        ctx = chunk_context(pid, device, number, index, count, prev)
        data = seal_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, body, version)
        out.append((chunk_name(name, index), data))
        prev = digest(data)
    return out


# ------------------------------------------------------------------ reading


def open_chunk(
    keys: PracticeKeys,
    device: str,
    number: int,
    index: int,
    count: int,
    prev: str,
    epoch: int,
    data: bytes,
    root_version: int = ROWS_VERSION,
) -> bytes:
    """Verify chunk ``index`` of ``count`` (AEAD, position, chain link, the root's epoch
    and format version) and inflate it: its JSON or image bytes, not parsed yet. Mostly
    outside the interpreter lock."""
    what = f"chunk {index} of {count} of snapshot {number} of device {device}"
    ctx = chunk_context(keys.practice_id, device, number, index, count, prev)
    version, body = open_versioned(
        keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, data, what, IMAGES_VERSION
    )
    if version != root_version or data[5:9] != epoch.to_bytes(4, "big"):
        raise IntegrityError(f"{what} is not sealed like its snapshot's root (replaced?)")
    return inflate(body, what)


def decode_chunk(raw: bytes, what: str, version: int = ROWS_VERSION) -> SnapshotPart:
    """A verified chunk's JSON as row groups and changes (or, format 3, its row image);
    IntegrityError if malformed."""
    if version >= IMAGES_VERSION and raw.startswith(SQLITE_MAGIC):
        return SnapshotPart([], [], (open_image(raw, what),))
    value = parse_json(raw, what)
    try:
        groups = [_group(g) for g in value["g"]]
        changes = changes_from_json(value["c"])
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed") from exc
    return SnapshotPart(groups, changes)


def _group(value: list[Any]) -> RowGroup:
    entity, fields, rows = value
    if type(entity) is not str or type(rows) is not list:
        raise ValueError("bad group")
    names = tuple(fields)
    if any(type(n) is not str for n in names) or len(set(names)) != len(names):
        raise ValueError("bad field names")
    width = len(names) + 3
    for row in rows:
        if (
            type(row) is not list
            or len(row) != width
            or type(row[0]) is not str
            or type(row[1]) is not int
            or type(row[2]) is not str
        ):
            raise ValueError("bad row")
    return RowGroup(entity, names, rows)


def parse_root(value: Any) -> tuple[int, dict[str, Cursor], dict[str, Any], list[Any]]:
    """A root's (chunk count, cursors, meta, plan); ValueError/KeyError/TypeError if
    malformed."""
    count = value["chunks"]
    if type(count) is not int or count < 0:
        raise ValueError("bad chunk count")
    cursors = {d: Cursor(int(s), str(h)) for d, (s, h) in value["cursors"].items()}
    return count, cursors, dict(value.get("meta", {})), list(value.get("plan", []))


def open_image(raw: bytes, what: str) -> RowImage:
    """A verified chunk's row image, checked (see the module's docstring) before anything
    reads it; IntegrityError if it is not one."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(raw)
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise ValueError("damaged image")
        described = conn.execute(
            f"SELECT entity, name, kind FROM {FIELDS_TABLE} ORDER BY position"
        ).fetchall()
        fields: dict[str, list[tuple[str, str]]] = {}
        for entity, name, kind in described:
            fields.setdefault(entity, []).append((name, kind))
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        if sorted(objects) != sorted(("table", n) for n in [FIELDS_TABLE, *fields]):
            raise ValueError("an image holds its fields and their tables, nothing else")
        tables = []
        for entity, described_fields in fields.items():
            names = tuple(name for name, _ in described_fields)
            kinds = tuple(kind for _, kind in described_fields)
            if not all(type(n) is str and _IDENTIFIER.fullmatch(n) for n in (entity, *names)):
                raise ValueError("names are identifiers")
            if len(set(names)) != len(names) or not set(kinds) <= set(KINDS):
                raise ValueError("bad fields")
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{entity}")')]
            if columns != ["id", "_hlc", "_dev", *names]:
                raise ValueError("columns differ from the fields")
            count, top, bad = conn.execute(
                f"SELECT count(*), coalesce(max(_hlc), 0), count(*) FILTER (WHERE "
                "typeof(id) != 'text' OR typeof(_hlc) != 'integer' OR typeof(_dev) != 'text') "
                f'FROM "{entity}"'
            ).fetchone()
            if bad:
                raise ValueError("bad row")
            tables.append(ImageTable(entity, names, kinds, int(count), int(top)))
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed") from exc
    finally:
        conn.close()
    return RowImage(tuple(tables), raw)


def image_groups(image: RowImage, tables: Iterable[ImageTable]) -> list[RowGroup]:
    """Rows ``[id, hlc, device, *values]`` of ``tables`` of ``image``, values as a change
    carries them, as row groups."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image.image)
        groups = []
        for table in tables:
            rows = [list(r) for r in conn.execute(f'SELECT * FROM "{table.entity}" ORDER BY rowid')]
            convert = [(i + 3, kind) for i, kind in enumerate(table.kinds) if kind]
            for row in rows:
                for i, kind in convert:
                    if row[i] is not None:
                        row[i] = json.loads(row[i]) if kind == "json" else bool(row[i])
            groups.append(RowGroup(table.entity, table.fields, rows))
    finally:
        conn.close()
    return groups

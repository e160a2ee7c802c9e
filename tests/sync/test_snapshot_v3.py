"""Snapshot format 3 over the in-memory backend: row images travel in chunks sealed and
chained as format 2's, come back in the writer's order, read as the changes they hold,
and an image that is anything but its fields and their tables is refused before
anything reads it; a format-2 reader stops at the root."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

import pytest

from sync import snapshots
from sync.backends.memory import MemoryBackend
from sync.changes import Change, Stamp
from sync.errors import IntegrityError, UnsupportedFormatError
from sync.ports import Cursor, ImageTable, RowImage
from sync.segments import HEADER, PracticeKeys
from sync.snapshot_format import decode_chunk, open_image
from sync.snapshot_write import write_snapshot
from sync.snapshots import read_snapshot
from tests.helpers.sync_engine import PRACTICE_ID

DEV = "dev-a"
PATIENT = ("name", "tags", "alive")
KINDS = ("", "json", "bool")


def _image(extra: Callable[[sqlite3.Connection], None] | None = None, rows: int = 3) -> bytes:
    """An image of ``rows`` patients and one note, as a writer makes it; ``extra`` then
    changes it."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE carnet_fields (position INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
        "name TEXT NOT NULL, kind TEXT NOT NULL)"
    )
    described = [("patient", n, k) for n, k in zip(PATIENT, KINDS, strict=True)]
    described.append(("note", "text", ""))
    conn.executemany("INSERT INTO carnet_fields (entity, name, kind) VALUES (?, ?, ?)", described)
    conn.execute("CREATE TABLE patient (id, _hlc, _dev, name, tags, alive)")
    conn.executemany(
        "INSERT INTO patient VALUES (?, ?, ?, ?, ?, ?)",
        [
            (f"p{i}", 100 + i, DEV, f"Patient {i}", json.dumps([i, {"é": None}]), i % 2)
            for i in range(rows)
        ],
    )
    conn.execute("CREATE TABLE note (id, _hlc, _dev, text)")
    conn.execute("INSERT INTO note VALUES ('n1', 200, ?, NULL)", (DEV,))
    if extra is not None:
        extra(conn)
    return conn.serialize()


def _expected(rows: int = 3) -> list[Change]:
    out = [
        Change(
            "patient",
            f"p{i}",
            Stamp(100 + i, DEV),
            {"name": f"Patient {i}", "tags": [i, {"é": None}], "alive": bool(i % 2)},
        )
        for i in range(rows)
    ]
    return [*out, Change("note", "n1", Stamp(200, DEV), {"text": None})]


def _key(change: Change) -> str:
    return json.dumps(change.to_json(), sort_keys=True)


def test_an_image_reads_as_the_creations_it_holds() -> None:
    image = open_image(_image(), "chunk 1")
    assert image.tables == (
        ImageTable("patient", PATIENT, KINDS, 3, 102),
        ImageTable("note", ("text",), ("",), 1, 200),
    )
    back = [c for group in image.groups() for c in group.changes()]
    assert list(map(_key, back)) == list(map(_key, _expected()))


def test_row_images_travel_in_sealed_chunks_in_the_writers_order() -> None:
    backend = MemoryBackend()
    keys = PracticeKeys(PRACTICE_ID, {1: b"k" * 32}, 1)
    before = Change("practice", "x", Stamp(1, DEV), {"name": "C"})
    edit = Change("patient", "p0", Stamp(900, "dev-b"), {"name": "B"}, {"name": Stamp(100, DEV)})
    image = open_image(_image(), "image")
    items: list[Change | RowImage] = [before, image, edit]
    name, count = write_snapshot(backend, keys, DEV, {DEV: Cursor(3, "ab" * 32)}, {}, items)
    assert count == 1 + 4 + 1
    assert all(HEADER.unpack_from(d)[1] == 3 for n, d in backend.objects.items() if name in n)
    snap = read_snapshot(backend, keys, name)
    assert snap.version == 3 and snap.chunks == 3
    assert snap.plan == [[["practice", 1]], [["note", 1], ["patient", 3]], [["patient", 1]]]
    parts = list(snap.parts())
    assert [len(p.images) for p in parts] == [0, 1, 0]
    assert parts[1].images[0].image == image.image
    back = [c for part in parts for c in part.all_changes()]
    assert list(map(_key, back)) == list(map(_key, [before, *_expected(), edit]))


def test_a_format_2_reader_stops_at_a_format_3_root(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryBackend()
    keys = PracticeKeys(PRACTICE_ID, {1: b"k" * 32}, 1)
    items: list[Change | RowImage] = [open_image(_image(), "image")]
    name, _ = write_snapshot(backend, keys, DEV, {}, {}, items)
    monkeypatch.setattr(snapshots, "SNAPSHOT_VERSION", 2)  # the newest it reads
    with pytest.raises(UnsupportedFormatError, match="has format version 3; upgrade Carnet"):
        read_snapshot(backend, keys, name)


def test_an_image_in_a_format_2_chunk_is_not_read_as_one() -> None:
    with pytest.raises(IntegrityError, match="cannot be decoded"):
        decode_chunk(_image(), "chunk 1 of 1", 2)


MALFORMED: dict[str, Callable[[sqlite3.Connection], None]] = {
    "a trigger": lambda c: c.execute(
        "CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM patient; END"
    ),
    "an index": lambda c: c.execute("CREATE INDEX i ON patient(name)"),
    "a view": lambda c: c.execute("CREATE VIEW v AS SELECT * FROM patient"),
    "a table nobody describes": lambda c: c.execute("CREATE TABLE other (id, _hlc, _dev)"),
    "a described table missing": lambda c: c.execute("DROP TABLE note"),
    "a column that is not a field": lambda c: c.execute("ALTER TABLE note ADD COLUMN x"),
    "fields out of their table's order": lambda c: c.execute(
        "UPDATE carnet_fields SET name = CASE name WHEN 'tags' THEN 'alive' "
        "WHEN 'alive' THEN 'tags' ELSE name END"
    ),
    "a kind no reader knows": lambda c: c.execute(
        "UPDATE carnet_fields SET kind = 'pickle' WHERE name = 'tags'"
    ),
    "a name that is not an identifier": lambda c: (
        c.execute('ALTER TABLE note RENAME TO "no te"'),
        c.execute("UPDATE carnet_fields SET entity = 'no te' WHERE entity = 'note'"),
    ),
    "an id that is not text": lambda c: c.execute("UPDATE patient SET id = 7 WHERE id = 'p1'"),
    "a stamp that is not an integer": lambda c: c.execute("UPDATE note SET _hlc = '200'"),
    "a device that is not text": lambda c: c.execute("UPDATE note SET _dev = NULL"),
}


@pytest.mark.parametrize("how", sorted(MALFORMED))
def test_an_image_that_is_anything_else_is_refused_before_it_is_read(how: str) -> None:
    with pytest.raises(IntegrityError, match="chunk 2 of 5 is authentic but malformed"):
        decode_chunk(_image(MALFORMED[how]), "chunk 2 of 5", 3)


def test_a_damaged_image_is_refused() -> None:
    raw = bytearray(_image(rows=400))
    raw[4096 : 2 * 4096] = b"\xff" * 4096  # page 2, a b-tree page, overwritten
    with pytest.raises(IntegrityError, match="authentic but malformed"):
        open_image(bytes(raw), "chunk 1")
    with pytest.raises(IntegrityError, match="authentic but malformed"):
        open_image(b"SQLite format 3\x00" + bytes(50), "chunk 1")

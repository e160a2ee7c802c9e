"""Writing snapshots: a replica's whole state, sealed as format 3 when it exports row
images (:class:`sync.ports.ImageExport`), format 2 otherwise (or, for tests and the
side-by-side benchmark, format 1).

The replica's export decides the order (a store puts identity first, then the newest
records): chunks keep it, so a reader could start using the practice before the last
chunk arrives.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from sync import snapshot_format
from sync.backends.base import AlreadyExistsError
from sync.changes import Change
from sync.layout import snapshot_name
from sync.ports import Cursor, RowImage
from sync.segments import MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, PracticeKeys, pack_json, seal_object
from sync.snapshot_format import ROWS_VERSION, cut_chunks, seal_snapshot


class Creator(Protocol):
    def create(self, name: str, data: bytes) -> None: ...


def write_snapshot(
    store: Creator,
    keys: PracticeKeys,
    device: str,
    cursors: Mapping[str, Cursor],
    meta: Mapping[str, Any],
    changes: Iterable[Change | RowImage],
    chunk_bytes: int | None = None,
    number: int | None = None,
) -> tuple[str, int]:
    """Seal ``changes`` (consumed once, in order; row images among them make it format
    3) as a snapshot of ``device`` and create its objects, chunks first and the root
    last: (root name, changes). The number is the creation time in ms, one more while
    that name is taken. ``chunk_bytes``: :data:`sync.snapshot_format.CHUNK_BYTES` unless
    given."""
    limit = snapshot_format.CHUNK_BYTES if chunk_bytes is None else chunk_bytes
    chunks: list[tuple[dict[str, int], bytes]] = []
    total = 0
    version = ROWS_VERSION
    for chunk in cut_chunks(changes, limit):
        chunks.append((chunk.plan, chunk.body()))  # compressed: the groups are dropped
        total += sum(chunk.plan.values())
        version = max(version, chunk.version)
    if number is None:
        number = time.time_ns() // 1_000_000
    while True:
        name = snapshot_name(keys.practice_id, device, number)
        sealed = seal_snapshot(keys, device, number, name, cursors, meta, chunks, version)
        try:
            for obj_name, data in [*sealed[1:], sealed[0]]:
                store.create(obj_name, data)
            return name, total
        except AlreadyExistsError:
            number += 1  # another snapshot took this ms (its chunks or root): next one


def write_snapshot_v1(
    store: Creator,
    keys: PracticeKeys,
    device: str,
    cursors: Mapping[str, Cursor],
    meta: Mapping[str, Any],
    changes: Iterable[Change | RowImage],
) -> tuple[str, int]:
    """Format 1, as Carnet wrote snapshots before format 2: one object (row images are
    written as the changes they hold). Kept so tests prove that old snapshots still
    restore, and for the benchmark's side-by-side rows."""
    items = []
    for item in changes:
        if isinstance(item, RowImage):
            items += [c.to_json() for group in item.groups() for c in group.changes()]
        else:
            items.append(item.to_json())
    body = {
        "cursors": {d: [c.seq, c.digest] for d, c in sorted(cursors.items())},
        "changes": items,
        "meta": dict(meta),
    }
    plaintext = pack_json(body)
    number = time.time_ns() // 1_000_000
    while True:
        name = snapshot_name(keys.practice_id, device, number)
        context = [keys.practice_id, device, str(number)]
        data = seal_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, context, plaintext)
        try:
            store.create(name, data)
            return name, len(items)
        except AlreadyExistsError:
            number += 1

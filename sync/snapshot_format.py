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
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import zstandard

from sync.changes import ZERO, Change, changes_from_json
from sync.errors import IntegrityError
from sync.ports import Cursor, RowGroup, SnapshotPart
from sync.segments import (
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    SNAPSHOT_VERSION,
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


def cut_chunks(changes: Iterable[Change], limit: int = CHUNK_BYTES) -> Iterator[_Chunk]:
    """Group ``changes`` (in the order given: the replica decides what comes first) and cut
    them into chunks of about ``limit`` bytes of text."""
    chunk = _Chunk()
    groups, plan = chunk.groups, chunk.plan
    for change in changes:
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
) -> list[tuple[str, bytes]]:
    """The sealed objects of a format-2 snapshot, root first: (name, data) each, from
    each chunk's (changes per entity, compressed body). Upload the chunks first and the
    root last, so a listed root has every chunk behind it."""
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
    sealed = seal_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, plain, SNAPSHOT_VERSION)
    out = [(name, sealed)]
    prev = digest(sealed)
    for index, (_, body) in enumerate(chunks, start=1):
        ctx = chunk_context(pid, device, number, index, count, prev)
        data = seal_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, body, SNAPSHOT_VERSION)
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
) -> bytes:
    """Verify chunk ``index`` of ``count`` (AEAD, position, chain link, the root's epoch)
    and inflate it: its JSON bytes, not parsed yet. Mostly outside the interpreter lock."""
    what = f"chunk {index} of {count} of snapshot {number} of device {device}"
    ctx = chunk_context(keys.practice_id, device, number, index, count, prev)
    version, body = open_versioned(
        keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, data, what, SNAPSHOT_VERSION
    )
    if version != SNAPSHOT_VERSION or data[5:9] != epoch.to_bytes(4, "big"):
        raise IntegrityError(f"{what} is not sealed like its snapshot's root (replaced?)")
    return inflate(body, what)


def decode_chunk(raw: bytes, what: str) -> SnapshotPart:
    """A verified chunk's JSON as row groups and changes; IntegrityError if malformed."""
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

"""The narrow interface between the sync engine and a local replica of the practice.

The engine knows nothing of tables or SQL: it reads this device's unpushed changes,
applies other devices' changes, and keeps one cursor per device, all through
:class:`Replica`. The local store implements it on SQLCipher; the tests implement it
in memory, which is the proof that the interface is narrow enough.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sync.changes import Change, Stamp


@dataclass(frozen=True, slots=True)
class Cursor:
    """How far one device's chain of segments has been applied (or pushed).

    ``seq`` is the last segment number, ``digest`` the hash of that segment's ciphertext
    (hex; empty before the first segment), which the next segment must name.
    """

    seq: int
    digest: str


START = Cursor(0, "")


class PendingChange:
    """A change written on this device and not yet pushed; ``local_seq`` orders them.

    Made from the change itself, or (:meth:`encoded`) from its wire form alone: a
    replica that journals changes as JSON hands that text over, the engine seals it as
    it is, and the change is only decoded if something asks for it. Encoding and
    decoding every change was most of a first push's time."""

    __slots__ = ("local_seq", "entity", "wire", "_change")

    def __init__(self, local_seq: int, change: Change) -> None:
        self.local_seq = local_seq
        self.entity = change.entity
        self.wire: bytes | None = None
        """The change exactly as a segment carries it (``change.to_wire()``, UTF-8, see
        :func:`sync.changes.wire`), when the replica has it; None otherwise."""
        self._change: Change | None = change

    @classmethod
    def encoded(cls, local_seq: int, entity: str, wire: bytes) -> PendingChange:
        pending = cls.__new__(cls)
        pending.local_seq, pending.entity, pending.wire = local_seq, entity, wire
        pending._change = None
        return pending

    @property
    def change(self) -> Change:
        if self._change is None:
            assert self.wire is not None
            self._change = Change.from_json(json.loads(self.wire))
        return self._change

    def __repr__(self) -> str:  # ids and numbers only, never field values
        return f"PendingChange({self.local_seq}, {self.entity})"


class WireBatch(Sequence[PendingChange]):
    """Pending changes read in one piece: their local seqs and entities, and their wire
    forms joined by commas (a segment body's inside) with where each one starts. A
    replica that can hand its journal over this way spares the push a Python object per
    change: the engine seals ``joined`` as it is, and a :class:`PendingChange` is made
    only for what asks for one (an adopted segment, a document's attachment)."""

    __slots__ = ("seqs", "entities", "joined", "_starts")

    def __init__(
        self, seqs: list[int], entities: list[str], joined: bytes, lengths: Iterable[int]
    ) -> None:
        """``lengths``: each wire form's length in bytes, in order; they and the commas
        between them must make up ``joined`` exactly."""
        starts = [0]
        for length in lengths:
            starts.append(starts[-1] + length + 1)  # one comma after each but the last
        if not (len(seqs) == len(entities) == len(starts) - 1):
            raise ValueError("a wire batch needs a seq, an entity and a length per change")
        if seqs and starts[-1] - 1 != len(joined):
            raise ValueError("a wire batch's lengths do not add up to its wire forms")
        self.seqs, self.entities, self.joined, self._starts = seqs, entities, joined, starts

    def __len__(self) -> int:
        return len(self.seqs)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self.seqs))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            if start == 0 and stop == len(self.seqs):
                return self
            stop = max(start, stop)
            starts = self._starts
            joined = self.joined[starts[start] : starts[stop] - 1] if stop > start else b""
            lengths = [starts[i + 1] - starts[i] - 1 for i in range(start, stop)]
            return WireBatch(self.seqs[start:stop], self.entities[start:stop], joined, lengths)
        at = range(len(self.seqs))[index]  # IndexError as a list's
        starts = self._starts
        wire = self.joined[starts[at] : starts[at + 1] - 1]
        return PendingChange.encoded(self.seqs[at], self.entities[at], wire)

    def of_entity(self, entity: str) -> list[PendingChange]:
        """The changes of one kind of record, made without the others."""
        return [self[i] for i, e in enumerate(self.entities) if e == entity]

    def __repr__(self) -> str:  # numbers only, never field values
        first = self.seqs[0] if self.seqs else None
        return f"WireBatch({len(self.seqs)} from local seq {first})"


@dataclass(frozen=True, slots=True)
class ApplyReport:
    applied: int
    skipped: int
    conflicts: int


class Replica(Protocol):
    """A device's local copy of the practice, as the sync engine sees it.

    Every method that writes does so in one local transaction: a crash leaves either
    all of it or none of it.
    """

    @property
    def device_id(self) -> str: ...

    def pending_changes(self, after: int, limit: int) -> Sequence[PendingChange]:
        """This device's own changes with ``local_seq > after``, oldest first: a list, or
        a :class:`WireBatch`."""
        ...

    def push_cursor(self) -> tuple[int, Cursor]:
        """(last pushed local_seq, cursor of this device's last pushed segment)."""
        ...

    def record_pushed(self, up_to_local_seq: int, cursor: Cursor) -> None:
        """Remember that changes up to ``up_to_local_seq`` are in the segment ``cursor``."""
        ...

    def cursor(self, device_id: str) -> Cursor:
        """The last segment of ``device_id`` applied here (``START`` if none)."""
        ...

    def cursors(self) -> dict[str, Cursor]:
        """Every other device's cursor."""
        ...

    def apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        """Merge another device's changes and advance its cursor, in one transaction.

        Idempotent: a change whose stamp is already known changes nothing.
        """
        ...

    def export_state(self) -> Iterable[Change]:
        """The whole replica as changes that recreate it (for snapshots)."""
        ...

    def meta(self) -> dict[str, Any]:
        """Non-secret facts the engine may publish encrypted (practice id, name)."""
        ...


@dataclass(frozen=True, slots=True)
class RowGroup:
    """Changes of one kind of record that each set the same ``fields`` at one stamp and
    replace nothing (creations, mostly: most of a snapshot), carried as rows
    ``[record_id, hlc, device, *values in fields order]``. ``sync`` knows no schema: a
    group is only "changes of one entity with the same fields at one stamp"."""

    entity: str
    fields: tuple[str, ...]
    rows: list[list[Any]]

    def changes(self) -> Iterator[Change]:
        """The group as the changes it stands for (repair, in-memory replicas)."""
        names = self.fields
        for row in self.rows:
            yield Change(
                self.entity, row[0], Stamp(row[1], row[2]), dict(zip(names, row[3:], strict=True))
            )


@dataclass(frozen=True, slots=True)
class ImageTable:
    """One kind of record in a :class:`RowImage`: its table is named after the entity,
    with columns ``id``, ``_hlc``, ``_dev`` then ``fields``; ``kinds`` says what each
    field's SQL value stands for (``"json"``: JSON text, ``"bool"``: 0 or 1, ``""``: as
    is); ``count`` rows, whose newest stamp has ``top`` as its hlc (0: not known yet, as
    an image is written)."""

    entity: str
    fields: tuple[str, ...]
    kinds: tuple[str, ...]
    count: int
    top: int = 0


@dataclass(frozen=True, slots=True)
class RowImage:
    """Groups of creations carried as a SQLite database (snapshot format 3,
    ``sync.snapshot_format``), a table per kind of record. ``sync`` still knows no
    schema: a replica that can attach it copies the rows in SQL; any other reads them as
    row groups (:meth:`groups`)."""

    tables: tuple[ImageTable, ...]
    image: bytes

    @property
    def count(self) -> int:
        return sum(t.count for t in self.tables)

    def groups(self, tables: Sequence[ImageTable] | None = None) -> list[RowGroup]:
        """The rows of ``tables`` (all of them by default) as row groups."""
        from sync.snapshot_format import image_groups  # the reader of the format

        return image_groups(self, self.tables if tables is None else tables)


@dataclass(frozen=True, slots=True)
class SnapshotPart:
    """One chunk of a format-2 or format-3 snapshot, verified and parsed: its row groups
    (or, format 3, row images), then the changes that do not group (several stamps in one
    record, open conflicts)."""

    groups: list[RowGroup]
    changes: list[Change]
    images: tuple[RowImage, ...] = ()

    def all_groups(self) -> list[RowGroup]:
        """The groups, and the images read as groups."""
        return [*self.groups, *(g for image in self.images for g in image.groups())]

    def all_changes(self) -> Iterator[Change]:
        for group in self.all_groups():
            yield from group.changes()
        yield from self.changes

    def __len__(self) -> int:
        return (
            sum(len(g.rows) for g in self.groups)
            + sum(i.count for i in self.images)
            + len(self.changes)
        )


@runtime_checkable
class ImageExport(Protocol):
    """A replica that exports its creations as row images (snapshot format 3)."""

    def export_snapshot(self) -> Iterable[Change | RowImage]:
        """:meth:`Replica.export_state`, with row images in place of groups of creations:
        the same records, stamps and conflicts, in the same order of kinds."""
        ...


class SnapshotTarget(Protocol):
    """A replica that can be filled from a snapshot (an empty one, during restore or join;
    a non-empty one when it follows a repair or moves to a storage that has one)."""

    def load_snapshot(self, changes: Iterable[Change], cursors: dict[str, Cursor]) -> None:
        """Apply a full state and the cursors it covers, in one transaction."""
        ...

    def load_snapshot_parts(
        self, parts: Iterable[SnapshotPart], cursors: dict[str, Cursor]
    ) -> None:
        """Apply a snapshot that arrives in parts (format 2), and the cursors it covers,
        in one transaction: the same result as :meth:`load_snapshot` of every part's
        changes. ``parts`` is consumed lazily (the next chunk is fetched and decrypted
        while one is applied); a group's rows may go straight to the database."""
        ...


@runtime_checkable
class BlobSource(Protocol):
    """Optional: a replica whose records reference attachments (documents).

    Before sealing a segment, the engine uploads every attachment its changes reference,
    so a device never receives a record whose document is not on the storage yet.
    """

    def blobs_referenced(self, changes: Sequence[PendingChange]) -> list[str]:
        """SHA-256 (hex) of the attachments that these changes reference (look at
        ``entity`` first: decoding every ``change`` is what encoded changes avoid)."""
        ...

    def read_blob(self, sha256: str) -> bytes:
        """The attachment's plaintext, from the local store."""
        ...


@runtime_checkable
class GroupedApply(Protocol):
    """Optional: a replica that can apply several segments in one local transaction.

    When a device catches up on many segments (a restore, weeks offline), a commit per
    segment becomes the main cost as the database grows (each commit rewrites the index
    pages it touched). The engine then opens a group, applies up to
    ``SyncEngine.group_segments`` segments (each verified before it is applied, and its
    cursor advanced with it, as always) and ends the group, committed. Each
    ``apply_segment`` in a group must stay all or nothing on its own (a savepoint): when
    one fails, the engine still commits the whole segments applied before it. A crash
    loses at most the group, which is pulled again from the last committed cursor.
    """

    def begin_group(self) -> None:
        """Open the transaction that the following ``apply_segment`` calls join."""
        ...

    def end_group(self, commit: bool) -> None:
        """Commit (``True``) or roll back the open group; nothing if none is open."""
        ...


@runtime_checkable
class RecordsAside(Protocol):
    """Optional: a replica that can record pushes from another thread.

    Recording a pushed segment is a commit that drops the journal entries it holds: on a
    first push, as long as reading them. Given a function that does what
    ``record_pushed`` does, through a connection of its own, the engine calls it from one
    helper thread (one call at a time, in order) while this thread goes on reading
    ``pending_changes``; the replica's other methods stay on the calling thread.
    """

    def recording(self) -> contextlib.AbstractContextManager[Callable[[int, Cursor], None]]:
        """The recording function, usable until the context ends (then closed)."""
        ...

"""Reading snapshots: the newest full state a new device starts from.

Writing one is :meth:`sync.engine.SyncEngine.publish_snapshot` (it pushes first).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from typing import Any

from sync.backends.base import Backend, BackendError, NotFoundError
from sync.changes import Change, changes_from_json
from sync.counting import latest_numbered
from sync.devices import Revocation, revoked_limit
from sync.errors import CancelledError, IntegrityError, from_backend
from sync.layout import parse_numbered, snapshot_name, snapshots_prefix
from sync.ports import Cursor, SnapshotPart, SnapshotTarget
from sync.prefetch import FETCH_AHEAD, produced_ahead
from sync.segments import (
    HEADER,
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    SNAPSHOT_VERSION,
    PracticeKeys,
    digest,
    open_versioned,
    unpack_json,
)
from sync.snapshot_format import (
    IMAGES_VERSION,
    SQLITE_MAGIC,
    chunk_name,
    decode_chunk,
    open_chunk,
    parse_root,
    root_context,
)

PREFETCH_CHUNKS = 2
"""Chunks fetched, decrypted and inflated ahead of the one being applied: enough to keep
the helper thread busy, few enough that memory stays a few chunks."""


class Snapshot:
    """A snapshot whose root (format 2) or whole object (format 1) opened: its name,
    cursors and meta; its content from :meth:`parts` (streamed, each chunk verified
    before it is parsed) or :attr:`changes` (all of it, expanded)."""

    __slots__ = (
        "name", "device", "number", "epoch", "version", "cursors", "meta", "chunks", "plan",
        "_backend", "_keys", "_changes", "_root_digest",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        device: str,
        number: int,
        data: bytes,
        cursors: dict[str, Cursor],
        meta: dict[str, object],
    ) -> None:
        self.name, self.device, self.number = name, device, number
        _, self.version, self.epoch = HEADER.unpack_from(data)
        self._root_digest = digest(data)
        self.cursors, self.meta = cursors, meta
        self.chunks = 0
        self.plan: list[Any] = []
        self._changes: list[Change] | None = None
        self._backend: Backend | None = None
        self._keys: PracticeKeys | None = None

    @property
    def what(self) -> str:
        return f"snapshot {self.number} of device {self.device}"

    @property
    def changes(self) -> list[Change]:
        """Every change of the snapshot (a repair merges them into a non-empty replica)."""
        if self._changes is None:
            self._changes = [c for part in self.parts() for c in part.all_changes()]
        return self._changes

    def parts(
        self, cancel: threading.Event | None = None, depth: int = PREFETCH_CHUNKS
    ) -> Iterator[SnapshotPart]:
        """The content, chunk by chunk, in order: chunk n+1 is fetched, authenticated and
        inflated on a helper thread while the caller applies chunk n. A missing,
        replaced, reordered or foreign chunk raises :class:`IntegrityError` naming it,
        after every chunk before it (nothing of it is parsed)."""
        if self._backend is None:  # format 1: the whole state was in the one object
            yield SnapshotPart([], self._changes or [])
            return
        for _, _, part in self.numbered_parts(cancel=cancel, depth=depth):
            yield part

    def numbered_parts(
        self,
        start: int = 1,
        prev: str | None = None,
        cancel: threading.Event | None = None,
        depth: int = PREFETCH_CHUNKS,
        end: int | None = None,
    ) -> Iterator[tuple[int, str, SnapshotPart]]:
        """Format 2: (index, digest of the sealed chunk, part) of chunks ``start`` to
        ``end`` (the last unless given), as :meth:`parts`. To resume after chunk k, pass
        ``start`` k + 1 and ``prev`` chunk k's digest (as this yielded it): the chain is
        checked from there."""
        if self._backend is None:
            raise ValueError("a format-1 snapshot has no chunks")
        if start < 1 or (start > 1) != (prev is not None):
            raise ValueError("resume after chunk k with its digest")
        stop = cancel or threading.Event()

        def check_cancel() -> None:
            if stop.is_set():
                raise CancelledError("restore paused while loading the snapshot")

        last = self.chunks if end is None else min(end, self.chunks)
        count = last - start + 1
        if count <= 0:
            return
        fetched = produced_ahead(
            self._fetched_chunks(start, last), count, FETCH_AHEAD, stop, check_cancel,
            name="carnet-snapshot-fetch",
        )  # fmt: skip
        with closing(fetched), ThreadPoolExecutor(
            1, thread_name_prefix="carnet-snapshot-check"
        ) as checks:
            opened = self._opened_chunks(fetched, prev or self._root_digest, checks)
            for index, sealed, raw in produced_ahead(opened, count, depth, stop, check_cancel):
                if isinstance(raw, Future):
                    yield index, sealed, raw.result()
                else:
                    what = f"chunk {index} of {self.chunks} of {self.what}"
                    yield index, sealed, _decoded(raw, what, self)

    def _fetched_chunks(self, start: int, last: int) -> Iterator[tuple[int, bytes]]:
        """Chunks ``start`` to ``last`` as stored (sealed), in order; nothing checked yet."""
        backend = self._backend
        assert backend is not None
        for index in range(start, last + 1):
            try:
                yield index, backend.get(chunk_name(self.name, index))
            except NotFoundError:
                raise IntegrityError(
                    f"chunk {index} of {self.chunks} of {self.what} is missing from the storage",
                    self.device,
                    self.number,
                ) from None
            except BackendError as exc:
                raise from_backend(exc) from exc

    def _opened_chunks(
        self, fetched: Iterator[tuple[int, bytes]], prev: str, checks: ThreadPoolExecutor
    ) -> Iterator[tuple[int, str, bytes | Future[SnapshotPart]]]:
        """Each fetched chunk verified (AEAD, position, chain link) and inflated. A row
        image is then checked on ``checks`` (SQLite's work, outside the interpreter lock)
        while the next chunk is opened; JSON is parsed by the caller (``json.loads`` would
        hold the lock for a whole chunk)."""
        keys = self._keys
        assert keys is not None
        for index, data in fetched:
            what = f"chunk {index} of {self.chunks} of {self.what}"
            try:
                raw = open_chunk(
                    keys,
                    self.device,
                    self.number,
                    index,
                    self.chunks,
                    prev,
                    self.epoch,
                    data,
                    self.version,
                )
            except IntegrityError as exc:
                raise IntegrityError(str(exc), self.device, self.number) from exc
            prev = digest(data)
            if self.version >= IMAGES_VERSION and raw.startswith(SQLITE_MAGIC):
                yield index, prev, checks.submit(_decoded, raw, what, self)
            else:
                yield index, prev, raw


def _decoded(raw: bytes, what: str, snap: Snapshot) -> SnapshotPart:
    try:
        return decode_chunk(raw, what, snap.version)
    except IntegrityError as exc:
        raise IntegrityError(str(exc), snap.device, snap.number) from exc


def read_latest_snapshot(
    backend: Backend,
    keys: PracticeKeys,
    revocations: Sequence[Revocation] = (),
    retired: Collection[str] = (),
    trusted: Collection[str] = (),
) -> Snapshot | None:
    """The newest snapshot (by the creation time in its name, over all devices), verified;
    None if there is none. A snapshot that fails verification raises, never falls back
    silently. With ``revocations``, snapshots a revoked key holder could have written are
    passed over (by a revoked device, sealed with an epoch older than the newest
    revocation, or covering a revoked device past its last valid segment): the next
    newest is taken, or none (then every segment is replayed). ``retired``: chains a
    repair retired; their devices' snapshots are passed over too, and when there are
    any, a snapshot is required (after a repair the new chains only carry what the
    repair's snapshot lacks): :class:`IntegrityError` if none is left. ``trusted``:
    snapshots named by verified repair records, taken whatever epoch sealed them."""
    prefix = snapshots_prefix(keys.practice_id)
    try:
        listing = backend.list(prefix)
    except BackendError as exc:
        raise from_backend(exc) from exc
    candidates = [
        (num, dev) for dev, nums in latest_numbered(listing, prefix).items() for num in nums
    ]
    rule = _Rule(revocations, retired, trusted)
    for number, device in sorted(candidates, reverse=True):
        if not rule.device_allowed(device):
            continue
        name = snapshot_name(keys.practice_id, device, number)
        snap = _read_snapshot(backend, keys, device, number, rule.min_epoch(name))
        if snap is None or not rule.covers_allowed(snap):
            continue
        return snap
    if retired:
        raise IntegrityError(
            "the storage was repaired, but the snapshot the repair published is missing "
            "or unreadable: run 'carnet repair' again from a device that holds the data"
        )
    return None


class _Rule:
    """Which snapshots the revocation and repair records let a restore start from (see
    :func:`read_latest_snapshot`)."""

    def __init__(
        self, revocations: Sequence[Revocation], retired: Collection[str], trusted: Collection[str]
    ) -> None:
        self.refused = {d for r in revocations for d in r.revoked} | set(retired)
        self.newest_epoch = max((r.epoch for r in revocations), default=0)
        revoked = {d for r in revocations for d in r.revoked}
        self.limits = {d: revoked_limit(revocations, d) or 0 for d in revoked}
        self.trusted = trusted

    def device_allowed(self, device: str) -> bool:
        return device not in self.refused

    def min_epoch(self, name: str) -> int:
        return 0 if name in self.trusted else self.newest_epoch

    def covers_allowed(self, snap: Snapshot) -> bool:
        return all(c.seq <= self.limits.get(d, c.seq) for d, c in snap.cursors.items())


def reread_snapshot(
    backend: Backend,
    keys: PracticeKeys,
    name: str,
    revocations: Sequence[Revocation] = (),
    retired: Collection[str] = (),
    trusted: Collection[str] = (),
) -> Snapshot:
    """The snapshot a restore started from, opened again to go on loading it, verified
    and checked against today's revocation and repair records as
    :func:`read_latest_snapshot` checked it: :class:`IntegrityError` if those now refuse
    it (a device revoked in between), so nothing it holds is applied past that."""
    parsed = parse_numbered(name, snapshots_prefix(keys.practice_id))
    if parsed is None:
        raise IntegrityError(f"{name} is not a snapshot name")
    device, number = parsed
    rule = _Rule(revocations, retired, trusted)
    snap = None
    if rule.device_allowed(device):
        snap = _read_snapshot(backend, keys, device, number, rule.min_epoch(name))
    if snap is None or not rule.covers_allowed(snap):
        raise IntegrityError(
            f"snapshot {number} of device {device}, which this restore started from, is "
            "refused now (its device was revoked or the storage repaired since): restore "
            "again into an empty folder",
            device,
            number,
        )
    return snap


def read_snapshot(backend: Backend, keys: PracticeKeys, name: str) -> Snapshot:
    """The snapshot stored at ``name`` (a repair names its own), verified."""
    parsed = parse_numbered(name, snapshots_prefix(keys.practice_id))
    if parsed is None:
        raise IntegrityError(f"{name} is not a snapshot name")
    snap = _read_snapshot(backend, keys, parsed[0], parsed[1], 0)
    assert snap is not None  # min_epoch 0 passes over nothing
    return snap


def _read_snapshot(
    backend: Backend, keys: PracticeKeys, device: str, number: int, min_epoch: int
) -> Snapshot | None:
    """Open one snapshot (format 1: all of it; format 2: its root); None if it is sealed
    with an epoch older than ``min_epoch``."""
    name = snapshot_name(keys.practice_id, device, number)
    try:
        data = backend.get(name)
    except BackendError as exc:
        raise from_backend(exc) from exc
    if len(data) >= HEADER.size and HEADER.unpack_from(data)[2] < min_epoch:
        return None
    what = f"snapshot {number} of device {device}"
    context = root_context(keys.practice_id, device, number)
    try:
        version, body = open_versioned(
            keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, context, data, what, SNAPSHOT_VERSION
        )
        value = unpack_json(body, what)
        if version == 1:
            cursors = {d: Cursor(int(s), str(h)) for d, (s, h) in value["cursors"].items()}
            snap = Snapshot(name, device, number, data, cursors, dict(value.get("meta", {})))
            snap._changes = changes_from_json(value["changes"])
            return snap
        count, cursors, meta, plan = parse_root(value)
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device, number) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed", device, number) from exc
    snap = Snapshot(name, device, number, data, cursors, meta)
    snap.chunks, snap.plan = count, plan
    snap._backend, snap._keys = backend, keys
    return snap


def load_latest_snapshot(
    backend: Backend,
    keys: PracticeKeys,
    target: SnapshotTarget,
    revocations: Sequence[Revocation] = (),
    retired: Collection[str] = (),
    trusted: Collection[str] = (),
    cancel: threading.Event | None = None,
) -> dict[str, Cursor] | None:
    """Fill an empty ``target`` from the newest snapshot (see :func:`read_latest_snapshot`
    for ``revocations``); returns the cursors it covers (None, and nothing loaded, if the
    practice has no snapshot). Then a ``SyncEngine`` on that replica pulls what came
    after: restore = snapshot + later segments."""
    snap = read_latest_snapshot(backend, keys, revocations, retired, trusted)
    if snap is None:
        return None
    if snap.version == 1:
        target.load_snapshot(snap.changes, snap.cursors)
    else:
        target.load_snapshot_parts(snap.parts(cancel), snap.cursors)
    return snap.cursors


def verify_latest_snapshot(
    backend: Backend,
    keys: PracticeKeys,
    revocations: Sequence[Revocation] = (),
    retired: Collection[str] = (),
    trusted: Collection[str] = (),
) -> None:
    """Open, as a restore would, every object of the snapshot a restore starts from."""
    snap = read_latest_snapshot(backend, keys, revocations, retired, trusted)
    if snap is not None:
        verify(snap)


def verify(snap: Snapshot) -> int:
    """Open and parse every chunk of ``snap``; how many changes it holds."""
    return sum(len(part) for part in snap.parts())

"""Reading snapshots: the newest full state a new device starts from.

Writing one is :meth:`sync.engine.SyncEngine.publish_snapshot` (it pushes first).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sync.backends.base import Backend, BackendError
from sync.changes import Change, changes_from_json
from sync.counting import latest_numbered
from sync.devices import Revocation, revoked_limit
from sync.errors import IntegrityError, from_backend
from sync.layout import parse_numbered, snapshot_name, snapshots_prefix
from sync.ports import Cursor, SnapshotTarget
from sync.segments import (
    HEADER,
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    PracticeKeys,
    open_object,
    unpack_json,
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    name: str
    device: str
    changes: list[Change]
    cursors: dict[str, Cursor]
    meta: dict[str, object]


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
    revoked = {d for r in revocations for d in r.revoked}
    newest_epoch = max((r.epoch for r in revocations), default=0)
    limits = {d: revoked_limit(revocations, d) or 0 for d in revoked}
    for number, device in sorted(candidates, reverse=True):
        if device in revoked or device in retired:
            continue
        name = snapshot_name(keys.practice_id, device, number)
        snap = _read_snapshot(backend, keys, device, number, 0 if name in trusted else newest_epoch)
        if snap is None or any(c.seq > limits.get(d, c.seq) for d, c in snap.cursors.items()):
            continue
        return snap
    if retired:
        raise IntegrityError(
            "the storage was repaired, but the snapshot the repair published is missing "
            "or unreadable: run 'carnet repair' again from a device that holds the data"
        )
    return None


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
    """Open one snapshot; None if it is sealed with an epoch older than ``min_epoch``."""
    name = snapshot_name(keys.practice_id, device, number)
    try:
        data = backend.get(name)
    except BackendError as exc:
        raise from_backend(exc) from exc
    if len(data) >= HEADER.size and HEADER.unpack_from(data)[2] < min_epoch:
        return None
    what = f"snapshot {number} of device {device}"
    context = [keys.practice_id, device, str(number)]
    try:
        value = unpack_json(
            open_object(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, context, data, what), what
        )
        cursors = {d: Cursor(int(s), str(h)) for d, (s, h) in value["cursors"].items()}
        changes = changes_from_json(value["changes"])
        meta = dict(value.get("meta", {}))
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device, number) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed", device, number) from exc
    return Snapshot(name, device, changes, cursors, meta)


def load_latest_snapshot(
    backend: Backend,
    keys: PracticeKeys,
    target: SnapshotTarget,
    revocations: Sequence[Revocation] = (),
    retired: Collection[str] = (),
    trusted: Collection[str] = (),
) -> dict[str, Cursor] | None:
    """Fill an empty ``target`` from the newest snapshot (see :func:`read_latest_snapshot`
    for ``revocations``); returns the cursors it covers (None, and nothing loaded, if the
    practice has no snapshot). Then a ``SyncEngine`` on that replica pulls what came
    after: restore = snapshot + later segments."""
    snap = read_latest_snapshot(backend, keys, revocations, retired, trusted)
    if snap is None:
        return None
    target.load_snapshot(snap.changes, snap.cursors)
    return snap.cursors

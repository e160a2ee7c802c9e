"""The remote check (``carnet check``): verify a practice on the storage, writing nothing."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sync import snapshots
from sync.backends.base import Backend, NotFoundError
from sync.blobs import BlobRef, download_blob, open_chunk
from sync.counting import CountingStore, get_head_bytes, latest_numbered
from sync.devices import Revocation, check_segment_epoch, revoked_limit
from sync.errors import IntegrityError
from sync.heads import Head, decode_head
from sync.layout import heads_prefix, parse_head, parse_numbered, segment_name, snapshots_prefix
from sync.ports import START, Cursor
from sync.restorable import restore_problems
from sync.segments import (
    HEADER,
    PracticeKeys,
    decode_segment,
    digest,
)
from sync.signing import SigningPin


@dataclass(frozen=True, slots=True)
class DeviceCheck:
    """One device's chain on the storage. ``problems`` is empty when it is intact."""

    device: str
    head: int
    segments: int
    changes: int | None  # counted only with read_data
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckReport:
    devices: tuple[DeviceCheck, ...]
    snapshots: int
    blobs: int
    problems: tuple[str, ...]  # not tied to one device (snapshots, blobs)
    requests: int
    retired: int = 0  # chains retired by a repair: not checked, never read again

    @property
    def ok(self) -> bool:
        return not self.problems and all(not d.problems for d in self.devices)


def check_remote(
    backend: Backend,
    keys: PracticeKeys,
    *,
    read_data: bool = False,
    known: dict[str, Cursor] | None = None,
    revocations: Sequence[Revocation] = (),
    pin: SigningPin | None = None,
    own: tuple[str, Cursor] | None = None,
    retired: Collection[str] = (),
    documents: Sequence[BlobRef] = (),
) -> CheckReport:
    """Verify the practice on the storage without writing anything (``carnet check``).

    Always: listings, every device's segments numbered 1..head without gaps, each head
    opened, the last segment's size equal to its head's. ``known`` (a replica's cursors)
    adds the rollback check; ``revocations`` (the replica's verified records) the segments
    a revocation makes invalid, and ``pin`` (the pinned signing key) the records'
    signatures. With ``read_data``: every segment opened and chained, every snapshot and
    every attachment chunk opened. Problems are collected, not raised.
    ``own``: this device's id and push cursor, so a storage that lost the end of its own
    chain is reported; ``retired``: chains a repair retired (skipped); ``documents``
    (with ``read_data``): every attachment a restore would fetch, fetched as it would.
    """
    store = CountingStore(backend)
    pid = keys.practice_id
    listing = store.list(f"{pid}/")
    sizes = {o.name: o.size for o in listing}
    heads = latest_numbered(listing, heads_prefix(pid), parse_head)
    segs = latest_numbered(listing, f"{pid}/devices/")
    known = dict(known or {})
    if own is not None:
        known[own[0]] = own[1]
    names = set(heads) | set(segs) | {d for d, c in known.items() if c.seq}
    devices = [
        _check_device(
            store,
            keys,
            dev,
            heads.get(dev, []),
            segs.get(dev, []),
            sizes,
            read_data,
            known,
            revocations,
            own is not None and dev == own[0],
        )
        for dev in sorted(names - set(retired))
    ]
    problems: list[str] = []
    snaps = [n for n in sizes if n.startswith(snapshots_prefix(pid))]
    blobs = [n for n in sizes if n.startswith(f"{pid}/blobs/")]
    if read_data:
        problems += restore_problems(store, keys, list(sizes), revocations, retired, pin)
        problems += _check_snapshots(store.backend, keys, snaps)
        for name in blobs:
            try:
                open_chunk(keys, name, store.get(name))
            except (IntegrityError, NotFoundError) as exc:
                problems.append(str(exc))
        for ref in documents:
            try:
                download_blob(store, keys, ref)
            except (IntegrityError, NotFoundError) as exc:
                problems.append(f"a document ({ref.sha256[:12]}...) cannot be restored: {exc}")
    return CheckReport(
        tuple(devices),
        sum(parse_numbered(n, snapshots_prefix(pid)) is not None for n in snaps),
        len(blobs),
        tuple(problems),
        store.requests,
        len(names & set(retired)),
    )


def _check_snapshots(backend: Backend, keys: PracticeKeys, names: list[str]) -> list[str]:
    """Every snapshot opened as a restore opens it, every chunk of it included (chunks,
    named ``<snapshot>.<index>``, are checked through their snapshot)."""
    problems: list[str] = []
    prefix = snapshots_prefix(keys.practice_id)
    for name in names:
        parsed = parse_numbered(name, prefix)
        if parsed is None:
            root, _, index = name.rpartition(".")
            if not (index.isdigit() and parse_numbered(root, prefix)):
                problems.append(f"unexpected object {name}")
            continue
        try:
            snapshots.verify(snapshots.read_snapshot(backend, keys, name))
        except (IntegrityError, NotFoundError) as exc:
            problems.append(str(exc))
    return problems


def _check_device(
    store: CountingStore,
    keys: PracticeKeys,
    device: str,
    head_seqs: list[int],
    seqs: list[int],
    sizes: dict[str, int],
    read_data: bool,
    known: dict[str, Cursor],
    revocations: Sequence[Revocation] = (),
    is_own: bool = False,
) -> DeviceCheck:
    problems: list[str] = []
    top = head_seqs[-1] if head_seqs else 0
    limit = revoked_limit(revocations, device)
    if limit is not None and max([top, *seqs], default=0) > limit:
        problems.append(
            f"revoked: segments after {limit} were written after its revocation (refused)"
        )
    applied = known.get(device, START).seq
    if is_own and max([top, *seqs], default=0) < applied:
        problems.append(
            f"this device pushed up to segment {applied} but the storage holds only up to "
            f"{max([top, *seqs], default=0)}: it lost them (rolled back or deleted); "
            "put it back as it was, or run 'carnet repair'"
        )
    elif top < applied:
        problems.append(f"head {top} is behind segment {applied} already applied: rollback")
    expected = list(range(1, max([top, *seqs], default=0) + 1))
    missing = sorted(set(expected) - set(seqs))
    if missing:
        problems.append(f"missing segments {missing[:10]}{'...' if len(missing) > 10 else ''}")
    head: Head | None = None
    if top:
        try:
            head = decode_head(
                keys, device, top, get_head_bytes(store, keys.practice_id, device, top)
            )
        except (IntegrityError, NotFoundError) as exc:
            problems.append(str(exc))
    if head is not None and sizes.get(segment_name(keys.practice_id, device, top)) != head.length:
        problems.append(f"segment {top} is not the size its head names")
    changes: int | None = None
    if read_data and not missing:
        changes, chain_problems = _read_chain(store, keys, device, seqs, head, revocations)
        problems += chain_problems
    return DeviceCheck(device, top, len(seqs), changes, tuple(problems))


def _read_chain(
    store: CountingStore,
    keys: PracticeKeys,
    device: str,
    seqs: list[int],
    head: Head | None,
    revocations: Sequence[Revocation] = (),
) -> tuple[int, list[str]]:
    changes, prev = 0, ""
    limit = revoked_limit(revocations, device)
    for seq in seqs:
        if limit is not None and seq > limit:
            break  # reported by the caller
        try:
            data = store.get(segment_name(keys.practice_id, device, seq))
            changes += len(decode_segment(keys, device, seq, prev, data))
            check_segment_epoch(revocations, device, seq, HEADER.unpack_from(data)[2])
        except (IntegrityError, NotFoundError) as exc:
            return changes, [str(exc)]
        prev = digest(data)
        if head is not None and seq == head.seq and prev != head.digest:
            return changes, [f"segment {seq} is not the one its head names"]
    return changes, []

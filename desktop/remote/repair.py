"""Repairing the practice's storage after it lost things, and following a repair.

``repair(service)`` is the one explicit action (``carnet repair``, the app's Repair
button) that makes a storage whole again from this device: it first pulls whatever is
still readable, then, as a move to new storage does but in place, takes a new device
id, uploads every attachment it holds, publishes a snapshot of everything, and last
creates the repair record that retires every chain the storage held (see
:mod:`sync.repair`). ``follow(service, numbers)`` is what every other device does at its
next sync: merge the repair's snapshot and push what it holds that the snapshot lacks.
Both are restartable: an interrupted step is owed in the encrypted meta and finished by
the next sync.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.practice import meta
from desktop.practice.meta import USABLE, MetaKey
from desktop.practice.store import Practice
from desktop.remote.keyring import StoreKeyRing
from sync.backends.base import AlreadyExistsError, BackendError
from sync.blobs import upload_blob
from sync.changes import new_id
from sync.devices import Revocation
from sync.errors import from_backend
from sync.layout import heads_prefix, parse_head, parse_numbered
from sync.ports import PendingChange
from sync.repair import (
    Repair,
    RepairRaceError,
    StorageRepairedError,
    decode_repair,
    encode_repair,
    missing_from,
    new_repair,
    read_repairs,
    repair_marker_name,
    repair_markers,
    retired_chains,
)
from sync.snapshots import read_snapshot

if TYPE_CHECKING:
    from desktop.remote.service import SyncService

REPAIRS = MetaKey.REPAIRS
REPAIR_OWED = MetaKey.REPAIR_OWED
FOLLOW_OWED = MetaKey.FOLLOW_OWED


@dataclass(frozen=True)
class RepairReport:
    """What ``repair`` did: the new record, and the devices whose chains could not be
    read to their end (what they wrote past the fault is only in the new state if they
    sync again)."""

    record: Repair
    unreadable: Mapping[str, str]


def known_repairs(practice: Practice) -> dict[int, Repair]:
    raw = practice.meta_value(REPAIRS)
    records = [Repair.from_json(r, int(r.get("epoch", 0))) for r in json.loads(raw)] if raw else []
    return {r.number: r for r in records}


def _adopt(practice: Practice, records: Sequence[Repair]) -> None:
    merged = {**known_repairs(practice), **{r.number: r for r in records}}
    body = [{**merged[n].to_json(), "epoch": merged[n].epoch} for n in sorted(merged)]
    practice.set_meta(REPAIRS, json.dumps(body, sort_keys=True))


class StoreRepairs:
    """The store's side of :class:`sync.repair.RepairLedger`."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    def repairs(self) -> Mapping[int, Repair]:
        return known_repairs(self.practice)


def _revocations(service: SyncService) -> list[Revocation]:
    return list(StoreKeyRing(service.practice).revocations().values())


def read_and_adopt(practice: Practice, records: Sequence[Repair]) -> None:
    """Keep verified repair records (a join or restore, before it loads a snapshot)."""
    with practice.transaction():
        _adopt(practice, records)


# ---------------------------------------------------------------- repair


def repair(service: SyncService) -> RepairReport:
    """Make the storage whole again from this device (the caller has the human confirm
    first: see docs/sync-protocol.md, "Repair"). Pulls what is readable, then retires
    every chain and publishes this device's full state as the new starting point."""
    practice = service.practice
    if practice.meta_value(REPAIR_OWED):
        return finish_repair(service)
    engine = service.engine()
    heads_listing = engine._store.list(heads_prefix(service.keys.practice_id))
    try:
        pulled = engine.pull(heads_listing, tolerant=True)
    except StorageRepairedError as exc:
        follow(service, exc.numbers)  # another device repaired it first: follow that
        raise RepairRaceError(
            f"another device already repaired the storage (repair {exc.numbers[-1]}); this "
            "computer followed it. Run 'carnet check': repair again only if it still finds "
            "a problem"
        ) from None
    pid = service.keys.practice_id
    try:
        everything = service.backend.list(f"{pid}/")
    except BackendError as exc:
        raise from_backend(exc) from exc
    retired: dict[str, int] = {}
    for obj in everything:
        for parsed in (
            parse_head(obj.name, heads_prefix(pid)),
            parse_numbered(obj.name, f"{pid}/devices/"),
        ):
            if parsed is not None:
                retired[parsed[0]] = max(retired.get(parsed[0], 0), parsed[1])
    retired.setdefault(practice.device_id, 0)
    for device, cursor in service.replica.cursors().items():
        if cursor.seq:
            retired.setdefault(device, 0)
    for device in retired_chains(known_repairs(practice).values()):
        retired.pop(device, None)  # already retired by an earlier repair
    number = max(repair_markers(everything, pid), default=0) + 1
    was = practice.device_id
    with practice.transaction():
        service.replica.start_new_chains(new_id())
        owed = {"number": number, "was": was, "retired": retired, "failed": pulled.failed}
        practice.set_meta(REPAIR_OWED, json.dumps(owed, sort_keys=True))
    return finish_repair(service)


def finish_repair(service: SyncService) -> RepairReport:
    """Upload every attachment held here, publish a snapshot (after pushing), then
    create the repair record, create-only: the last step, so a reader that sees the
    record finds everything it names."""
    practice, backend, keys = service.practice, service.backend, service.keys
    owed = json.loads(str(practice.meta_value(REPAIR_OWED)))
    for sha in service.replica.local_blobs():
        upload_blob(backend, keys, service.replica.read_blob(sha))
    snapshot = service.publish_snapshot()
    record = new_repair(
        int(owed["number"]), practice.device_id, str(owed["was"]), snapshot, owed["retired"]
    )
    name = repair_marker_name(keys.practice_id, record.number)
    try:
        backend.create(name, encode_repair(keys, record))
    except AlreadyExistsError:
        theirs = decode_repair(keys, record.number, backend.get(name), _revocations(service))
        if theirs.by != practice.device_id:
            with practice.transaction():
                practice.set_meta(REPAIR_OWED, "")
            raise RepairRaceError(
                f"another device repaired the storage at the same moment (repair "
                f"{record.number}); sync this device, then check the storage again"
            ) from None
        record = theirs  # ours, from before a crash
    except BackendError as exc:
        raise from_backend(exc) from exc
    with practice.transaction():
        _adopt(practice, [record])
        practice.set_meta(REPAIR_OWED, "")
    return RepairReport(record, dict(owed.get("failed", {})))


# ---------------------------------------------------------------- follow


def follow(service: SyncService, numbers: Sequence[int]) -> None:
    """Follow the repairs ``numbers`` another device made: verify each record, become a
    new device (new chain), merge the repair's snapshot, and push
    every value held here that the snapshot lacks. Never replaces local data: merging
    keeps the newest write of every field, so no older state is silently accepted."""
    practice = service.practice
    records = read_repairs(service.backend, service.keys, numbers, _revocations(service))
    for record in sorted(records, key=lambda r: r.number):
        with practice.transaction():
            # Always a new chain: this device's may be retired, or lost without the
            # repairing device ever knowing it (pushed after the copy the storage went
            # back to); a fresh one is the only chain readers will follow for sure.
            service.replica.start_new_chains(new_id())
            _adopt(practice, [record])
            practice.set_meta(FOLLOW_OWED, str(record.number))
        finish_follow(service)


def finish_follow(service: SyncService) -> None:
    practice = service.practice
    number = int(str(practice.meta_value(FOLLOW_OWED)))
    record = known_repairs(practice)[number]
    snap = read_snapshot(service.backend, service.keys, record.snapshot)
    replica = service.replica
    ahead = {
        d: c
        for d, c in snap.cursors.items()
        if d != practice.device_id and c.seq > replica.cursor(d).seq
    }
    replica.load_snapshot(snap.changes, ahead)
    if practice.meta_value(MetaKey.RESTORE_STATE) == USABLE:
        # A restore still streaming its history in: the repair's snapshot, now in, is
        # the storage's whole state, so the practice is whole without the rest of the
        # old snapshot (its chains are retired). The stream ends here, in one step.
        with practice.transaction():
            meta.delete(practice.session, MetaKey.RESTORE_SNAPSHOT, MetaKey.RESTORE_CHUNKS)
            practice.set_meta(MetaKey.RESTORE_STATE, "complete")
    me = practice.device_id
    # Values stamped by this (new) device id are its unpushed changes: the push sends them.
    extra = [c for c in missing_from(replica.export_state(), snap.changes) if c.stamp.device != me]
    if extra:
        held = set(replica.local_blobs())
        for sha in sorted(set(replica.blobs_referenced([PendingChange(0, c) for c in extra]))):
            if sha in held:
                upload_blob(service.backend, service.keys, replica.read_blob(sha))
        service.engine().push_changes(extra)
    with practice.transaction():
        practice.set_meta(FOLLOW_OWED, "")


def check_owed(service: SyncService) -> None:
    """Finish a repair or a follow that was interrupted (called before every sync)."""
    if service.practice.meta_value(REPAIR_OWED):
        finish_repair(service)
    if service.practice.meta_value(FOLLOW_OWED):
        finish_follow(service)

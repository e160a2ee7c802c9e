"""Repairing a storage that lost things: retire every chain, start again from a snapshot.

A storage can lose objects (a provider restoring an old copy, a NAS rolled back, a
deleted folder). A device that holds the data makes it whole again, as a move to new
storage does but in place: it takes a new device id, publishes a snapshot of everything
it holds (its new chain starts after it), then creates ``heads/_repair.<n:08d>``, an
envelope "CRNX" sealed under the current key epoch naming the snapshot and every chain
it *retires* (all chains the storage held then). Readers never pull a retired chain
again and start from a snapshot written after the repair; every other device, at its
next sync, follows: it merges the repair's snapshot and pushes, in a chain of its own,
every value it holds that the snapshot lacks (so nothing it had pushed to a lost
segment, and nothing unpushed, is lost, and replicas converge). Nothing is deleted.

Like an epoch marker, the record lives under ``heads/`` so the listing every sync makes
shows it at no cost. Only a holder of the current key can write one; see
docs/sync-protocol.md, "Repair", for what a human must confirm.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.backends.base import Backend, BackendError, NotFoundError, ObjectInfo
from sync.changes import Change, Stamp
from sync.devices import Revocation
from sync.errors import IntegrityError, SyncError, from_backend
from sync.layout import check_id, dump_json, heads_prefix
from sync.segments import HEADER, PracticeKeys, open_object, seal_object

MAGIC_REPAIR = b"CRNX"
PURPOSE_REPAIR = "carnet/repair/v1"
_REPAIR_DIR = "_repair"


class StorageRepairedError(SyncError):
    """The storage was repaired by another device since this one last synced: it must
    follow the repair (merge its snapshot, push what it lacks) before anything else.
    Not a failure the user sees: the service follows and syncs again."""

    permanent = False

    def __init__(self, numbers: Sequence[int]) -> None:
        super().__init__(f"the storage was repaired (repair {', '.join(map(str, numbers))})")
        self.numbers = list(numbers)


class RepairRaceError(SyncError):
    """Another device created the same repair number first."""


@dataclass(frozen=True, slots=True)
class Repair:
    """One repair: ``retired`` maps every chain the storage held to the seq its head
    showed then; ``by`` is the repairing device's new id, ``was`` its old one, and
    ``snapshot`` the object name of the snapshot it published."""

    number: int
    by: str
    was: str
    snapshot: str
    retired: Mapping[str, int]
    created_ms: int = 0
    epoch: int = field(default=0, compare=False)  # the key epoch it was sealed with

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "by": self.by,
            "was": self.was,
            "snapshot": self.snapshot,
            "retired": dict(self.retired),
            "created_ms": self.created_ms,
        }

    @staticmethod
    def from_json(value: Mapping[str, Any], epoch: int = 0) -> Repair:
        return Repair(
            int(value["number"]),
            check_id(str(value["by"]), "device id"),
            check_id(str(value["was"]), "device id"),
            str(value["snapshot"]),
            {check_id(str(d), "device id"): int(s) for d, s in value["retired"].items()},
            int(value.get("created_ms", 0)),
            epoch,
        )


class RepairLedger(Protocol):
    """The local side: the repair records this device verified and followed."""

    def repairs(self) -> Mapping[int, Repair]: ...


def repair_marker_prefix(pid: str) -> str:
    return f"{heads_prefix(pid)}{_REPAIR_DIR}."


def repair_marker_name(pid: str, number: int) -> str:
    return f"{repair_marker_prefix(pid)}{number:08d}"


def repair_markers(listing: Iterable[ObjectInfo], pid: str) -> list[int]:
    """The repair numbers announced in a listing of ``heads/``, ascending."""
    prefix = repair_marker_prefix(pid)
    return sorted(
        int(o.name[len(prefix) :])
        for o in listing
        if o.name.startswith(prefix) and o.name[len(prefix) :].isdigit()
    )


def retired_chains(repairs: Iterable[Repair]) -> set[str]:
    return {d for r in repairs for d in r.retired}


def encode_repair(keys: PracticeKeys, record: Repair) -> bytes:
    context = [keys.practice_id, str(record.number)]
    return seal_object(keys, MAGIC_REPAIR, PURPOSE_REPAIR, context, dump_json(record.to_json()))


def decode_repair(
    keys: PracticeKeys, number: int, data: bytes, revocations: Sequence[Revocation] = ()
) -> Repair:
    """Verify repair record ``number``. Sealed with an epoch older than a revocation, it
    is accepted only if the first revocation after that epoch lists it (the revoker had
    followed it); otherwise a revoked key holder could have written it: refused."""
    what = f"repair record {number}"
    body = open_object(
        keys, MAGIC_REPAIR, PURPOSE_REPAIR, [keys.practice_id, str(number)], data, what
    )
    epoch = HEADER.unpack_from(data)[2]
    later = [r for r in revocations if r.epoch > epoch]
    if later and number not in min(later, key=lambda r: r.epoch).repairs:
        raise IntegrityError(
            f"{what} is sealed with key epoch {epoch}, older than a revocation that does "
            "not list it: refused (a revoked device may have written it)"
        )
    try:
        record = Repair.from_json(json.loads(body), epoch)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed") from exc
    if record.number != number:
        raise IntegrityError(f"{what} names repair {record.number}")
    return record


def read_repairs(
    backend: Backend,
    keys: PracticeKeys,
    numbers: Iterable[int] | None = None,
    revocations: Sequence[Revocation] = (),
) -> list[Repair]:
    """Repair records ``numbers`` (all listed under ``heads/`` when None), verified."""
    pid = keys.practice_id
    try:
        if numbers is None:
            numbers = repair_markers(backend.list(repair_marker_prefix(pid)), pid)
        found = []
        for n in numbers:
            try:
                data = backend.get(repair_marker_name(pid, n))
            except NotFoundError:
                raise IntegrityError(f"repair record {n} vanished from the storage") from None
            found.append(decode_repair(keys, n, data, revocations))
    except BackendError as exc:
        raise from_backend(exc) from exc
    return found


def new_repair(number: int, by: str, was: str, snapshot: str, retired: Mapping[str, int]) -> Repair:
    return Repair(number, by, was, snapshot, dict(retired), time.time_ns() // 1_000_000)


def missing_from(state: Iterable[Change], snapshot: Iterable[Change]) -> list[Change]:
    """The values of ``state`` (a replica's export) that ``snapshot`` does not carry with
    the same stamp: what a device following a repair must push so that every replica
    that merges the repair's snapshot and the chains after it holds what it holds."""
    carried: dict[tuple[str, str, str], set[Stamp]] = {}
    for change in snapshot:
        for name in change.fields:
            carried.setdefault((change.entity, change.record_id, name), set()).add(change.stamp)
    out: list[Change] = []
    for change in state:
        names = [
            n
            for n in change.fields
            if change.stamp not in carried.get((change.entity, change.record_id, n), ())
        ]
        if not names:
            continue
        if len(names) == len(change.fields):
            out.append(change)
            continue
        out.append(
            Change(
                change.entity,
                change.record_id,
                change.stamp,
                {n: change.fields[n] for n in names},
                {n: s for n, s in change.replaces.items() if n in names},
            )
        )
    return out

"""What a fresh restore reads before any segment, checked without a secret (part of
``carnet check --read-data``): the format object, every epoch's key objects, the
revocation and repair records, and the snapshot a restore would start from.

Each check does what :func:`sync.remote.open_practice_remote`, the join and the
restore do with these objects, short of the passphrase or recovery key, which the
checking device does not need: it holds the keys and verifies that the wraps are well
formed and that each ``previous`` wrap gives back the key it holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from functools import partial

from sync import crypto
from sync.backends.base import Backend, NotFoundError, ObjectInfo
from sync.devices import Revocation, decode_revocation, epoch_marker_name
from sync.errors import IntegrityError, SyncError
from sync.key_objects import (
    find_key_json,
    get_key_json,
    recovery_public_key,
    unwrap_key,
    wrap_context,
)
from sync.layout import FIRST_EPOCH, LAYOUT_VERSION, format_name, key_name, keys_prefix
from sync.remote import check_format_header
from sync.repair import decode_repair, repair_marker_name, repair_markers
from sync.segments import MAGIC_FORMAT, PURPOSE_FORMAT, PracticeKeys, open_object
from sync.signing import SigningPin, read_signing_public, signing_name, verify_epoch
from sync.snapshots import verify_latest_snapshot

Check = Callable[[], object]


def restore_problems(
    store: Backend,
    keys: PracticeKeys,
    names: Collection[str],
    revocations: Sequence[Revocation],
    retired: Collection[str],
    pin: SigningPin | None = None,
) -> list[str]:
    """Problems that would stop a restore before its first segment; ``names``: the
    practice's listing."""
    pid = keys.practice_id
    checks: list[Check] = [
        partial(_check_format, store, keys),
        partial(_check_signing, store, keys),
    ]
    listed = {
        int(n[len(keys_prefix(pid)) :].split("/")[0])
        for n in names
        if n.startswith(keys_prefix(pid)) and n[len(keys_prefix(pid)) :].split("/")[0].isdigit()
    }
    problems: list[str] = []
    if not listed:
        problems.append("the practice's keys are missing from the storage")
    for epoch in sorted(listed):
        if epoch not in keys.epochs:
            problems.append(f"key epoch {epoch} is on the storage but this device does not hold it")
            continue
        checks.append(partial(_check_epoch, store, keys, epoch))
        if epoch > FIRST_EPOCH:
            checks.append(partial(_check_revocation, store, keys, epoch, pin))
    trusted: set[str] = set()
    for number in repair_markers([ObjectInfo(n, 0) for n in names], pid):
        checks.append(partial(_check_repair, store, keys, number, revocations, trusted))
    checks.append(partial(verify_latest_snapshot, store, keys, revocations, retired, trusted))
    for check in checks:
        try:
            check()
        except (SyncError, NotFoundError, crypto.IntegrityError) as exc:
            problems.append(str(exc))
    return problems


def _check_format(store: Backend, keys: PracticeKeys) -> None:
    pid = keys.practice_id
    try:
        data = store.get(format_name(pid))
    except NotFoundError:
        raise IntegrityError(
            "the format object is missing: no device can open the practice"
        ) from None
    check_format_header(data)
    info = json.loads(open_object(keys, MAGIC_FORMAT, PURPOSE_FORMAT, [pid], data, "format"))
    if info.get("practice_id") != pid or int(info.get("layout", 0)) > LAYOUT_VERSION:
        raise IntegrityError("the format object names another practice or layout")


def _check_signing(store: Backend, keys: PracticeKeys) -> None:
    """The signing key's public half opens, and its wraps are well formed (a restore or
    join pins it)."""
    if read_signing_public(store, keys) is None:
        return
    pid = keys.practice_id
    crypto.check_passphrase_wrap(
        get_key_json(store, signing_name(pid, "passphrase")), signing_name(pid, "passphrase")
    )
    kit = find_key_json(store, signing_name(pid, "recovery"))
    if kit is not None:
        crypto.check_recipient_wrap(kit, signing_name(pid, "recovery"))


def _check_epoch(store: Backend, keys: PracticeKeys, epoch: int) -> None:
    pid = keys.practice_id
    name = key_name(pid, epoch, "passphrase")
    crypto.check_passphrase_wrap(get_key_json(store, name), name)
    name = key_name(pid, epoch, "recovery")
    crypto.check_recipient_wrap(get_key_json(store, name), name)
    recovery_public_key(store, PracticeKeys(pid, keys.epochs, epoch))
    if epoch > FIRST_EPOCH and epoch - 1 in keys.epochs:
        name = key_name(pid, epoch, "previous")
        prev = get_key_json(store, name)
        key = unwrap_key(
            crypto.unwrap_with_key,
            prev,
            keys.key(epoch),
            wrap_context(pid, epoch - 1),
            name=name,
            held=True,
        )
        if key != keys.key(epoch - 1):
            raise IntegrityError(
                f"the key object {name} holds another key than epoch {epoch - 1}'s"
            )


def _check_revocation(
    store: Backend, keys: PracticeKeys, epoch: int, pin: SigningPin | None
) -> None:
    name = epoch_marker_name(keys.practice_id, epoch)
    try:
        data = store.get(name)
    except NotFoundError:
        raise IntegrityError(
            f"key epoch {epoch} exists but its revocation record ({name}) is missing: "
            "a restore refuses the practice"
        ) from None
    decode_revocation(keys, epoch, data)
    verify_epoch(store, pin, keys.practice_id, epoch, data, name, keys.key(epoch))


def _check_repair(
    store: Backend,
    keys: PracticeKeys,
    number: int,
    revocations: Sequence[Revocation],
    trusted: set[str],
) -> None:
    data = store.get(repair_marker_name(keys.practice_id, number))
    trusted.add(decode_repair(keys, number, data, revocations).snapshot)

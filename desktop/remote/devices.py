"""The practice's devices as the storage knows them: publishing this device's info,
enrollment codes for a new device, the list, and revoking one (a new key epoch)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.practice import errors
from desktop.practice.conflict_view import DEVICE_NAMES
from desktop.remote.keyring import StoreKeyRing, ensure_device_key
from desktop.remote.repair import StoreRepairs
from desktop.remote.state import DEVICE_INFO, DEVICE_NAME, DEVICE_PINS, INFO_REFRESH_MS, Clock
from sync import crypto
from sync.devices import (
    DeviceRevokedError,
    Revocation,
    current_pin,
    publish_info,
    read_infos,
)
from sync.enrollment import (
    DEFAULT_ENROLL_MINUTES,
    MAX_ENROLL_MINUTES,
    create_enrollment,
    delete_expired_enrollments,
)
from sync.errors import WrongSecretError
from sync.key_objects import get_key_json, unwrap_key, wrap_context
from sync.layout import heads_prefix, key_name, parse_head
from sync.rotation import check_competing_epoch, rotate_epoch, signing_key_for
from sync.signing import SigningPin

if TYPE_CHECKING:
    from desktop.remote.service import SyncService


@dataclass(frozen=True)
class DeviceRow:
    """One line of 'carnet device list'."""

    device: str
    name: str | None
    last_active: str | None  # UTC, from the device's info object
    head: int  # newest segment on the storage
    applied: int | None  # applied here (None for this device)
    state: str  # "this device", "revoked", "active", "no key"


def publish_device_info(service: SyncService, *, refresh: bool = False) -> bool:
    """Publish ``info/<device>`` (name, public key, last active) when the device id or
    the key epoch changed since the last time, or with ``refresh`` every
    ``INFO_REFRESH_MS`` at most. Returns whether it wrote. Never on an idle sync."""
    practice = service.practice
    public = ensure_device_key(practice)
    device, epoch = practice.device_id, service.keys.current
    last = str(practice.meta_value(DEVICE_INFO) or "::0").split(":")
    now = time.time_ns() // 1_000_000
    same = last[:2] == [device, str(epoch)]
    if same and not (refresh and now - int(last[2] or 0) > INFO_REFRESH_MS):
        return False
    name = str(practice.meta_value(DEVICE_NAME) or "")
    publish_info(service.backend, service.keys, device, name, public)
    with practice.transaction():
        practice.set_meta(DEVICE_INFO, f"{device}:{epoch}:{now}")
    return True


def enroll(service: SyncService, *, minutes: int = DEFAULT_ENROLL_MINUTES, now: Clock) -> str:
    """A single-use enrollment code valid ``minutes`` (show it once to the new device)."""
    if minutes < 1:
        raise errors.InvalidInputError("an enrollment code must be valid at least a minute")
    if minutes > MAX_ENROLL_MINUTES:
        raise errors.InvalidInputError(
            f"an enrollment code is valid at most {MAX_ENROLL_MINUTES // 60} hours "
            f"({MAX_ENROLL_MINUTES} minutes): it hands over every key of the practice"
        )
    service.sync()  # the ring handed over must hold the newest epoch
    delete_expired_enrollments(service.backend, service.keys.practice_id, int(now() * 1000))
    expires_ms = int((now() + minutes * 60) * 1000)
    # The new device pins the signing key this one pinned, handed over under the code.
    pin = current_pin(service.backend, service.keys, StoreKeyRing(service.practice))
    return create_enrollment(
        service.backend,
        service.keys,
        by=service.practice.device_id,
        expires_ms=expires_ms,
        signing=pin,
    )


def pinned_keys(service: SyncService) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Devices' public keys as first seen here (a device that was revoked can still
    seal an info object under an old epoch: a key seen earlier is kept), and the
    infos that open."""
    practice = service.practice
    infos = read_infos(service.backend, service.keys)
    raw = practice.meta_value(DEVICE_PINS)
    pins: dict[str, str] = json.loads(raw) if raw else {}
    changed = False
    for device, info in infos.items():
        if device not in pins:
            pins[device] = info.public_key.hex()
            changed = True
        elif pins[device] != info.public_key.hex():
            print(
                f"warning: device {device} published another key; keeping the one first seen",
                file=sys.stderr,
            )
    # Their names too, for the conflicts dialog ("written on PC-accueil").
    names = json.dumps({d: i.name for d, i in infos.items() if i.name}, sort_keys=True)
    renamed = names != practice.meta_value(DEVICE_NAMES)
    if changed or renamed:
        with practice.transaction():
            practice.set_meta(DEVICE_PINS, json.dumps(pins, sort_keys=True))
            practice.set_meta(DEVICE_NAMES, names)
    return {d: bytes.fromhex(k) for d, k in pins.items()}, dict(infos)


def heads(service: SyncService) -> dict[str, int]:
    """Every device's newest segment on the storage (one listing)."""
    prefix = heads_prefix(service.keys.practice_id)
    found: dict[str, int] = {}
    for obj in service.backend.list(prefix):
        parsed = parse_head(obj.name, prefix)
        if parsed is not None:
            found[parsed[0]] = max(found.get(parsed[0], 0), parsed[1])
    return found


def _state(device: str, me: str, revoked: set[str], pins: dict[str, bytes]) -> str:
    if device == me:
        return "this device"
    if device in revoked:
        return "revoked"
    return "active" if device in pins else "no key"


def list_devices(service: SyncService) -> list[DeviceRow]:
    """Every device the storage knows of (heads, infos) or this one applied."""
    practice = service.practice
    pins, infos = pinned_keys(service)
    listed = heads(service)
    cursors = {d: c.seq for d, c in service.replica.cursors().items()}
    revoked = {d for r in StoreKeyRing(practice).revocations().values() for d in r.revoked}
    me = practice.device_id
    rows = []
    for device in sorted(set(listed) | set(infos) | set(cursors) | {me}):
        info = infos.get(device)
        active = (
            dt.datetime.fromtimestamp(info.active_ms / 1000, dt.UTC).isoformat(timespec="minutes")
            if info
            else None
        )
        rows.append(
            DeviceRow(
                device,
                info.name if info else None,
                active,
                listed.get(device, 0),
                None if device == me else cursors.get(device, 0),
                _state(device, me, revoked, pins),
            )
        )
    return rows


def revoke(
    service: SyncService, device: str, *, practice_passphrase: str
) -> tuple[Revocation, list[str]]:
    """Revoke ``device``: sync, then rotate the key epoch (see ``rotate_epoch``).
    Returns the record and the devices that stay but published no key (they will
    have to join again)."""
    practice = service.practice
    me = practice.device_id
    if device == me:
        raise errors.UsageError("a device cannot revoke itself; revoke it from another one")
    try:
        service.sync()
    except DeviceRevokedError as exc:
        # Left out of a newer epoch: genuine (we were revoked) or forged by the
        # device we are revoking, racing us. The signature (or, for an epoch made
        # before signing keys, the practice passphrase) tells them apart.
        pin = current_pin(service.backend, service.keys, StoreKeyRing(practice))
        check_competing_epoch(
            service.backend, service.keys.practice_id, exc.epoch, practice_passphrase, pin
        )
        raise
    ring = StoreKeyRing(practice)
    if any(device in r.revoked for r in ring.revocations().values()):
        raise errors.UsageError(f"device {device} is already revoked")
    pins, infos = pinned_keys(service)
    listed = heads(service)
    if device not in listed and device not in infos:
        raise errors.UsageError(f"no device {device} in this practice (see 'carnet device list')")
    listed[me] = service.replica.push_cursor()[1].seq
    revoked = {d for r in ring.revocations().values() for d in r.revoked} | {device}
    staying = {d: k for d, k in pins.items() if d not in revoked and d != me}
    left_out = sorted(d for d in listed if d not in revoked and d != me and d not in pins)
    keys, record, pin = rotate_epoch(
        service.backend,
        service.keys,
        passphrase=practice_passphrase,
        by=me,
        revoked={device: listed.get(device, 0)},
        heads=listed,
        device_keys=staying,
        pinned=current_pin(service.backend, service.keys, ring),
        repairs=sorted(StoreRepairs(practice).repairs()),
    )
    ring.pin_signing(pin)
    ring.adopt(keys, [record])
    publish_device_info(service)
    return record, left_out


def signing_seed(service: SyncService, practice_passphrase: str) -> tuple[bytes, SigningPin] | None:
    """The signing key opened with the practice passphrase (made if the practice has
    none), or None when the passphrase given is not the practice's (a device whose own
    passphrase differs, or one enrolled with a code)."""
    keys, pid = service.keys, service.keys.practice_id
    name = key_name(pid, keys.current, "passphrase")
    try:
        unwrap_key(
            crypto.unwrap_with_passphrase,
            get_key_json(service.backend, name),
            practice_passphrase,
            wrap_context(pid, keys.current),
            name=name,
        )
    except WrongSecretError:
        return None
    ring = StoreKeyRing(service.practice)
    seed, pin = signing_key_for(
        service.backend,
        keys,
        practice_passphrase,
        current_pin(service.backend, keys, ring),
        from_epoch=keys.current + 1,
    )
    ring.pin_signing(pin)
    return seed, pin

"""Devices of a practice: what each publishes about itself, enrollment codes, and
revocation by rotating the key epoch.

Objects (under ``<root>/<practice-id>/``; byte formats in docs/sync-protocol.md,
"Enrollment and revocation")::

    info/<device>                 envelope "CRND": display name, X25519 public key, last active
    enroll/<keyed hash of code>   JSON wrap of the key ring under a key derived from the code
    keys/<epoch:08d>/device-<id>  the epoch's key wrapped to that device's X25519 key
    heads/_epoch.<epoch:08d>      envelope "CRNR": the revocation that created the epoch

The epoch marker lives under ``heads/`` on purpose: the one listing every pull already
makes shows it, so a device learns of a revocation without any extra request, and its
``_`` prefix is not a device id, so older readers ignore it.

A new epoch is accepted only if its ``previous`` wrap opens, under the new key, to the
key this device already holds for the epoch before: only a holder of the current key can
create a successor, so a revoked device (which holds only older keys) cannot forge one;
and its record must be signed by the practice's signing key (``sync.signing``), which
only passphrase holders open, so a device being revoked cannot pre-empt its revocation.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync import crypto
from sync.backends.base import Backend, BackendError, NotFoundError, ObjectInfo
from sync.errors import IntegrityError, SyncError, WrongSecretError, from_backend
from sync.key_objects import find_key_json, get_key_json, unwrap_key, wrap_context
from sync.layout import check_id, dump_json, heads_prefix, key_name
from sync.segments import (
    HEADER,
    PracticeKeys,
    open_object,
    seal_object,
)
from sync.signing import (
    SigningPin,
    read_signing_public,
    verify_epoch,
)

MAGIC_DEVICE_INFO = b"CRND"
MAGIC_REVOCATION = b"CRNR"
PURPOSE_DEVICE_INFO = "carnet/device-info/v1"
PURPOSE_REVOCATION = "carnet/revocation/v1"
_EPOCH_DIR = "_epoch"


class DeviceRevokedError(WrongSecretError):
    """This device holds no key for the practice's newest epoch: it was revoked (or was
    left out of a rotation). It can read nothing written since (exit 3)."""

    advice_included = True  # the message says what to do; the CLI adds nothing
    epoch = 0  # the epoch this device was not given


class EnrollmentCodeError(WrongSecretError):
    """The enrollment code is malformed, wrong, already used or expired (exit 3)."""

    advice_included = True


class RefusedSegmentError(IntegrityError):
    """A segment a revocation makes invalid: from a revoked device past its last valid
    seq, or sealed with a key epoch older than a revocation it follows (exit 5)."""


class RotationError(SyncError):
    """A key rotation could not start (another one is under way, unknown device...)."""


# ---------------------------------------------------------------- names


def info_prefix(pid: str) -> str:
    return f"{pid}/info/"


def info_name(pid: str, device: str) -> str:
    return f"{pid}/info/{check_id(device, 'device id')}"


def device_wrap_name(pid: str, epoch: int, device: str) -> str:
    return key_name(pid, epoch, f"device-{check_id(device, 'device id')}")


def epoch_marker_prefix(pid: str) -> str:
    return f"{heads_prefix(pid)}{_EPOCH_DIR}."


def epoch_marker_name(pid: str, epoch: int) -> str:
    return f"{epoch_marker_prefix(pid)}{epoch:08d}"


def epoch_markers(listing: Iterable[ObjectInfo], pid: str) -> list[int]:
    """The epochs announced by revocation markers in a listing of ``heads/``, ascending
    (``heads/_epoch.<n>``; the first layout's ``heads/_epoch/<n>`` is read too)."""
    found = set()
    for prefix in (epoch_marker_prefix(pid), f"{heads_prefix(pid)}{_EPOCH_DIR}/"):
        found |= {
            int(o.name[len(prefix) :])
            for o in listing
            if o.name.startswith(prefix) and o.name[len(prefix) :].isdigit()
        }
    return sorted(found)


def device_wrap_context(pid: str, epoch: int, device: str) -> str:
    return f"{wrap_context(pid, epoch)}/device/{device}"


# ---------------------------------------------------------------- device key pairs


def new_device_key() -> tuple[bytes, bytes]:
    """(private, public) X25519 key pair of a device; the private half stays in the
    device's encrypted database."""
    private = crypto.random_key()
    return private, crypto.recipient_public_key(private)


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """What a device publishes about itself, sealed under the practice key (``epoch``)."""

    device: str
    name: str
    public_key: bytes
    active_ms: int
    epoch: int


def publish_info(
    backend: Backend, keys: PracticeKeys, device: str, name: str, public_key: bytes
) -> None:
    """Overwrite ``info/<device>`` (only its own device writes it), sealed under the
    current epoch with the current time as "last active"."""
    body = dump_json(
        {"name": name, "public_key": public_key.hex(), "active_ms": time.time_ns() // 1_000_000}
    )
    data = seal_object(
        keys, MAGIC_DEVICE_INFO, PURPOSE_DEVICE_INFO, [keys.practice_id, device], body
    )
    try:
        backend.put(info_name(keys.practice_id, device), data)
    except BackendError as exc:
        raise from_backend(exc) from exc


def read_infos(backend: Backend, keys: PracticeKeys) -> dict[str, DeviceInfo]:
    """Every device's info that opens under a key we hold (others are left out: sealed
    under an epoch we do not know, or not Carnet's)."""
    pid = keys.practice_id
    found: dict[str, DeviceInfo] = {}
    try:
        names = [o.name for o in backend.list(info_prefix(pid))]
        for name in names:
            device = name[len(info_prefix(pid)) :]
            try:
                check_id(device, "device id")
                data = backend.get(name)
                body = json.loads(
                    open_object(
                        keys, MAGIC_DEVICE_INFO, PURPOSE_DEVICE_INFO, [pid, device], data, name
                    )
                )
                found[device] = DeviceInfo(
                    device,
                    str(body["name"]),
                    bytes.fromhex(body["public_key"]),
                    int(body["active_ms"]),
                    HEADER.unpack_from(data)[2],
                )
            except (SyncError, NotFoundError, KeyError, TypeError, ValueError):
                continue  # advisory: a damaged or newer info object is passed over
    except BackendError as exc:
        raise from_backend(exc) from exc
    return found


# ---------------------------------------------------------------- revocations


@dataclass(frozen=True, slots=True)
class Revocation:
    """The record sealed under a new epoch by the device that revoked others.

    ``revoked``: device -> the last seq of its chain that stays valid (its head at the
    revocation). ``heads``: every device's head at that time; any segment past it must
    be sealed with ``epoch`` or newer (a holder of an old key cannot write "after").
    """

    epoch: int
    revoked: Mapping[str, int]
    heads: Mapping[str, int]
    by: str
    created_ms: int = field(default=0)
    repairs: tuple[int, ...] = ()
    """The repairs the revoking device had followed: a repair record sealed with an
    older epoch than this revocation is accepted only if the first revocation after it
    lists it (otherwise a revoked key holder could write one with its old key)."""

    def to_json(self) -> dict[str, Any]:
        out = {
            "epoch": self.epoch,
            "revoked": dict(self.revoked),
            "heads": dict(self.heads),
            "by": self.by,
            "created_ms": self.created_ms,
        }
        if self.repairs:
            out["repairs"] = list(self.repairs)
        return out

    @staticmethod
    def from_json(value: Mapping[str, Any]) -> Revocation:
        return Revocation(
            int(value["epoch"]),
            {str(d): int(s) for d, s in value["revoked"].items()},
            {str(d): int(s) for d, s in value["heads"].items()},
            str(value["by"]),
            int(value.get("created_ms", 0)),
            tuple(int(n) for n in value.get("repairs", ())),
        )


def encode_revocation(keys: PracticeKeys, record: Revocation) -> bytes:
    context = [keys.practice_id, str(record.epoch)]
    body = dump_json(record.to_json())
    return seal_object(keys, MAGIC_REVOCATION, PURPOSE_REVOCATION, context, body)


def decode_revocation(keys: PracticeKeys, epoch: int, data: bytes) -> Revocation:
    what = f"the revocation record of key epoch {epoch}"
    body = open_object(
        keys, MAGIC_REVOCATION, PURPOSE_REVOCATION, [keys.practice_id, str(epoch)], data, what
    )
    if HEADER.unpack_from(data)[2] != epoch:
        raise IntegrityError(f"{what} is not sealed with that epoch's key")
    try:
        record = Revocation.from_json(json.loads(body))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IntegrityError(f"{what} is malformed") from exc
    if record.epoch != epoch:
        raise IntegrityError(f"{what} names epoch {record.epoch}")
    return record


def check_segment_epoch(
    revocations: Iterable[Revocation], device: str, seq: int, epoch: int
) -> None:
    """Refuse segment ``seq`` of ``device`` sealed with key ``epoch`` if a revocation
    says it cannot be valid: the device was revoked and ``seq`` is past its last valid
    one, or ``seq`` comes after the device's head at a revocation but is sealed with an
    epoch older than that revocation's (only a revoked key holder writes so)."""
    for record in revocations:
        last = record.revoked.get(device)
        if last is not None and seq > last:
            raise RefusedSegmentError(
                f"segment {seq} of device {device} was written after that device was "
                f"revoked (its last valid segment is {last}): refused",
                device,
                seq,
            )
        if seq > record.heads.get(device, 0) and epoch < record.epoch:
            raise RefusedSegmentError(
                f"segment {seq} of device {device} is sealed with key epoch {epoch}, "
                f"older than the revocation of epoch {record.epoch} it follows: refused",
                device,
                seq,
            )


def read_revocations(
    backend: Backend, keys: PracticeKeys, pin: SigningPin | None
) -> list[Revocation]:
    """Every revocation record on the storage for an epoch we hold, verified, each one
    from ``pin.from_epoch`` on signed by ``pin`` (a device that opened the practice with
    the passphrase, the recovery key or a code, before it loads a snapshot)."""
    pid = keys.practice_id
    try:
        markers = epoch_markers(backend.list(epoch_marker_prefix(pid)), pid)
        hidden = sorted(set(range(2, keys.current + 1)) - set(markers))
        if hidden:
            # A newer epoch's keys are themselves evidence of a revocation: without its
            # record, a revoked device's later segments could not be told apart.
            raise IntegrityError(
                f"key epoch {hidden[0]} exists but its revocation record "
                f"({epoch_marker_name(pid, hidden[0])}) is missing: it was withheld or "
                "deleted (or a revocation was interrupted: run it again on the device that started "
                "it), and what a revoked device wrote could not be refused"
            )
        records = []
        for m in markers:
            if m > keys.current:
                continue
            name = epoch_marker_name(pid, m)
            data = backend.get(name)
            record = decode_revocation(keys, m, data)  # damage is said as damage
            verify_epoch(backend, pin, pid, m, data, name, keys.key(m))
            records.append(record)
        return records
    except BackendError as exc:
        raise from_backend(exc) from exc


def revoked_limit(revocations: Iterable[Revocation], device: str) -> int | None:
    """The last valid seq of a revoked device (None: not revoked)."""
    limits = [r.revoked[device] for r in revocations if device in r.revoked]
    return min(limits) if limits else None


class KeyRing(Protocol):
    """The local side of key epochs (the store keeps it in its encrypted database)."""

    def device_private_key(self) -> bytes | None:
        """This device's X25519 private key, None if it never had one."""
        ...

    def revocations(self) -> Mapping[int, Revocation]:
        """Every revocation record this device verified, by epoch."""
        ...

    def adopt(self, keys: PracticeKeys, revocations: Sequence[Revocation]) -> None:
        """Keep a larger key ring and the revocation records that came with it, in one
        local transaction."""
        ...

    def signing_pin(self) -> SigningPin | None:
        """The practice's signing public key as pinned here (None: not yet)."""
        ...

    def pin_signing(self, pin: SigningPin) -> None:
        """Pin the signing public key (at set-up, join, restore; or first seen)."""
        ...


def current_pin(backend: Backend, keys: PracticeKeys, ring: KeyRing) -> SigningPin | None:
    """The pinned signing key; a device of a practice made before signing keys pins the
    published one the first time it needs it (trust on first use)."""
    pin = ring.signing_pin()
    if pin is None:
        pin = read_signing_public(backend, keys)
        if pin is not None:
            ring.pin_signing(pin)
    return pin


def catch_up(
    backend: Backend, keys: PracticeKeys, device: str, ring: KeyRing, markers: Sequence[int]
) -> PracticeKeys:
    """Learn the epochs announced by ``markers`` (from the heads listing) and their
    revocation records. No request when there is nothing new.

    A newer epoch is opened with this device's X25519 key (``keys/<n>/device-<us>``),
    then each ``previous`` wrap is walked down and must give back exactly the keys we
    hold (so only a holder of our current key can have created it). A device with no
    wrap for the newest epoch was revoked: :class:`DeviceRevokedError`.
    """
    pid = keys.practice_id
    known = ring.revocations()
    newest = max(markers, default=0)
    missing = [m for m in markers if m not in known]
    if newest <= keys.current and not missing:
        return keys
    epochs = dict(keys.epochs)
    try:
        if newest > keys.current:
            private = ring.device_private_key()
            wrap_name = device_wrap_name(pid, newest, device)
            wrapped = find_key_json(backend, wrap_name)
            for epoch in range(keys.current + 1, newest + 1):
                # Only a device that knows the practice passphrase creates an epoch, and
                # wraps it for the passphrase and the kit: an epoch without both is not
                # one an honest Carnet made (a device being revoked racing its revoker).
                for kind, shape in (
                    ("passphrase", crypto.check_passphrase_wrap),
                    ("recovery", crypto.check_recipient_wrap),
                ):
                    name = key_name(pid, epoch, kind)
                    try:
                        shape(get_key_json(backend, name), f"the key object {name}")
                    except crypto.IntegrityError as exc:
                        raise IntegrityError(str(exc)) from exc
            if private is None or wrapped is None:
                # Left out: genuinely revoked, or a forged epoch. The signature says
                # which without the new key (ForgedEpochError, exit 5).
                pin = current_pin(backend, keys, ring)
                marker = epoch_marker_name(pid, newest)
                verify_epoch(backend, pin, pid, newest, backend.get(marker), marker)
                revoked = DeviceRevokedError(
                    f"this device ({device}) was not given the practice's key epoch {newest}: "
                    "it was revoked, and can no longer read what the practice writes. If "
                    "nobody revoked it, a device being revoked may have forged that epoch: "
                    "run 'carnet device revoke' for that device here, with the practice "
                    "passphrase, to find out"
                )
                revoked.epoch = newest
                raise revoked
            ctx = device_wrap_context(pid, newest, device)
            epochs[newest] = unwrap_key(
                crypto.unwrap_as_recipient, wrapped, private, ctx, name=wrap_name, held=True
            )
            for epoch in range(newest, keys.current, -1):
                name = key_name(pid, epoch, "previous")
                prev = get_key_json(backend, name)
                key = unwrap_key(
                    crypto.unwrap_with_key,
                    prev,
                    epochs[epoch],
                    wrap_context(pid, epoch - 1),
                    name=name,
                    held=True,
                )
                if epoch - 1 in epochs and epochs[epoch - 1] != key:
                    raise IntegrityError(
                        f"key epoch {epoch} does not follow the key this device holds: "
                        "it was not created by a member of the practice"
                    )
                epochs[epoch - 1] = key
        new_keys = PracticeKeys(pid, epochs, max(newest, keys.current))
        pin = current_pin(backend, keys, ring)
        records = []
        for m in missing:
            marker = epoch_marker_name(pid, m)
            data = backend.get(marker)
            # Before anything is adopted: an epoch not signed by the pinned key was not
            # made by a passphrase holder (a device pre-empting its revocation).
            record = decode_revocation(new_keys, m, data)  # damage is said as damage
            verify_epoch(backend, pin, pid, m, data, marker, new_keys.key(m))
            records.append(record)
    except BackendError as exc:
        raise from_backend(exc) from exc
    ring.adopt(new_keys, records)
    return new_keys

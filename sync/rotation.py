"""Revocation by rotating the key epoch: only a holder of the practice passphrase
creates an epoch, and signs it with the practice's signing key (``sync.signing``).

See docs/sync-protocol.md, §9 "Revocation" and "The epoch rule".
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from sync import crypto
from sync.backends.base import Backend, BackendError, NotFoundError
from sync.devices import (
    Revocation,
    RotationError,
    device_wrap_context,
    device_wrap_name,
    encode_revocation,
    epoch_marker_name,
    epoch_marker_prefix,
    epoch_markers,
)
from sync.errors import IntegrityError, from_backend
from sync.key_objects import (
    change_passphrase,
    find_key_json,
    get_key_json,
    recovery_public_key,
    unwrap_key,
    wrap_context,
)
from sync.layout import dump_json, key_name
from sync.segments import (
    MAGIC_RECOVERY_PUBLIC,
    PURPOSE_RECOVERY_PUBLIC,
    PracticeKeys,
    seal_object,
)
from sync.signing import (
    HUMAN_PATH,
    ForgedEpochError,
    SigningPin,
    check_pin,
    create_signing_key,
    has_kit_wrap,
    open_signing_key,
    read_signing_public,
    sign_epoch,
    signing_name,
    verify_epoch,
    write_kit_wrap,
    write_signing_wraps,
)


def check_competing_epoch(
    backend: Backend, pid: str, epoch: int, passphrase: str, pin: SigningPin | None
) -> None:
    """Another device created ``epoch`` first. A genuine one is signed by the pinned
    signing key (or, made before the practice had one, opens with the practice
    passphrase); otherwise it is forged: :class:`ForgedEpochError`."""
    marker = epoch_marker_name(pid, epoch)
    if pin is not None and epoch >= pin.from_epoch:
        try:
            data = backend.get(marker)
        except NotFoundError:
            return
        except BackendError as exc:
            raise from_backend(exc) from exc
        verify_epoch(backend, pin, pid, epoch, data, marker)
        return
    name = key_name(pid, epoch, "passphrase")
    wrapped = find_key_json(backend, name)
    try:
        if wrapped is None:
            raise crypto.WrongSecretError("missing")
        crypto.unwrap_with_passphrase(wrapped, passphrase, wrap_context(pid, epoch))
    except (crypto.WrongSecretError, crypto.IntegrityError):
        raise ForgedEpochError(
            f"key epoch {epoch} ({marker}) was created by another device without the "
            "practice passphrase: it is forged, most likely by the device being revoked, "
            f"to keep reading. {HUMAN_PATH}"
        ) from None


def signing_key_for(
    backend: Backend,
    keys: PracticeKeys,
    passphrase: str,
    pinned: SigningPin | None,
    *,
    from_epoch: int,
    kdf_params: crypto.KdfParams | None = None,
) -> tuple[bytes, SigningPin]:
    """The signing key opened with the practice passphrase (already checked against the
    current epoch), created if the practice has none yet (``from_epoch``: the first
    epoch it signs), re-wrapped to the current kit if a new kit dropped its wrap; it
    must be the key this device pinned."""
    pid = keys.practice_id
    opened = open_signing_key(backend, pid, passphrase=passphrase)
    if opened is None:
        if read_signing_public(backend, keys) is not None:
            # Making another would split the devices' pins: refuse, as damage.
            raise IntegrityError(
                f"the key object {signing_name(pid, 'passphrase')} is missing although the "
                "practice's signing key is published: it was deleted or withheld"
            )
        return create_signing_key(
            backend,
            keys,
            passphrase=passphrase,
            recovery_public=recovery_public_key(backend, keys),
            from_epoch=from_epoch,
            kdf_params=kdf_params,
        )
    seed, pin = opened
    check_pin(pin, pinned, pid)
    if not has_kit_wrap(backend, pid):
        write_kit_wrap(backend, pid, seed, pin, recovery_public_key(backend, keys))
    return seed, pin


def rotate_epoch(
    backend: Backend,
    keys: PracticeKeys,
    *,
    passphrase: str,
    by: str,
    revoked: Mapping[str, int],
    heads: Mapping[str, int],
    device_keys: Mapping[str, bytes],
    pinned: SigningPin | None,
    kdf_params: crypto.KdfParams | None = None,
    repairs: Sequence[int] = (),
) -> tuple[PracticeKeys, Revocation, SigningPin]:
    """Create key epoch ``current + 1`` with a fresh random key, revoking ``revoked``.

    The new key is wrapped by ``passphrase`` (checked first against the current epoch:
    :class:`WrongSecretError`), to the recovery key's public half (the printed kit keeps
    working), to each of ``device_keys`` (the devices that stay), and ``previous`` wraps
    the current key under it. The revocation record, sealed under the new key, is
    written last and create-only: it announces the epoch. Until then an interrupted
    rotation can be run again (its partial ``keys/<n>/`` objects are overwritten).
    The record is signed (``keys/<n>/signature``, just before it) with the practice's
    signing key, opened with ``passphrase`` (or created: a practice made before signing
    keys); it must be the one ``pinned`` here. Returns the signing key's pin too.
    """
    pid, current = keys.practice_id, keys.current
    new = current + 1
    try:
        if max(epoch_markers(backend.list(epoch_marker_prefix(pid)), pid), default=0) >= new:
            check_competing_epoch(backend, pid, new, passphrase, pinned)
            raise RotationError(
                f"key epoch {new} was already created by another device; sync, then try again"
            )
        name = key_name(pid, current, "passphrase")
        old_wrap = get_key_json(backend, name)
        ctx = wrap_context(pid, current)
        held = unwrap_key(crypto.unwrap_with_passphrase, old_wrap, passphrase, ctx, name=name)
        if held != keys.key(current):
            raise IntegrityError("the passphrase wrap on the storage holds another key")
        seed, pin = signing_key_for(
            backend, keys, passphrase, pinned, from_epoch=new, kdf_params=kdf_params
        )
        recovery_public = recovery_public_key(backend, keys)
        key = crypto.random_key()
        new_keys = PracticeKeys(pid, {**keys.epochs, new: key}, new)
        new_ctx = wrap_context(pid, new)
        by_pass = crypto.wrap_with_passphrase(key, passphrase, new_ctx, kdf_params)
        backend.put(key_name(pid, new, "passphrase"), dump_json(by_pass))
        to_kit = crypto.wrap_for_recipient(key, recovery_public, new_ctx)
        backend.put(key_name(pid, new, "recovery"), dump_json(to_kit))
        sealed_public = seal_object(
            new_keys,
            MAGIC_RECOVERY_PUBLIC,
            PURPOSE_RECOVERY_PUBLIC,
            [pid, str(new)],
            recovery_public,
        )
        backend.put(key_name(pid, new, "recovery-public"), sealed_public)
        for device, public in sorted(device_keys.items()):
            if device in revoked:
                continue
            wrapped = crypto.wrap_for_recipient(key, public, device_wrap_context(pid, new, device))
            backend.put(device_wrap_name(pid, new, device), dump_json(wrapped))
        previous = crypto.wrap_with_key(keys.key(current), key, ctx)
        backend.put(key_name(pid, new, "previous"), dump_json(previous))
        record = Revocation(
            new, dict(revoked), dict(heads), by, time.time_ns() // 1_000_000, tuple(repairs)
        )
        marker = encode_revocation(new_keys, record)
        sign_epoch(backend, seed, pid, new, key, marker)
        backend.create(epoch_marker_name(pid, new), marker)
    except BackendError as exc:
        raise from_backend(exc) from exc
    return new_keys, record, pin


def change_practice_passphrase(
    backend: Backend,
    keys: PracticeKeys,
    *,
    current: str,
    new: str,
    pinned: SigningPin | None,
    kdf_params: crypto.KdfParams | None = None,
) -> SigningPin:
    """Re-wrap the current epoch's key and the signing key's seed under ``new``.

    A passphrase-holding operation: ``current`` must open the current epoch's wrap
    (:class:`WrongSecretError`), so a device that holds the key but not the passphrase
    (enrolled with a code) cannot set one it knows and then sign epochs. A practice made
    before signing keys gets its signing key here. Returns the signing key's pin."""
    pid = keys.practice_id
    name = key_name(pid, keys.current, "passphrase")
    try:
        held = unwrap_key(
            crypto.unwrap_with_passphrase,
            get_key_json(backend, name),
            current,
            wrap_context(pid, keys.current),
            name=name,
        )
    except BackendError as exc:
        raise from_backend(exc) from exc
    if held != keys.key(keys.current):
        raise IntegrityError("the passphrase wrap on the storage holds another key")
    try:
        seed, pin = signing_key_for(
            backend, keys, current, pinned, from_epoch=keys.current + 1, kdf_params=kdf_params
        )
    except ForgedEpochError:
        # An interrupted change re-wrapped the seed first: it opens with the new one.
        resumed = open_signing_key(backend, pid, passphrase=new)
        if resumed is None:
            raise
        seed, pin = resumed
        check_pin(pin, pinned, pid)
    write_signing_wraps(backend, pid, seed, pin, new, kdf_params)
    change_passphrase(backend, keys, new)
    return pin

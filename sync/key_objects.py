"""The key objects under ``keys/<epoch>/``: wrap contexts, reading and unwrapping them,
the recovery wraps, and the two re-wraps a key holder may do (a new passphrase, a new
recovery key).

A wrong secret here is the user's (:class:`WrongSecretError`); a key this device holds
that does not open an object is damage or forgery (:class:`IntegrityError`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sync import crypto
from sync.backends.base import Backend, BackendError, NotFoundError
from sync.errors import IntegrityError, WrongSecretError, from_backend
from sync.layout import dump_json, key_name
from sync.recovery_key import format_recovery_key
from sync.segments import (
    MAGIC_RECOVERY_PUBLIC,
    PURPOSE_RECOVERY_PUBLIC,
    PracticeKeys,
    open_object,
    seal_object,
)
from sync.signing import SigningPin, drop_kit_wrap, write_kit_wrap


def wrap_context(pid: str, epoch: int) -> str:
    return f"carnet/practice-key/v1/{pid}/{epoch}"


def unwrap_key(fn: Callable[..., bytes], *args: Any, name: str, held: bool = False) -> bytes:
    """Run an unwrap of the key object ``name``. A wrong secret is the user's
    (:class:`WrongSecretError`), unless ``held``: the key tried is one this device holds
    (a ``previous`` or device wrap), so a failure is damage or forgery (exit 5)."""
    try:
        result = fn(*args)
    except crypto.WrongSecretError as exc:
        if held:
            raise IntegrityError(
                f"the key object {name} does not open with the key it must open with "
                "(damaged or forged)"
            ) from exc
        raise WrongSecretError(str(exc)) from exc
    except crypto.IntegrityError as exc:
        raise IntegrityError(f"the key object {name} is malformed or damaged: {exc}") from exc
    return result


def get_key_json(backend: Backend, name: str) -> dict[str, Any]:
    """The JSON key object ``name``: :class:`IntegrityError` naming it if it is missing
    or is not a JSON object (truncated, zeroed, garbage)."""
    found = find_key_json(backend, name)
    if found is None:
        raise IntegrityError(f"the key object {name} is missing")
    return found


def find_key_json(backend: Backend, name: str) -> dict[str, Any] | None:
    """As :func:`get_key_json`, but None when the object does not exist."""
    try:
        value = json.loads(backend.get(name))
    except NotFoundError:
        return None
    except ValueError as exc:
        raise IntegrityError(f"the key object {name} is malformed") from exc
    if not isinstance(value, dict):
        raise IntegrityError(f"the key object {name} is malformed")
    return value


def change_passphrase(backend: Backend, keys: PracticeKeys, new_passphrase: str) -> None:
    """Re-wrap the current epoch's key under a new passphrase (the old one stops working;
    the recovery key is unaffected). Overwrites one object."""
    ctx = wrap_context(keys.practice_id, keys.current)
    wrapped = crypto.wrap_with_passphrase(keys.key(keys.current), new_passphrase, ctx)
    try:
        backend.put(key_name(keys.practice_id, keys.current, "passphrase"), dump_json(wrapped))
    except BackendError as exc:
        raise from_backend(exc) from exc


def new_recovery_key(
    backend: Backend,
    keys: PracticeKeys,
    signing: tuple[bytes, SigningPin] | None = None,
) -> str:
    """Replace the recovery key (only a holder of the practice key can); returns its text.
    Every epoch is re-wrapped to it, oldest first and the current one last, so the
    previous kit opens none of them (it would otherwise still open epoch 1, and with it
    everything written before a revocation); the passphrase is unaffected. The signing
    key's seed (``signing``, opened with the passphrase) is re-wrapped to the new kit;
    without it, the old kit's wrap of it is deleted (the next revocation or passphrase
    change wraps it to the new kit)."""
    recovery = crypto.random_key()
    try:
        for epoch in sorted(keys.epochs):
            at = PracticeKeys(keys.practice_id, keys.epochs, epoch)
            write_recovery(backend, at, recovery, backend.put)
    except BackendError as exc:
        raise from_backend(exc) from exc
    if signing is not None:
        seed, pin = signing
        write_kit_wrap(backend, keys.practice_id, seed, pin, crypto.recipient_public_key(recovery))
    else:
        drop_kit_wrap(backend, keys.practice_id)
    return format_recovery_key(recovery)


def write_recovery(
    backend: Backend, keys: PracticeKeys, recovery: bytes, write: Callable[[str, bytes], None]
) -> None:
    """Wrap the current epoch's key to the recovery key's public half, and publish that
    public half sealed under the epoch key (so a future epoch can be wrapped to the same
    printed kit by any key holder, without the kit's secret)."""
    pid, epoch = keys.practice_id, keys.current
    public = crypto.recipient_public_key(recovery)
    wrapped = crypto.wrap_for_recipient(keys.key(epoch), public, wrap_context(pid, epoch))
    sealed = seal_object(
        keys, MAGIC_RECOVERY_PUBLIC, PURPOSE_RECOVERY_PUBLIC, [pid, str(epoch)], public
    )
    write(key_name(pid, epoch, "recovery"), dump_json(wrapped))
    write(key_name(pid, epoch, "recovery-public"), sealed)


def recovery_public_key(backend: Backend, keys: PracticeKeys) -> bytes:
    """The current epoch's recovery public key, authenticated by the epoch key. A device
    should remember it locally at join, and prefer that copy when rotating epochs."""
    pid, epoch = keys.practice_id, keys.current
    try:
        data = backend.get(key_name(pid, epoch, "recovery-public"))
    except NotFoundError:
        raise IntegrityError("the recovery public key is missing from the storage") from None
    except BackendError as exc:
        raise from_backend(exc) from exc
    what = f"the recovery public key {key_name(pid, epoch, 'recovery-public')}"
    return open_object(
        keys, MAGIC_RECOVERY_PUBLIC, PURPOSE_RECOVERY_PUBLIC, [pid, str(epoch)], data, what
    )

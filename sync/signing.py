"""The practice's signing key: only holders of the practice passphrase (or of the
recovery kit) can create a key epoch that the other devices accept.

A device that holds the practice key but not the passphrase (a locum enrolled with a
code) could otherwise create key epoch n first and "revoke" its revoker. Every key
epoch from ``from_epoch`` on is therefore signed with an Ed25519 key whose private half
(a random 32-byte seed) is wrapped under the passphrase and to the recovery kit, and
whose public half every device pins in its local state. Objects (docs/sync-protocol.md,
§9 "The epoch rule")::

    keys/00000001/signing-passphrase  JSON: the seed wrapped by the passphrase (Argon2id)
    keys/00000001/signing-recovery    JSON: the seed wrapped to the recovery kit (X25519)
    keys/00000001/signing-public      envelope "CRNG" (epoch 1): public key, from_epoch
    keys/<n:08d>/signature            JSON: Ed25519 signature of epoch n's record
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync import crypto
from sync.backends.base import Backend, BackendError, NotFoundError
from sync.errors import IntegrityError, from_backend
from sync.segments import PracticeKeys, open_object, seal_object

MAGIC_SIGNING_PUBLIC = b"CRNG"
PURPOSE_SIGNING_PUBLIC = "carnet/signing-public/v1"
_FIRST = 1


class ForgedEpochError(IntegrityError):
    """A key epoch not created by a holder of the practice passphrase: its record is not
    signed by the practice's pinned signing key (or, for an epoch made before signing
    keys, its passphrase wrap does not open with the practice passphrase). Exit 5."""

    advice_included = True


HUMAN_PATH = (
    "Nothing was applied. Do not enroll or join anything now; on every computer, run "
    "'carnet device list' and look for a device you did not expect or one shown revoked "
    "that should not be; then move the practice to new storage with a new passphrase "
    "(see docs/sync-protocol.md, 'The epoch rule')"
)


@dataclass(frozen=True, slots=True)
class SigningPin:
    """The practice's signing public key as this device pinned it, and the first key
    epoch that must be signed (epochs made before the key existed are not)."""

    public_key: bytes
    from_epoch: int

    def to_json(self) -> dict[str, Any]:
        return {"public_key": self.public_key.hex(), "from_epoch": self.from_epoch}

    @staticmethod
    def from_json(value: Mapping[str, Any]) -> SigningPin:
        public = bytes.fromhex(str(value["public_key"]))
        if len(public) != 32 or int(value["from_epoch"]) < 2:
            raise ValueError("not a signing key pin")
        return SigningPin(public, int(value["from_epoch"]))


def signing_name(pid: str, kind: str) -> str:
    """``kind``: "passphrase", "recovery" or "public" (beside epoch 1's wraps)."""
    return f"{pid}/keys/{_FIRST:08d}/signing-{kind}"


def signature_name(pid: str, epoch: int) -> str:
    return f"{pid}/keys/{epoch:08d}/signature"


def _context(pid: str, from_epoch: int) -> str:
    return f"carnet/signing-key/v1/{pid}/{from_epoch}"


def _dump(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _public_of(seed: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(seed)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _find_json(backend: Backend, name: str) -> dict[str, Any] | None:
    try:
        value = json.loads(backend.get(name))
    except NotFoundError:
        return None
    except ValueError as exc:
        raise IntegrityError(f"the key object {name} is malformed") from exc
    if not isinstance(value, dict):
        raise IntegrityError(f"the key object {name} is malformed")
    return value


def _from_epoch(wrapped: Mapping[str, Any], name: str) -> int:
    value = wrapped.get("from_epoch")
    if not isinstance(value, int) or value < 2:
        raise IntegrityError(f"the key object {name} is malformed")
    return value


# ---------------------------------------------------------------- create, open, re-wrap


def create_signing_key(
    backend: Backend,
    keys: PracticeKeys,
    *,
    passphrase: str,
    recovery_public: bytes,
    from_epoch: int,
    kdf_params: crypto.KdfParams | None = None,
) -> tuple[bytes, SigningPin]:
    """A new signing key: the seed wrapped by ``passphrase`` and to the kit, the public
    half sealed under epoch 1. Only a passphrase holder calls this (set-up, a join with
    the passphrase, the first revocation or passphrase change of an older practice)."""
    seed = crypto.random_key()
    pin = SigningPin(_public_of(seed), from_epoch)
    write_signing_wraps(backend, keys.practice_id, seed, pin, passphrase, kdf_params)
    write_kit_wrap(backend, keys.practice_id, seed, pin, recovery_public)
    at_first = PracticeKeys(keys.practice_id, keys.epochs, _FIRST)
    sealed = seal_object(
        at_first,
        MAGIC_SIGNING_PUBLIC,
        PURPOSE_SIGNING_PUBLIC,
        [keys.practice_id],
        _dump(pin.to_json()),
    )
    try:
        backend.put(signing_name(keys.practice_id, "public"), sealed)
    except BackendError as exc:
        raise from_backend(exc) from exc
    return seed, pin


def write_signing_wraps(
    backend: Backend,
    pid: str,
    seed: bytes,
    pin: SigningPin,
    passphrase: str,
    kdf_params: crypto.KdfParams | None = None,
) -> None:
    """(Re-)wrap the seed under ``passphrase`` (a passphrase change: the old one stops
    opening it)."""
    wrapped = crypto.wrap_with_passphrase(
        seed, passphrase, _context(pid, pin.from_epoch), kdf_params
    )
    try:
        backend.put(
            signing_name(pid, "passphrase"), _dump({**wrapped, "from_epoch": pin.from_epoch})
        )
    except BackendError as exc:
        raise from_backend(exc) from exc


def write_kit_wrap(
    backend: Backend, pid: str, seed: bytes, pin: SigningPin, recovery_public: bytes
) -> None:
    """(Re-)wrap the seed to the recovery kit's public half (a new kit)."""
    wrapped = crypto.wrap_for_recipient(seed, recovery_public, _context(pid, pin.from_epoch))
    try:
        backend.put(signing_name(pid, "recovery"), _dump({**wrapped, "from_epoch": pin.from_epoch}))
    except BackendError as exc:
        raise from_backend(exc) from exc


def drop_kit_wrap(backend: Backend, pid: str) -> None:
    """A new kit made without the seed at hand: the old kit must stop opening it."""
    try:
        backend.delete(signing_name(pid, "recovery"))
    except NotFoundError:
        return
    except BackendError as exc:
        raise from_backend(exc) from exc


def has_kit_wrap(backend: Backend, pid: str) -> bool:
    try:
        return _find_json(backend, signing_name(pid, "recovery")) is not None
    except BackendError as exc:
        raise from_backend(exc) from exc


def open_signing_key(
    backend: Backend, pid: str, *, passphrase: str | None = None, recovery: bytes | None = None
) -> tuple[bytes, SigningPin] | None:
    """The seed and its pin, opened with the passphrase or the kit's private key; None
    when the practice has no signing key (or no kit wrap, for ``recovery``).

    A wrap that does not open with a secret that opened the practice key is forged
    (a key holder without the passphrase published a signing key of its own)."""
    kind = "passphrase" if passphrase is not None else "recovery"
    name = signing_name(pid, kind)
    try:
        wrapped = _find_json(backend, name)
    except BackendError as exc:
        raise from_backend(exc) from exc
    if wrapped is None:
        return None
    from_epoch = _from_epoch(wrapped, name)
    ctx = _context(pid, from_epoch)
    try:
        if passphrase is not None:
            seed = crypto.unwrap_with_passphrase(wrapped, passphrase, ctx)
        else:
            assert recovery is not None
            seed = crypto.unwrap_as_recipient(wrapped, recovery, ctx)
    except crypto.WrongSecretError:
        raise ForgedEpochError(
            f"the practice's signing key ({name}) does not open with the {kind} that opens "
            "the practice: it was replaced by a device that holds the practice key but not "
            f"the passphrase, to forge key epochs. {HUMAN_PATH}"
        ) from None
    except crypto.IntegrityError as exc:
        raise IntegrityError(f"the key object {name} is malformed or damaged: {exc}") from exc
    if len(seed) != 32:
        raise IntegrityError(f"the key object {name} is malformed")
    return seed, SigningPin(_public_of(seed), from_epoch)


def read_signing_public(backend: Backend, keys: PracticeKeys) -> SigningPin | None:
    """The published public half (trust on first use: any epoch-1 key holder could have
    sealed it); None when the practice has no signing key yet."""
    name = signing_name(keys.practice_id, "public")
    try:
        data = backend.get(name)
    except NotFoundError:
        return None
    except BackendError as exc:
        raise from_backend(exc) from exc
    body = open_object(
        keys, MAGIC_SIGNING_PUBLIC, PURPOSE_SIGNING_PUBLIC, [keys.practice_id], data, name
    )
    try:
        return SigningPin.from_json(json.loads(body))
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{name} is malformed") from exc


def check_pin(pin: SigningPin, pinned: SigningPin | None, pid: str) -> None:
    """The key a passphrase holder opened must be the one this device pinned."""
    if pinned is not None and pinned != pin:
        raise ForgedEpochError(
            f"the practice's signing key ({signing_name(pid, 'passphrase')}) is not the one "
            f"this device pinned: it was replaced. {HUMAN_PATH}"
        )


# ---------------------------------------------------------------- sign, verify


def epoch_key_id(key: bytes) -> str:
    """Names epoch n's key in its signature without revealing it."""
    return crypto.derive_key(key, "carnet/epoch-id/v1").hex()


def _message(pid: str, epoch: int, key_id: str, record: str) -> bytes:
    ctx = f"carnet/epoch-signature/v1/{pid}/{epoch}"
    return _dump({"ctx": ctx, "key_id": key_id, "record": record})


def sign_epoch(
    backend: Backend, seed: bytes, pid: str, epoch: int, key: bytes, marker: bytes
) -> None:
    """Write ``keys/<epoch>/signature``: the signing key vouches for that epoch's key and
    for the exact bytes of its revocation record (written right after, create-only)."""
    key_id, record = epoch_key_id(key), hashlib.sha256(marker).hexdigest()
    sig = Ed25519PrivateKey.from_private_bytes(seed).sign(_message(pid, epoch, key_id, record))
    body = {"alg": "ed25519", "key_id": key_id, "record": record, "sig": crypto.b64e(sig)}
    try:
        backend.put(signature_name(pid, epoch), _dump(body))
    except BackendError as exc:
        raise from_backend(exc) from exc


def verify_epoch(
    backend: Backend,
    pin: SigningPin | None,
    pid: str,
    epoch: int,
    marker: bytes,
    marker_name: str,
    key: bytes | None = None,
) -> None:
    """:class:`ForgedEpochError` naming the record unless epoch ``epoch``'s record
    (``marker``: its bytes) carries a valid signature by ``pin`` (and, given its
    ``key``, names that key). Epochs before ``pin.from_epoch``, or without a pin (a
    practice whose signing key does not exist yet), need none. Needs no practice key,
    so a device left out of the epoch can tell a genuine revocation from a forged one."""
    if pin is None or epoch < pin.from_epoch:
        return
    name = signature_name(pid, epoch)
    forged = (
        f"key epoch {epoch} (its revocation record {marker_name}) is not signed by the "
        "practice's signing key "
        "this device pinned: it was not created by a holder of the practice passphrase, "
        "most likely by a device being revoked that wants to keep reading. " + HUMAN_PATH
    )
    try:
        body = _find_json(backend, name)
    except IntegrityError:
        body = None
    except BackendError as exc:
        raise from_backend(exc) from exc
    try:
        if body is None or body.get("alg") != "ed25519":
            raise ValueError("missing")
        key_id, record = str(body["key_id"]), str(body["record"])
        sig = crypto.b64d(body["sig"])
        if record != hashlib.sha256(marker).hexdigest():
            raise ValueError("another record")
        if key is not None and key_id != epoch_key_id(key):
            raise ValueError("another key")
        Ed25519PublicKey.from_public_bytes(pin.public_key).verify(
            sig, _message(pid, epoch, key_id, record)
        )
    except (InvalidSignature, KeyError, TypeError, ValueError):
        raise ForgedEpochError(forged) from None

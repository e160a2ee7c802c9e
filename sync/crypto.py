"""Carnet's cryptographic building blocks, all from PyCA ``cryptography``.

- Passphrases stretch with Argon2id into a wrapping key (RFC 9106 parameters).
- Secrets (the database key, the practice key) are wrapped with AES-256-GCM.
- Every purpose gets its own subkey from HKDF-SHA256, so a key never serves two uses.

Everything here is pure: bytes in, bytes out, no files, no network.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12


class WrongSecretError(Exception):
    """The passphrase, recovery key or enrollment code does not open this wrapped key."""


class IntegrityError(Exception):
    """Ciphertext failed authentication: it was modified, truncated, or is not ours."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. The default is RFC 9106's second recommendation (64 MiB, t=3)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


MAX_KDF = KdfParams(memory_kib=1024 * 1024, iterations=16, lanes=16)
"""The most a wrap may ask for (1 GiB, 16 passes, 16 lanes). Carnet writes 64 MiB, t=3,
p=4: a wrap asking for more came from tampering, and would otherwise exhaust memory or
run for minutes before the passphrase is even tried."""


def check_kdf_params(params: KdfParams) -> None:
    """:class:`IntegrityError` for parameters Carnet never writes (outside 1..MAX_KDF, or
    memory below Argon2's 8 KiB per lane)."""
    if not (
        1 <= params.lanes <= MAX_KDF.lanes
        and 1 <= params.iterations <= MAX_KDF.iterations
        and 8 * params.lanes <= params.memory_kib <= MAX_KDF.memory_kib
    ):
        raise IntegrityError("wrapped key asks for Argon2id parameters Carnet never writes")


def default_kdf_params() -> KdfParams:
    """The cost used for new wraps.

    ``CARNET_INSECURE_FAST_KDF=1`` selects a tiny cost so that test suites which create
    hundreds of practices stay fast; it is never set outside tests, and the parameters
    are stored with each wrap, so unwrapping always uses the cost that was chosen.
    """
    if os.environ.get("CARNET_INSECURE_FAST_KDF") == "1":
        return KdfParams(memory_kib=1024, iterations=1, lanes=1)
    return KdfParams()


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def stretch_passphrase(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id: a 256-bit key from a passphrase (NFC-normalised, so é typed either way works)."""
    import unicodedata

    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def derive_key(master: bytes, purpose: str, length: int = KEY_BYTES) -> bytes:
    """HKDF-SHA256 subkey of ``master`` for one named purpose."""
    return HKDF(
        algorithm=hashes.SHA256(), length=length, salt=None, info=purpose.encode("utf-8")
    ).derive(master)


def seal(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """AES-256-GCM with a random 96-bit nonce; returns nonce || ciphertext || tag."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes = b"") -> bytes:
    """Inverse of :func:`seal`; raises :class:`IntegrityError` on any tampering."""
    if len(sealed) < NONCE_BYTES + 16:
        raise IntegrityError("ciphertext is truncated")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise IntegrityError("ciphertext failed authentication") from exc


def keyed_hash(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 as hex: names for content-addressed objects that reveal nothing."""
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def wrap_with_passphrase(
    secret: bytes, passphrase: str, context: str, params: KdfParams | None = None
) -> dict[str, Any]:
    """Wrap ``secret`` under a passphrase; the result is JSON-safe and self-describing.

    ``context`` (e.g. "carnet/db-key/v1") is bound as associated data, so a wrap made for
    one purpose cannot be passed off as another.
    """
    params = params or default_kdf_params()
    salt = os.urandom(16)
    kek = stretch_passphrase(passphrase, salt, params)
    header = {
        "kdf": "argon2id",
        "m": params.memory_kib,
        "t": params.iterations,
        "p": params.lanes,
        "salt": b64e(salt),
    }
    sealed = seal(kek, secret, _wrap_aad(context, header))
    return {**header, "aead": "aes-256-gcm", "ct": b64e(sealed)}


def check_passphrase_wrap(
    wrapped: Mapping[str, Any], name: str = "wrapped key"
) -> tuple[KdfParams, bytes, bytes, dict[str, Any]]:
    """Everything :func:`unwrap_with_passphrase` checks before it stretches the
    passphrase: (params, salt, sealed, header), or :class:`IntegrityError` naming it."""
    try:
        params = KdfParams(int(wrapped["m"]), int(wrapped["t"]), int(wrapped["p"]))
        salt = b64d(wrapped["salt"])
        sealed = b64d(wrapped["ct"])
        header = {k: wrapped[k] for k in ("kdf", "m", "t", "p", "salt")}
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise IntegrityError(f"{name} is malformed") from exc
    if wrapped["kdf"] != "argon2id" or wrapped.get("aead", "aes-256-gcm") != "aes-256-gcm":
        raise IntegrityError(f"{name} uses an unknown KDF or cipher")
    try:
        check_kdf_params(params)
    except IntegrityError:
        raise IntegrityError(f"{name} asks for Argon2id parameters Carnet never writes") from None
    if not 8 <= len(salt) <= 64 or len(sealed) < NONCE_BYTES + 16:
        raise IntegrityError(f"{name} is malformed")
    return params, salt, sealed, header


def check_recipient_wrap(wrapped: Mapping[str, Any], name: str = "wrapped key") -> None:
    """The shape :func:`unwrap_as_recipient` needs, checked without the private key."""
    try:
        ok = (
            wrapped["kdf"] == "x25519-hkdf-sha256"
            and len(b64d(wrapped["epk"])) == KEY_BYTES
            and len(b64d(wrapped["ct"])) >= NONCE_BYTES + 16
        )
    except (KeyError, ValueError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise IntegrityError(f"{name} is malformed")


def unwrap_with_passphrase(wrapped: Mapping[str, Any], passphrase: str, context: str) -> bytes:
    params, salt, sealed, header = check_passphrase_wrap(wrapped)
    kek = stretch_passphrase(passphrase, salt, params)
    try:
        return open_sealed(kek, sealed, _wrap_aad(context, header))
    except IntegrityError as exc:
        raise WrongSecretError("the passphrase does not open this key") from exc


def wrap_with_key(secret: bytes, key: bytes, context: str) -> dict[str, Any]:
    """Wrap ``secret`` under a high-entropy key (recovery key, enrollment code): no KDF cost."""
    header = {"kdf": "hkdf-sha256"}
    sealed = seal(derive_key(key, "carnet/wrap/" + context), secret, _wrap_aad(context, header))
    return {**header, "aead": "aes-256-gcm", "ct": b64e(sealed)}


def unwrap_with_key(wrapped: Mapping[str, Any], key: bytes, context: str) -> bytes:
    try:
        sealed = b64d(wrapped["ct"])
        header = {"kdf": wrapped["kdf"]}
    except (KeyError, ValueError, TypeError) as exc:
        raise IntegrityError("wrapped key is malformed") from exc
    try:
        return open_sealed(
            derive_key(key, "carnet/wrap/" + context), sealed, _wrap_aad(context, header)
        )
    except IntegrityError as exc:
        raise WrongSecretError("this key does not open the wrapped key") from exc


def _wrap_aad(context: str, header: Mapping[str, Any]) -> bytes:
    import json

    return json.dumps({"ctx": context, **header}, sort_keys=True, separators=(",", ":")).encode()


# ---- wrapping to a public key (the recovery kit) -------------------------------------------
# The recovery key is an X25519 private key; the remote keeps its public half. Any holder of
# the practice key can then wrap a *new* key epoch (after revoking a device) or a new
# practice key for the printed kit, without the kit's secret: the kit printed once keeps
# working. Sealed-box style: ephemeral X25519, HKDF-SHA256, AES-256-GCM.


def recipient_public_key(private: bytes) -> bytes:
    """The 32-byte X25519 public key of a 32-byte private key (any 32 bytes are valid)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = X25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def wrap_for_recipient(secret: bytes, public: bytes, context: str) -> dict[str, Any]:
    """Wrap ``secret`` so that only the holder of ``public``'s private key can unwrap it."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    eph = X25519PrivateKey.generate()
    epk = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(public))
    header = {"kdf": "x25519-hkdf-sha256", "epk": b64e(epk)}
    kek = derive_key(shared + epk + public, "carnet/wrap-x25519/" + context)
    sealed = seal(kek, secret, _wrap_aad(context, header))
    return {**header, "aead": "aes-256-gcm", "ct": b64e(sealed)}


def unwrap_as_recipient(wrapped: Mapping[str, Any], private: bytes, context: str) -> bytes:
    """Inverse of :func:`wrap_for_recipient`; :class:`WrongSecretError` for another key."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )

    try:
        epk = b64d(wrapped["epk"])
        sealed = b64d(wrapped["ct"])
        header = {"kdf": wrapped["kdf"], "epk": wrapped["epk"]}
        peer = X25519PublicKey.from_public_bytes(epk)
    except (KeyError, ValueError, TypeError) as exc:
        raise IntegrityError("wrapped key is malformed") from exc
    if header["kdf"] != "x25519-hkdf-sha256":
        raise IntegrityError("wrapped key uses an unknown KDF")
    try:
        shared = X25519PrivateKey.from_private_bytes(private).exchange(peer)
    except ValueError as exc:  # a low-order point: not something we wrote
        raise IntegrityError("wrapped key is malformed") from exc
    kek = derive_key(shared + epk + recipient_public_key(private), "carnet/wrap-x25519/" + context)
    try:
        return open_sealed(kek, sealed, _wrap_aad(context, header))
    except IntegrityError as exc:
        raise WrongSecretError("this key does not open the wrapped key") from exc

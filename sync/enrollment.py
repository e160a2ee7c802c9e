"""Enrollment codes: a single-use code that hands a new device the key ring.

Object ``enroll/<keyed hash of code>``; byte format in docs/sync-protocol.md (§9).
"""

from __future__ import annotations

import base64
import json
import os
import re

from sync import crypto
from sync.backends.base import Backend, BackendError, NotFoundError
from sync.devices import EnrollmentCodeError
from sync.errors import from_backend
from sync.layout import dump_json, format_name
from sync.segments import MAGIC_FORMAT, PURPOSE_FORMAT, PracticeKeys, open_object
from sync.signing import SigningPin

ENROLL_CODE_BYTES = 15  # 120 bits: 24 base32 characters, 6 groups of 4
DEFAULT_ENROLL_MINUTES = 30
MAX_ENROLL_MINUTES = 24 * 60
"""A code hands over the whole key ring: it lives hours at most, never years."""


def new_enrollment_code() -> str:
    """120 random bits as 24 base32 characters in 6 groups of 4 (e.g. ``ABCD-EFGH-...``)."""
    text = base64.b32encode(os.urandom(ENROLL_CODE_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_enrollment_code(text: str) -> bytes:
    """Inverse of :func:`new_enrollment_code`; tolerant of case, spaces, dashes and the
    look-alikes 0/O, 1/I, 8/B. :class:`WrongSecretError` if it is not one."""
    clean = re.sub(r"[\s-]", "", text).upper().translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(clean) if len(clean) == 24 else b""
    except ValueError:
        raw = b""
    if len(raw) != ENROLL_CODE_BYTES:
        raise EnrollmentCodeError("this is not an enrollment code (24 letters and digits)")
    return raw


def enrollment_name(pid: str, code: bytes) -> str:
    """``enroll/<HMAC-SHA256(HKDF(code, "carnet/enroll-name/v1"), practice id)>``: only a
    holder of the code finds the object; the name reveals nothing about the code."""
    name_key = crypto.derive_key(code, "carnet/enroll-name/v1")
    return f"{pid}/enroll/{crypto.keyed_hash(name_key, pid.encode('utf-8'))}"


def _enroll_context(pid: str) -> str:
    return f"carnet/enrollment/v1/{pid}"


def create_enrollment(
    backend: Backend,
    keys: PracticeKeys,
    *,
    by: str,
    expires_ms: int,
    signing: SigningPin | None = None,
) -> str:
    """Publish the key ring for a new device, wrapped under a fresh code; returns the
    code text (to show once). ``signing``: the enroller's pinned signing key, handed
    over under the code so that the new device pins it without trusting the storage.
    The expiry time is inside the wrap (what the joiner obeys) and in the name,
    ``enroll/<hash>.<expires ms>``, so any member's sync can delete an expired code it
    cannot open (:func:`delete_expired_enrollments`)."""
    code_text = new_enrollment_code()
    code = parse_enrollment_code(code_text)
    body = dump_json(
        {
            "practice_id": keys.practice_id,
            "current": keys.current,
            "epochs": {str(e): k.hex() for e, k in keys.epochs.items()},
            "expires_ms": expires_ms,
            "by": by,
            **({"signing": signing.to_json()} if signing is not None else {}),
        }
    )
    wrapped = crypto.wrap_with_key(body, code, _enroll_context(keys.practice_id))
    try:
        name = f"{enrollment_name(keys.practice_id, code)}.{expires_ms}"
        backend.create(name, dump_json(wrapped))
    except BackendError as exc:
        raise from_backend(exc) from exc
    return code_text


def redeem_enrollment(
    backend: Backend, pid: str, code_text: str, now_ms: int
) -> tuple[PracticeKeys, SigningPin | None]:
    """Open the key ring an enrolled device left for ``code_text`` and delete it (single
    use), with the enroller's signing key pin if it had one. Wrong, used or expired
    code: :class:`WrongSecretError` with one sentence."""
    code = parse_enrollment_code(code_text)
    base = enrollment_name(pid, code)
    wrong = "this enrollment code is wrong or was already used; ask for a new one"
    try:
        listed = [o.name for o in backend.list(enrollment_prefix(pid))]
        names = [n for n in listed if n == base or n.startswith(base + ".")]
        if not names:
            raise EnrollmentCodeError(wrong)
        name = names[0]
        try:
            wrapped = json.loads(backend.get(name))
        except (NotFoundError, ValueError):
            raise EnrollmentCodeError(wrong) from None
        try:
            body = json.loads(crypto.unwrap_with_key(wrapped, code, _enroll_context(pid)))
            keys = PracticeKeys(
                pid,
                {int(e): bytes.fromhex(k) for e, k in body["epochs"].items()},
                int(body["current"]),
            )
            expires_ms = int(body["expires_ms"])
            pin = SigningPin.from_json(body["signing"]) if "signing" in body else None
        except (crypto.WrongSecretError, crypto.IntegrityError, KeyError, TypeError, ValueError):
            raise EnrollmentCodeError(wrong) from None
        try:
            backend.delete(name)  # single use, even if what follows fails
        except NotFoundError:
            raise EnrollmentCodeError(wrong) from None
        if now_ms > expires_ms or expires_ms - now_ms > (MAX_ENROLL_MINUTES + 60) * 60_000:
            raise EnrollmentCodeError("this enrollment code has expired; ask for a new one")
        fmt = backend.get(format_name(pid))
    except BackendError as exc:
        raise from_backend(exc) from exc
    open_object(keys, MAGIC_FORMAT, PURPOSE_FORMAT, [pid], fmt, "format")
    return keys, pin


def enrollment_prefix(pid: str) -> str:
    return f"{pid}/enroll/"


def delete_expired_enrollments(backend: Backend, pid: str, now_ms: int) -> int:
    """Delete every code whose expiry (in its name) has passed: an expired code's object
    would still open the key ring for whoever holds the code. Returns how many."""
    deleted = 0
    try:
        for obj in backend.list(enrollment_prefix(pid)):
            _, dot, expires = obj.name.rpartition(".")
            if dot and expires.isdigit() and int(expires) < now_ms:
                try:
                    backend.delete(obj.name)
                    deleted += 1
                except NotFoundError:
                    continue
    except BackendError as exc:
        raise from_backend(exc) from exc
    return deleted

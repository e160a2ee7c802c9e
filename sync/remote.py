"""A practice on a storage: create it, find it at a root, open it with a secret.

The ``format`` object is read first and its absence is an error, never "an empty
practice"; it is written last at set-up, so a creation that crashed half-way leaves
nothing that opens. Names: sync/layout.py; key objects: sync/key_objects.py.
"""

from __future__ import annotations

import json
import re
import time

from sync import crypto
from sync.backends.base import (
    AlreadyExistsError,
    Backend,
    BackendError,
    NotFoundError,
)
from sync.errors import (
    AmbiguousPracticeError,
    IntegrityError,
    NotAPracticeError,
    SyncError,
    UnsupportedFormatError,
    from_backend,
)
from sync.key_objects import get_key_json, unwrap_key, wrap_context, write_recovery
from sync.layout import (
    FIRST_EPOCH,
    LAYOUT_VERSION,
    check_id,
    dump_json,
    format_name,
    is_id,
    key_name,
    keys_prefix,
)
from sync.recovery_key import format_recovery_key, parse_recovery_key
from sync.segments import (
    FORMAT_VERSION,
    HEADER,
    MAGIC_FORMAT,
    PURPOSE_FORMAT,
    PracticeKeys,
    open_object,
    seal_object,
)
from sync.signing import create_signing_key

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class PracticeExistsError(SyncError):
    """``create_practice_remote`` found objects under the practice's folder: refusing to
    overwrite anything. (A creation that crashed half-way leaves no ``format``; create
    again under a new random practice id.)"""


def _format_plaintext(pid: str) -> bytes:
    return dump_json(
        {
            "layout": LAYOUT_VERSION,
            "practice_id": pid,
            "segment_format": FORMAT_VERSION,
            "created_ms": time.time_ns() // 1_000_000,
        }
    )


def create_practice_remote(
    backend: Backend,
    practice_id: str,
    passphrase: str,
    kdf_params: crypto.KdfParams | None = None,
    practice_key: bytes | None = None,
) -> tuple[PracticeKeys, str]:
    """Set up a new practice on empty storage; returns (keys, recovery key text).

    The recovery key text must be shown to the user once (and printed): it is not stored
    anywhere in clear. ``practice_key``: the key a local store already uses (its first
    epoch); a random one otherwise. All objects are create-only; ``format`` is written last, so a
    crash half-way leaves something :func:`open_practice_remote` refuses, not a practice.
    The practice's signing key is made too (it signs every key epoch from 2 on; see
    ``sync.signing``).
    """
    pid = check_id(practice_id, "practice id")
    try:
        backend.check()
        if backend.list(f"{pid}/"):
            raise PracticeExistsError(f"the storage already holds practice {pid}")
        practice_key = practice_key or crypto.random_key()
        recovery = crypto.random_key()
        ctx = wrap_context(pid, FIRST_EPOCH)
        by_pass = crypto.wrap_with_passphrase(practice_key, passphrase, ctx, kdf_params)
        backend.create(key_name(pid, FIRST_EPOCH, "passphrase"), dump_json(by_pass))
        keys = PracticeKeys(pid, {FIRST_EPOCH: practice_key}, FIRST_EPOCH)
        write_recovery(backend, keys, recovery, backend.create)
        create_signing_key(
            backend,
            keys,
            passphrase=passphrase,
            recovery_public=crypto.recipient_public_key(recovery),
            from_epoch=FIRST_EPOCH + 1,
            kdf_params=kdf_params,
        )
        fmt = seal_object(keys, MAGIC_FORMAT, PURPOSE_FORMAT, [pid], _format_plaintext(pid))
        backend.create(format_name(pid), fmt)
    except AlreadyExistsError as exc:
        raise PracticeExistsError(f"the storage already holds practice {pid}") from exc
    except BackendError as exc:
        raise from_backend(exc) from exc
    return keys, format_recovery_key(recovery)


def discover_practice(backend: Backend) -> str:
    """The id of the one practice at the root of ``backend``.

    Joining from a URL gives a root, not a practice: the root is meant to hold exactly
    one practice. Zero -> :class:`NotAPracticeError`; several ->
    :class:`AmbiguousPracticeError` listing them (the caller asks which, or takes it from
    an enrollment code). Costs one listing of the whole root, once, at join time.
    """
    try:
        names = [o.name for o in backend.list("")]
    except BackendError as exc:
        raise from_backend(exc) from exc
    found = sorted({n.split("/")[0] for n in names if n.endswith("/format") and n.count("/") == 1})
    found = [p for p in found if _UUID_RE.match(p) or is_id(p)]
    if not found:
        raise NotAPracticeError("the storage location holds no Carnet practice")
    if len(found) > 1:
        raise AmbiguousPracticeError(
            f"the storage location holds {len(found)} practices ({', '.join(found)}); "
            "name the one to use",
            found,
        )
    return found[0]


def open_practice_remote(
    backend: Backend,
    practice_id: str | None,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> PracticeKeys:
    """Open an existing practice with its passphrase or its recovery key text.

    Order: ``format`` must exist (else :class:`NotAPracticeError`) and be of a known
    version (else :class:`UnsupportedFormatError`); the newest epoch's key is unwrapped
    (:class:`WrongSecretError`), older epochs through each epoch's ``previous`` wrap;
    then ``format`` is authenticated against the key (:class:`IntegrityError`).
    """
    if (passphrase is None) == (recovery_key is None):
        raise ValueError("give exactly one of passphrase and recovery_key")
    pid = discover_practice(backend) if practice_id is None else check_id(practice_id, "id")
    try:
        try:
            fmt = backend.get(format_name(pid))
        except NotFoundError:
            raise NotAPracticeError(f"no Carnet practice {pid} at this storage location") from None
        check_format_header(fmt)
        epochs = _listed_epochs(backend, pid)
        newest = max(epochs)
        ctx = wrap_context(pid, newest)
        if passphrase is not None:
            name = key_name(pid, newest, "passphrase")
            wrapped = get_key_json(backend, name)
            key = unwrap_key(crypto.unwrap_with_passphrase, wrapped, passphrase, ctx, name=name)
        else:
            assert recovery_key is not None
            secret = parse_recovery_key(recovery_key)
            name = key_name(pid, newest, "recovery")
            wrapped = get_key_json(backend, name)
            key = unwrap_key(crypto.unwrap_as_recipient, wrapped, secret, ctx, name=name)
        ring = {newest: key}
        for epoch in range(newest, FIRST_EPOCH, -1):
            name = key_name(pid, epoch, "previous")
            prev = get_key_json(backend, name)
            ctx_prev = wrap_context(pid, epoch - 1)
            ring[epoch - 1] = unwrap_key(
                crypto.unwrap_with_key, prev, ring[epoch], ctx_prev, name=name, held=True
            )
    except BackendError as exc:
        raise from_backend(exc) from exc
    keys = PracticeKeys(pid, ring, newest)
    info = json.loads(open_object(keys, MAGIC_FORMAT, PURPOSE_FORMAT, [pid], fmt, "format"))
    if info.get("practice_id") != pid:
        raise IntegrityError("the format object belongs to another practice")
    if int(info.get("layout", 0)) > LAYOUT_VERSION:
        raise UnsupportedFormatError("the remote uses a newer layout; upgrade Carnet")
    return keys


def check_format_header(data: bytes) -> None:
    if len(data) < HEADER.size:
        raise IntegrityError("the format object is truncated")
    magic, version, _epoch = HEADER.unpack_from(data)
    if magic != MAGIC_FORMAT:
        raise IntegrityError("the format object is not a Carnet format object")
    if version > FORMAT_VERSION:
        raise UnsupportedFormatError(f"the remote has format version {version}; upgrade Carnet")
    if version < FORMAT_VERSION:
        raise IntegrityError(f"the format object has version {version}, which no Carnet writes")


def _listed_epochs(backend: Backend, pid: str) -> set[int]:
    epochs: set[int] = set()
    for obj in backend.list(keys_prefix(pid)):
        part = obj.name[len(keys_prefix(pid)) :].split("/")[0]
        if part.isdigit():
            epochs.add(int(part))
    if not epochs:
        raise IntegrityError("the practice's keys are missing from the storage")
    return epochs

"""The remote layout of a practice, and its keys.

Everything lives under ``<root>/<practice-id>/`` (the practice id is a random UUID)::

    format                          envelope "CRNF": layout version, practice id
    keys/<epoch:08d>/passphrase     practice key of that epoch wrapped by the passphrase
    keys/<epoch:08d>/recovery       ... and to the recovery key (X25519 public-key wrap)
    keys/<epoch:08d>/recovery-public  envelope "CRNK": the recovery key's public half
    devices/<device>/<seq:020d>     immutable change segments, create-only, one writer
    heads/<device>.<seq:020d>       envelope "CRNH": hint of a device's latest segment
    snapshots/<device>/<ms:020d>    envelope "CRNP": full state + the cursors it covers
    blobs/<keyed hash>              envelope "CRNB": one chunk of an attachment

Names carry only random ids, numbers and fixed words: never patient data. The format
object is read first and its absence is an error, never "an empty practice". Heads carry
the seq in their *name* so that one listing of ``heads/`` tells, without any GET, whether
anything changed (the idle sync is one request); a new head is created, then the
previous one deleted. See docs/sync-protocol.md for the byte formats.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
    WrongSecretError,
    from_backend,
)
from sync.segments import (
    FORMAT_VERSION,
    HEADER,
    MAGIC_FORMAT,
    MAGIC_HEAD,
    MAGIC_RECOVERY_PUBLIC,
    PURPOSE_FORMAT,
    PURPOSE_HEAD,
    PURPOSE_RECOVERY_PUBLIC,
    PracticeKeys,
    open_object,
    seal_object,
)
from sync.signing import SigningPin, create_signing_key, drop_kit_wrap, write_kit_wrap

LAYOUT_VERSION = 1
FIRST_EPOCH = 1
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_RECOVERY_CHECK_BYTES = 3


class PracticeExistsError(SyncError):
    """``create_practice_remote`` found objects under the practice's folder: refusing to
    overwrite anything. (A creation that crashed half-way leaves no ``format``; create
    again under a new random practice id.)"""


# ---------------------------------------------------------------- names


def check_id(value: str, what: str) -> str:
    """Practice and device ids go into object names: letters, digits, '-' and '_' only."""
    if not _NAME_RE.match(value):
        raise ValueError(f"{what} {value!r} is not a valid id")
    return value


def new_practice_id() -> str:
    return str(uuid.uuid4())


def format_name(pid: str) -> str:
    return f"{pid}/format"


def keys_prefix(pid: str) -> str:
    return f"{pid}/keys/"


def key_name(pid: str, epoch: int, kind: str) -> str:
    """``kind``: "passphrase", "recovery", or "previous" (the epoch-1 key under this one)."""
    return f"{pid}/keys/{epoch:08d}/{kind}"


def segment_name(pid: str, device: str, seq: int) -> str:
    return f"{pid}/devices/{device}/{seq:020d}"


def heads_prefix(pid: str) -> str:
    return f"{pid}/heads/"


def head_name(pid: str, device: str, seq: int) -> str:
    """Flat under ``heads/``, so listing every device's head is one request even where a
    listing goes one folder level per request (Apache refuses ``Depth: infinity``)."""
    return f"{pid}/heads/{device}.{seq:020d}"


def first_layout_head_name(pid: str, device: str, seq: int) -> str:
    """Where storage written before heads were flat keeps them (read, never written)."""
    return f"{pid}/heads/{device}/{seq:020d}"


def parse_head(name: str, prefix: str) -> tuple[str, int] | None:
    """``<prefix><device>.<seq>`` -> (device, seq); the first layout's
    ``<prefix><device>/<seq>`` is read too. None for anything else."""
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix) :]
    device, dot, seq = rest.rpartition(".")
    if dot and "/" not in rest and _NAME_RE.match(device) and seq.isdigit():
        return device, int(seq)
    return parse_numbered(name, prefix)


def snapshots_prefix(pid: str) -> str:
    return f"{pid}/snapshots/"


def snapshot_name(pid: str, device: str, number: int) -> str:
    return f"{pid}/snapshots/{device}/{number:020d}"


def parse_numbered(name: str, prefix: str) -> tuple[str, int] | None:
    """``<prefix><device>/<number>`` -> (device, number); None for anything else."""
    if not name.startswith(prefix):
        return None
    parts = name[len(prefix) :].split("/")
    if len(parts) != 2 or not _NAME_RE.match(parts[0]) or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


# ---------------------------------------------------------------- recovery key text


def format_recovery_key(key: bytes) -> str:
    """256-bit key + 24-bit checksum as 56 base32 characters in 14 groups of 4.

    The checksum (SHA-256 prefix) turns a mistyped character into a clear "mistyped"
    error instead of a wrong-key error after a network round trip.
    """
    check = hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES]
    text = base64.b32encode(key + check).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


class RecoveryKeyTypoError(WrongSecretError):
    """The recovery key text does not check: empty, wrong length, a character that is
    not in the alphabet, or a checksum mismatch, saying where when it can (exit 3)."""

    advice_included = True


_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_RECOVERY_CHARS = 56
_GROUP = 4


def _checks(clean: str) -> bytes | None:
    raw = base64.b32decode(clean + "=" * (-len(clean) % 8))
    key, check = raw[: crypto.KEY_BYTES], raw[crypto.KEY_BYTES :]
    ok = hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES] == check
    return key if ok else None


def parse_recovery_key(text: str) -> bytes:
    """Inverse of :func:`format_recovery_key`; tolerant of case, spaces, dashes and the
    look-alikes 0/O, 1/I, 8/B. :class:`RecoveryKeyTypoError` saying what is wrong and,
    for a single mistyped character, in which group of 4 (found by trying every
    substitution against the checksum: 56 x 31 hashes, instant)."""
    clean = re.sub(r"[\s-]", "", text).upper().translate(str.maketrans("018", "OIB"))
    again = "; type it again from the printed kit (14 groups of 4 letters and digits)"
    if not clean:
        raise RecoveryKeyTypoError("the recovery key is empty" + again)
    wrong = [i for i, c in enumerate(clean) if c not in _B32]
    if wrong:
        group = wrong[0] // _GROUP + 1
        raise RecoveryKeyTypoError(
            f"the recovery key has a character that cannot be in it ({clean[wrong[0]]!r}, "
            f"group {group})" + again
        )
    if len(clean) != _RECOVERY_CHARS:
        raise RecoveryKeyTypoError(
            f"the recovery key has {len(clean)} letters and digits instead of "
            f"{_RECOVERY_CHARS} (a group missing or added?)" + again
        )
    key = _checks(clean)
    if key is not None:
        return key
    fixes = {
        i // _GROUP + 1
        for i in range(len(clean))
        for c in _B32
        if c != clean[i] and _checks(clean[:i] + c + clean[i + 1 :]) is not None
    }
    where = f" (group {min(fixes)} looks mistyped)" if len(fixes) == 1 else ""
    raise RecoveryKeyTypoError(
        f"the recovery key is mistyped: its checksum does not match{where}" + again
    )


# ---------------------------------------------------------------- create / open


def wrap_context(pid: str, epoch: int) -> str:
    return f"carnet/practice-key/v1/{pid}/{epoch}"


def dump_json(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


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
        _write_recovery(backend, keys, recovery, backend.create)
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
    found = [p for p in found if _UUID_RE.match(p) or _NAME_RE.match(p)]
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
            _write_recovery(backend, at, recovery, backend.put)
    except BackendError as exc:
        raise from_backend(exc) from exc
    if signing is not None:
        seed, pin = signing
        write_kit_wrap(backend, keys.practice_id, seed, pin, crypto.recipient_public_key(recovery))
    else:
        drop_kit_wrap(backend, keys.practice_id)
    return format_recovery_key(recovery)


def _write_recovery(
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


# ---------------------------------------------------------------- heads


@dataclass(frozen=True, slots=True)
class Head:
    """A device's claim about its latest segment: seq, digest and length of the object."""

    device: str
    seq: int
    digest: str
    length: int


def encode_head(keys: PracticeKeys, head: Head) -> bytes:
    body = dump_json({"seq": head.seq, "digest": head.digest, "length": head.length})
    context = [keys.practice_id, head.device, str(head.seq)]
    return seal_object(keys, MAGIC_HEAD, PURPOSE_HEAD, context, body)


def decode_head(keys: PracticeKeys, device: str, seq: int, data: bytes) -> Head:
    """Verify a head read from ``heads/<device>/<seq>``; the name's seq is bound."""
    what = f"head {seq} of device {device}"
    try:
        body = open_object(
            keys, MAGIC_HEAD, PURPOSE_HEAD, [keys.practice_id, device, str(seq)], data, what
        )
        value = json.loads(body)
        head = Head(device, int(value["seq"]), str(value["digest"]), int(value["length"]))
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device, seq) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is malformed", device, seq) from exc
    if head.seq != seq:
        raise IntegrityError(f"{what} names seq {head.seq}", device, seq)
    return head

"""Sealed remote objects: the envelope, and the change segment encoded in it.

Every object Carnet writes to storage (format, head, segment, snapshot) is an envelope:

    magic (4 bytes, one per kind) | version (1 byte) | key epoch (4 bytes, big endian)
    | nonce (12 bytes) | AES-256-GCM ciphertext and tag (16 bytes)

The 9-byte clear header tells a reader what it holds and which key epoch opens it; it is
authenticated, because the associated data is the header followed by a *context*: a
list of length-prefixed UTF-8 strings (2-byte big-endian length each) naming the purpose
and everything the object must be bound to (practice id, device id, seq, previous
digest...). An object moved to another name, practice, device or position fails to open.
Byte-level details: docs/sync-protocol.md.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import zstandard

from sync import crypto
from sync.changes import Change, changes_from_json
from sync.errors import IntegrityError, UnsupportedFormatError

FORMAT_VERSION = 1
SNAPSHOT_VERSION = 3
"""The newest snapshot format this Carnet reads: 3 (a root and chained chunks of grouped
rows or row images, sync/snapshot_format.py); it writes 3 when the replica exports row
images, 2 otherwise; every other object, and format-1 snapshots, in format 1."""
HEADER = struct.Struct(">4sBI")  # magic, version, epoch

MAGIC_SEGMENT = b"CRNS"
MAGIC_HEAD = b"CRNH"
MAGIC_SNAPSHOT = b"CRNP"
MAGIC_FORMAT = b"CRNF"
MAGIC_BLOB = b"CRNB"
MAGIC_RECOVERY_PUBLIC = b"CRNK"

PURPOSE_SEGMENT = "carnet/segment/v1"
PURPOSE_HEAD = "carnet/head/v1"
PURPOSE_SNAPSHOT = "carnet/snapshot/v1"
PURPOSE_FORMAT = "carnet/format/v1"
PURPOSE_RECOVERY_PUBLIC = "carnet/recovery-public/v1"

_MAX_PLAINTEXT = 1 << 31  # refuse to inflate beyond 2 GiB, whatever a frame claims


@dataclass(frozen=True, slots=True)
class PracticeKeys:
    """The practice's keys as opened from the remote: one 256-bit key per epoch.

    ``current`` is the epoch new objects are sealed with. Subkeys per purpose come from
    HKDF (:func:`subkey`), so a key never serves two uses.
    """

    practice_id: str
    epochs: Mapping[int, bytes]
    current: int

    def key(self, epoch: int) -> bytes:
        try:
            return self.epochs[epoch]
        except KeyError:
            raise IntegrityError(
                f"no practice key for epoch {epoch}: reopen the practice keys"
            ) from None

    def __repr__(self) -> str:  # never print key material
        return f"PracticeKeys({self.practice_id!r}, epochs={sorted(self.epochs)})"


def subkey(keys: PracticeKeys, epoch: int, purpose: str) -> bytes:
    return crypto.derive_key(keys.key(epoch), purpose)


def digest(data: bytes) -> str:
    """The digest that chains segments and that heads name: SHA-256 of the whole object."""
    return hashlib.sha256(data).hexdigest()


def _aad(header: bytes, context: Sequence[str]) -> bytes:
    parts = [header]
    for item in context:
        raw = item.encode("utf-8")
        parts.append(struct.pack(">H", len(raw)) + raw)
    return b"".join(parts)


def seal_object(
    keys: PracticeKeys,
    magic: bytes,
    purpose: str,
    context: Sequence[str],
    plaintext: bytes,
    version: int = FORMAT_VERSION,
) -> bytes:
    """Envelope ``plaintext`` under the current epoch's ``purpose`` subkey."""
    header = HEADER.pack(magic, version, keys.current)
    aad = _aad(header, [purpose, *context])
    return header + crypto.seal(subkey(keys, keys.current, purpose), plaintext, aad)


def open_object(
    keys: PracticeKeys,
    magic: bytes,
    purpose: str,
    context: Sequence[str],
    data: bytes,
    what: str,
) -> bytes:
    """Verify and open an envelope; :class:`IntegrityError` naming ``what`` on any fault."""
    return open_versioned(keys, magic, purpose, context, data, what)[1]


def open_versioned(
    keys: PracticeKeys,
    magic: bytes,
    purpose: str,
    context: Sequence[str],
    data: bytes,
    what: str,
    newest: int = FORMAT_VERSION,
) -> tuple[int, bytes]:
    """:func:`open_object` for a kind written in format versions 1 to ``newest`` (the
    version is in the authenticated header): (version, plaintext). Above ``newest``:
    written by a newer Carnet, :class:`UnsupportedFormatError`."""
    if len(data) < HEADER.size:
        raise IntegrityError(f"{what} is truncated")
    got_magic, version, epoch = HEADER.unpack_from(data)
    if got_magic != magic:
        raise IntegrityError(f"{what} is not a Carnet object of the expected kind")
    if version > newest:
        raise UnsupportedFormatError(f"{what} has format version {version}; upgrade Carnet")
    if version < 1:  # no Carnet ever wrote it: damage or tampering
        raise IntegrityError(f"{what} has format version {version}, which no Carnet writes")
    header = data[: HEADER.size]
    if epoch not in keys.epochs:
        raise IntegrityError(
            f"{what} is sealed with key epoch {epoch}, which this device does not hold "
            "(damaged, or written after a revocation that left this device out)"
        )
    key = subkey(keys, epoch, purpose)
    try:
        aad = _aad(header, [purpose, *context])
        return version, crypto.open_sealed(key, data[HEADER.size :], aad)
    except crypto.IntegrityError as exc:
        raise IntegrityError(
            f"{what} failed authentication (modified, truncated, moved or foreign)"
        ) from exc


def pack_json(value: Any) -> bytes:
    """Compact JSON, then zstd: the plaintext of segments and snapshots."""
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return zstandard.ZstdCompressor(level=3).compress(raw)


def unpack_json(data: bytes, what: str) -> Any:
    return _parse_json(_inflate(data, what), what)


def _inflate(data: bytes, what: str) -> bytes:
    try:
        return zstandard.ZstdDecompressor().decompress(data, max_output_size=_MAX_PLAINTEXT)
    except zstandard.ZstdError as exc:
        # Authenticated but undecodable: written by a broken or newer writer.
        raise IntegrityError(f"{what} is authentic but cannot be decoded") from exc


def _parse_json(raw: bytes, what: str) -> Any:
    # orjson was measured here (docs/performance.md, 2026-12-01): 1.2x on a segment's
    # JSON, and it reads integers past 64 bits as floats without a word. Not used.
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise IntegrityError(f"{what} is authentic but cannot be decoded") from exc


inflate = _inflate
parse_json = _parse_json


def segment_context(practice_id: str, device: str, seq: int, prev_digest: str) -> list[str]:
    return [practice_id, device, str(seq), prev_digest]


def encode_segment(
    keys: PracticeKeys,
    device: str,
    seq: int,
    prev_digest: str,
    changes: Sequence[Change],
    wires: Sequence[bytes] | None = None,
) -> bytes:
    """Seal a batch of changes as segment ``seq`` of ``device``, chained to ``prev_digest``
    (the digest of the device's segment ``seq - 1``; empty for seq 1). ``wires``, if
    given, are the changes already in their wire form (``PendingChange.wire``): the same
    plaintext, without encoding each change again; ``changes`` is then ignored."""
    if wires is None:
        wires = [c.to_wire() for c in changes]
    return seal_segment(keys, device, seq, prev_digest, segment_body(wires))


def segment_body(wires: Sequence[bytes]) -> bytes:
    """The JSON a segment holds, from its changes' wire forms (before compression)."""
    return joined_body(b",".join(wires))


def joined_body(joined: bytes) -> bytes:
    """:func:`segment_body` from the wire forms already joined by commas."""
    return b'{"changes":[' + joined + b"]}"


def seal_segment(keys: PracticeKeys, device: str, seq: int, prev_digest: str, body: bytes) -> bytes:
    """:func:`encode_segment` from the :func:`segment_body`: compression and sealing
    only, outside the interpreter lock (zstd, AES-GCM), so it can run beside Python."""
    if seq < 1:
        raise ValueError("segment numbers start at 1")
    plaintext = zstandard.ZstdCompressor(level=3).compress(body)
    context = segment_context(keys.practice_id, device, seq, prev_digest)
    return seal_object(keys, MAGIC_SEGMENT, PURPOSE_SEGMENT, context, plaintext)


def decode_segment(
    keys: PracticeKeys, device: str, seq: int, prev_digest: str, data: bytes
) -> list[Change]:
    """Verify segment ``seq`` of ``device`` (practice, position, chain link, epoch, every
    byte) and return its changes; :class:`IntegrityError` naming device and seq otherwise."""
    return parse_segment(device, seq, open_segment(keys, device, seq, prev_digest, data))


def open_segment(keys: PracticeKeys, device: str, seq: int, prev_digest: str, data: bytes) -> bytes:
    """The verification half of :func:`decode_segment`: check the envelope (AEAD,
    practice, position, chain link, epoch) and inflate it; returns the JSON bytes.
    Mostly outside the interpreter lock (decryption, zstd), so it can run ahead on a
    helper thread."""
    what = f"segment {seq} of device {device}"
    try:
        context = segment_context(keys.practice_id, device, seq, prev_digest)
        body = open_object(keys, MAGIC_SEGMENT, PURPOSE_SEGMENT, context, data, what)
        return _inflate(body, what)
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device=device, seq=seq) from exc


def parse_segment(device: str, seq: int, raw: bytes) -> list[Change]:
    """The changes of a segment that :func:`open_segment` verified and inflated."""
    what = f"segment {seq} of device {device}"
    try:
        value = _parse_json(raw, what)
        return changes_from_json(value["changes"])
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device=device, seq=seq) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is authentic but malformed", device, seq) from exc

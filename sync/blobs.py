"""Attachments on the storage: cut into chunks, sealed, named by a keyed hash.

See docs/sync-protocol.md, "Attachments", for the names and the byte format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync import crypto
from sync.backends.base import AlreadyExistsError, Backend, BackendError, NotFoundError
from sync.errors import IntegrityError, from_backend
from sync.segments import MAGIC_BLOB, PracticeKeys, open_object, seal_object, subkey

BLOB_CHUNK = 4 * 1024 * 1024
"""Chunk size of attachments: a lost connection costs at most one chunk, not the file."""

PURPOSE_BLOB = "carnet/blob/v1"
PURPOSE_BLOB_NAME = "carnet/blob-name/v1"


@dataclass(frozen=True, slots=True)
class BlobRef:
    """How a record names an attachment: SHA-256 (hex) and size of the plaintext.

    This goes into record fields, i.e. only inside encrypted segments. Remote names are
    derived from it with a keyed hash, so equal files are stored once and names reveal
    nothing (not even to someone who holds the file but not the practice key).
    """

    sha256: str
    size: int

    @staticmethod
    def of(data: bytes) -> BlobRef:
        return BlobRef(hashlib.sha256(data).hexdigest(), len(data))

    def chunks(self) -> int:
        return max(1, -(-self.size // BLOB_CHUNK))

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size}

    @staticmethod
    def from_json(value: Mapping[str, Any]) -> BlobRef:
        return BlobRef(str(value["sha256"]), int(value["size"]))


NAME_EPOCH = 1
"""Chunk names are keyed by epoch 1's blob-name subkey, whatever the current epoch:
every member holds epoch 1 (the ring is walked down to it), so a document uploaded
before a key rotation is found under the same name after it. (Carnet before this rule
keyed names by the current epoch: :func:`blob_chunk_names` still finds those.)"""

MAGIC_BLOB_PADDED = b"CRNC"
"""A padded chunk (the only kind written now): plaintext = 4-byte big-endian length,
the chunk's bytes, zeros up to the Padmé size of that length. ``CRNB`` chunks (raw
bytes, unpadded) written before padding are still read."""


def padme(length: int) -> int:
    """The Padmé padded size of ``length`` (Nikitin et al., PURBs, 2019): at most 12%
    more, and a size then says only about log log of the length instead of all of it."""
    if length < 2:
        return length
    e = length.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (length + mask) & ~mask


def pad_chunk(chunk: bytes) -> bytes:
    return len(chunk).to_bytes(4, "big") + chunk + bytes(padme(len(chunk)) - len(chunk))


def _name_under(keys: PracticeKeys, epoch: int, ref: BlobRef, index: int) -> str:
    name_key = subkey(keys, epoch, PURPOSE_BLOB_NAME)
    label = f"{ref.sha256}:{ref.size}:{index}".encode("ascii")
    return f"{keys.practice_id}/blobs/{crypto.keyed_hash(name_key, label)}"


def blob_chunk_name(keys: PracticeKeys, ref: BlobRef, index: int) -> str:
    """``blobs/<hex>``: HMAC-SHA256 under epoch 1's blob-name subkey of
    "<sha256>:<size>:<index>" (see :data:`NAME_EPOCH`)."""
    epoch = NAME_EPOCH if NAME_EPOCH in keys.epochs else min(keys.epochs)
    return _name_under(keys, epoch, ref, index)


def blob_chunk_names(keys: PracticeKeys, ref: BlobRef, index: int) -> list[str]:
    """Where chunk ``index`` may be, in the order to look: its name, then the names
    Carnet used before the fixed naming epoch (keyed by whichever epoch was current
    when it was uploaded: each other epoch held, newest first)."""
    first = blob_chunk_name(keys, ref, index)
    others = [_name_under(keys, e, ref, index) for e in sorted(keys.epochs, reverse=True)]
    return [first, *[n for n in others if n != first]]


def open_chunk(keys: PracticeKeys, name: str, data: bytes) -> bytes:
    """Verify and open the chunk stored at ``name`` (padded or, from older Carnet, raw)."""
    what = f"attachment chunk {name}"
    if data[:4] == MAGIC_BLOB:
        return open_object(keys, MAGIC_BLOB, PURPOSE_BLOB, [name], data, what)
    body = open_object(keys, MAGIC_BLOB_PADDED, PURPOSE_BLOB, [name], data, what)
    length = int.from_bytes(body[:4], "big") if len(body) >= 4 else -1
    if not 0 <= length <= len(body) - 4 or any(body[4 + length :]):
        raise IntegrityError(f"{what} is authentic but malformed")
    return body[4 : 4 + length]


def upload_blob(backend: Backend, keys: PracticeKeys, data: bytes) -> tuple[BlobRef, int]:
    """Upload an attachment in sealed, padded chunks (create-only; chunks already there
    are kept: dedup, and a resumed upload skips them). Returns (ref, chunks written)."""
    ref = BlobRef.of(data)
    written = 0
    for index in range(ref.chunks()):
        name = blob_chunk_name(keys, ref, index)
        chunk = data[index * BLOB_CHUNK : (index + 1) * BLOB_CHUNK]
        sealed = seal_object(keys, MAGIC_BLOB_PADDED, PURPOSE_BLOB, [name], pad_chunk(chunk))
        try:
            backend.create(name, sealed)
            written += 1
        except AlreadyExistsError:
            continue
        except BackendError as exc:
            raise from_backend(exc) from exc
    return ref, written


def download_blob(backend: Backend, keys: PracticeKeys, ref: BlobRef) -> bytes:
    """Fetch, open and verify every chunk, then the whole (size and SHA-256)."""
    parts = []
    for index in range(ref.chunks()):
        parts.append(_fetch_chunk(backend, keys, ref, index))
    content = b"".join(parts)
    if BlobRef.of(content) != ref:
        raise IntegrityError("an attachment's chunks do not add up to the expected file")
    return content


def _fetch_chunk(backend: Backend, keys: PracticeKeys, ref: BlobRef, index: int) -> bytes:
    names = blob_chunk_names(keys, ref, index)
    for name in names:
        try:
            data = backend.get(name)
        except NotFoundError:
            continue
        except BackendError as exc:
            raise from_backend(exc) from exc
        return open_chunk(keys, name, data)
    raise IntegrityError(f"attachment chunk {names[0]} is missing")

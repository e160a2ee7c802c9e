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


def blob_chunk_name(keys: PracticeKeys, ref: BlobRef, index: int) -> str:
    """``blobs/<hex>``: HMAC-SHA256 under the blob-name subkey (current epoch) of
    "<sha256>:<size>:<index>"."""
    name_key = subkey(keys, keys.current, PURPOSE_BLOB_NAME)
    label = f"{ref.sha256}:{ref.size}:{index}".encode("ascii")
    return f"{keys.practice_id}/blobs/{crypto.keyed_hash(name_key, label)}"


def upload_blob(backend: Backend, keys: PracticeKeys, data: bytes) -> tuple[BlobRef, int]:
    """Upload an attachment in sealed chunks (create-only; chunks already there are kept:
    dedup, and a resumed upload skips them). Returns (ref, chunks actually written)."""
    ref = BlobRef.of(data)
    written = 0
    for index in range(ref.chunks()):
        name = blob_chunk_name(keys, ref, index)
        chunk = data[index * BLOB_CHUNK : (index + 1) * BLOB_CHUNK]
        sealed = seal_object(keys, MAGIC_BLOB, PURPOSE_BLOB, [name], chunk)
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
        name = blob_chunk_name(keys, ref, index)
        try:
            data = backend.get(name)
        except NotFoundError:
            raise IntegrityError(f"attachment chunk {name} is missing") from None
        except BackendError as exc:
            raise from_backend(exc) from exc
        parts.append(open_object(keys, MAGIC_BLOB, PURPOSE_BLOB, [name], data, f"chunk {name}"))
    content = b"".join(parts)
    if BlobRef.of(content) != ref:
        raise IntegrityError("an attachment's chunks do not add up to the expected file")
    return content

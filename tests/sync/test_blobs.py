"""Attachments: encrypted, chunked, content-addressed under a keyed hash, uploaded before
the segment that references them."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from sync.backends.memory import MemoryBackend
from sync.blobs import BLOB_CHUNK, BlobRef, blob_chunk_name, download_blob, upload_blob
from sync.engine import SyncEngine
from sync.errors import IntegrityError
from sync.ports import BlobSource, PendingChange
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.sync_engine import CountingBackend


def test_round_trip_dedup_and_opaque_names(backend: MemoryBackend, keys: PracticeKeys) -> None:
    data = "%PDF-1.7 compte rendu: Mme Hélène Müller ".encode() + os.urandom(BLOB_CHUNK + 10)
    ref, written = upload_blob(backend, keys, data)
    assert written == 2 and ref == BlobRef.of(data)
    assert upload_blob(backend, keys, data)[1] == 0  # stored once
    assert download_blob(backend, keys, ref) == data
    names = [n for n in backend.objects if "/blobs/" in n]
    assert len(names) == 2 and all(ref.sha256 not in n for n in names)
    assert all("Hélène".encode() not in backend.objects[n] for n in names)


def test_empty_file(backend: MemoryBackend, keys: PracticeKeys) -> None:
    ref, _ = upload_blob(backend, keys, b"")
    assert download_blob(backend, keys, ref) == b""


def test_tampered_swapped_or_missing_chunks_are_refused(
    backend: MemoryBackend, keys: PracticeKeys
) -> None:
    one, _ = upload_blob(backend, keys, b"first letter")
    two, _ = upload_blob(backend, keys, b"second letter")
    a, b = blob_chunk_name(keys, one, 0), blob_chunk_name(keys, two, 0)
    backend.objects[a], backend.objects[b] = backend.objects[b], backend.objects[a]
    with pytest.raises(IntegrityError):
        download_blob(backend, keys, one)
    del backend.objects[b]
    with pytest.raises(IntegrityError, match="missing"):
        download_blob(backend, keys, two)


class DocReplica(MemoryReplica):
    """A replica whose "document" records reference attachments by SHA-256."""

    def __init__(self, device_id: str) -> None:
        super().__init__(device_id)
        self.files: dict[str, bytes] = {}

    def add_document(self, record_id: str, data: bytes) -> None:
        ref = BlobRef.of(data)
        self.files[ref.sha256] = data
        self.write("document", record_id, {"title": "Lettre", "blob": ref.to_json()})

    def blobs_referenced(self, changes: Sequence[PendingChange]) -> list[str]:
        fields = [p.change.fields for p in changes]
        return [str(f["blob"]["sha256"]) for f in fields if "blob" in f]

    def read_blob(self, sha256: str) -> bytes:
        return self.files[sha256]


def test_engine_uploads_blobs_before_their_segment(
    backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = DocReplica("dev-a")
    assert isinstance(a, BlobSource)
    a.add_document("d1", b"lab results " * 1000)
    counting = CountingBackend(backend)
    SyncEngine(a, counting, keys).sync()
    kinds = [
        (op, "blobs" if "/blobs/" in n else "devices" if "/devices/" in n else n)
        for op, n in counting.calls
    ]
    assert kinds.index(("create", "blobs")) < kinds.index(("create", "devices"))
    b = MemoryReplica("dev-b")
    SyncEngine(b, backend, keys).sync()
    ref = BlobRef.from_json(b.values()[("document", "d1")]["blob"])
    assert download_blob(backend, keys, ref) == b"lab results " * 1000

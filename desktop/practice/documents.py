"""Documents of a chart (letters, results, scans): a record, and its bytes kept
content-addressed and encrypted in the database (blobs.py), checked when read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.practice import blobs, errors, files, reads, rows, writes
from desktop.practice.session import Session, local_now


def add_document(
    s: Session,
    patient_id: str,
    content: bytes,
    *,
    title: str,
    filename: str,
    mime: str = "application/octet-stream",
    kind: str = "other",
    received_at: str | None = None,
) -> str:
    """Store a letter, result or scan; its bytes live encrypted in the database.
    ``received_at``: the document's own date when the GP gives one (a result of last
    week scanned today), else now."""
    reads.patient(s, patient_id)
    digest = hashlib.sha256(content).hexdigest()
    with s.transaction():
        blobs.store(s, digest, content)
        return writes.create_record(
            s,
            "document",
            {
                "patient_id": patient_id,
                "title": title,
                "kind": kind,
                "mime": mime,
                "filename": filename,
                "size": len(content),
                "content_hash": digest,
                "received_at": received_at or local_now(),
            },
        )


def read_file(path: Path) -> bytes:
    """A file the GP attaches, read whole (on the store's worker), or a sentence."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc


def document_content(s: Session, document_id: str) -> bytes:
    doc = rows.get(s, "document", document_id)
    if doc is None:
        raise errors.NotFoundError(f"no document with id {document_id}")
    with s.transaction():
        content = blobs.read(s, doc["content_hash"])
        s.audit("read", "document", document_id)
    if content is None and doc["size"]:
        raise errors.NotFoundError(
            "this document's content is not on this computer yet; sync to fetch it"
        )
    data = (content or b"")[: doc["size"]]
    if hashlib.sha256(data).hexdigest() != doc["content_hash"]:
        raise errors.IntegrityFailureError(f"document {document_id} failed its integrity check")
    return data


def export_document(s: Session, document_id: str, path: Path) -> None:
    """Write a copy of a document where the GP chose (private, fsynced, renamed into
    place), audited as an export: the only way a decrypted copy reaches the disk."""
    data = document_content(s, document_id)
    try:
        files.write_private_durably(path, data)
    except OSError as exc:
        raise errors.StorageError(f"cannot write {path} ({exc.strerror})") from exc
    with s.transaction():
        s.audit("export-document", "document", document_id)

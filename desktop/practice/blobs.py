"""Attachment content: content-addressed (SHA-256), in 1 MiB chunks, inside the
encrypted database. The same bytes are stored once, whoever refers to them."""

from __future__ import annotations

from desktop.practice.session import Session

CHUNK = 1024 * 1024


def store(s: Session, digest: str, content: bytes) -> None:
    """Keep ``content`` under ``digest`` unless already kept (inside the caller's transaction)."""
    if s.execute("SELECT 1 FROM blob_chunks WHERE hash = ? AND idx = 0", (digest,)).fetchone():
        return
    s.conn.executemany(
        "INSERT INTO blob_chunks(hash, idx, data) VALUES (?, ?, ?)",
        (
            (digest, i, content[off : off + CHUNK])
            for i, off in enumerate(range(0, max(len(content), 1), CHUNK))
        ),
    )


def read(s: Session, digest: str) -> bytes | None:
    """The whole content kept under ``digest``, or None if none is."""
    rows = s.execute(
        "SELECT data FROM blob_chunks WHERE hash = ? ORDER BY idx", (digest,)
    ).fetchall()
    return b"".join(r[0] for r in rows) if rows else None


def held(s: Session) -> list[str]:
    """SHA-256 of every attachment whose content this store holds."""
    rows = s.execute(
        "SELECT DISTINCT d.content_hash FROM document d WHERE d.content_hash IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM blob_chunks b WHERE b.hash = d.content_hash AND b.idx = 0)"
    ).fetchall()
    return [r[0] for r in rows]


def missing(s: Session) -> list[tuple[str, int]]:
    """(sha256, size) of documents whose content has not been fetched yet."""
    rows = s.execute(
        "SELECT DISTINCT d.content_hash, d.size FROM document d WHERE d.content_hash "
        "IS NOT NULL AND d.size > 0 AND NOT EXISTS (SELECT 1 FROM blob_chunks b "
        "WHERE b.hash = d.content_hash AND b.idx = 0)"
    ).fetchall()
    return [(str(h), int(n)) for h, n in rows]

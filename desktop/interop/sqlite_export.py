"""``carnet export sqlite``: the whole practice as a plain, unencrypted SQLite file.

A way out that needs no Carnet: one table per record type (every row, tombstones and
every version of every note included), the documents' content, and the audit log. Sync
machinery (journal, cursors, search indexes) and the keys in ``meta`` stay behind. The
schema is documented in docs/sqlite-export.md; a test checks the two agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path

from desktop.practice import bulk_reads, db, errors, meta
from desktop.practice.files import fsync_directory
from desktop.practice.migrations import SCHEMA_VERSION
from desktop.practice.schema import ENTITIES, SQL_TYPES
from desktop.practice.store import Practice

FORMAT_VERSION = 1
AUDIT_COLUMNS = ("seq", "at", "user_id", "action", "entity", "record_id", "prev", "hash")


def _schema() -> list[str]:
    statements = []
    for ent in ENTITIES.values():
        cols = ", ".join(f"{f.name} {SQL_TYPES[f.type]}" for f in ent.fields)
        statements.append(f"CREATE TABLE plain.{ent.name} (id TEXT PRIMARY KEY, {cols})")
    statements += [
        "CREATE TABLE plain.document_content (content_hash TEXT PRIMARY KEY, data BLOB NOT NULL)",
        "CREATE TABLE plain.audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, "
        "action TEXT NOT NULL, entity TEXT, record_id TEXT, prev TEXT NOT NULL, "
        "hash TEXT NOT NULL)",
        "CREATE TABLE plain.export_info (key TEXT PRIMARY KEY, value TEXT)",
    ]
    return statements


def _copy(practice: Practice) -> dict[str, int]:
    conn = practice.conn
    counts: dict[str, int] = {}
    for ent in ENTITIES.values():
        cols = ", ".join(["id", *ent.field_names])
        before = conn.total_changes
        conn.execute(f"INSERT INTO plain.{ent.name} ({cols}) SELECT {cols} FROM main.{ent.name}")
        counts[ent.name] = conn.total_changes - before
    hashes = [r[0] for r in conn.execute("SELECT DISTINCT content_hash FROM main.document")]
    for digest in hashes:
        rows = conn.execute(
            "SELECT data FROM main.blob_chunks WHERE hash = ? ORDER BY idx", (digest,)
        ).fetchall()
        if rows:
            conn.execute(
                "INSERT INTO plain.document_content VALUES (?, ?)",
                (digest, b"".join(r[0] for r in rows)),
            )
    counts["document_content"] = int(
        conn.execute("SELECT count(*) FROM plain.document_content").fetchone()[0]
    )
    cols = ", ".join(AUDIT_COLUMNS)
    before = conn.total_changes
    conn.execute(f"INSERT INTO plain.audit ({cols}) SELECT {cols} FROM main.audit")
    counts["audit"] = conn.total_changes - before
    info = {
        "format_version": str(FORMAT_VERSION),
        "carnet_schema_version": str(SCHEMA_VERSION),
        "practice_id": practice.practice_id,
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "exported_by": practice.user_id or "",
    }
    conn.executemany("INSERT INTO plain.export_info VALUES (?, ?)", sorted(info.items()))
    return counts


def export_sqlite(practice: Practice, path: Path) -> dict[str, int]:
    """Write the plain copy (private, complete or absent); returns the rows per table.

    The caller has had the user confirm that the file holds everything in clear.
    """
    meta.require_whole(practice.session)
    path = Path(path)
    if path.exists():
        raise errors.InvalidInputError(f"{path} already exists; choose a new file name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=folder)
    except OSError as exc:
        raise errors.StorageError(f"cannot write into {folder} ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    with contextlib.suppress(OSError):
        tmp.chmod(0o600)
    conn = practice.conn
    attached = False
    try:
        # An empty key: SQLCipher attaches a plain SQLite file.
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(tmp),))
        attached = True
        conn.execute("PRAGMA plain.journal_mode = DELETE")
        conn.execute("BEGIN")
        try:
            for sql in _schema():
                conn.execute(sql)
            counts = _copy(practice)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE plain")
        attached = False
        os.replace(tmp, path)
        fsync_directory(folder)
    except BaseException as exc:
        if attached:
            with contextlib.suppress(Exception):
                conn.execute("DETACH DATABASE plain")
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise errors.StorageError(f"cannot write {path} ({exc.strerror})") from exc
        if isinstance(exc, db.DatabaseError):
            raise db.map_sqlite_error(exc, path) from exc
        raise
    bulk_reads.audit_export(practice, "export-sqlite")
    return counts

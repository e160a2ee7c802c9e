"""Opening the SQLCipher database, its pragmas, migrations, and SQLite error mapping.

The database key is a random 256-bit raw key (``x'…'``), so opening costs no KDF; the
passphrase is stretched once, by Argon2id, to unwrap that key (see keyfile.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.practice import errors
from desktop.practice.schema import ENTITIES, Entity

DB_NAME = "practice.db"
"""The database's file name inside a practice folder (beside the key file)."""
Connection = Any  # sqlcipher3.Connection has no stubs
DatabaseError = sqlcipher3.DatabaseError
MIN_CIPHER_MAJOR = 4
SQL_TYPES = {
    "text": "TEXT",
    "date": "TEXT",
    "pdate": "TEXT",
    "datetime": "TEXT",
    "json": "TEXT",
    "int": "INTEGER",
    "bool": "INTEGER",
    "real": "REAL",
}


def connect(path: Path, key: bytes, *, create: bool = False) -> Connection:
    """Open (or create) the encrypted database and check it really opens with ``key``."""
    if not create and not path.exists():
        raise errors.NotAPracticeError(f"{path.parent} has no practice database")
    try:
        conn = sqlcipher3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=10.0
        )
    except sqlcipher3.OperationalError as exc:
        raise map_sqlite_error(exc, path) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or int(str(version[0]).split(".")[0]) < MIN_CIPHER_MAJOR:
            raise errors.StorageError(
                f"SQLCipher {MIN_CIPHER_MAJOR} or newer is required (found "
                f"{version[0] if version else 'none'}); reinstall Carnet's dependencies"
            )
        conn.execute("PRAGMA cipher_memory_security = OFF")
        # The first real read is where a wrong key or a damaged file shows.
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages
        conn.execute("PRAGMA busy_timeout = 10000")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise map_sqlite_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def map_sqlite_error(exc: BaseException, path: Path) -> errors.CarnetError:
    """Turn SQLite's messages into one actionable sentence (no patient data in them)."""
    text = str(exc).lower()
    where = path.parent
    if "full" in text:
        return errors.StorageError(
            f"the disk holding {where} is full; free some space and try again "
            "(nothing already saved was lost)"
        )
    if "readonly" in text or "read-only" in text:
        return errors.StorageError(
            f"{where} is read-only; move the practice to a writable folder or fix its permissions"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return errors.CorruptDatabaseError(
            f"the practice database in {where} is damaged or truncated; restore it from your "
            "sync remote with 'carnet restore' (the file was left untouched)"
        )
    if "unable to open" in text or "disk i/o" in text:
        return errors.StorageError(
            f"cannot open or write the practice database in {where}; check that the folder "
            "exists, is writable and that the disk is connected"
        )
    if "locked" in text or "busy" in text:
        return errors.StorageError(
            f"the practice in {where} is in use by another Carnet process; close it and retry"
        )
    return errors.StorageError(f"the practice database in {where} failed: {exc.__class__.__name__}")


@contextlib.contextmanager
def transaction(conn: Connection, path: Path) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, mapping SQLite failures to known errors; rollback on error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.DatabaseError as exc:
        raise map_sqlite_error(exc, path) from exc
    try:
        yield
        conn.execute("COMMIT")
    except sqlcipher3.DatabaseError as exc:
        with contextlib.suppress(sqlcipher3.DatabaseError):
            conn.execute("ROLLBACK")
        raise map_sqlite_error(exc, path) from exc
    except BaseException:
        with contextlib.suppress(sqlcipher3.DatabaseError):
            conn.execute("ROLLBACK")
        raise


# --- schema and migrations -------------------------------------------------------------


def _entity_table_sql(entity: Entity) -> list[str]:
    cols = ", ".join(f"{f.name} {SQL_TYPES[f.type]}" for f in entity.fields)
    stmts = []
    if entity.versioned:
        stmts.append(
            f"CREATE TABLE {entity.name} (id TEXT PRIMARY KEY, {cols}, "
            "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL)"
        )
    else:
        # _hlc/_dev: the stamp of every field not listed in _st (the creating write);
        # _st: JSON {field: [hlc, device, replaced_hlc, replaced_device]} for the others.
        stmts.append(
            f"CREATE TABLE {entity.name} (id TEXT PRIMARY KEY, {cols}, "
            "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
        )
    if entity.patient_field:
        stmts.append(
            f"CREATE INDEX {entity.name}_by_patient ON {entity.name}({entity.patient_field})"
        )
    return stmts


def _migration_1(conn: Connection) -> None:
    statements = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
        # This device's own changes, in order; pushed ones are below the push cursor.
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
        "record_id TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL, "
        "fields TEXT NOT NULL, replaces TEXT NOT NULL)",
        "CREATE TABLE cursors (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, "
        "digest TEXT NOT NULL, applied_at TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, "
        "action TEXT NOT NULL, entity TEXT, record_id TEXT, prev TEXT NOT NULL, "
        "hash TEXT NOT NULL)",
        # Losing concurrent values (sync.merge): open until a later write settles them.
        "CREATE TABLE conflicts (id TEXT PRIMARY KEY, entity TEXT NOT NULL, "
        "record_id TEXT NOT NULL, field TEXT NOT NULL, loser_hlc INTEGER NOT NULL, "
        "loser_dev TEXT NOT NULL, loser TEXT NOT NULL, detected_at TEXT NOT NULL)",
        "CREATE INDEX conflicts_by_field ON conflicts(entity, record_id, field)",
        # Search keys for patients: folded name tokens, and '#p'/'#n'/'#d' phone, NIR
        # and birth-date keys; rank: lower is a better kind of match (see search.py).
        "CREATE TABLE patient_keys (key TEXT NOT NULL, rank INTEGER NOT NULL, "
        "sort TEXT NOT NULL, patient_id TEXT NOT NULL, "
        "PRIMARY KEY (key, rank, sort, patient_id)) WITHOUT ROWID",
        "CREATE INDEX patient_keys_by_patient ON patient_keys(patient_id, key)",
        "CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='unicode61 remove_diacritics 2')",
        # Attachment content, content-addressed, in 1 MiB chunks (encrypted by SQLCipher).
        "CREATE TABLE blob_chunks (hash TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL)",
        "CREATE UNIQUE INDEX blob_chunks_key ON blob_chunks(hash, idx)",
    ]
    for entity in ENTITIES.values():
        statements.extend(_entity_table_sql(entity))
    statements += [
        "CREATE INDEX consultation_version_by_consultation "
        "ON consultation_version(consultation_id)",
        "CREATE INDEX prescription_version_by_prescription "
        "ON prescription_version(prescription_id)",
        "CREATE INDEX appointment_by_time ON appointment(starts_at)",
        "CREATE INDEX patient_by_name ON patient(family_name, given_names)",
    ]
    for sql in statements:
        conn.execute(sql)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION, one transaction per step; refuse newer files."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise errors.NewerSchemaError(
            f"the practice in {path.parent} was written by a newer Carnet (schema {current}, "
            f"this one knows {SCHEMA_VERSION}); install the newer version"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with transaction(conn, path):
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")

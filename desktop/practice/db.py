"""Opening the SQLCipher database, its pragmas, transactions, and SQLite error mapping.

The database key is a random 256-bit raw key (``x'…'``), so opening costs no KDF; the
passphrase is stretched once, by Argon2id, to unwrap that key (see keyfile.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.practice import errors

DB_NAME = "practice.db"
"""The database's file name inside a practice folder (beside the key file)."""
Connection = Any  # sqlcipher3.Connection has no stubs
DatabaseError = sqlcipher3.DatabaseError
MIN_CIPHER_MAJOR = 4


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

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
DataError = sqlcipher3.DataError
"""A value SQLite refuses, e.g. longer than its largest string or blob."""
MIN_CIPHER_MAJOR = 4


def connect(path: Path, key: bytes, *, create: bool = False, cache: bool = True) -> Connection:
    """Open (or create) the encrypted database and check it really opens with ``key``;
    ``cache=False``: no prepared-statement cache (a role-restricted connection, roles.py)."""
    if not create and not path.exists():
        raise errors.NotAPracticeError(f"{path.parent} has no practice database")
    try:
        conn = sqlcipher3.connect(
            str(path),
            isolation_level=None,
            check_same_thread=False,
            timeout=10.0,
            cached_statements=128 if cache else 0,
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


# SQLite's primary result codes (https://sqlite.org/rescode.html) that are the disk's or
# the file's doing; any other code is a bug in Carnet.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
_BY_WORDS = (  # when the driver gives no code: the words of SQLite's own messages
    ("full", SQLITE_FULL),
    ("readonly", SQLITE_READONLY),
    ("read-only", SQLITE_READONLY),
    ("not a database", SQLITE_NOTADB),
    ("malformed", SQLITE_CORRUPT),
    ("corrupt", SQLITE_CORRUPT),
    ("unable to open", SQLITE_CANTOPEN),
    ("disk i/o", SQLITE_IOERR),
    ("locked", SQLITE_LOCKED),
    ("busy", SQLITE_BUSY),
)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (``sqlite_errorcode``, extended codes
    reduced), else guessed from its message; None when neither says."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _BY_WORDS if words in text), None)


def map_sqlite_error(exc: BaseException, path: Path) -> Exception:
    """SQLite's failure as one actionable sentence (no patient data in it) when it is the
    disk's or the file's; otherwise a :class:`errors.DatabaseBugError` (a bug is never
    shown as a disk problem)."""
    code = sqlite_code(exc)
    where = path.parent
    if code == SQLITE_FULL:
        return errors.StorageError(
            f"the disk holding {where} is full; free some space and try again "
            "(nothing already saved was lost)"
        )
    if code == SQLITE_READONLY:
        return errors.StorageError(
            f"{where} is read-only; move the practice to a writable folder or fix its permissions"
        )
    if code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return errors.CorruptDatabaseError(
            f"the practice database in {where} is damaged or truncated; restore it from your "
            "sync remote with 'carnet restore' (the file was left untouched)"
        )
    if code in (SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_PERM):
        return errors.StorageError(
            f"cannot open or write the practice database in {where}; check that the folder "
            "exists, is writable and that the disk is connected"
        )
    if code in (SQLITE_LOCKED, SQLITE_BUSY):
        return errors.StorageError(
            f"the practice in {where} is in use by another Carnet process; close it and retry"
        )
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return errors.DatabaseBugError(f"SQLite refused an operation on the practice database ({name})")


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

"""A practice folder's files: making its encrypted database and key file, and unlocking
them. The folder holds ``keys.json`` (the database key wrapped per user, keyfile.py)
and the SQLCipher database; nothing else of the practice is stored in clear."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.practice import db, errors, meta, migrations
from desktop.practice.db import DB_NAME
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import MetaKey
from desktop.practice.session import now_iso
from sync import crypto
from sync.changes import new_id
from sync.segments import PracticeKeys


@dataclass(frozen=True, slots=True)
class Unlocked:
    """An open database at the current schema, and who unlocked it."""

    folder: Path
    conn: db.Connection
    user_id: str | None
    db_key: bytes
    username: str | None = None  # the login the key file's entry names (sealed there)


def create_database(
    folder: Path,
    keys: PracticeKeys,
    passphrase: str,
    user_id: str,
    username: str,
    initial_meta: Mapping[str, Any] | None = None,
) -> Unlocked:
    """A new database and key file in an empty (or absent) folder; ``initial_meta`` is
    written in the database's first transaction, beside this device's identity."""
    if KeyFile.exists(folder) or (folder / DB_NAME).exists():
        raise errors.InvalidInputError(f"{folder} already holds a practice")
    if len(passphrase) < 8:
        raise errors.InvalidInputError("the passphrase must have at least 8 characters")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # POSIX modes; Windows uses the profile's ACL
            folder.chmod(0o700)
    except OSError as exc:
        raise errors.StorageError(f"cannot create {folder} ({exc.strerror})") from exc
    db_key = crypto.random_key()
    keyfile = KeyFile(folder, keys.practice_id).with_user(user_id, username, db_key, passphrase)
    conn = db.connect(folder / DB_NAME, db_key, create=True)
    try:
        migrations.migrate(conn, folder / DB_NAME)
        with db.transaction(conn, folder / DB_NAME):
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [
                    (MetaKey.PRACTICE_ID, keys.practice_id),
                    (MetaKey.DEVICE_ID, new_id()),  # never a reused one: see sync.errors
                    (MetaKey.PRACTICE_KEYS, meta.ring_json(keys)),
                    (MetaKey.HLC_LAST, 0),
                    (MetaKey.CREATED_AT, now_iso()),
                    *((MetaKey(k), v) for k, v in (initial_meta or {}).items()),
                ],
            )
    except BaseException:
        conn.close()
        (folder / DB_NAME).unlink(missing_ok=True)
        raise
    keyfile.save()
    return Unlocked(folder, conn, user_id, db_key, username or None)


def unlock(
    folder: Path,
    *,
    passphrase: str | None = None,
    key: bytes | None = None,
    username: str | None = None,
    on_upgrade: Callable[[int, int], None] | None = None,
) -> Unlocked:
    """Unlock with a passphrase (Argon2id, ~0.2 s) or with a remembered database key,
    and bring the schema up to date (``on_upgrade``: see :func:`migrations.migrate`)."""
    keyfile = KeyFile.load(folder)
    if not (folder / DB_NAME).is_file():
        raise errors.NotAPracticeError(
            f"{folder} has a key file but no {DB_NAME}; restore the practice with 'carnet restore'"
        )
    if (folder / DB_NAME).stat().st_size == 0:
        # SQLite would take an emptied file for a new database and write a fresh schema
        # into it: say what happened instead, and touch nothing.
        raise errors.CorruptDatabaseError(
            f"the practice database in {folder} is empty (0 bytes): it was truncated or "
            "replaced. The practice is on its sync storage: restore it into a new folder "
            "with 'carnet --data-dir NEW-FOLDER restore --from URL' (changes not yet "
            "pushed from this computer are lost with the file)"
        )
    user_id: str | None = None
    login = username
    if key is None:
        if passphrase is None:
            raise errors.WrongPassphraseError("a passphrase is needed to unlock the practice")
        opened = keyfile.unlock(passphrase, username)
        user_id, key, login = opened.user_id, opened.db_key, opened.username
        if opened.previous is not None:
            key = _which_key(folder, key, opened.previous)
    conn = db.connect(folder / DB_NAME, key)
    try:
        migrations.migrate(conn, folder / DB_NAME, on_upgrade)
    except BaseException:
        conn.close()
        raise
    # A remembered key names no login: the store finds ``username`` among its users.
    return Unlocked(folder, conn, user_id, key, login or None)


def _which_key(folder: Path, new: bytes, previous: bytes) -> bytes:
    """A rekey was cut short (departures.py): the database is under one of the two."""
    try:
        db.connect(folder / DB_NAME, new).close()
        return new
    except errors.CorruptDatabaseError:
        return previous


def rebind_key_file(
    folder: Path,
    old_user_id: str | None,
    user_id: str,
    username: str,
    db_key: bytes,
    passphrase: str,
) -> None:
    """Replace ``old_user_id``'s entry in the key file by one for ``user_id``."""
    keyfile = KeyFile.load(folder)
    if old_user_id is not None:
        keyfile = keyfile.without_user(old_user_id)
    keyfile.with_user(user_id, username, db_key, passphrase).save()

"""The local key file: the database key wrapped by each user's passphrase.

``keys.json`` beside the database holds, per user, the 256-bit database key wrapped with
Argon2id + AES-256-GCM. It is written durably and privately (temp, 0600, fsync, rename).
Losing it loses the local database (the sync remote and the recovery kit bring it back).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.practice import errors
from desktop.practice.files import write_private_durably
from sync import crypto

KEYFILE_NAME = "keys.json"
FORMAT = "carnet-keys/1"


def _context(practice_id: str, user_id: str) -> str:
    return f"carnet/db-key/v1/{practice_id}/{user_id}"


@dataclass(frozen=True, slots=True)
class KeyEntry:
    user_id: str
    username: str
    wrap: dict[str, Any]


@dataclass(frozen=True, slots=True)
class KeyFile:
    folder: Path
    practice_id: str
    entries: tuple[KeyEntry, ...]

    @property
    def path(self) -> Path:
        return self.folder / KEYFILE_NAME

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / KEYFILE_NAME).is_file()

    @staticmethod
    def load(folder: Path) -> KeyFile:
        path = folder / KEYFILE_NAME
        if not path.is_file():
            raise errors.NotAPracticeError(
                f"{folder} is not a Carnet practice folder (no {KEYFILE_NAME}); "
                "create one with 'carnet init' or choose the right folder with --data-dir"
            )
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("format") != FORMAT:
                raise ValueError("unknown format")
            entries = tuple(
                KeyEntry(str(e["user_id"]), str(e["username"]), dict(e["wrap"]))
                for e in doc["users"]
            )
            return KeyFile(folder, str(doc["practice_id"]), entries)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise errors.IntegrityFailureError(
                f"the key file {path} is damaged; restore the practice from your sync "
                "remote or recovery kit"
            ) from exc

    def save(self) -> None:
        doc = {
            "format": FORMAT,
            "practice_id": self.practice_id,
            "users": [
                {"user_id": e.user_id, "username": e.username, "wrap": e.wrap} for e in self.entries
            ],
        }
        try:
            write_private_durably(self.path, json.dumps(doc, indent=1).encode("utf-8"))
        except OSError as exc:
            raise errors.StorageError(
                f"cannot write the key file in {self.folder} ({exc.strerror or exc}); "
                "check free space and permissions"
            ) from exc

    def with_user(self, user_id: str, username: str, db_key: bytes, passphrase: str) -> KeyFile:
        """A copy where ``user_id``'s passphrase wraps ``db_key`` (added or replaced)."""
        wrap = crypto.wrap_with_passphrase(db_key, passphrase, _context(self.practice_id, user_id))
        kept = tuple(e for e in self.entries if e.user_id != user_id)
        return KeyFile(self.folder, self.practice_id, (*kept, KeyEntry(user_id, username, wrap)))

    def unlock(self, passphrase: str, username: str | None = None) -> tuple[str, bytes]:
        """(user id, database key) for the first entry the passphrase opens."""
        candidates = [e for e in self.entries if username is None or e.username == username]
        for entry in candidates:
            try:
                key = crypto.unwrap_with_passphrase(
                    entry.wrap, passphrase, _context(self.practice_id, entry.user_id)
                )
            except crypto.WrongSecretError:
                continue
            except crypto.IntegrityError as exc:
                raise errors.IntegrityFailureError(f"the key file {self.path} is damaged") from exc
            return entry.user_id, key
        raise errors.WrongPassphraseError(
            "wrong passphrase"
            + (f" for user {username}" if username else "")
            + "; check the keyboard layout and Caps Lock, or restore with the recovery kit"
        )

"""The local key file: the database key, for each person with a login on this computer.

``keys.json`` (format 2) keeps in clear only what unlocking and a departure need:

- one Argon2id salt and cost for the file, so a login costs one stretch of the
  passphrase whoever types it (the entry is found by trying the stretched key on each);
- per login: the opaque user id (a random id naming nobody), an X25519 public key, the
  login's secret (user id, login name and X25519 private key, sealed under the stretched
  passphrase) and the database key wrapped to the public key. The public key lets any
  device re-wrap a new database key for everyone who stays after a departure without
  their passphrases (departures.py); a departed person's entry keeps only its secret, so
  their passphrase gets a sentence instead of a key.

No login or display name is in clear. Format-1 entries (``username`` and a passphrase
wrap in clear) are still read, and each becomes a format-2 login when its owner first
unlocks. Written durably and privately (temp, 0600, fsync, rename). Losing the file
loses the local database (the sync remote and the recovery kit bring it back).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.practice import errors
from desktop.practice.files import write_private_durably
from sync import crypto

KEYFILE_NAME = "keys.json"
FORMAT_1 = "carnet-keys/1"
FORMAT = "carnet-keys/2"


def _context_v1(practice_id: str, user_id: str) -> str:
    return f"carnet/db-key/v1/{practice_id}/{user_id}"


def _login_context(practice_id: str) -> str:
    return f"carnet/login/v2/{practice_id}"


def _db_key_context(practice_id: str, user_id: str) -> str:
    return f"carnet/db-key/v2/{practice_id}/{user_id}"


@dataclass(frozen=True, slots=True)
class LegacyEntry:
    """A format-1 entry: login in clear, database key under the passphrase."""

    user_id: str
    username: str
    wrap: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Login:
    user_id: str
    public: str  # hex X25519 public key
    secret: dict[str, Any]  # {user_id, username, private} under the stretched passphrase
    db_key: dict[str, Any] | None  # the database key wrapped to ``public``; None: departed
    previous: dict[str, Any] | None = None  # the key before a rekey, until it completed


@dataclass(frozen=True, slots=True)
class Unlocked:
    user_id: str
    username: str
    db_key: bytes
    previous: bytes | None = None  # try this one if a rekey was cut short


@dataclass(frozen=True, slots=True)
class KeyFile:
    folder: Path
    practice_id: str
    logins: tuple[Login, ...] = ()
    legacy: tuple[LegacyEntry, ...] = ()
    kdf: dict[str, Any] | None = None  # {"m", "t", "p", "salt"}

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
            if doc.get("format") not in (FORMAT, FORMAT_1):
                raise ValueError("unknown format")
            legacy = tuple(
                LegacyEntry(str(e["user_id"]), str(e["username"]), dict(e["wrap"]))
                for e in doc.get("users", ())
            )
            logins = tuple(
                Login(
                    str(e["user_id"]),
                    str(e["public"]),
                    dict(e["secret"]),
                    None if e.get("db_key") is None else dict(e["db_key"]),
                    None if e.get("previous") is None else dict(e["previous"]),
                )
                for e in doc.get("logins", ())
            )
            kdf = doc.get("kdf")
            return KeyFile(folder, str(doc["practice_id"]), logins, legacy, kdf and dict(kdf))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise errors.IntegrityFailureError(
                f"the key file {path} is damaged; restore the practice from your sync "
                "remote or recovery kit"
            ) from exc

    def save(self) -> None:
        doc: dict[str, Any] = {"format": FORMAT, "practice_id": self.practice_id}
        if self.kdf is not None:
            doc["kdf"] = self.kdf
        doc["logins"] = [
            {
                "user_id": e.user_id,
                "public": e.public,
                "secret": e.secret,
                "db_key": e.db_key,
                **({"previous": e.previous} if e.previous else {}),
            }
            for e in self.logins
        ]
        if self.legacy:  # until each of them unlocks once
            doc["users"] = [
                {"user_id": e.user_id, "username": e.username, "wrap": e.wrap} for e in self.legacy
            ]
        try:
            write_private_durably(self.path, json.dumps(doc, indent=1).encode("utf-8"))
        except OSError as exc:
            raise errors.StorageError(
                f"cannot write the key file in {self.folder} ({exc.strerror or exc}); "
                "check free space and permissions"
            ) from exc

    # -- the stretched passphrase -----------------------------------------------------------

    def _with_kdf(self) -> KeyFile:
        if self.kdf is not None:
            return self
        params = crypto.default_kdf_params()
        kdf = {
            "kdf": "argon2id",
            "m": params.memory_kib,
            "t": params.iterations,
            "p": params.lanes,
            "salt": crypto.b64e(os.urandom(16)),
        }
        return replace(self, kdf=kdf)

    def _stretch(self, passphrase: str) -> bytes:
        assert self.kdf is not None
        try:
            params = crypto.KdfParams(int(self.kdf["m"]), int(self.kdf["t"]), int(self.kdf["p"]))
            salt = crypto.b64d(self.kdf["salt"])
            crypto.check_kdf_params(params)
            if self.kdf.get("kdf") != "argon2id" or not 8 <= len(salt) <= 64:
                raise ValueError("unknown KDF")
        except (KeyError, ValueError, TypeError, crypto.IntegrityError) as exc:
            raise errors.IntegrityFailureError(f"the key file {self.path} is damaged") from exc
        return crypto.stretch_passphrase(passphrase, salt, params)

    # -- changes ---------------------------------------------------------------------------

    def with_user(self, user_id: str, username: str, db_key: bytes, passphrase: str) -> KeyFile:
        """A copy where ``user_id``'s passphrase opens ``db_key`` (added or replaced)."""
        base = self._with_kdf()
        private = crypto.random_key()
        public = crypto.recipient_public_key(private)
        payload = json.dumps(
            {"user_id": user_id, "username": username, "private": private.hex()}
        ).encode("utf-8")
        secret = crypto.wrap_with_key(
            payload, base._stretch(passphrase), _login_context(self.practice_id)
        )
        login = Login(
            user_id,
            public.hex(),
            secret,
            crypto.wrap_for_recipient(db_key, public, _db_key_context(self.practice_id, user_id)),
        )
        return replace(
            base,
            logins=(*(e for e in base.logins if e.user_id != user_id), login),
            legacy=tuple(e for e in base.legacy if e.user_id != user_id),
        )

    def without_user(self, user_id: str) -> KeyFile:
        """A copy with no entry at all for ``user_id`` (a placeholder replaced by a join)."""
        return replace(
            self,
            logins=tuple(e for e in self.logins if e.user_id != user_id),
            legacy=tuple(e for e in self.legacy if e.user_id != user_id),
        )

    def departed(self, user_ids: set[str]) -> KeyFile:
        """A copy where these people's entries hold no database key any more (their
        passphrase then gets a sentence, not a key)."""
        return replace(
            self,
            logins=tuple(
                replace(e, db_key=None) if e.user_id in user_ids else e for e in self.logins
            ),
            legacy=tuple(e for e in self.legacy if e.user_id not in user_ids),
        )

    def rewrapped(self, db_key: bytes) -> KeyFile:
        """A copy where every login that still has a key opens ``db_key``, keeping the
        current wrap as ``previous`` until :meth:`settled` (a rekey cut short by a crash
        leaves the database under either key); format-1 entries cannot be re-wrapped
        without their passphrase."""
        if self.legacy:
            raise ValueError("format-1 entries remain")
        return replace(
            self,
            logins=tuple(
                e
                if e.db_key is None
                else replace(
                    e,
                    previous=e.db_key,
                    db_key=crypto.wrap_for_recipient(
                        db_key,
                        bytes.fromhex(e.public),
                        _db_key_context(self.practice_id, e.user_id),
                    ),
                )
                for e in self.logins
            ),
        )

    def settled(self) -> KeyFile:
        """The rekey is done: the previous keys go."""
        return replace(self, logins=tuple(replace(e, previous=None) for e in self.logins))

    def user_ids_with_keys(self) -> set[str]:
        return {e.user_id for e in self.logins if e.db_key is not None} | {
            e.user_id for e in self.legacy
        }

    # -- unlocking -------------------------------------------------------------------------

    def unlock(self, passphrase: str, username: str | None = None) -> Unlocked:
        """The login this passphrase (and login name, when given) opens, and the database
        key. A format-1 entry that opens is turned into a format-2 login and saved."""
        found = None
        if self.logins and self.kdf is not None:
            found = self._unlock_login(passphrase, username)
        if found is None:
            found = self._unlock_legacy(passphrase, username)
        if found is not None:
            return found
        raise errors.WrongPassphraseError(
            "wrong passphrase"
            + (f" for user {username}" if username else "")
            + "; check the keyboard layout and Caps Lock, or restore with the recovery kit"
        )

    def _unlock_login(self, passphrase: str, username: str | None) -> Unlocked | None:
        """The format-2 login this passphrase opens (named ``username``, when given)."""
        kek = self._stretch(passphrase)
        for entry in self.logins:
            payload = self._login_payload(entry, kek)
            if payload is None:
                continue
            if username is not None and payload.get("username") != username:
                continue
            return self._open_login(entry, payload)
        return None

    def _login_payload(self, entry: Login, kek: bytes) -> Any:
        """The login's secret part under ``kek``; None when ``kek`` is not its passphrase's."""
        try:
            payload = json.loads(
                crypto.unwrap_with_key(entry.secret, kek, _login_context(self.practice_id))
            )
        except crypto.WrongSecretError:
            return None
        except (crypto.IntegrityError, ValueError) as exc:
            raise errors.IntegrityFailureError(f"the key file {self.path} is damaged") from exc
        if payload.get("user_id") != entry.user_id:
            raise errors.IntegrityFailureError(f"the key file {self.path} is damaged")
        return payload

    def _open_login(self, entry: Login, payload: Any) -> Unlocked:
        """The database key (and the previous one, mid-rekey) of an opened login; a
        login whose person left holds none."""
        if entry.db_key is None:
            raise errors.LoginRefusedError(
                f"the login '{payload.get('username')}' was deactivated on this "
                "computer (the person left the practice); ask a doctor of the practice "
                "if this is a mistake"
            )
        private = bytes.fromhex(payload["private"])
        context = _db_key_context(self.practice_id, entry.user_id)
        try:
            key = crypto.unwrap_as_recipient(entry.db_key, private, context)
            previous = (
                None
                if entry.previous is None
                else crypto.unwrap_as_recipient(entry.previous, private, context)
            )
        except (crypto.WrongSecretError, crypto.IntegrityError) as exc:
            raise errors.IntegrityFailureError(f"the key file {self.path} is damaged") from exc
        return Unlocked(entry.user_id, str(payload["username"]), key, previous)

    def _unlock_legacy(self, passphrase: str, username: str | None) -> Unlocked | None:
        """A format-1 entry this passphrase opens, saved as a format-2 login at once."""
        for legacy in self.legacy:
            if username is not None and legacy.username != username:
                continue
            try:
                key = crypto.unwrap_with_passphrase(
                    legacy.wrap, passphrase, _context_v1(self.practice_id, legacy.user_id)
                )
            except crypto.WrongSecretError:
                continue
            except crypto.IntegrityError as exc:
                raise errors.IntegrityFailureError(f"the key file {self.path} is damaged") from exc
            self.with_user(legacy.user_id, legacy.username, key, passphrase).save()
            return Unlocked(legacy.user_id, legacy.username, key)
        return None

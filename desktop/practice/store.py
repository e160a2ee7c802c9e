"""The practice store: :class:`Practice`, the one object callers hold.

It opens or makes a practice folder (opening.py), knows who is logged in and what their
role may open (roles.py, people.py), and keeps the device's state (meta, key ring,
conflicts, unpushed changes). Every read and write is in :class:`PracticeFacade`
(facade.py), all over one :class:`Session`. Remote changes come in through the sync
replica (replica.py), which shares the session and never this class: whoever syncs
builds ``StoreReplica(practice.session)``. Callers never write SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from desktop.practice import (
    conflicts,
    db,
    errors,
    journal,
    meta,
    opening,
    people,
    reads,
    roles,
    search,
)
from desktop.practice.db import DB_NAME
from desktop.practice.facade import PracticeFacade
from desktop.practice.meta import MetaKey
from desktop.practice.rows import Record
from desktop.practice.session import Session
from desktop.practice.values import validate
from sync import crypto
from sync.changes import HybridClock, new_id
from sync.layout import FIRST_EPOCH
from sync.segments import PracticeKeys

__all__ = ["DB_NAME", "Practice", "Record", "validate"]  # validate: for older importers


# --- the store ---------------------------------------------------------------------------


class Practice(PracticeFacade):
    """An open, unlocked practice database. Not thread-safe for concurrent writers:
    the desktop gives it to one worker thread; an internal lock guards misuse."""

    def __init__(
        self,
        folder: Path,
        conn: db.Connection,
        *,
        user_id: str | None,
        db_key: bytes,
        login_name: str | None = None,
    ):
        self.db_key = db_key
        self.login_name = login_name  # the login the key file's entry names
        self.departures = True  # see open()
        stored = meta.read_all(conn)
        self.practice_id: str = stored[MetaKey.PRACTICE_ID]
        self.practice_keys = meta.ring_from_json(self.practice_id, stored[MetaKey.PRACTICE_KEYS])
        self.session = Session(
            folder,
            conn,
            practice_id=self.practice_id,
            device_id=stored[MetaKey.DEVICE_ID],
            user_id=user_id,
            hlc_last=int(stored.get(MetaKey.HLC_LAST, 0)),
            reconnect=lambda: db.connect(self.db_path, self.db_key),
        )
        if MetaKey.NOTES_INDEXED not in stored:
            # A database from before notes were indexed on first search: every note in
            # it was indexed when written.
            with self.transaction():
                search.mark_notes_indexed(conn)
        self.access = roles.Access(None, None, None)
        self._load_access()

    # -- who is logged in, and what their role may open -----------------------------------

    def _load_access(self) -> None:
        """Read the user's role; a role without clinical access gets a guarded
        connection (roles.py), so every clinical read or write below is refused."""
        if self.user_id is None and self.login_name:
            match = [u for u in reads.users(self.session) if u["username"] == self.login_name]
            self.session.user_id = match[0]["id"] if match else None
        self.access = people.access_of(self.session)
        if self.access.clinical or self.session.guard is not None:
            return
        guard = roles.Guard(self.access.role)
        plain = db.connect(self.db_path, self.db_key, cache=False)
        self.session.conn.close()
        self.session.conn = roles.GuardedConnection(plain, guard)
        self.session.guard = guard

    @property
    def role(self) -> str | None:
        """The logged-in person's role; None when opened with the key alone."""
        return self.access.role

    def enforce_departures(self) -> bool:
        """End here the logins of people who left (key file, rekey); call after a pull."""
        from desktop.practice import departures

        return self.departures and departures.enforce(self)

    # -- the session's state, as callers have always read it -------------------------------

    @property
    def folder(self) -> Path:
        return self.session.folder

    @property
    def db_path(self) -> Path:
        return self.session.db_path

    @property
    def device_id(self) -> str:
        return self.session.device_id

    @property
    def user_id(self) -> str | None:
        return self.session.user_id

    @property
    def clock(self) -> HybridClock:
        return self.session.clock

    # -- life cycle ----------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        practice_name: str,
        username: str,
        passphrase: str,
        display_name: str | None = None,
    ) -> Practice:
        """A new practice in an empty (or absent) folder, with its first doctor."""
        if not practice_name.strip() or not username.strip():
            raise errors.InvalidInputError("the practice name and the user name must not be empty")
        practice_id, user_id = new_id(), new_id()
        keys = PracticeKeys(practice_id, {FIRST_EPOCH: crypto.random_key()}, FIRST_EPOCH)
        practice = cls._create_database(Path(folder), keys, passphrase, user_id, username)
        with practice.transaction():
            practice.create_record("practice", {"name": practice_name}, record_id=practice_id)
            practice.create_record(
                "user",
                {"username": username, "display_name": display_name or username, "role": "doctor"},
                record_id=user_id,
            )
        return practice

    @classmethod
    def create_empty(
        cls,
        folder: Path,
        *,
        practice_keys: PracticeKeys,
        passphrase: str,
        username: str = "",
        meta: Mapping[str, Any] | None = None,
    ) -> Practice:
        """A new device of an existing practice (join, restore): no records until synced.

        ``meta`` is written in the database's first transaction (a restore marks itself
        incomplete there, so no crash can leave a folder that looks finished). The key
        file names a placeholder user until :meth:`bind_user` finds the real one among
        the synced users.
        """
        return cls._create_database(
            Path(folder), practice_keys, passphrase, new_id(), username, meta or {}
        )

    @classmethod
    def _create_database(
        cls,
        folder: Path,
        keys: PracticeKeys,
        passphrase: str,
        user_id: str,
        username: str,
        initial_meta: Mapping[str, Any] | None = None,
    ) -> Practice:
        made = opening.create_database(folder, keys, passphrase, user_id, username, initial_meta)
        return cls(
            made.folder, made.conn, user_id=made.user_id, db_key=made.db_key,
            login_name=made.username,
        )

    def bind_user(self, username: str | None, passphrase: str) -> None:
        """After a join: point the key file at the synced user with this login (or the
        only doctor), so the audit log names who works on this device."""
        users = self.users()
        match = [u for u in users if username and u["username"] == username]
        if not match and not username:
            match = [u for u in users if u["role"] in ("doctor", "locum")]
        if len(match) != 1:
            return
        user = match[0]
        opening.rebind_key_file(
            self.folder, self.user_id, user["id"], user["username"], self.db_key, passphrase
        )
        self.session.user_id = user["id"]
        self.login_name = user["username"]
        self._load_access()

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        passphrase: str | None = None,
        key: bytes | None = None,
        username: str | None = None,
        allow_incomplete: bool = False,
        departures: bool = True,
        on_upgrade: Callable[[int, int], None] | None = None,
    ) -> Practice:
        """Unlock with a passphrase (Argon2id, ~0.2 s) or with a remembered database key.

        ``departures=False``: a second connection of a process that keeps the practice
        open on another (the app's background sync): it never rekeys under that one's
        feet; the app's own connection ends departures (:meth:`enforce_departures`).

        A folder whose join or restore was interrupted is refused (it would look like a
        complete practice while missing records) unless ``allow_incomplete``: the
        restore itself, resuming.

        ``on_upgrade(from, to)``: called before the schema is upgraded, if it is (once;
        minutes for a practice holding millions of unpushed changes).
        """
        folder = Path(folder)
        done = opening.unlock(
            folder, passphrase=passphrase, key=key, username=username, on_upgrade=on_upgrade
        )
        practice = cls(
            folder, done.conn, user_id=done.user_id, db_key=done.db_key, login_name=done.username
        )
        try:
            if not allow_incomplete and (
                practice.meta_value(MetaKey.RESTORE_STATE) == meta.IN_PROGRESS
            ):
                raise errors.CarnetError(
                    f"the restore into {folder} did not finish; run the same 'carnet restore' "
                    "(or 'carnet join') command again to continue where it stopped"
                )
            if username is not None and practice.access.username != username:
                raise errors.WrongPassphraseError(f"there is no login '{username}' here")
            practice.departures = departures
            practice.enforce_departures()
            people.check_login(practice)
        except BaseException:
            practice.close()
            raise
        return practice

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Practice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- device state: meta, key ring, conflicts, unpushed changes -------------------------

    def meta_value(self, key: str, default: Any = None) -> Any:
        """``key`` must be a :class:`MetaKey` (a plain str is checked against them)."""
        return meta.get(self.session, MetaKey(key), default)

    def set_meta(self, key: str, value: Any) -> None:
        meta.put(self.session, MetaKey(key), value)

    def set_practice_keys(self, keys: PracticeKeys) -> None:
        """Replace the key ring (a new epoch after a revocation); call in a transaction."""
        if keys.practice_id != self.practice_id or not set(self.practice_keys.epochs) <= set(
            keys.epochs
        ):
            raise ValueError("a key ring may only grow, within the same practice")
        self.set_meta(MetaKey.PRACTICE_KEYS, meta.ring_json(keys))
        self.practice_keys = keys

    def conflicts(self) -> list[Record]:
        return conflicts.open_for_user(self.session)

    def resolve_conflict(self, conflict_id: str, keep: str) -> None:
        """Keep one side: written anew, so it wins on every device once synced."""
        if keep not in ("local", "remote"):
            raise errors.InvalidInputError("keep must be 'local' or 'remote'")
        match = [c for c in self.conflicts() if c["id"] == conflict_id]
        if not match:
            raise errors.NotFoundError(f"no open conflict with id {conflict_id}")
        conflict = match[0]
        self.update_record(
            conflict["entity"], conflict["record_id"], {conflict["field"]: conflict[keep]}
        )

    def pending_count(self) -> int:
        return journal.pending_count(self.session)

    def pending_charts(self, *, at_most: int = 20_000) -> int | None:
        """Charts with changes not pushed yet, what a GP understands ("3 charts changed");
        None past ``at_most`` changes, where counting would hold the worker too long."""
        with self.session.system():  # a number, not content: every role sees it
            return journal.pending_charts(self.session, at_most=at_most)

"""The practice store: :class:`Practice`, the one object callers hold.

It opens or makes a practice folder (opening.py) and answers every call through the
modules that do the work, all over one :class:`Session`: writes.py (the one write
path: row, journal, conflicts, search, audit in one transaction), reads.py (charts,
agenda, users), clinical.py (versioned notes and prescriptions), documents.py,
search.py and audit.py. Remote changes come in through the sync replica (replica.py),
which shares the session and never this class. Callers never write SQL.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.practice import (
    access_csv,
    audit,
    audit_query,
    clinical,
    conflicts,
    db,
    documents,
    errors,
    journal,
    meta,
    opening,
    people,
    reads,
    roles,
    rows,
    search,
    writes,
)
from desktop.practice.db import DB_NAME
from desktop.practice.meta import MetaKey
from desktop.practice.rows import Record
from desktop.practice.session import Session
from desktop.practice.values import validate
from sync import crypto
from sync.changes import HybridClock, new_id
from sync.layout import FIRST_EPOCH
from sync.segments import PracticeKeys

if TYPE_CHECKING:
    from desktop.practice.replica import StoreReplica

__all__ = ["DB_NAME", "Practice", "Record", "validate"]  # validate: for older importers


# --- the store ---------------------------------------------------------------------------


class Practice:
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

    @property
    def may_read_clinical(self) -> bool:
        return self.access.clinical

    def enforce_departures(self) -> bool:
        """End here the logins of people who left (key file, rekey); call after a pull."""
        from desktop.practice import departures

        return self.departures and departures.enforce(self)

    # -- the session's state, as callers have always read it -------------------------------

    @property
    def folder(self) -> Path:
        return self.session.folder

    @property
    def conn(self) -> db.Connection:
        return self.session.conn

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

    @functools.cached_property
    def replica(self) -> StoreReplica:
        """This store as the sync engine sees it, sharing its session.

        Kept for the callers that predate it (desktop/remote/, desktop/cli/);
        new code that syncs builds ``StoreReplica(practice.session)`` itself."""
        from desktop.practice.replica import StoreReplica

        return StoreReplica(self.session)

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
    ) -> Practice:
        """Unlock with a passphrase (Argon2id, ~0.2 s) or with a remembered database key.

        ``departures=False``: a second connection of a process that keeps the practice
        open on another (the app's background sync): it never rekeys under that one's
        feet; the app's own connection ends departures (:meth:`enforce_departures`).

        A folder whose join or restore was interrupted is refused (it would look like a
        complete practice while missing records) unless ``allow_incomplete``: the
        restore itself, resuming.
        """
        folder = Path(folder)
        done = opening.unlock(folder, passphrase=passphrase, key=key, username=username)
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

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One durable transaction; nested calls join the outer one."""
        return self.session.transaction()

    def _q(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """SQL with SQLite's errors mapped (kept for desktop/remote/)."""
        return self.session.execute(sql, params)

    # -- the write path ------------------------------------------------------------------

    def create_record(
        self,
        entity: str,
        fields: Mapping[str, Any],
        *,
        record_id: str | None = None,
        audited: bool = True,
    ) -> str:
        """Create a record; ``audited=False`` only for a part of an operation whose own
        audit entry already names it (the first version of a new consultation)."""
        return writes.create_record(
            self.session, entity, fields, record_id=record_id, audited=audited
        )

    def update_record(self, entity: str, record_id: str, fields: Mapping[str, Any]) -> None:
        writes.update_record(self.session, entity, record_id, fields)

    def delete_record(self, entity: str, record_id: str) -> None:
        """A tombstone: the row stays, hidden, and :meth:`undelete_record` brings it back."""
        writes.delete_record(self.session, entity, record_id)

    def undelete_record(self, entity: str, record_id: str) -> None:
        writes.undelete_record(self.session, entity, record_id)

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

    # -- reads -----------------------------------------------------------------------------

    def get(self, entity: str, record_id: str) -> Record | None:
        return rows.get(self.session, entity, record_id)

    def appointments_between(self, start_iso: str, end_iso: str) -> list[Record]:
        """Live appointments with start_iso <= starts_at < end_iso, by time, with the
        patient's family_name and given_names (over the starts_at index)."""
        return reads.appointments_between(self.session, start_iso, end_iso)

    def users(self) -> list[Record]:
        return reads.users(self.session)

    def records(self, entity: str, order: str = "id", **equal: Any) -> list[Record]:
        """Live records of a small entity (practitioners, templates), where each given
        field equals its value, sorted by the ``order`` field."""
        return reads.records(self.session, entity, order, **equal)

    def practice_record(self) -> Record:
        return reads.practice_record(self.session)

    def patient(self, patient_id: str) -> Record:
        return reads.patient(self.session, patient_id)

    def chart(self, patient_id: str, *, include_deleted: bool = False) -> Record:
        """The whole chart of one patient; the read is audited."""
        return reads.chart(self.session, patient_id, include_deleted=include_deleted)

    def visible_chart(self, patient_id: str) -> Record:
        """The chart as this person's role may see it: the whole chart for a clinician,
        identity, insurance and appointments only (clinical sections empty) otherwise."""
        if self.may_read_clinical:
            return self.chart(patient_id)
        return reads.front_desk_chart(self.session, patient_id)

    # -- clinical content: versions, never overwritten --------------------------------------

    def add_consultation(
        self, patient_id: str, *, started_at: str | None = None, **content: Any
    ) -> tuple[str, str]:
        """A consultation and its first version; returns (consultation id, version id)."""
        return clinical.add_consultation(self.session, patient_id, started_at=started_at, **content)

    def revise_consultation(self, consultation_id: str, **changes: Any) -> str:
        """A new version of the note built on the current one; the old stays readable."""
        return clinical.revise_consultation(self.session, consultation_id, **changes)

    def add_prescription(
        self,
        patient_id: str,
        lines: list[dict[str, Any]],
        *,
        consultation_id: str | None = None,
        notes: str | None = None,
        **content: Any,
    ) -> tuple[str, str]:
        """A prescription and its first version; ``content``: other version fields
        (the patient's weight and height on the paper)."""
        return clinical.add_prescription(
            self.session,
            patient_id,
            lines,
            consultation_id=consultation_id,
            notes=notes,
            **content,
        )

    def revise_prescription(self, prescription_id: str, **changes: Any) -> str:
        return clinical.revise_prescription(self.session, prescription_id, **changes)

    # -- documents ------------------------------------------------------------------------

    def add_document(
        self,
        patient_id: str,
        content: bytes,
        *,
        title: str,
        filename: str,
        mime: str = "application/octet-stream",
        kind: str = "other",
        received_at: str | None = None,
    ) -> str:
        """Store a letter, result or scan; its bytes live encrypted in the database."""
        return documents.add_document(
            self.session, patient_id, content, title=title, filename=filename, mime=mime,
            kind=kind, received_at=received_at,
        )

    def document_content(self, document_id: str) -> bytes:
        return documents.document_content(self.session, document_id)

    def export_document(self, document_id: str, path: Path) -> None:
        """A decrypted copy of a document at ``path``, on the GP's demand (audited)."""
        documents.export_document(self.session, document_id, path)

    # -- search ---------------------------------------------------------------------------

    def search_patients(self, query: str, limit: int = 50) -> list[Record]:
        return search.search_patients(self.conn, query, limit)

    def same_identity(self, fields: Mapping[str, Any]) -> list[Record]:
        """Live patients sharing the INS traits of ``fields`` (a likely duplicate)."""
        return search.same_identity(self.conn, dict(fields))

    def deleted_patients(self) -> list[Record]:
        return search.deleted_patients(self.conn)

    def search_notes(self, query: str, limit: int = 50) -> list[Record]:
        with self.transaction():
            search.catch_up_notes(self.conn)
        return search.search_notes(self.conn, query, limit)

    # -- audit ----------------------------------------------------------------------------

    def verify_audit(self) -> audit.AuditReport:
        return audit.verify(self.conn)

    def verify_pages(self) -> list[str]:
        """Check every page's HMAC (SQLCipher): finds damage in pages no query touched yet."""
        problems = self._q("PRAGMA cipher_integrity_check").fetchall()
        return [str(r[0]) for r in problems]

    def audit_entries(self, limit: int = 100) -> list[Record]:
        return audit.entries(self.conn, limit)

    def chart_access(self, patient_id: str, limit: int = 500) -> list[audit_query.AccessEntry]:
        """Who opened or changed this chart, when, from which computer (every device's
        synced audit), newest first. Clinicians only: which charts a colleague opened is
        itself a trace of care."""
        self._require_access_log()
        return audit_query.chart_access(self.session, patient_id, limit)

    def _require_access_log(self) -> None:
        if not self.access.clinical:
            raise errors.RoleError(
                f"the {self.access.role} role cannot read the access log; "
                "log in as a doctor or locum for that"
            )

    def access_log(self, f: audit_query.AccessFilter) -> list[audit_query.AccessEntry]:
        """The practice's access log, filtered by user, patient and dates."""
        self._require_access_log()
        return audit_query.entries(self.session, f)

    def export_access_log(
        self,
        patient_id: str,
        path: Path,
        header: Sequence[str] = access_csv.HEADER,
        actions: Mapping[str, str] = access_csv.ACTIONS,
    ) -> int:
        """Write a patient's access log as CSV (their GDPR art. 15 request) in the words
        given; the export is audited. Returns the number of entries written."""
        self._require_access_log()
        rows = audit_query.chart_access(self.session, patient_id, limit=1_000_000)
        count = access_csv.write(path, rows, header, actions)
        with self.transaction():
            self.session.audit("export-access", "patient", patient_id)
        return count

    # -- bulk import (demo practice, migrations from other software) ----------------------

    def import_records(
        self,
        records: Iterable[tuple[str, str, Mapping[str, Any]]],
        *,
        batch: int = 20_000,
        progress: Any = None,
    ) -> int:
        """Create many records through the journal, a transaction and one audit entry per batch.

        Values are trusted to match the schema's types (they come from our generator or
        an importer that validated them); every record is journalled, so it syncs.
        """
        return writes.import_records(self.session, records, batch=batch, progress=progress)

    # -- statistics (status, benchmarks) ----------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Records per entity: numbers, not content, so every role may see them."""
        with self.session.system():
            return reads.counts(self.session)

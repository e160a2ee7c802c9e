"""The practice store: the one write path, reads of a chart, and the sync replica.

Every write goes through :meth:`Practice._write`, which in one durable transaction
updates the row, appends a change to the journal (what sync pushes), appends a
hash-chained audit entry, and maintains the search indexes. Remote changes come in
through :meth:`Practice.apply_segment` and merge per field, last writer wins, with the
same stamps. Callers never write SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.practice import audit, db, errors, search
from desktop.practice.keyfile import KeyFile
from desktop.practice.schema import DELETED, ENTITIES, SEX_VALUES, Entity
from sync import crypto
from sync.changes import ZERO, Change, HybridClock, Stamp, new_id
from sync.ports import START, ApplyReport, Cursor, PendingChange

DB_NAME = "practice.db"
CHUNK = 1024 * 1024
Record = dict[str, Any]


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _local_now() -> str:
    return dt.datetime.now().isoformat(timespec="minutes")


# --- value conversion --------------------------------------------------------------------


def to_sql(entity: Entity, name: str, value: Any) -> Any:
    kind = entity.field(name).type
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind == "bool":
        return 1 if value else 0
    return value


def from_sql(entity: Entity, name: str, value: Any) -> Any:
    if value is None:
        return None
    kind = entity.field(name).type
    if kind == "json":
        return json.loads(value)
    if kind == "bool":
        return bool(value)
    return value


def validate(entity: Entity, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check names and coerce values (strings from the CLI) to the field's type."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            kind = entity.field(name).type
        except KeyError:
            known = ", ".join(entity.field_names)
            raise errors.InvalidInputError(
                f"{entity.name} has no field '{name}'; known fields: {known}"
            ) from None
        if value is None or (isinstance(value, str) and value == "" and kind != "text"):
            out[name] = None
            continue
        try:
            out[name] = _coerce(kind, value)
        except (ValueError, TypeError):
            raise errors.InvalidInputError(
                f"field '{name}' of {entity.name} expects a {kind} value"
                + (" (YYYY-MM-DD)" if kind == "date" else "")
            ) from None
    if entity.name == "patient" and out.get("sex") not in (None, *SEX_VALUES):
        raise errors.InvalidInputError("sex must be F, M or U")
    return out


def _coerce(kind: str, value: Any) -> Any:
    if kind == "text":
        if not isinstance(value, str):
            raise TypeError
        if "\x00" in value:
            raise ValueError
        value.encode("utf-8")  # a lone surrogate cannot be stored: UnicodeEncodeError
        return value
    if kind == "date":
        return dt.date.fromisoformat(str(value)).isoformat()
    if kind == "datetime":
        return dt.datetime.fromisoformat(str(value)).isoformat(timespec="minutes")
    if kind == "int":
        if isinstance(value, bool):
            raise TypeError
        return int(value)
    if kind == "real":
        return float(value)
    if kind == "bool":
        if isinstance(value, str):
            if value.lower() in ("1", "true", "yes", "oui"):
                return True
            if value.lower() in ("0", "false", "no", "non"):
                return False
            raise ValueError
        return bool(value)
    if kind == "json":
        return json.loads(value) if isinstance(value, str) else value
    raise ValueError(kind)


# --- per-field stamps ----------------------------------------------------------------------


class FieldStamps:
    """The stamps of one mutable row: a base stamp plus per-field overrides.

    A row created in one write has every field at the base stamp (compact); fields
    written later carry [hlc, device, replaced_hlc, replaced_device] in ``_st``.
    """

    def __init__(self, base: Stamp, overrides: str | None) -> None:
        self.base = base
        self.over: dict[str, list[Any]] = json.loads(overrides) if overrides else {}

    def get(self, name: str) -> tuple[Stamp, Stamp]:
        entry = self.over.get(name)
        if entry is None:
            return self.base, ZERO
        return Stamp(entry[0], entry[1]), Stamp(entry[2], entry[3])

    def set(self, name: str, stamp: Stamp, replaced: Stamp) -> None:
        if stamp == self.base and replaced == ZERO:
            self.over.pop(name, None)
        else:
            self.over[name] = [stamp.hlc, stamp.device, replaced.hlc, replaced.device]

    def dump(self) -> str | None:
        return json.dumps(self.over, separators=(",", ":")) if self.over else None


def is_concurrent(
    incoming: Stamp, incoming_replaces: Stamp, local: Stamp, local_replaces: Stamp
) -> bool:
    """Neither writer saw the other's value.

    Last-writer-wins keeps the maximum stamp, so a writer that had seen ``local`` would
    have replaced a stamp >= ``local``; ``incoming_replaces < local`` proves it had not.
    """
    return local != ZERO and incoming_replaces < local and local_replaces < incoming


# --- the store ---------------------------------------------------------------------------


class Practice:
    """An open, unlocked practice database. Not thread-safe for concurrent writers:
    the desktop gives it to one worker thread; an internal lock guards misuse."""

    def __init__(self, folder: Path, conn: db.Connection, *, user_id: str | None, db_key: bytes):
        self.folder = folder
        self.conn = conn
        self.user_id = user_id
        self.db_key = db_key
        self._lock = threading.RLock()
        self._depth = 0
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.practice_id: str = meta["practice_id"]
        self.device_id: str = meta["device_id"]
        self.practice_key = bytes.fromhex(meta["practice_key"])
        self.blob_name_key = crypto.derive_key(self.practice_key, "carnet/blob-name/v1")
        self.clock = HybridClock(int(meta.get("hlc_last", 0)))

    # -- life cycle ----------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        practice_name: str,
        username: str,
        passphrase: str,
        display_name: str | None = None,
        practice_id: str | None = None,
        practice_key: bytes | None = None,
    ) -> Practice:
        """A new practice in an empty (or absent) folder, with its first doctor."""
        folder = Path(folder)
        if KeyFile.exists(folder) or (folder / DB_NAME).exists():
            raise errors.InvalidInputError(f"{folder} already holds a practice")
        if not practice_name.strip() or not username.strip():
            raise errors.InvalidInputError("the practice name and the user name must not be empty")
        if len(passphrase) < 8:
            raise errors.InvalidInputError("the passphrase must have at least 8 characters")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # POSIX modes; Windows uses the profile's ACL
                folder.chmod(0o700)
        except OSError as exc:
            raise errors.StorageError(f"cannot create {folder} ({exc.strerror})") from exc
        db_key = crypto.random_key()
        practice_id = practice_id or new_id()
        user_id = new_id()
        keyfile = KeyFile(folder, practice_id, ()).with_user(user_id, username, db_key, passphrase)
        conn = db.connect(folder / DB_NAME, db_key, create=True)
        try:
            db.migrate(conn, folder / DB_NAME)
            with db.transaction(conn, folder / DB_NAME):
                conn.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?)",
                    [
                        ("practice_id", practice_id),
                        ("device_id", new_id()),
                        ("practice_key", (practice_key or crypto.random_key()).hex()),
                        ("hlc_last", 0),
                        ("created_at", _now_iso()),
                    ],
                )
        except BaseException:
            conn.close()
            (folder / DB_NAME).unlink(missing_ok=True)
            raise
        keyfile.save()
        practice = cls(folder, conn, user_id=user_id, db_key=db_key)
        with practice.transaction():
            practice.create_record("practice", {"name": practice_name}, record_id=practice_id)
            practice.create_record(
                "user",
                {"username": username, "display_name": display_name or username, "role": "doctor"},
                record_id=user_id,
            )
        return practice

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        passphrase: str | None = None,
        key: bytes | None = None,
        username: str | None = None,
    ) -> Practice:
        """Unlock with a passphrase (Argon2id, ~0.2 s) or with a remembered database key."""
        folder = Path(folder)
        keyfile = KeyFile.load(folder)
        if not (folder / DB_NAME).is_file():
            raise errors.NotAPracticeError(
                f"{folder} has a key file but no {DB_NAME}; restore the practice with "
                "'carnet restore'"
            )
        user_id: str | None = None
        if key is None:
            if passphrase is None:
                raise errors.WrongPassphraseError("a passphrase is needed to unlock the practice")
            user_id, key = keyfile.unlock(passphrase, username)
        conn = db.connect(folder / DB_NAME, key)
        try:
            db.migrate(conn, folder / DB_NAME)
        except BaseException:
            conn.close()
            raise
        if user_id is None and username is not None:
            for entry in keyfile.entries:
                if entry.username == username:
                    user_id = entry.user_id
        return cls(folder, conn, user_id=user_id, db_key=key)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Practice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable transaction; nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with db.transaction(self.conn, self.db_path):
                self._depth = 1
                try:
                    yield
                    self.conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'hlc_last'", (self.clock.last,)
                    )
                finally:
                    self._depth = 0

    def _q(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except db.DatabaseError as exc:
            raise db.map_sqlite_error(exc, self.db_path) from exc

    # -- the write path ------------------------------------------------------------------

    def create_record(
        self, entity: str, fields: Mapping[str, Any], *, record_id: str | None = None
    ) -> str:
        ent = ENTITIES[entity]
        values = validate(ent, fields)
        full = {name: values.get(name) for name in ent.field_names}
        if DELETED in full and full[DELETED] is None:
            full[DELETED] = False
        record_id = record_id or new_id()
        self._write(ent, record_id, full, action="create", create=True)
        return record_id

    def update_record(self, entity: str, record_id: str, fields: Mapping[str, Any]) -> None:
        ent = ENTITIES[entity]
        if ent.versioned:
            raise errors.InvalidInputError(
                f"{entity} rows are versions and never change; write a new version instead"
            )
        values = validate(ent, fields)
        if values:
            self._write(ent, record_id, values, action="update")

    def delete_record(self, entity: str, record_id: str) -> None:
        """A tombstone: the row stays, hidden, and :meth:`undelete_record` brings it back."""
        self._write(ENTITIES[entity], record_id, {DELETED: True}, action="delete")

    def undelete_record(self, entity: str, record_id: str) -> None:
        self._write(ENTITIES[entity], record_id, {DELETED: False}, action="undelete")

    def _write(
        self,
        ent: Entity,
        record_id: str,
        fields: dict[str, Any],
        *,
        action: str,
        create: bool = False,
    ) -> None:
        with self.transaction():
            stamp = Stamp(self.clock.now(), self.device_id)
            replaces: dict[str, Stamp] = {}
            if create or ent.versioned:
                self._insert_row(ent, record_id, fields, stamp)
            else:
                row = self._row(ent, record_id)
                if row is None:
                    raise errors.NotFoundError(f"no {ent.name} with id {record_id}")
                stamps = FieldStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
                for name in fields:
                    replaces[name] = stamps.get(name)[0]
                    stamps.set(name, stamp, replaces[name])
                self._update_row(ent, record_id, fields, stamps)
            self._journal(Change(ent.name, record_id, stamp, fields, replaces))
            self._after_change(ent, record_id)
            self._audit(action, ent.name, record_id)

    def _insert_row(
        self, ent: Entity, record_id: str, fields: Mapping[str, Any], stamp: Stamp
    ) -> bool:
        names = [n for n in ent.field_names if n in fields]
        cols = ", ".join(["id", *names, "_hlc", "_dev"])
        marks = ", ".join("?" * (len(names) + 3))
        values = [record_id, *(to_sql(ent, n, fields[n]) for n in names), stamp.hlc, stamp.device]
        cur = self._q(f"INSERT OR IGNORE INTO {ent.name} ({cols}) VALUES ({marks})", values)
        return bool(cur.rowcount)

    def _update_row(
        self, ent: Entity, record_id: str, fields: Mapping[str, Any], stamps: FieldStamps
    ) -> None:
        sets = ", ".join(f"{n} = ?" for n in fields)
        values = [to_sql(ent, n, v) for n, v in fields.items()]
        self._q(
            f"UPDATE {ent.name} SET {sets}{', ' if sets else ''}_hlc = ?, _dev = ?, _st = ? "
            "WHERE id = ?",
            [*values, stamps.base.hlc, stamps.base.device, stamps.dump(), record_id],
        )

    def _journal(self, change: Change) -> None:
        ent = ENTITIES[change.entity]
        self._q(
            "INSERT INTO journal(entity, record_id, hlc, device, fields, replaces) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                change.entity,
                change.record_id,
                change.stamp.hlc,
                change.stamp.device,
                json.dumps(
                    {k: v for k, v in change.fields.items()},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
                json.dumps(
                    {k: s.to_json() for k, s in change.replaces.items() if s != ZERO},
                    separators=(",", ":"),
                ),
            ),
        )
        del ent

    def _audit(self, action: str, entity: str | None, record_id: str | None) -> None:
        audit.append(self.conn, _now_iso(), self.user_id, action, entity, record_id)

    def _after_change(self, ent: Entity, record_id: str) -> None:
        """Keep the search indexes in step with the row (same transaction)."""
        if ent.name == "patient":
            search.index_patient(self.conn, record_id)
        elif ent.name == "consultation_version":
            search.index_note(self.conn, record_id)

    # -- reads -----------------------------------------------------------------------------

    def _row(self, ent: Entity, record_id: str) -> Any:
        cur = self._q(f"SELECT * FROM {ent.name} WHERE id = ?", (record_id,))
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return None if row is None else dict(zip(names, row, strict=True))

    def _to_record(self, ent: Entity, row: Mapping[str, Any]) -> Record:
        out: Record = {"id": row["id"]}
        for name in ent.field_names:
            out[name] = from_sql(ent, name, row[name])
        return out

    def get(self, entity: str, record_id: str) -> Record | None:
        ent = ENTITIES[entity]
        row = self._row(ent, record_id)
        return None if row is None else self._to_record(ent, row)

    def _rows(
        self, ent: Entity, where: str, params: Sequence[Any], order: str = ""
    ) -> list[Record]:
        cols = ", ".join(["id", *ent.field_names])
        cur = self._q(f"SELECT {cols} FROM {ent.name} WHERE {where} {order}", params)
        names = [d[0] for d in cur.description]
        return [self._to_record(ent, dict(zip(names, r, strict=True))) for r in cur.fetchall()]

    def users(self) -> list[Record]:
        return self._rows(ENTITIES["user"], "deleted IS NOT 1", (), "ORDER BY display_name")

    def practice_record(self) -> Record:
        record = self.get("practice", self.practice_id)
        assert record is not None
        return record

    def patient(self, patient_id: str) -> Record:
        record = self.get("patient", patient_id)
        if record is None:
            raise errors.NotFoundError(f"no patient with id {patient_id}")
        return record

    def chart(self, patient_id: str, *, include_deleted: bool = False) -> Record:
        """The whole chart of one patient; the read is audited."""
        with self.transaction():
            chart = self._chart(patient_id, include_deleted)
            self._audit("read", "patient", patient_id)
        return chart

    def _chart(self, patient_id: str, include_deleted: bool) -> Record:
        chart = self.patient(patient_id)
        live = "" if include_deleted else " AND deleted IS NOT 1"
        for entity, order in (
            ("problem", "ORDER BY onset DESC"),
            ("allergy", "ORDER BY substance"),
            ("treatment", "ORDER BY started DESC"),
            ("vaccination", "ORDER BY given_on DESC"),
            ("document", "ORDER BY received_at DESC"),
            ("appointment", "ORDER BY starts_at DESC"),
        ):
            chart[entity + "s" if entity != "allergy" else "allergies"] = self._rows(
                ENTITIES[entity], "patient_id = ?" + live, (patient_id,), order
            )
        chart["consultations"] = self._versioned_items(
            "consultation",
            "consultation_version",
            "consultation_id",
            patient_id,
            live,
            "started_at",
        )
        chart["prescriptions"] = self._versioned_items(
            "prescription",
            "prescription_version",
            "prescription_id",
            patient_id,
            live,
            "prescribed_at",
        )
        return chart

    def _versioned_items(
        self, head: str, version: str, link: str, patient_id: str, live: str, date_field: str
    ) -> list[Record]:
        ent_h, ent_v = ENTITIES[head], ENTITIES[version]
        items = self._rows(
            ent_h, "patient_id = ?" + live, (patient_id,), f"ORDER BY {date_field} DESC"
        )
        if not items:
            return items
        vcols = ", ".join(["v.id", *(f"v.{n}" for n in ent_v.field_names), "v._hlc", "v._dev"])
        cur = self._q(
            f"SELECT {vcols} FROM {version} v JOIN {head} h ON h.id = v.{link} "
            f"WHERE h.patient_id = ? ORDER BY v._hlc, v._dev",
            (patient_id,),
        )
        by_item: dict[str, list[Record]] = {}
        names = ["id", *ent_v.field_names, "_hlc", "_dev"]
        for row in cur.fetchall():
            raw = dict(zip(names, row, strict=True))
            rec = self._to_record(ent_v, raw)
            by_item.setdefault(rec[link], []).append(rec)
        for item in items:
            versions = by_item.get(item["id"], [])
            item["versions"] = versions
            item["current"] = versions[-1] if versions else None
            parents = {v["parent_id"] for v in versions}
            heads = [v for v in versions if v["id"] not in parents]
            item["concurrent_versions"] = len(heads) > 1
        return items

    # -- clinical content: versions, never overwritten --------------------------------------

    def add_consultation(
        self, patient_id: str, *, started_at: str | None = None, **content: Any
    ) -> tuple[str, str]:
        """A consultation and its first version; returns (consultation id, version id)."""
        self.patient(patient_id)
        with self.transaction():
            cid = self.create_record(
                "consultation",
                {
                    "patient_id": patient_id,
                    "started_at": started_at or _local_now(),
                    "author_id": self.user_id,
                },
            )
            vid = self._new_version("consultation_version", "consultation_id", cid, None, content)
        return cid, vid

    def revise_consultation(self, consultation_id: str, **changes: Any) -> str:
        """A new version of the note built on the current one; the old stays readable."""
        return self._revise("consultation_version", "consultation_id", consultation_id, changes)

    def add_prescription(
        self,
        patient_id: str,
        lines: list[dict[str, Any]],
        *,
        consultation_id: str | None = None,
        notes: str | None = None,
    ) -> tuple[str, str]:
        self.patient(patient_id)
        with self.transaction():
            pid = self.create_record(
                "prescription",
                {
                    "patient_id": patient_id,
                    "consultation_id": consultation_id,
                    "author_id": self.user_id,
                    "prescribed_at": _local_now(),
                },
            )
            vid = self._new_version(
                "prescription_version",
                "prescription_id",
                pid,
                None,
                {"lines": lines, "notes": notes},
            )
        return pid, vid

    def revise_prescription(self, prescription_id: str, **changes: Any) -> str:
        return self._revise("prescription_version", "prescription_id", prescription_id, changes)

    def _revise(self, version: str, link: str, item_id: str, changes: Mapping[str, Any]) -> str:
        ent = ENTITIES[version]
        with self.transaction():
            rows = self._rows(ent, f"{link} = ?", (item_id,), "ORDER BY _hlc DESC, _dev DESC")
            if not rows:
                raise errors.NotFoundError(f"no {version.split('_')[0]} with id {item_id}")
            current = rows[0]
            content = {
                k: v
                for k, v in current.items()
                if k not in ("id", link, "parent_id", "author_id", "created_at", "signed")
            }
            content.update(changes)
            return self._new_version(version, link, item_id, current["id"], content)

    def _new_version(
        self, version: str, link: str, item_id: str, parent: str | None, content: Mapping[str, Any]
    ) -> str:
        fields = {
            **content,
            link: item_id,
            "parent_id": parent,
            "author_id": self.user_id,
            "created_at": _local_now(),
            "signed": content.get("signed", True),
        }
        return self.create_record(version, fields)

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
    ) -> str:
        """Store a letter, result or scan; its bytes live encrypted in the database."""
        self.patient(patient_id)
        digest = crypto.keyed_hash(self.blob_name_key, content)
        with self.transaction():
            exists = self._q(
                "SELECT 1 FROM blob_chunks WHERE hash = ? AND idx = 0", (digest,)
            ).fetchone()
            if not exists:
                self.conn.executemany(
                    "INSERT INTO blob_chunks(hash, idx, data) VALUES (?, ?, ?)",
                    (
                        (digest, i, content[off : off + CHUNK])
                        for i, off in enumerate(range(0, max(len(content), 1), CHUNK))
                    ),
                )
            return self.create_record(
                "document",
                {
                    "patient_id": patient_id,
                    "title": title,
                    "kind": kind,
                    "mime": mime,
                    "filename": filename,
                    "size": len(content),
                    "content_hash": digest,
                    "received_at": _local_now(),
                },
            )

    def document_content(self, document_id: str) -> bytes:
        doc = self.get("document", document_id)
        if doc is None:
            raise errors.NotFoundError(f"no document with id {document_id}")
        with self.transaction():
            rows = self._q(
                "SELECT data FROM blob_chunks WHERE hash = ? ORDER BY idx", (doc["content_hash"],)
            ).fetchall()
            self._audit("read", "document", document_id)
        if not rows and doc["size"]:
            raise errors.NotFoundError(
                "this document's content is not on this computer yet; sync to fetch it"
            )
        data = b"".join(r[0] for r in rows)[: doc["size"]]
        if crypto.keyed_hash(self.blob_name_key, data) != doc["content_hash"]:
            raise errors.IntegrityFailureError(f"document {document_id} failed its integrity check")
        return data

    # -- search ---------------------------------------------------------------------------

    def search_patients(self, query: str, limit: int = 50) -> list[Record]:
        return search.search_patients(self.conn, query, limit)

    def search_notes(self, query: str, limit: int = 50) -> list[Record]:
        return search.search_notes(self.conn, query, limit)

    # -- audit ----------------------------------------------------------------------------

    def verify_audit(self) -> audit.AuditReport:
        return audit.verify(self.conn)

    def verify_pages(self) -> list[str]:
        """Check every page's HMAC (SQLCipher): finds damage in pages no query touched yet."""
        rows = self._q("PRAGMA cipher_integrity_check").fetchall()
        return [str(r[0]) for r in rows]

    def audit_entries(self, limit: int = 100) -> list[Record]:
        return audit.entries(self.conn, limit)

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
        count = 0
        it = iter(records)
        while True:
            chunk = [r for _, r in zip(range(batch), it, strict=False)]
            if not chunk:
                return count
            with self.transaction():
                for entity, record_id, fields in chunk:
                    ent = ENTITIES[entity]
                    stamp = Stamp(self.clock.now(), self.device_id)
                    full = {n: fields.get(n) for n in ent.field_names}
                    self._insert_row(ent, record_id, full, stamp)
                    self._journal(Change(entity, record_id, stamp, full, {}))
                    self._after_change(ent, record_id)
                self._audit("import", None, None)
            count += len(chunk)
            if progress:
                progress(count)

    # -- the sync replica (sync.ports.Replica) ---------------------------------------------

    def pending_changes(self, after: int, limit: int) -> list[PendingChange]:
        rows = self._q(
            "SELECT seq, entity, record_id, hlc, device, fields, replaces FROM journal "
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        ).fetchall()
        return [
            PendingChange(
                seq,
                Change(
                    entity,
                    record_id,
                    Stamp(hlc, device),
                    json.loads(fields),
                    {k: Stamp.from_json(v) for k, v in json.loads(replaces).items()},
                ),
            )
            for seq, entity, record_id, hlc, device, fields, replaces in rows
        ]

    def pending_count(self) -> int:
        pushed = self.push_cursor()[0]
        row = self._q("SELECT count(*) FROM journal WHERE seq > ?", (pushed,)).fetchone()
        return int(row[0])

    def _meta(self, key: str, default: Any = None) -> Any:
        row = self._q("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def _set_meta(self, key: str, value: Any) -> None:
        self._q("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def push_cursor(self) -> tuple[int, Cursor]:
        return (
            int(self._meta("push_local_seq", 0)),
            Cursor(int(self._meta("push_seq", 0)), str(self._meta("push_digest", ""))),
        )

    def record_pushed(self, up_to_local_seq: int, cursor: Cursor) -> None:
        with self.transaction():
            self._set_meta("push_local_seq", up_to_local_seq)
            self._set_meta("push_seq", cursor.seq)
            self._set_meta("push_digest", cursor.digest)

    def cursor(self, device_id: str) -> Cursor:
        row = self._q(
            "SELECT seq, digest FROM cursors WHERE device_id = ?", (device_id,)
        ).fetchone()
        return START if row is None else Cursor(row[0], row[1])

    def cursors(self) -> dict[str, Cursor]:
        rows = self._q("SELECT device_id, seq, digest FROM cursors").fetchall()
        return {d: Cursor(s, g) for d, s, g in rows}

    def apply_segment(
        self, device_id: str, cursor: Cursor, changes: Sequence[Change]
    ) -> ApplyReport:
        with self.transaction():
            if cursor.seq <= self.cursor(device_id).seq:
                return ApplyReport(0, len(changes), 0)
            report = self._apply_changes(changes)
            self._q(
                "INSERT OR REPLACE INTO cursors(device_id, seq, digest, applied_at) "
                "VALUES (?, ?, ?, ?)",
                (device_id, cursor.seq, cursor.digest, _now_iso()),
            )
            self._audit("sync-apply", None, None)
            return report

    def _apply_changes(self, changes: Iterable[Change]) -> ApplyReport:
        applied = skipped = conflicts = 0
        for change in changes:
            self.clock.observe(change.stamp.hlc)
            ent = ENTITIES.get(change.entity)
            if ent is None:
                raise errors.IntegrityFailureError(
                    f"a synced change names an unknown kind of record ({change.entity}); "
                    "update Carnet on this computer"
                )
            fields = {k: v for k, v in change.fields.items() if k in ent.field_names}
            if ent.versioned:
                took = self._insert_row(ent, change.record_id, fields, change.stamp)
            else:
                took, found = self._merge_row(ent, change, fields)
                conflicts += found
            if took:
                applied += 1
                self._after_change(ent, change.record_id)
            else:
                skipped += 1
        return ApplyReport(applied, skipped, conflicts)

    def _merge_row(
        self, ent: Entity, change: Change, fields: Mapping[str, Any]
    ) -> tuple[bool, int]:
        """Per-field last-writer-wins; a concurrent, different value becomes a conflict."""
        row = self._row(ent, change.record_id)
        if row is None:
            if set(fields) == set(ent.field_names) and not change.replaces:
                # The creating write, seen first: every field at one stamp, stored compactly.
                return self._insert_row(ent, change.record_id, fields, change.stamp), 0
            # An edit of a record whose creation has not arrived yet (another device's
            # chain is behind): start from "never written" so the creation still lands.
            self._insert_row(ent, change.record_id, {}, ZERO)
            row = self._row(ent, change.record_id)
        stamps = FieldStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
        taken: dict[str, Any] = {}
        found = 0
        for name, value in fields.items():
            local, local_replaces = stamps.get(name)
            incoming_replaces = change.replaces.get(name, ZERO)
            if change.stamp == local:
                continue
            local_value = from_sql(ent, name, row[name])
            if value != local_value and is_concurrent(
                change.stamp, incoming_replaces, local, local_replaces
            ):
                self._record_conflict(
                    ent, change.record_id, name, (local, local_value), (change.stamp, value)
                )
                found += 1
            if change.stamp > local:
                taken[name] = value
                stamps.set(name, change.stamp, incoming_replaces)
        if taken:
            self._update_row(ent, change.record_id, taken, stamps)
        return bool(taken), found

    def _record_conflict(
        self,
        ent: Entity,
        record_id: str,
        name: str,
        local: tuple[Stamp, Any],
        remote: tuple[Stamp, Any],
    ) -> None:
        a, b = sorted((local[0], remote[0]))
        key = f"{ent.name}|{record_id}|{name}|{a.hlc}|{a.device}|{b.hlc}|{b.device}"
        conflict_id = hashlib.sha256(key.encode()).hexdigest()[:32]
        winner, loser = (local, remote) if local[0] > remote[0] else (remote, local)
        self._q(
            "INSERT OR IGNORE INTO conflicts(id, entity, record_id, field, winner, loser, "
            "detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                conflict_id,
                ent.name,
                record_id,
                name,
                json.dumps(
                    {"stamp": winner[0].to_json(), "value": winner[1], "local": winner is local},
                    ensure_ascii=False,
                ),
                json.dumps(
                    {"stamp": loser[0].to_json(), "value": loser[1], "local": loser is local},
                    ensure_ascii=False,
                ),
                _now_iso(),
            ),
        )

    def conflicts(self, *, include_resolved: bool = False) -> list[Record]:
        where = "" if include_resolved else "WHERE resolved_at IS NULL"
        rows = self._q(
            "SELECT id, entity, record_id, field, winner, loser, detected_at, resolved_at, "
            f"resolution FROM conflicts {where} ORDER BY detected_at"
        ).fetchall()
        out = []
        for cid, entity, rid, name, winner, loser, detected, resolved, resolution in rows:
            w, lo = json.loads(winner), json.loads(loser)
            local, remote = (w, lo) if w["local"] else (lo, w)
            out.append(
                {
                    "id": cid,
                    "entity": entity,
                    "record_id": rid,
                    "field": name,
                    "local": local["value"],
                    "remote": remote["value"],
                    "kept": "local" if w["local"] else "remote",
                    "detected_at": detected,
                    "resolved_at": resolved,
                    "resolution": resolution,
                }
            )
        return out

    def resolve_conflict(self, conflict_id: str, keep: str) -> None:
        """Keep one side: written anew, so it wins on every device once synced."""
        if keep not in ("local", "remote"):
            raise errors.InvalidInputError("keep must be 'local' or 'remote'")
        match = [c for c in self.conflicts(include_resolved=True) if c["id"] == conflict_id]
        if not match:
            raise errors.NotFoundError(f"no conflict with id {conflict_id}")
        conflict = match[0]
        with self.transaction():
            self.update_record(
                conflict["entity"], conflict["record_id"], {conflict["field"]: conflict[keep]}
            )
            self._q(
                "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                (_now_iso(), keep, conflict_id),
            )

    def export_state(self) -> Iterator[Change]:
        """Every record as changes carrying its exact stamps (snapshots, comparisons)."""
        for ent in ENTITIES.values():
            cols = ", ".join(
                ["id", *ent.field_names, "_hlc", "_dev"] + ([] if ent.versioned else ["_st"])
            )
            cur = self.conn.execute(f"SELECT {cols} FROM {ent.name} ORDER BY id")
            names = [d[0] for d in cur.description]
            for raw in cur:
                row = dict(zip(names, raw, strict=True))
                rec = self._to_record(ent, row)
                del rec["id"]
                base = Stamp(row["_hlc"], row["_dev"])
                if ent.versioned:
                    yield Change(ent.name, row["id"], base, rec, {})
                    continue
                stamps = FieldStamps(base, row["_st"])
                groups: dict[tuple[Stamp, Stamp], dict[str, Any]] = {}
                for name in ent.field_names:
                    groups.setdefault(stamps.get(name), {})[name] = rec[name]
                for (stamp, replaced), values in sorted(groups.items()):
                    if stamp == ZERO:
                        continue
                    yield Change(
                        ent.name,
                        row["id"],
                        stamp,
                        values,
                        {n: replaced for n in values} if replaced != ZERO else {},
                    )

    def load_snapshot(self, changes: Iterable[Change], cursors: dict[str, Cursor]) -> None:
        with self.transaction():
            self._apply_changes(changes)
            for device_id, cursor in cursors.items():
                if device_id == self.device_id:
                    continue
                self._q(
                    "INSERT OR REPLACE INTO cursors(device_id, seq, digest, applied_at) "
                    "VALUES (?, ?, ?, ?)",
                    (device_id, cursor.seq, cursor.digest, _now_iso()),
                )

    def meta(self) -> dict[str, Any]:
        return {"practice_id": self.practice_id, "device_id": self.device_id}

    def set_device_id(self, device_id: str) -> None:
        """Re-key this replica as a new device (a cloned disk was detected)."""
        with self.transaction():
            self._set_meta("device_id", device_id)
            # A new chain starts; changes already pushed under the old id stay pushed.
            for key in ("push_seq", "push_digest"):
                self._q("DELETE FROM meta WHERE key = ?", (key,))
            self._audit("device-rekey", None, None)
        self.device_id = device_id

    # -- statistics (status, benchmarks) ----------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            name: int(self._q(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in ENTITIES
        }

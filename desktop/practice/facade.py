"""What a caller reads and writes in an open practice: :class:`PracticeFacade`.

Each method delegates to the module that does the work, over the practice's one
:class:`Session`: writes.py (the one write path), reads.py, clinical.py, documents.py,
search.py, audit.py and audit_query.py. :class:`desktop.practice.store.Practice` adds
opening, the life cycle and the device's state; callers hold that class, never this one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.practice import (
    access_csv,
    audit,
    audit_query,
    clinical,
    db,
    documents,
    errors,
    reads,
    roles,
    rows,
    search,
    writes,
)
from desktop.practice.models import Appointment, Chart
from desktop.practice.rows import Record
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session


class PracticeFacade:
    """The reads and writes of :class:`desktop.practice.store.Practice`, over ``session``
    as the role in ``access`` may make them."""

    session: Session
    access: roles.Access

    @property
    def conn(self) -> db.Connection:
        return self.session.conn

    @property
    def may_read_clinical(self) -> bool:
        return self.access.clinical

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One durable transaction; nested calls join the outer one."""
        return self.session.transaction()

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

    # -- reads -----------------------------------------------------------------------------

    def get(self, entity: str, record_id: str) -> Record | None:
        return rows.get(self.session, entity, record_id)

    def appointments_between(self, start_iso: str, end_iso: str) -> list[Appointment]:
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

    def chart(self, patient_id: str, *, include_deleted: bool = False) -> Chart:
        """The whole chart of one patient; the read is audited."""
        return reads.chart(self.session, patient_id, include_deleted=include_deleted)

    def visible_chart(self, patient_id: str) -> Chart:
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

    def notes_pending(self) -> int:
        """About how many versions wait for the note index (all of them after a restore)."""
        return search.notes_pending(self.conn)

    def index_notes(self, limit: int) -> int:
        """Index at most ``limit`` of the notes waiting for the note index (one slice of
        the app's indexer after unlock); how many."""
        with self.transaction():
            return search.catch_up_notes(self.conn, limit=limit)

    # -- audit ----------------------------------------------------------------------------

    def verify_audit(self) -> audit.AuditReport:
        return audit.verify(self.conn)

    def verify_pages(self) -> list[str]:
        """Check every page's HMAC (SQLCipher): finds damage in pages no query touched yet."""
        problems = self.session.execute("PRAGMA cipher_integrity_check").fetchall()
        return [str(r[0]) for r in problems]

    def audit_entries(self, limit: int = 100) -> list[Record]:
        return audit.entries(self.conn, limit)

    def chart_access(self, patient_id: str, limit: int = 500) -> list[audit_query.AccessEntry]:
        """Who opened or changed this chart, when, from which computer (every device's
        synced audit), newest first. Clinicians only: which charts a colleague opened is
        itself a trace of care."""
        self._require_access_log()
        return audit_query.chart_access(self.session, patient_id, limit)

    def last_written(self, entity: str, record_id: str) -> audit_query.AccessEntry | None:
        """Who last created or changed this record and when (every device's synced audit),
        or None; a clinical record's only for a clinician, as the access log."""
        if ENTITIES[entity].clinical:
            self._require_access_log()
        return audit_query.last_written(self.session, entity, record_id)

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

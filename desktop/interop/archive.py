"""The patient's own copy: one zip with the whole record as a readable PDF, the same
record as a FHIR R4 Bundle, and the documents themselves.

The archive holds the record in clear (it is for the patient to take away): it is
written private (0600), complete or not at all, and its export is audited.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

from desktop.interop import fhir_export
from desktop.practice import bulk_reads, errors
from desktop.practice.files import fsync_directory
from desktop.practice.store import Practice

PDF_NAME = "dossier.pdf"
FHIR_NAME = "dossier-fhir.json"
DOCUMENTS = "documents"
_UNSAFE = re.compile(r"[^\w.\- ]+")


def _safe_name(index: int, filename: str | None) -> str:
    """'01-courrier.pdf': numbered (two documents may share a name), no path parts."""
    base = _UNSAFE.sub("_", Path(filename or "document").name).strip(" .") or "document"
    return f"{DOCUMENTS}/{index:02d}-{base[:80]}"


def archive_members(practice: Practice, patient_id: str) -> dict[str, bytes]:
    """Every file of the archive, by its name in the zip."""
    from desktop.reports.patient_record import record_html
    from desktop.reports.pdf import render_pdf

    chart = practice.chart(patient_id)
    users = bulk_reads.records(practice, "user", with_deleted=True)
    authors = {u["id"]: u.get("display_name") or u.get("username") or "?" for u in users}
    html = record_html(
        chart, practice=practice.practice_record(), authors=authors, on=dt.date.today()
    )
    members = {PDF_NAME: render_pdf(html, title="Dossier médical")}
    bundle = fhir_export.patient_bundle(practice, patient_id)
    members[FHIR_NAME] = json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")
    for index, doc in enumerate(chart.documents, 1):
        members[_safe_name(index, doc.filename)] = practice.document_content(doc.id)
    return members


def write_patient_archive(practice: Practice, patient_id: str, path: Path) -> list[str]:
    """Write the zip; returns the names it holds."""
    path = Path(path)
    members = archive_members(practice, patient_id)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".zip", dir=folder)
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
                    for name, data in members.items():
                        zf.writestr(name, data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        fsync_directory(folder)
    except OSError as exc:
        raise errors.StorageError(f"cannot write {path} ({exc.strerror})") from exc
    bulk_reads.audit_export(practice, "export-archive", patient_id)
    return list(members)

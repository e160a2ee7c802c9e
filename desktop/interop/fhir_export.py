"""FHIR R4 export: one patient as a Bundle, or the whole practice as NDJSON files.

The practice export writes one ``<ResourceType>.ndjson`` per type and a
``manifest.json`` as the Bulk Data ``$export`` operation lays them out, streaming rows
from cursors (memory does not grow with the practice) and reporting progress per type.
Files hold everything in clear: they are written private (0600) and each appears under
its final name only when complete. Each export is one audit entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.interop import fhir_out as out
from desktop.practice import bulk_reads as reads
from desktop.practice import errors, meta
from desktop.practice.files import fsync_directory, write_private_durably
from desktop.practice.store import Practice

Resource = dict[str, Any]
Progress = Callable[[str, int, int], None]
"""progress(resource type, resources written of it, how many there will be)."""

_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class ExportCancelled(errors.CarnetError):
    """The user stopped the export; the partial files were removed."""


# Which store entity each resource type comes from (counted up front for the progress).
_SOURCES = {
    "Organization": "practice",
    "Practitioner": "user",
    "Patient": "patient",
    "Condition": "problem",
    "AllergyIntolerance": "allergy",
    "MedicationStatement": "treatment",
    "Immunization": "vaccination",
    "Encounter": "consultation",
    "MedicationRequest": "prescription",
    "DocumentReference": "document",
    "Appointment": "appointment",
}


def _documents(practice: Practice, patient_id: str | None) -> Iterator[Resource]:
    for doc in reads.records(practice, "document", patient_id):
        data = reads.document_bytes(practice, doc["content_hash"], doc["size"] or 0)
        yield out.document_reference(doc, data)


def _streams(
    practice: Practice, patient_id: str | None
) -> Iterator[tuple[str, Iterator[tuple[str, Resource]]]]:
    """(main resource type, its resources) in dependency order; the consultations'
    stream also carries their Observations."""

    def simple(kind: str, fn: Callable[[dict[str, Any]], Resource], entity: str) -> Any:
        return ((kind, fn(r)) for r in reads.records(practice, entity, patient_id))

    def encounters() -> Iterator[tuple[str, Resource]]:
        for head, version in reads.current_versions(practice, "consultation", patient_id):
            yield "Encounter", out.encounter(head, version)
            for obs in out.observations(head, version):
                yield "Observation", obs
        for lab in reads.records(practice, "lab_result", patient_id):  # schema 3
            yield "Observation", out.lab_observation(lab)

    def requests() -> Iterator[tuple[str, Resource]]:
        for head, version in reads.current_versions(practice, "prescription", patient_id):
            for req in out.medication_requests(head, version):
                yield "MedicationRequest", req

    yield "Patient", simple("Patient", out.patient, "patient")
    yield "Condition", simple("Condition", out.condition, "problem")
    yield "AllergyIntolerance", simple("AllergyIntolerance", out.allergy, "allergy")
    yield (
        "MedicationStatement",
        simple("MedicationStatement", out.medication_statement, "treatment"),
    )
    yield "Immunization", simple("Immunization", out.immunization, "vaccination")
    yield "Encounter", encounters()
    yield "MedicationRequest", requests()
    yield "DocumentReference", (("DocumentReference", r) for r in _documents(practice, patient_id))
    yield "Appointment", simple("Appointment", out.appointment, "appointment")


def _practitioners(practice: Practice) -> Iterator[Resource]:
    for user in reads.records(practice, "user", with_deleted=True):
        yield out.practitioner(user)


def patient_bundle(practice: Practice, patient_id: str) -> Resource:
    """One patient's whole record as a FHIR ``collection`` Bundle, with the practice and
    the practitioners its resources name."""
    practice.patient(patient_id)  # NotFoundError for an unknown id
    resources: list[Resource] = []
    for _kind, stream in _streams(practice, patient_id):
        resources.extend(r for _, r in stream)
    if not resources:
        raise errors.NotFoundError(f"patient {patient_id} is deleted; undelete it to export it")
    named = {
        ref.split("/", 1)[1] for ref in _references(resources) if ref.startswith("Practitioner/")
    }
    people = [p for p in _practitioners(practice) if p["id"] in named]
    head = [out.organization(practice.practice_record()), *people]
    reads.audit_export(practice, "export-fhir", patient_id)
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "entry": [{"resource": r} for r in [*head, *resources]],
    }


def _references(obj: Any) -> Iterator[str]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _references(value)


def write_patient_bundle(practice: Practice, patient_id: str, path: Path) -> int:
    """Write the Bundle (private, durable); returns how many resources it holds."""
    meta.require_whole(practice.session)  # a chart may still miss its older history
    bundle = patient_bundle(practice, patient_id)
    data = json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        write_private_durably(Path(path), data)
    except OSError as exc:
        raise errors.StorageError(f"cannot write {path} ({exc.strerror})") from exc
    return len(bundle["entry"])


def totals(practice: Practice) -> dict[str, int]:
    """How many resources of each main type the practice export will write."""
    found = {kind: reads.count(practice, entity) for kind, entity in _SOURCES.items()}
    found["Organization"] = 1
    found["Practitioner"] = sum(1 for _ in reads.records(practice, "user", with_deleted=True))
    return found


class _Files:
    """One private ``.part`` file per resource type, renamed when the export completes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.handles: dict[str, TextIO] = {}
        self.counts: dict[str, int] = {}

    def write(self, kind: str, resource: Resource) -> None:
        handle = self.handles.get(kind)
        if handle is None:
            part = self.folder / f"{kind}.ndjson.part"
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            handle = self.handles[kind] = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            self.counts[kind] = 0
        handle.write(_dump(resource))
        handle.write("\n")
        self.counts[kind] += 1

    def commit(self) -> None:
        for kind, handle in self.handles.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(self.folder / f"{kind}.ndjson.part", self.folder / f"{kind}.ndjson")
        fsync_directory(self.folder)

    def abort(self) -> None:
        for kind, handle in self.handles.items():
            handle.close()
            with contextlib.suppress(OSError):
                (self.folder / f"{kind}.ndjson.part").unlink()


class _Emitter:
    """Writes resources to the files, reporting progress and checking for a cancel every
    500 resources of a type and after each patient-level stream."""

    def __init__(
        self,
        files: _Files,
        expected: dict[str, int],
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        self.files = files
        self.expected = expected
        self.progress = progress
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelled("the export was cancelled; no file was kept")

    def emit(self, kind: str, resource: Resource) -> None:
        self.files.write(kind, resource)
        done = self.files.counts[kind]
        if done % 500 == 0:
            self.check()
            if self.progress is not None:
                self.progress(kind, done, self.expected.get(kind, 0))

    def write_all(self, practice: Practice) -> None:
        """The organization, its practitioners, then each stream of resources."""
        self.emit("Organization", out.organization(practice.practice_record()))
        for resource in _practitioners(practice):
            self.emit("Practitioner", resource)
        for main, stream in _streams(practice, None):
            for kind, resource in stream:
                self.emit(kind, resource)
            if self.progress is not None:
                self.progress(main, self.files.counts.get(main, 0), self.expected.get(main, 0))
            self.check()


def _prepare_folder(folder: Path) -> None:
    """Make ``folder`` (private where the system allows); refuse one holding an export."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    except OSError as exc:
        raise errors.StorageError(f"cannot create {folder} ({exc.strerror})") from exc
    if any(folder.glob("*.ndjson")):
        raise errors.InvalidInputError(f"{folder} already holds an export; choose an empty folder")


def _write_manifest(folder: Path, started: str, counts: dict[str, int]) -> None:
    """The Bulk Data manifest naming every file written and its count."""
    manifest = {
        "transactionTime": started,
        "request": "carnet export fhir",
        "requiresAccessToken": False,
        "output": [
            {"type": kind, "url": f"{kind}.ndjson", "count": n} for kind, n in counts.items()
        ],
        "error": [],
    }
    write_private_durably(folder / "manifest.json", json.dumps(manifest, indent=2).encode())


def export_practice(
    practice: Practice,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> dict[str, int]:
    """Write the whole practice as Bulk Data NDJSON into ``folder``; returns the count of
    each resource type written. Raises :class:`ExportCancelled` if ``cancel`` is set."""
    meta.require_whole(practice.session)
    folder = Path(folder)
    _prepare_folder(folder)
    expected = totals(practice)
    files = _Files(folder)
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        _Emitter(files, expected, progress, cancel).write_all(practice)
        files.commit()
    except OSError as exc:
        files.abort()
        raise errors.StorageError(f"cannot write into {folder} ({exc.strerror})") from exc
    except BaseException:
        files.abort()
        raise
    _write_manifest(folder, started, files.counts)
    reads.audit_export(practice, "export-fhir")
    return dict(files.counts)

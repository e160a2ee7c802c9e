"""``carnet import fhir FILE|DIR``: a Bundle (JSON) or Bulk Data NDJSON files into a practice.

All or nothing: every record goes through the store's import path (journal and audit)
inside ONE transaction, so a bad resource half-way leaves the practice as it was.
Records whose id the practice already holds are skipped (importing twice adds nothing).
Observations are read first and kept as a few numbers per consultation; prescription
lines stream, one prescription's lines next to each other as Carnet writes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.interop import fhir_codes as fc
from desktop.interop import fhir_in as fin
from desktop.practice import blobs, bulk_reads, errors
from desktop.practice.schema import ENTITIES
from desktop.practice.store import Practice
from desktop.practice.values import validate

Resource = dict[str, Any]
Progress = Callable[[str, int, int], None]
_GROUPED = frozenset({"Observation"})


@dataclass(frozen=True)
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)  # entity -> records created
    skipped: int = 0  # already in the practice
    ignored: dict[str, int] = field(default_factory=dict)  # resource types Carnet has no use for


def _bad(where: str, why: str) -> errors.InvalidInputError:
    return errors.InvalidInputError(f"{where} is not FHIR JSON Carnet can read ({why})")


def _ndjson(path: Path) -> Iterator[Resource]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        raise _bad(f"{path.name} line {number}", "invalid JSON") from None
    except UnicodeDecodeError:
        raise _bad(path.name, "not UTF-8") from None
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc


def _bundle(path: Path) -> list[Resource]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _bad(path.name, "invalid JSON") from None
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc
    if not isinstance(data, dict):
        raise _bad(path.name, "not a resource")
    if data.get("resourceType") != "Bundle":
        return [data]
    resources = [e.get("resource") for e in data.get("entry") or [] if isinstance(e, dict)]
    return [r for r in resources if isinstance(r, dict)]


def _rank(kind: str | None) -> int:
    return fc.RESOURCE_TYPES.index(kind) if kind in fc.RESOURCE_TYPES else len(fc.RESOURCE_TYPES)


def _sources(path: Path) -> list[tuple[str | None, Callable[[], Iterator[Resource]]]]:
    """(resource type the file name promises, or None; a way to read it), in import order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.ndjson"), key=lambda p: (_rank(p.stem), p.name))
        if not files:
            raise errors.InvalidInputError(f"{path} holds no .ndjson file")
        return [(p.stem if p.stem in fc.RESOURCE_TYPES else None, _reader(p)) for p in files]
    if not path.is_file():
        raise errors.InvalidInputError(f"{path} does not exist")
    if path.suffix == ".ndjson":
        return [(None, _reader(path))]
    resources = sorted(_bundle(path), key=_bundle_order)
    return [(None, lambda: iter(resources))]


def _bundle_order(r: Resource) -> tuple[int, str]:
    """Types in import order; a prescription's lines next to each other."""
    group = ""
    if r.get("resourceType") == "MedicationRequest":
        group = str((r.get("groupIdentifier") or {}).get("value") or r.get("id") or "")
    return _rank(r.get("resourceType")), group


def _reader(path: Path) -> Callable[[], Iterator[Resource]]:
    return lambda: _ndjson(path)


def _announced(path: Path) -> int:
    """How many resources (Observations aside) a Bulk Data manifest announces; 0 if none."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        return sum(
            int(o.get("count") or 0) for o in manifest["output"] if o.get("type") not in _GROUPED
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0


class _Importer:
    def __init__(self, practice: Practice, progress: Progress | None) -> None:
        self.practice = practice
        self.progress = progress
        self.ids = fin.Ids()
        self.vitals: fin.Vitals = {}
        self.labs: list[fin.Row] = []  # lab results, as rows (a few per chart)
        self.group_id: str | None = None
        self.lines: list[Resource] = []
        self.done_groups: set[str] = set()
        self.created: dict[str, int] = {}
        self.ignored: dict[str, int] = {}
        self.skipped = 0
        self.seen = 0
        self.total = 0  # resources to read, when a Bulk Data manifest says (else unknown)

    def group(self, r: Resource) -> None:
        if fin.is_laboratory(r):  # a lab result: a record of its own, written last
            self.labs.append(fin.lab_result(r, self.ids))
        else:
            fin.vitals_of(r, self.ids, self.vitals)

    def request(self, r: Resource) -> Iterator[fin.Row]:
        """Collect one prescription line; a line of the next prescription ends the last."""
        group = fin.group_of(r, self.ids)
        if group != self.group_id:
            yield from self.flush()
            if group in self.done_groups:
                raise errors.InvalidInputError(
                    f"the lines of prescription {group} are not next to each other; "
                    "keep each prescription's MedicationRequests together"
                )
            self.group_id = group
        self.lines.append(r)

    def flush(self) -> Iterator[fin.Row]:
        if self.group_id is not None and self.lines:
            yield from fin.prescription(self.group_id, self.lines, self.ids)
            self.done_groups.add(self.group_id)
        self.group_id, self.lines = None, []

    def rows(self, r: Resource) -> Iterator[fin.Row]:
        """The rows one resource becomes, by its type; a type Carnet does not hold is
        counted as ignored."""
        kind = r.get("resourceType")
        self.seen += 1
        if self.progress is not None and self.seen % 1000 == 0:
            self.progress(str(kind), self.seen, self.total)
        name = kind if isinstance(kind, str) else ""
        if name in _ONE_ROW:
            yield _ONE_ROW[name](r, self.ids)
        elif name in _READERS:
            yield from _READERS[name](self, r)
        else:
            self.ignored[str(kind)] = self.ignored.get(str(kind), 0) + 1

    def encounter(self, r: Resource) -> Iterator[fin.Row]:
        """A consultation and its version, with the vitals grouped for it."""
        return fin.consultation(r, self.ids, self.vitals)

    def document(self, r: Resource) -> Iterator[fin.Row]:
        """A document's record; its content is stored unless the record exists already."""
        row, data = fin.document(r, self.ids)
        if self.fresh(row):
            blobs.store(self.practice.session, row[2]["content_hash"], data)
        yield row

    def organization_rows(self, r: Resource) -> Iterator[fin.Row]:
        self.organization(r)
        return iter(())

    def organization(self, r: Resource) -> None:
        """Fill the practice's empty details; never overwrite what it already says."""
        current = self.practice.practice_record()
        blanks = {k: v for k, v in fin.organization(r).items() if v and not current.get(k)}
        if blanks:
            self.practice.update_record("practice", self.practice.practice_id, blanks)

    def fresh(self, row: fin.Row) -> bool:
        return not bulk_reads.exists(self.practice, row[0], row[1])

    def checked(self, rows: Iterator[fin.Row]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for entity, record_id, fields in rows:
            if not self.fresh((entity, record_id, fields)):
                self.skipped += 1
                continue
            values = validate(ENTITIES[entity], fields)
            self.created[entity] = self.created.get(entity, 0) + 1
            yield entity, record_id, values

    def all_rows(self, sources: list[tuple[str | None, Callable[[], Iterator[Resource]]]]) -> Any:
        for hint, read in sources:
            if hint in _GROUPED:
                continue
            for r in read():
                if r.get("resourceType") not in _GROUPED:
                    yield from self.rows(r)
        yield from self.flush()
        yield from self.labs


_ONE_ROW: dict[str, Callable[[Resource, fin.Ids], fin.Row]] = {
    "Patient": fin.patient,
    "Practitioner": fin.practitioner,
    "Condition": fin.condition,
    "AllergyIntolerance": fin.allergy,
    "MedicationStatement": fin.treatment,
    "Immunization": fin.vaccination,
    "Appointment": fin.appointment,
}
"""Resource types that become one row each."""
_READERS: dict[str, Callable[[_Importer, Resource], Iterator[fin.Row]]] = {
    "Organization": _Importer.organization_rows,
    "Encounter": _Importer.encounter,
    "DocumentReference": _Importer.document,
    "MedicationRequest": _Importer.request,
}
"""Resource types the importer reads with state: none, several or a grouped row."""


def import_fhir(
    practice: Practice, path: Path, *, progress: Progress | None = None
) -> ImportReport:
    """Import a Bundle, an NDJSON file or a Bulk Data folder; all or nothing."""
    sources = _sources(Path(path))
    importer = _Importer(practice, progress)
    importer.total = _announced(Path(path))
    for hint, read in sources:
        if hint is None or hint in _GROUPED:
            for r in read():
                if not isinstance(r, dict):
                    raise _bad(str(path), "a line is not a resource")
                if r.get("resourceType") in _GROUPED:
                    importer.group(r)
    with practice.transaction():
        practice.import_records(importer.checked(importer.all_rows(sources)))
    return ImportReport(dict(importer.created), importer.skipped, dict(importer.ignored))

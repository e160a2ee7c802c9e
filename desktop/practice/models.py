"""The read models at the store's boundary: a chart, its sections, consultations with
every version of the note, prescriptions, appointments. Frozen, so a window cannot
change what the store read; typed, so mypy sees a renamed field in every reader.

Each row type holds ``id`` and exactly its entity's fields (a test checks them against
schema.py, so nothing read is dropped). They are built in one place, from the store's
rows, by :func:`row` and the ``from_rows`` constructors (reads.py calls them).
JSON fields (a prescription's lines, a note's diagnoses) stay the JSON they were
written as, typed read-only (``Sequence``/``Mapping``): their shape is open-ended
(another device or an import may add keys), and keeping the decoded values keeps
them equal to what was written and serialisable as such.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

Json = Sequence[Mapping[str, Any]] | None
"""A JSON list of objects as written (read-only by type, the decoded value as is)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a chart's section: its id and its entity's fields."""

    id: str

    @classmethod
    def blank(cls: type[R]) -> R:
        """A record with every field empty: what a form for a new one starts from."""
        empty = {
            f.name: None
            for f in dataclasses.fields(cls)
            if f.name != "id" and f.default is dataclasses.MISSING
        }
        return cls(id="", **empty)

    def fields(self) -> dict[str, Any]:
        """Every field by its schema name (a fresh dict), for the forms that edit any
        entity and for serialising (``carnet patient show --json``)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def field(self, name: str) -> Any:
        """One field by its schema name (a form comparing what was typed)."""
        if name not in _NAMES[type(self)]:
            raise KeyError(name)
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class Problem(Row):
    patient_id: str | None
    kind: str | None
    label: str | None
    cim10: str | None
    onset: str | None  # a partial date may do: "1975-06", "1975"
    resolved: str | None
    deleted: bool | None


@dataclass(frozen=True, slots=True)
class Allergy(Row):
    patient_id: str | None
    substance: str | None
    reaction: str | None
    severity: str | None
    kind: str | None
    deleted: bool | None


@dataclass(frozen=True, slots=True)
class Treatment(Row):
    patient_id: str | None
    drug: str | None
    dosage: str | None
    started: str | None
    stopped: str | None
    deleted: bool | None
    stop_reason: str | None
    long_term: bool | None


@dataclass(frozen=True, slots=True)
class Vaccination(Row):
    patient_id: str | None
    vaccine: str | None
    given_on: str | None
    lot: str | None
    deleted: bool | None
    dose_number: int | None
    route: str | None
    site: str | None


@dataclass(frozen=True, slots=True)
class LabResult(Row):
    patient_id: str | None
    analyte: str | None
    value: float | None
    value_text: str | None
    unit: str | None
    ref_low: float | None
    ref_high: float | None
    ref_text: str | None
    taken_on: str | None
    document_id: str | None
    deleted: bool | None


@dataclass(frozen=True, slots=True)
class Document(Row):
    patient_id: str | None
    title: str | None
    kind: str | None
    mime: str | None
    filename: str | None
    size: int | None
    content_hash: str | None
    received_at: str | None
    deleted: bool | None


@dataclass(frozen=True, slots=True)
class Appointment(Row):
    """An appointment; read for the agenda, it also carries the patient's names."""

    patient_id: str | None
    practitioner_id: str | None
    starts_at: str | None
    duration_min: int | None
    reason: str | None
    status: str | None
    deleted: bool | None
    patient_family_name: str | None = None
    patient_given_names: str | None = None

    def patient_name(self) -> str:
        """'DUPONT Marie', as the agenda shows a patient."""
        family = (self.patient_family_name or "").upper()
        return f"{family} {self.patient_given_names or ''}".strip()


@dataclass(frozen=True, slots=True)
class Version(Row):
    """One version of a consultation's note; never overwritten, a revision is another."""

    consultation_id: str | None
    parent_id: str | None
    author_id: str | None
    created_at: str | None
    reason: str | None
    text: str | None
    soap_s: str | None
    soap_o: str | None
    soap_a: str | None
    soap_p: str | None
    weight_kg: float | None
    height_cm: float | None
    bp_sys: int | None
    bp_dia: int | None
    pulse: int | None
    temperature_c: float | None
    spo2: int | None
    diagnoses: Json  # [{"label": ..., "cim10": ...}, ...]
    signed: bool | None
    head_circumference_cm: float | None

    def summary(self) -> str:
        """The reason, else the first line of the text (60 characters): a timeline's label."""
        return self.reason or (self.text or "").split("\n")[0][:60]


@dataclass(frozen=True, slots=True)
class PrescriptionVersion(Row):
    """One version of a prescription's content."""

    prescription_id: str | None
    parent_id: str | None
    author_id: str | None
    created_at: str | None
    lines: Json  # [{"drug": ..., "dosage": ..., ...}, ...], as prescriptions.RxLine writes
    notes: str | None
    signed: bool | None
    weight_kg: float | None
    height_cm: float | None


def _concurrent(versions: Sequence[Version] | Sequence[PrescriptionVersion]) -> bool:
    """Whether two versions both build on the same history (two heads: a concurrent edit)."""
    parents = {v.parent_id for v in versions}
    return sum(1 for v in versions if v.id not in parents) > 1


@dataclass(frozen=True, slots=True)
class Consultation(Row):
    """A consultation with every version of its note, oldest first (by their stamps)."""

    patient_id: str | None
    started_at: str | None
    author_id: str | None
    deleted: bool | None
    versions: tuple[Version, ...] = ()

    @property
    def current(self) -> Version | None:
        """The newest version; None while the content is not on this computer yet."""
        return self.versions[-1] if self.versions else None

    @property
    def concurrent_versions(self) -> bool:
        return _concurrent(self.versions)


@dataclass(frozen=True, slots=True)
class Prescription(Row):
    """A prescription with every version of its content, oldest first."""

    patient_id: str | None
    consultation_id: str | None
    author_id: str | None
    prescribed_at: str | None
    deleted: bool | None
    versions: tuple[PrescriptionVersion, ...] = ()

    @property
    def current(self) -> PrescriptionVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def concurrent_versions(self) -> bool:
        return _concurrent(self.versions)


@dataclass(frozen=True, slots=True)
class Chart:
    """One patient's chart: the identity fields, then each section newest first (the
    store's order). ``front_desk``: read for a role without clinical access, every
    clinical section then empty (the store did not read them)."""

    id: str
    family_name: str | None
    birth_name: str | None
    given_names: str | None
    sex: str | None
    birth_date: str | None
    birth_place_code: str | None
    nir: str | None
    ins_status: str | None
    phone: str | None
    phone2: str | None
    email: str | None
    address: str | None
    postal_code: str | None
    city: str | None
    referring_gp: str | None
    insurance: str | None
    deleted: bool | None
    appointments: tuple[Appointment, ...] = ()
    problems: tuple[Problem, ...] = ()
    allergies: tuple[Allergy, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    vaccinations: tuple[Vaccination, ...] = ()
    documents: tuple[Document, ...] = ()
    lab_results: tuple[LabResult, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    prescriptions: tuple[Prescription, ...] = ()
    front_desk: bool = False

    def full_name(self) -> str:
        """'DUPONT Marie': the family name in capitals, then the given names."""
        return f"{(self.family_name or '').upper()} {self.given_names or ''}".strip()

    def identity(self) -> dict[str, Any]:
        """The patient record's own fields by schema name (a fresh dict): a form over them."""
        return {name: getattr(self, name) for name in IDENTITY}

    def section(self, entity: str) -> tuple[Row, ...]:
        """The records of one simple section by entity name ("problem", "lab_result")."""
        return tuple(getattr(self, SECTIONS[entity]))

    def find(self, entity: str, record_id: str) -> Row | None:
        return next((r for r in self.section(entity) if r.id == record_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The chart as plain JSON-ready values, in the store's order (``--json``): each
        consultation and prescription also names its ``current`` version and whether it
        has ``concurrent_versions``."""
        out = self.identity()
        for entity, name in SECTIONS.items():
            out[name] = [r.fields() for r in getattr(self, name)]
            if entity in ("consultation", "prescription"):
                for item, record in zip(out[name], getattr(self, name), strict=True):
                    item["versions"] = [v.fields() for v in record.versions]
                    item["current"] = item["versions"][-1] if record.versions else None
                    item["concurrent_versions"] = record.concurrent_versions
        if self.front_desk:
            out["front_desk"] = True
        return out


SECTIONS: Mapping[str, str] = {
    "problem": "problems",
    "allergy": "allergies",
    "treatment": "treatments",
    "vaccination": "vaccinations",
    "document": "documents",
    "lab_result": "lab_results",
    "appointment": "appointments",
    "consultation": "consultations",
    "prescription": "prescriptions",
}
"""Each section of a chart by its entity's name, in the order a chart lists them."""

CLINICAL_SECTIONS = tuple(name for entity, name in SECTIONS.items() if entity != "appointment")

ROW_TYPES: Mapping[str, type[Row]] = {
    "problem": Problem,
    "allergy": Allergy,
    "treatment": Treatment,
    "vaccination": Vaccination,
    "document": Document,
    "lab_result": LabResult,
    "appointment": Appointment,
    "consultation": Consultation,
    "consultation_version": Version,
    "prescription": Prescription,
    "prescription_version": PrescriptionVersion,
}
"""The read model of each entity a chart holds."""

_NAMES: dict[type[Row], frozenset[str]] = {
    t: frozenset(f.name for f in dataclasses.fields(t)) for t in ROW_TYPES.values()
}

IDENTITY = tuple(
    f.name
    for f in dataclasses.fields(Chart)
    if f.name not in SECTIONS.values() and f.name != "front_desk"
)
"""The chart's own fields: the patient record's id and fields."""

R = TypeVar("R", bound=Row)


def row(kind: type[R], record: Mapping[str, Any], **more: Any) -> R:
    """The read model of one record (a dict of ``id`` and every field, rows.py's shape)."""
    return kind(**record, **more)


def chart(
    patient: Mapping[str, Any], sections: Mapping[str, Sequence[Row]], *, front_desk: bool = False
) -> Chart:
    """A chart from the patient's record and its sections' read models (by section
    name: ``{"problems": [...]}``); a section not given is empty, and so is an identity
    field the record lacks (a chart made by hand, in a test)."""
    unknown = set(sections) - set(SECTIONS.values())
    if unknown:
        raise TypeError(f"a chart has no section {sorted(unknown)}")
    values: dict[str, Any] = {name: patient.get(name) for name in IDENTITY}
    values["id"] = patient["id"]
    values.update((name, tuple(items)) for name, items in sections.items())
    return Chart(**values, front_desk=front_desk)

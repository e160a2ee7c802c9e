"""The record model of a GP's chart: which entities exist and which fields they carry.

Each entity is a table. *Mutable* entities (identity, administrative data, problem
lists) merge per field, last writer wins, with tombstones in the ``deleted`` field.
*Versioned* entities (consultation and prescription contents) are immutable rows: an
edit is a new version naming its parent, so no clinical text is ever overwritten, and
two concurrent edits both survive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

FieldType = Literal["text", "int", "real", "bool", "date", "pdate", "datetime", "json"]
"""``pdate``: a date that may be known only to the month or the year ("1975-06",
"1975"), as a history often is; ISO order still sorts it."""

SQL_TYPES: Mapping[FieldType, str] = {
    "text": "TEXT",
    "date": "TEXT",
    "pdate": "TEXT",
    "datetime": "TEXT",
    "json": "TEXT",
    "int": "INTEGER",
    "bool": "INTEGER",
    "real": "REAL",
}
"""The column type that stores each field type (JSON as text, booleans as 0/1)."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType = "text"


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    fields: tuple[Field, ...]
    versioned: bool = False
    clinical: bool = False  # refused to roles without clinical access (roles.py)
    patient_field: str | None = "patient_id"  # how a row belongs to a chart
    # Derived once: the sync apply path asks for these for every change of every field.
    field_names: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)
    field_set: frozenset[str] = dataclass_field(init=False, repr=False, compare=False)
    _by_name: Mapping[str, Field] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", tuple(f.name for f in self.fields))
        object.__setattr__(self, "field_set", frozenset(self.field_names))
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(name) from None


def _f(*specs: str) -> tuple[Field, ...]:
    out = []
    for spec in specs:
        name, _, kind = spec.partition(":")
        out.append(Field(name, kind or "text"))  # type: ignore[arg-type]
    return tuple(out)


DELETED = "deleted"

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "practice",
            _f("name", "address", "postal_code", "city", "phone", "email", "finess"),
            patient_field=None,
        ),
        Entity(
            "user",
            _f(
                "username",
                "display_name",
                "role",
                "rpps",
                "specialty",
                "phone",
                "until:date",  # schema 4: a locum's last day
                "deactivated_at:datetime",  # schema 4: set when the person left
                "deleted:bool",
            ),
            patient_field=None,
        ),
        Entity(
            "patient",
            _f(
                "family_name",
                "birth_name",
                "given_names",
                "sex",
                "birth_date:date",
                "birth_place_code",
                "nir",
                "ins_status",
                "phone",
                "phone2",
                "email",
                "address",
                "postal_code",
                "city",
                "referring_gp",
                "insurance",
                "deleted:bool",
            ),
            patient_field=None,
        ),
        Entity(
            "problem",
            _f(
                "patient_id",
                "kind",
                "label",
                "cim10",
                "onset:pdate",
                "resolved:pdate",
                "deleted:bool",
            ),
            clinical=True,
        ),
        Entity(
            "allergy",
            _f("patient_id", "substance", "reaction", "severity", "kind", "deleted:bool"),
            clinical=True,
        ),
        Entity(
            "treatment",
            _f(
                "patient_id",
                "drug",
                "dosage",
                "started:date",
                "stopped:date",
                "deleted:bool",
                "stop_reason",  # schema 3: why it was stopped (side effect, cured, ...)
                "long_term:bool",  # schema 3: a long-term treatment, or a short course
            ),
            clinical=True,
        ),
        Entity(
            "vaccination",
            _f(
                "patient_id",
                "vaccine",
                "given_on:date",
                "lot",
                "deleted:bool",
                "dose_number:int",  # schema 3: 1 for the first injection, 2, ... a booster
                "route",  # schema 3: one of VACCINATION_ROUTES
                "site",  # schema 3: where it was injected (left deltoid, ...)
            ),
            clinical=True,
        ),
        # Schema 3. One structured lab result: a number (value) or a text ("négatif"),
        # its unit and reference range (numbers, or a text when the lab gives one), the
        # day the sample was taken, and the document it came with, if any.
        Entity(
            "lab_result",
            _f(
                "patient_id",
                "analyte",
                "value:real",
                "value_text",
                "unit",
                "ref_low:real",
                "ref_high:real",
                "ref_text",
                "taken_on:date",
                "document_id",
                "deleted:bool",
            ),
            clinical=True,
        ),
        Entity(
            "consultation",
            _f("patient_id", "started_at:datetime", "author_id", "deleted:bool"),
            clinical=True,
        ),
        Entity(
            "consultation_version",
            _f(
                "consultation_id",
                "parent_id",
                "author_id",
                "created_at:datetime",
                "reason",
                "text",
                "soap_s",
                "soap_o",
                "soap_a",
                "soap_p",
                "weight_kg:real",
                "height_cm:real",
                "bp_sys:int",
                "bp_dia:int",
                "pulse:int",
                "temperature_c:real",
                "spo2:int",
                "diagnoses:json",
                "signed:bool",
                "head_circumference_cm:real",  # schema 3: a child's growth
            ),
            versioned=True,
            clinical=True,
            patient_field=None,
        ),
        Entity(
            "prescription",
            _f(
                "patient_id",
                "consultation_id",
                "author_id",
                "prescribed_at:datetime",
                "deleted:bool",
            ),
            clinical=True,
        ),
        Entity(
            "prescription_version",
            _f(
                "prescription_id",
                "parent_id",
                "author_id",
                "created_at:datetime",
                "lines:json",
                "notes",
                "signed:bool",
                "weight_kg:real",  # schema 2: the patient's on the paper (a child's dose)
                "height_cm:real",
            ),
            versioned=True,
            clinical=True,
            patient_field=None,
        ),
        Entity(
            "document",
            _f(
                "patient_id",
                "title",
                "kind",
                "mime",
                "filename",
                "size:int",
                "content_hash",
                "received_at:datetime",
                "deleted:bool",
            ),
            clinical=True,
        ),
        # Schema 2. A practitioner's professional identity, as printed on their paper
        # (R.5132-3): a record of its own, linked to a login, so people and roles can
        # grow without touching it. A locum names whom they replace.
        Entity(
            "practitioner",
            _f(
                "user_id",
                "title",
                "given_names",
                "family_name",
                "qualification",
                "specialty",
                "rpps",
                "am_number",
                "address",
                "postal_code",
                "city",
                "phone",
                "email",
                "locum:bool",
                "replaces_id",
                "deleted:bool",
            ),
            patient_field=None,
        ),
        # Schema 2. A practice-wide prescription template (no patient data in it).
        Entity(
            "prescription_template",
            _f("name", "lines:json", "notes", "author_id", "deleted:bool"),
            patient_field=None,
        ),
        # Schema 2. A practice's own version of a letter or certificate template.
        Entity(
            "letter_template",
            _f("name", "kind", "body", "author_id", "deleted:bool"),
            patient_field=None,
        ),
        Entity(
            "appointment",
            _f(
                "patient_id",
                "practitioner_id",
                "starts_at:datetime",
                "duration_min:int",
                "reason",
                "status",
                "deleted:bool",
            ),
        ),
    )
}

SEX_VALUES = ("F", "M", "U")
ROLES = ("doctor", "locum", "secretary")
INS_STATUSES = ("provisoire", "recuperee", "validee", "qualifiee")
PROBLEM_KINDS = ("medical", "surgical", "family", "other")
DOCUMENT_KINDS = ("letter", "result", "scan", "other")
ALLERGY_KINDS = ("allergy", "intolerance", "none_known")
NO_KNOWN_ALLERGY = "none_known"
"""An allergy record of this kind, with no substance, is the statement "no known allergy"
(asked, none known), as FHIR's AllergyIntolerance codes it (SNOMED CT 716186003): a code,
not an absence. A chart with no allergy record at all was never asked."""
VACCINATION_ROUTES = ("IM", "SC", "ID", "oral", "nasal")
APPOINTMENT_STATUSES = ("booked", "done", "cancelled", "no_show")

"""Reads of the records: a patient's whole chart, the agenda, the users, and counts.

Only :func:`chart` (a clinician opening a chart) writes: its audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.practice import errors, models, rows
from desktop.practice.models import Appointment, Chart
from desktop.practice.rows import Record
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session


def appointments_between(s: Session, start_iso: str, end_iso: str) -> list[Appointment]:
    """Live appointments with start_iso <= starts_at < end_iso, by time, with the
    patient's family_name and given_names (over the starts_at index)."""
    ent = ENTITIES["appointment"]
    cols = ", ".join(["a.id", *(f"a.{n}" for n in ent.field_names)])
    cur = s.execute(
        f"SELECT {cols}, p.family_name AS patient_family_name, "
        "p.given_names AS patient_given_names FROM appointment a "
        "LEFT JOIN patient p ON p.id = a.patient_id "
        "WHERE a.starts_at >= ? AND a.starts_at < ? AND a.deleted IS NOT 1 "
        "ORDER BY a.starts_at, a.id",
        (start_iso, end_iso),
    )
    names = [d[0] for d in cur.description]
    out: list[Appointment] = []
    for values in cur.fetchall():
        record = dict(zip(names, values, strict=True))
        names_of = {k: record.pop(k) for k in ("patient_family_name", "patient_given_names")}
        out.append(models.row(Appointment, rows.to_record(ent, record), **names_of))
    return out


def users(s: Session) -> list[Record]:
    return rows.select(s, ENTITIES["user"], "deleted IS NOT 1", (), "ORDER BY display_name")


def records(s: Session, entity: str, order: str = "id", **equal: object) -> list[Record]:
    """Live records of a small entity (practitioners, templates), where each given field
    equals its value, sorted by the ``order`` field."""
    ent = ENTITIES[entity]
    names = [n for n in equal if n in ent.field_set]
    if len(names) != len(equal) or order not in ("id", *ent.field_names):
        raise errors.InvalidInputError(f"{entity} has no such field")
    where = " AND ".join(["deleted IS NOT 1", *(f"{n} = ?" for n in names)])
    return rows.select(s, ent, where, [equal[n] for n in names], f"ORDER BY {order}, id")


def practice_record(s: Session) -> Record:
    record = rows.get(s, "practice", s.practice_id)
    assert record is not None
    return record


def patient(s: Session, patient_id: str) -> Record:
    record = rows.get(s, "patient", patient_id)
    if record is None:
        raise errors.NotFoundError(f"no patient with id {patient_id}")
    return record


def chart(s: Session, patient_id: str, *, include_deleted: bool = False) -> Chart:
    """The whole chart of one patient; the read is audited."""
    with s.transaction():
        whole = _chart(s, patient_id, include_deleted)
        s.audit("read", "patient", patient_id)
    return whole


def front_desk_chart(s: Session, patient_id: str) -> Chart:
    """What a role without clinical access sees of a chart: identity, contact details,
    insurance and appointments; every clinical section empty. Audited like a chart."""
    with s.transaction():
        out = models.chart(
            patient(s, patient_id),
            {"appointments": _section(s, "appointment", patient_id, " AND deleted IS NOT 1")},
            front_desk=True,
        )
        s.audit("read", "patient", patient_id)
    return out


_ORDER = {
    "problem": "ORDER BY onset DESC, id DESC",
    "allergy": "ORDER BY substance, id",
    "treatment": "ORDER BY started DESC, id DESC",
    "vaccination": "ORDER BY given_on DESC, id DESC",
    "document": "ORDER BY received_at DESC, id DESC",
    "lab_result": "ORDER BY taken_on DESC, analyte, id DESC",
    "appointment": "ORDER BY starts_at DESC, id DESC",
}


def _section(s: Session, entity: str, patient_id: str, live: str) -> list[models.Row]:
    found = rows.select(s, ENTITIES[entity], "patient_id = ?" + live, (patient_id,), _ORDER[entity])
    kind = models.ROW_TYPES[entity]
    return [models.row(kind, r) for r in found]


def _chart(s: Session, patient_id: str, include_deleted: bool) -> Chart:
    record = patient(s, patient_id)
    live = "" if include_deleted else " AND deleted IS NOT 1"
    sections: dict[str, Sequence[models.Row]] = {
        models.SECTIONS[entity]: _section(s, entity, patient_id, live) for entity in _ORDER
    }
    sections["consultations"] = [
        models.row(models.Consultation, head, versions=tuple(versions))
        for head, versions in _versioned_items(
            s, "consultation", "consultation_version", "consultation_id", patient_id, live,
            "started_at",
        )
    ]
    sections["prescriptions"] = [
        models.row(models.Prescription, head, versions=tuple(versions))
        for head, versions in _versioned_items(
            s, "prescription", "prescription_version", "prescription_id", patient_id, live,
            "prescribed_at",
        )
    ]
    return models.chart(record, sections)


def _versioned_items(
    s: Session, head: str, version: str, link: str, patient_id: str, live: str, date_field: str
) -> list[tuple[Record, list[models.Row]]]:
    """Each item (newest first) with its versions' read models, oldest first by stamp."""
    ent_h, ent_v = ENTITIES[head], ENTITIES[version]
    items = rows.select(
        s, ent_h, "patient_id = ?" + live, (patient_id,), f"ORDER BY {date_field} DESC, id DESC"
    )
    if not items:
        return []
    vcols = ", ".join(["v.id", *(f"v.{n}" for n in ent_v.field_names), "v._hlc", "v._dev"])
    cur = s.execute(
        f"SELECT {vcols} FROM {version} v JOIN {head} h ON h.id = v.{link} "
        f"WHERE h.patient_id = ? ORDER BY v._hlc, v._dev",
        (patient_id,),
    )
    kind = models.ROW_TYPES[version]
    by_item: dict[str, list[models.Row]] = {}
    names = ["id", *ent_v.field_names, "_hlc", "_dev"]
    for values in cur.fetchall():
        rec = rows.to_record(ent_v, dict(zip(names, values, strict=True)))
        by_item.setdefault(rec[link], []).append(models.row(kind, rec))
    return [(item, by_item.get(item["id"], [])) for item in items]


def counts(s: Session) -> dict[str, int]:
    return {name: int(s.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in ENTITIES}

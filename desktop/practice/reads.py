"""Reads of the records: a patient's whole chart, the agenda, the users, and counts.

Only :func:`chart` (a clinician opening a chart) writes: its audit entry.
"""

from __future__ import annotations

from desktop.practice import errors, rows
from desktop.practice.rows import Record
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session


def appointments_between(s: Session, start_iso: str, end_iso: str) -> list[Record]:
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
    out: list[Record] = []
    for row in cur.fetchall():
        values = dict(zip(names, row, strict=True))
        family = values.pop("patient_family_name")
        given = values.pop("patient_given_names")
        record = rows.to_record(ent, values)
        record["patient_family_name"] = family
        record["patient_given_names"] = given
        out.append(record)
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


def chart(s: Session, patient_id: str, *, include_deleted: bool = False) -> Record:
    """The whole chart of one patient; the read is audited."""
    with s.transaction():
        whole = _chart(s, patient_id, include_deleted)
        s.audit("read", "patient", patient_id)
    return whole


CLINICAL_SECTIONS = (
    "problems", "allergies", "treatments", "vaccinations", "documents", "consultations",
    "prescriptions",
)


def front_desk_chart(s: Session, patient_id: str) -> Record:
    """What a role without clinical access sees of a chart: identity, contact details,
    insurance and appointments; every clinical section empty. Audited like a chart."""
    with s.transaction():
        out = patient(s, patient_id)
        out["appointments"] = rows.select(
            s,
            ENTITIES["appointment"],
            "patient_id = ? AND deleted IS NOT 1",
            (patient_id,),
            "ORDER BY starts_at DESC, id DESC",
        )
        for section in CLINICAL_SECTIONS:
            out[section] = []
        out["front_desk"] = True
        s.audit("read", "patient", patient_id)
    return out


def _chart(s: Session, patient_id: str, include_deleted: bool) -> Record:
    out = patient(s, patient_id)
    live = "" if include_deleted else " AND deleted IS NOT 1"
    for entity, order in (
        ("problem", "ORDER BY onset DESC, id DESC"),
        ("allergy", "ORDER BY substance, id"),
        ("treatment", "ORDER BY started DESC, id DESC"),
        ("vaccination", "ORDER BY given_on DESC, id DESC"),
        ("document", "ORDER BY received_at DESC, id DESC"),
        ("lab_result", "ORDER BY taken_on DESC, analyte, id DESC"),
        ("appointment", "ORDER BY starts_at DESC, id DESC"),
    ):
        out[entity + "s" if entity != "allergy" else "allergies"] = rows.select(
            s, ENTITIES[entity], "patient_id = ?" + live, (patient_id,), order
        )
    out["consultations"] = _versioned_items(
        s,
        "consultation",
        "consultation_version",
        "consultation_id",
        patient_id,
        live,
        "started_at",
    )
    out["prescriptions"] = _versioned_items(
        s,
        "prescription",
        "prescription_version",
        "prescription_id",
        patient_id,
        live,
        "prescribed_at",
    )
    return out


def _versioned_items(
    s: Session, head: str, version: str, link: str, patient_id: str, live: str, date_field: str
) -> list[Record]:
    ent_h, ent_v = ENTITIES[head], ENTITIES[version]
    items = rows.select(
        s, ent_h, "patient_id = ?" + live, (patient_id,), f"ORDER BY {date_field} DESC, id DESC"
    )
    if not items:
        return items
    vcols = ", ".join(["v.id", *(f"v.{n}" for n in ent_v.field_names), "v._hlc", "v._dev"])
    cur = s.execute(
        f"SELECT {vcols} FROM {version} v JOIN {head} h ON h.id = v.{link} "
        f"WHERE h.patient_id = ? ORDER BY v._hlc, v._dev",
        (patient_id,),
    )
    by_item: dict[str, list[Record]] = {}
    names = ["id", *ent_v.field_names, "_hlc", "_dev"]
    for row in cur.fetchall():
        raw = dict(zip(names, row, strict=True))
        rec = rows.to_record(ent_v, raw)
        by_item.setdefault(rec[link], []).append(rec)
    for item in items:
        versions = by_item.get(item["id"], [])
        item["versions"] = versions
        item["current"] = versions[-1] if versions else None
        parents = {v["parent_id"] for v in versions}
        heads = [v for v in versions if v["id"] not in parents]
        item["concurrent_versions"] = len(heads) > 1
    return items


def counts(s: Session) -> dict[str, int]:
    return {name: int(s.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in ENTITIES}

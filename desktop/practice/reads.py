"""Reads of the records: a patient's whole chart, the agenda, the users, and counts.

Only :func:`chart` (a clinician opening a chart) writes: its audit entry.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.practice import errors, models, rows
from desktop.practice.models import Appointment, Chart
from desktop.practice.rows import Record
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session
from desktop.practice.values import FROM_SQL


@dataclass(frozen=True)
class _Reader:
    """One entity's read models built straight from its rows: the columns to select,
    in the model's field order, and each converted column's conversion (JSON, booleans)
    by position. No dict per row on the way: through one, a chart with 2,000
    consultations took 2.5 times as long (docs/performance.md)."""

    kind: type[models.Row]
    columns: tuple[str, ...]
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]

    def select(self, alias: str = "") -> str:
        return ", ".join(alias + name for name in self.columns)

    def build(self, values: Sequence[Any], **more: Any) -> Any:
        if self.convert:
            values = list(values)
            for at, convert in self.convert:
                if values[at] is not None:
                    values[at] = convert(values[at])
        return self.kind(*values, **more)

    def build_all(self, found: Iterable[Sequence[Any]]) -> list[Any]:
        return [self.build(values) for values in found]


@functools.cache
def _reader(entity: str) -> _Reader:
    ent, kind = ENTITIES[entity], models.ROW_TYPES[entity]
    columns = tuple(
        f.name for f in dataclasses.fields(kind) if f.name == "id" or f.name in ent.field_set
    )
    assert len(columns) == 1 + len(ent.field_names), f"{kind.__name__} misses a field"
    convert = tuple(
        (at, FROM_SQL[ent.field(name).type])
        for at, name in enumerate(columns)
        if name != "id" and ent.field(name).type in FROM_SQL
    )
    return _Reader(kind, columns, convert)


def appointments_between(s: Session, start_iso: str, end_iso: str) -> list[Appointment]:
    """Live appointments with start_iso <= starts_at < end_iso, by time, with the
    patient's family_name and given_names (over the starts_at index)."""
    reader = _reader("appointment")
    cur = s.execute(
        f"SELECT {reader.select('a.')}, p.family_name, p.given_names FROM appointment a "
        "LEFT JOIN patient p ON p.id = a.patient_id "
        "WHERE a.starts_at >= ? AND a.starts_at < ? AND a.deleted IS NOT 1 "
        "ORDER BY a.starts_at, a.id",
        (start_iso, end_iso),
    )
    return [
        reader.build(values[:-2], patient_family_name=values[-2], patient_given_names=values[-1])
        for values in cur
    ]


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
    reader = _reader(entity)
    cur = s.execute(
        f"SELECT {reader.select()} FROM {entity} WHERE patient_id = ?{live} {_ORDER[entity]}",
        (patient_id,),
    )
    return reader.build_all(cur)


def _chart(s: Session, patient_id: str, include_deleted: bool) -> Chart:
    record = patient(s, patient_id)
    live = "" if include_deleted else " AND deleted IS NOT 1"
    sections: dict[str, Sequence[models.Row]] = {
        models.SECTIONS[entity]: _section(s, entity, patient_id, live) for entity in _ORDER
    }
    sections["consultations"] = _versioned(
        s, "consultation", "consultation_version", "consultation_id", patient_id, live,
        "started_at",
    )
    sections["prescriptions"] = _versioned(
        s, "prescription", "prescription_version", "prescription_id", patient_id, live,
        "prescribed_at",
    )
    return models.chart(record, sections)


def _versioned(
    s: Session, head: str, version: str, link: str, patient_id: str, live: str, date_field: str
) -> list[models.Row]:
    """Each item (newest first) with its versions, oldest first by stamp.

    The versions are ordered here, per item, not by SQL: most items have one, and
    SQLite sorting 2,000 whole versions took as long as reading them."""
    heads, versions = _reader(head), _reader(version)
    link_at = versions.columns.index(link)
    by_item: dict[str, list[tuple[str, str, models.Row]]] = {}
    cur = s.execute(
        f"SELECT {versions.select('v.')}, v._hlc, v._dev FROM {version} v "
        f"JOIN {head} h ON h.id = v.{link} WHERE h.patient_id = ?",
        (patient_id,),
    )
    for values in cur:
        stamped = (values[-2], values[-1], versions.build(values[:-2]))
        by_item.setdefault(values[link_at], []).append(stamped)
    cur = s.execute(
        f"SELECT {heads.select()} FROM {head} WHERE patient_id = ?{live} "
        f"ORDER BY {date_field} DESC, id DESC",
        (patient_id,),
    )
    return [heads.build(values, versions=_by_stamp(by_item.get(values[0]))) for values in cur]


def _by_stamp(stamped: list[tuple[str, str, models.Row]] | None) -> tuple[models.Row, ...]:
    if not stamped:
        return ()
    if len(stamped) > 1:
        stamped.sort(key=lambda item: (item[0], item[1]))
    return tuple(item[2] for item in stamped)


def counts(s: Session) -> dict[str, int]:
    return {name: int(s.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in ENTITIES}

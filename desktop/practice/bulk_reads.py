"""Read-only, streaming reads of a whole practice, for exports (FHIR, SQLite, archives).

:meth:`Practice.chart` reads one chart and audits each read in its own transaction; an
export of 100,000 charts needs rows as cursors yield them, with memory that does not grow
with the practice, and one audit entry for the whole export (:func:`audit_export`).
Only live records of live patients are yielded: a tombstone is not part of a record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop.practice import blobs
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.store import Practice
from desktop.practice.values import from_sql

Record = dict[str, Any]
_FETCH = 2000


def _convert(ent: Entity, names: list[str], row: tuple[Any, ...]) -> Record:
    """A row as the store's record: only JSON and boolean fields need converting."""
    out = dict(zip(names, row, strict=True))
    for name in _special(ent):
        if name in out and out[name] is not None:
            out[name] = from_sql(ent, name, out[name])
    return out


_SPECIAL: dict[str, tuple[str, ...]] = {}


def _special(ent: Entity) -> tuple[str, ...]:
    found = _SPECIAL.get(ent.name)
    if found is None:
        found = _SPECIAL[ent.name] = tuple(
            f.name for f in ent.fields if f.type in ("json", "bool")
        )
    return found


def _cursor_rows(practice: Practice, sql: str, params: tuple[Any, ...]) -> Iterator[Any]:
    cur = practice.conn.execute(sql, params)
    while True:
        rows = cur.fetchmany(_FETCH)
        if not rows:
            return
        yield from rows


def _live(entity: str, alias: str, with_deleted: bool = False) -> str:
    ent = ENTITIES[entity]
    live = "deleted" in ent.field_set and not with_deleted
    cond = f"{alias}.deleted IS NOT 1" if live else "1"
    if ent.patient_field:
        cond += (
            f" AND EXISTS (SELECT 1 FROM patient p WHERE p.id = {alias}.{ent.patient_field}"
            " AND p.deleted IS NOT 1)"
        )
    return cond


def count(practice: Practice, entity: str, patient_id: str | None = None) -> int:
    """How many live records :func:`records` would yield."""
    where, params = _where(entity, "t", patient_id)
    sql = f"SELECT count(*) FROM {entity} t WHERE {where}"
    return int(practice.conn.execute(sql, params).fetchone()[0])


def _where(
    entity: str, alias: str, patient_id: str | None, with_deleted: bool = False
) -> tuple[str, tuple[Any, ...]]:
    where = _live(entity, alias, with_deleted)
    if patient_id is None:
        return where, ()
    ent = ENTITIES[entity]
    column = "id" if entity == "patient" else ent.patient_field
    return f"{where} AND {alias}.{column} = ?", (patient_id,)


def records(
    practice: Practice, entity: str, patient_id: str | None = None, *, with_deleted: bool = False
) -> Iterator[Record]:
    """Live records of ``entity`` (of one patient, or all), as the store's dicts;
    ``with_deleted`` adds this entity's own tombstones (users who left still sign notes)."""
    ent = ENTITIES[entity]
    names = ["id", *ent.field_names]
    where, params = _where(entity, "t", patient_id, with_deleted)
    cols = ", ".join(f"t.{n}" for n in names)
    for row in _cursor_rows(practice, f"SELECT {cols} FROM {entity} t WHERE {where}", params):
        yield _convert(ent, names, row)


def current_versions(
    practice: Practice, head: str, patient_id: str | None = None
) -> Iterator[tuple[Record, Record]]:
    """(item, its current version) of each live consultation or prescription.

    The version table is walked in its index order, so one item's versions arrive
    together and nothing is sorted in memory; the current version is the newest head by
    (HLC, device), as :meth:`Practice.chart` picks it.
    """
    version = f"{head}_version"
    link = f"{head}_id"
    ent_h, ent_v = ENTITIES[head], ENTITIES[version]
    hnames = ["id", *ent_h.field_names]
    vnames = ["id", *ent_v.field_names]
    where, params = _where(head, "h", patient_id)
    cols = ", ".join([*(f"h.{n}" for n in hnames), *(f"v.{n}" for n in vnames), "v._hlc", "v._dev"])
    # The whole practice: walk the version index (no sort). One patient: start from the
    # patient's items (their index) and sort the few rows.
    walk = f"INDEXED BY {version}_by_{head}" if patient_id is None else ""
    sql = (
        f"SELECT {cols} FROM {version} v {walk} "
        f"JOIN {head} h ON h.id = v.{link} WHERE {where} ORDER BY v.{link}"
    )
    nh, nv = len(hnames), len(vnames)
    group: list[tuple[Any, ...]] = []
    for row in _cursor_rows(practice, sql, params):
        if group and group[0][0] != row[0]:
            yield _pick(ent_h, ent_v, hnames, vnames, group, nh, nv)
            group = []
        group.append(row)
    if group:
        yield _pick(ent_h, ent_v, hnames, vnames, group, nh, nv)


def _pick(
    ent_h: Entity,
    ent_v: Entity,
    hnames: list[str],
    vnames: list[str],
    group: list[tuple[Any, ...]],
    nh: int,
    nv: int,
) -> tuple[Record, Record]:
    newest = max(group, key=lambda r: (r[nh + nv], r[nh + nv + 1]))
    return (
        _convert(ent_h, hnames, newest[:nh]),
        _convert(ent_v, vnames, newest[nh : nh + nv]),
    )


def exists(practice: Practice, entity: str, record_id: str) -> bool:
    """Whether the practice holds this record, tombstone or not (an import skips it)."""
    sql = f"SELECT 1 FROM {ENTITIES[entity].name} WHERE id = ?"
    return practice.conn.execute(sql, (record_id,)).fetchone() is not None


def document_bytes(practice: Practice, content_hash: str, size: int) -> bytes:
    """A document's content (empty if its chunks are not on this computer yet)."""
    return (blobs.read(practice.session, content_hash) or b"")[:size]


def audit_export(practice: Practice, what: str, patient_id: str | None = None) -> None:
    """One audit entry for an export ('export-fhir', 'export-sqlite', ...)."""
    with practice.transaction():
        practice.session.audit(what, "patient" if patient_id else None, patient_id)

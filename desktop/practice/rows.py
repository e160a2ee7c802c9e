"""The SQL of record rows, shared by the store's write path and the replica's apply path.

A record is one row of its entity's table: the fields, then ``_hlc``/``_dev`` (the stamp
of every field not listed in ``_st``) and, for mutable entities, ``_st`` (the stamps of
the others, see stamps.py). Reads return records: ``id`` and every field as Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from desktop.practice import search
from desktop.practice.schema import ENTITIES, Entity
from desktop.practice.session import Session
from desktop.practice.stamps import RowStamps
from desktop.practice.values import CONVERTED, compact_json, from_sql, to_sql
from sync.changes import Change, Stamp

Record = dict[str, Any]


def raw_row(s: Session, ent: Entity, record_id: str) -> dict[str, Any] | None:
    """Every column of one row as SQL holds it (stamps included), or None."""
    cur = s.execute(f"SELECT * FROM {ent.name} WHERE id = ?", (record_id,))
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def to_record(ent: Entity, row: Mapping[str, Any]) -> Record:
    out: Record = {"id": row["id"]}
    for name in ent.field_names:
        out[name] = from_sql(ent, name, row[name])
    return out


def get(s: Session, entity: str, record_id: str) -> Record | None:
    ent = ENTITIES[entity]
    row = raw_row(s, ent, record_id)
    return None if row is None else to_record(ent, row)


def select(
    s: Session, ent: Entity, where: str, params: Sequence[Any], order: str = ""
) -> list[Record]:
    cols = ", ".join(["id", *ent.field_names])
    cur = s.execute(f"SELECT {cols} FROM {ent.name} WHERE {where} {order}", params)
    names = [d[0] for d in cur.description]
    return [to_record(ent, dict(zip(names, r, strict=True))) for r in cur.fetchall()]


def insert(
    s: Session, ent: Entity, record_id: str, fields: Mapping[str, Any], stamp: Stamp
) -> bool:
    """Insert a row unless its id exists; whether it was inserted."""
    names = [n for n in ent.field_names if n in fields]
    cols = ", ".join(["id", *names, "_hlc", "_dev"])
    marks = ", ".join("?" * (len(names) + 3))
    values = [record_id, *(to_sql(ent, n, fields[n]) for n in names), stamp.hlc, stamp.device]
    cur = s.execute(f"INSERT OR IGNORE INTO {ent.name} ({cols}) VALUES ({marks})", values)
    return bool(cur.rowcount)


def insert_many(s: Session, ent: Entity, changes: Sequence[Change]) -> int:
    """Insert the rows these creating changes describe, one statement for all; those
    whose id exists are left alone. Returns how many were inserted."""
    names = ent.field_names
    cols = ", ".join(["id", *names, "_hlc", "_dev"])
    marks = ", ".join("?" * (len(names) + 3))
    # Most fields go to SQL as they are: convert only the JSON and boolean ones, as
    # to_sql does, without looking each field's type up again for every row.
    as_json = [i + 1 for i, n in enumerate(names) if ent.field(n).type == "json"]
    as_bool = [i + 1 for i, n in enumerate(names) if ent.field(n).type == "bool"]
    assert len(as_json) + len(as_bool) == sum(ent.field(n).type in CONVERTED for n in names)
    rows: list[list[Any]] = []
    append = rows.append
    for c in changes:
        stamp = c.stamp
        row = [c.record_id, *map(c.fields.get, names), stamp.hlc, stamp.device]
        for i in as_json:
            if row[i] is not None:
                row[i] = compact_json(row[i])
        for i in as_bool:
            if row[i] is not None:
                row[i] = 1 if row[i] else 0
        append(row)
    conn = s.conn
    before = conn.total_changes
    conn.executemany(f"INSERT OR IGNORE INTO {ent.name} ({cols}) VALUES ({marks})", rows)
    return int(conn.total_changes - before)


def update(
    s: Session, ent: Entity, record_id: str, fields: Mapping[str, Any], stamps: RowStamps
) -> None:
    """Set these fields and the row's stamps."""
    sets = ", ".join(f"{n} = ?" for n in fields)
    values = [to_sql(ent, n, v) for n, v in fields.items()]
    s.execute(
        f"UPDATE {ent.name} SET {sets}{', ' if sets else ''}_hlc = ?, _dev = ?, _st = ? "
        "WHERE id = ?",
        [*values, stamps.base.hlc, stamps.base.device, stamps.dump(), record_id],
    )


def after_change(s: Session, ent: Entity, record_id: str) -> None:
    """Keep the search indexes in step with the row (same transaction), unless a
    restore rebuilds them at its end (``defer_search``)."""
    if s.defer_search:
        return
    if ent.name == "patient":
        search.index_patient(s.conn, record_id)
    # Notes are indexed by the next note search (search.catch_up_notes): saving one
    # then writes a third fewer pages, and a search still sees every saved note.

"""The one write path: every change of a record on this device goes through :func:`_write`.

In one durable transaction it updates the row, appends the change to the push journal,
settles the conflicts of the fields it saw, keeps the search indexes in step and
appends a hash-chained audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.practice import conflicts, errors, journal, rows
from desktop.practice.schema import DELETED, ENTITIES, Entity
from desktop.practice.session import Session
from desktop.practice.stamps import RowStamps
from desktop.practice.values import from_sql, validate
from sync.changes import Change, Stamp, new_id
from sync.merge import local_write


def create_record(
    s: Session,
    entity: str,
    fields: Mapping[str, Any],
    *,
    record_id: str | None = None,
    audited: bool = True,
) -> str:
    """Create a record; ``audited=False`` only for a part of an operation whose own
    audit entry already names it (the first version of a new consultation)."""
    ent = ENTITIES[entity]
    values = validate(ent, fields)
    full = {name: values.get(name) for name in ent.field_names}
    if DELETED in full and full[DELETED] is None:
        full[DELETED] = False
    record_id = record_id or new_id()
    _write(s, ent, record_id, full, action="create" if audited else None, create=True)
    return record_id


def update_record(s: Session, entity: str, record_id: str, fields: Mapping[str, Any]) -> None:
    ent = ENTITIES[entity]
    if ent.versioned:
        raise errors.InvalidInputError(
            f"{entity} rows are versions and never change; write a new version instead"
        )
    values = validate(ent, fields)
    if values:
        _write(s, ent, record_id, values, action="update")


def delete_record(s: Session, entity: str, record_id: str) -> None:
    """A tombstone: the row stays, hidden, and :func:`undelete_record` brings it back."""
    _write(s, ENTITIES[entity], record_id, {DELETED: True}, action="delete")


def undelete_record(s: Session, entity: str, record_id: str) -> None:
    _write(s, ENTITIES[entity], record_id, {DELETED: False}, action="undelete")


def _write(
    s: Session,
    ent: Entity,
    record_id: str,
    fields: dict[str, Any],
    *,
    action: str | None,
    create: bool = False,
) -> None:
    s = s
    with s.transaction():
        stamp = Stamp(s.clock.now(), s.device_id)
        replaces: dict[str, Stamp] = {}
        if create or ent.versioned:
            rows.insert(s, ent, record_id, fields, stamp)
        else:
            row = rows.raw_row(s, ent, record_id)
            if row is None:
                raise errors.NotFoundError(f"no {ent.name} with id {record_id}")
            stamps = RowStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
            for name, value in fields.items():
                state = local_write(
                    stamps.state(name, from_sql(ent, name, row[name])), value, stamp
                )
                replaces[name] = state.replaces
                stamps.set(name, state)
            # This write saw the current values: their conflicts are settled.
            conflicts.close_all(s, ent.name, record_id, fields)
            rows.update(s, ent, record_id, fields, stamps)
        journal.append(s, Change(ent.name, record_id, stamp, fields, replaces))
        rows.after_change(s, ent, record_id)
        if action is not None:
            s.audit(action, ent.name, record_id)


def import_records(
    s: Session,
    records: Iterable[tuple[str, str, Mapping[str, Any]]],
    *,
    batch: int = 20_000,
    progress: Any = None,
) -> int:
    """Create many records through the journal, a transaction and one audit entry per batch.

    Values are trusted to match the schema's types (they come from our generator or
    an importer that validated them); every record is journalled, so it syncs.
    """
    count = 0
    it = iter(records)
    while True:
        chunk = [r for _, r in zip(range(batch), it, strict=False)]
        if not chunk:
            return count
        with s.transaction():
            for entity, record_id, fields in chunk:
                ent = ENTITIES[entity]
                stamp = Stamp(s.clock.now(), s.device_id)
                full = {n: fields.get(n) for n in ent.field_names}
                rows.insert(s, ent, record_id, full, stamp)
                journal.append(s, Change(entity, record_id, stamp, full, {}))
                rows.after_change(s, ent, record_id)
            s.audit("import", None, None)
        count += len(chunk)
        if progress:
            progress(count)

"""Sync conflicts as a person reads them: whose chart, which field, both values, and when
and on which computer each one was written (from the field stamps and the device names
the sync learnt). Read-only; resolving stays :meth:`Practice.resolve_conflict`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desktop.practice import rows
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES
from desktop.practice.stamps import RowStamps
from sync.changes import Stamp, hlc_wall_ms

DEVICE_NAMES = MetaKey.DEVICE_NAMES  # kept by each sync


@dataclass(frozen=True, slots=True)
class Side:
    value: Any
    written_at: str | None  # local time, ISO to the minute; None if unknown
    device: str
    device_name: str | None  # None when the sync has not told us its name yet
    this_computer: bool


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    entity: str
    record_id: str
    field: str
    patient_id: str | None
    patient_name: str | None  # "MARTIN Paul"
    local: Side  # what "keep this computer's value" keeps
    remote: Side


def _when(stamp: Stamp) -> str | None:
    if not stamp.hlc:
        return None
    ms = hlc_wall_ms(stamp.hlc)
    return dt.datetime.fromtimestamp(ms / 1000).isoformat(timespec="minutes")


def _names(practice: Any) -> dict[str, str]:
    try:
        names = json.loads(practice.meta_value(DEVICE_NAMES) or "{}")
    except ValueError:
        names = {}
    own = practice.meta_value(MetaKey.DEVICE_NAME)
    if own:
        names[practice.device_id] = own
    return {str(k): str(v) for k, v in names.items() if v}


def _patient(practice: Any, entity: str, record: dict[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    if entity == "patient":
        return record
    link = ENTITIES[entity].patient_field
    if link and record.get(link):
        return practice.get("patient", record[link])  # type: ignore[no-any-return]
    return None


def conflict_views(practice: Any) -> list[ConflictView]:
    names = _names(practice)
    out = []
    for c in practice.conflicts():
        ent = ENTITIES[c["entity"]]
        row = rows.raw_row(practice.session, ent, c["record_id"])
        if row is None:
            continue
        stamps = RowStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
        current = stamps.stamp(c["field"])
        other = Stamp(int(c.get("other_hlc") or 0), str(c["other_device"]))
        loser_is_local = other.device == practice.device_id
        local_stamp, remote_stamp = (other, current) if loser_is_local else (current, other)

        def side(value: Any, stamp: Stamp) -> Side:
            return Side(
                value,
                _when(stamp),
                stamp.device,
                names.get(stamp.device),
                stamp.device == practice.device_id,
            )

        patient = _patient(practice, c["entity"], practice.get(c["entity"], c["record_id"]))
        name = None
        if patient is not None:
            family = (patient.get("family_name") or "").upper()
            name = f"{family} {patient.get('given_names') or ''}".strip()
        out.append(
            ConflictView(
                c["id"],
                c["entity"],
                c["record_id"],
                c["field"],
                patient["id"] if patient else None,
                name,
                side(c["local"], local_stamp),
                side(c["remote"], remote_stamp),
            )
        )
    return out

"""Who opened or changed which chart, when, from which computer: the audit of every
device (this one's chain and the synced ones), as read models for the app and exports.

A chart's accesses are the entries that name the patient or one of the records of the
chart (a consultation, a version of it, a document...), found through indexes: the
audit can hold years of chart openings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.practice import meta
from desktop.practice.meta import MetaKey
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session

VERSION_PARENTS = {
    "consultation_version": ("consultation_id", "consultation"),
    "prescription_version": ("prescription_id", "prescription"),
}
"""Versioned records belong to a chart through their parent record."""

_COLUMNS = "at, user_id, action, entity, record_id"
_SOURCES = (
    f"SELECT {_COLUMNS}, coalesce(device, :me) AS device FROM audit",
    f"SELECT {_COLUMNS}, coalesce(device, chain) AS device FROM audit_peer",
)


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One audit entry as a person reads it: names resolved where this device knows them."""

    at: str  # UTC ISO time
    user_id: str | None
    user_name: str  # the display name, or the id when the user is not known here
    action: str  # read, create, update, delete, export-..., sync-apply...
    entity: str | None
    record_id: str | None
    patient_id: str | None
    device_id: str
    device_name: str


@dataclass(frozen=True, slots=True)
class AccessFilter:
    """What the practice's access log shows: None means any. ``since``/``until`` are
    ISO dates (``until`` inclusive)."""

    user_id: str | None = None
    patient_id: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 2000


def _chart_part(source: str, alias_where: str) -> list[str]:
    """The SELECTs of one audit table that find a chart's entries."""
    parts = [f"SELECT * FROM ({source}) WHERE record_id = :pid {alias_where}"]
    for ent in ENTITIES.values():
        if ent.patient_field and ent.name != "patient":
            parts.append(
                f"SELECT a.* FROM ({source}) a JOIN {ent.name} r ON r.id = a.record_id "
                f"WHERE a.entity = '{ent.name}' AND r.{ent.patient_field} = :pid {alias_where}"
            )
    for name, (parent_field, parent) in VERSION_PARENTS.items():
        parts.append(
            f"SELECT a.* FROM ({source}) a JOIN {name} v ON v.id = a.record_id "
            f"JOIN {parent} p ON p.id = v.{parent_field} "
            f"WHERE a.entity = '{name}' AND p.patient_id = :pid {alias_where}"
        )
    return parts


def _where(f: AccessFilter) -> tuple[str, dict[str, Any]]:
    clauses, params = [], {}
    if f.user_id is not None:
        clauses.append("user_id = :user")
        params["user"] = f.user_id
    if f.since:
        clauses.append("at >= :since")
        params["since"] = f.since
    if f.until:
        clauses.append("at < :until")
        params["until"] = f.until + "~"  # the whole day: '~' sorts after any time
    return "".join(f" AND {c}" for c in clauses), params


def entries(s: Session, f: AccessFilter) -> list[AccessEntry]:
    """The entries that match, newest first, at most ``f.limit``."""
    where, params = _where(f)
    params["me"] = s.device_id
    if f.patient_id is not None:
        params["pid"] = f.patient_id
        parts = [p for source in _SOURCES for p in _chart_part(source, where)]
    else:
        parts = [f"SELECT * FROM ({source}) WHERE 1 {where}" for source in _SOURCES]
    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) ORDER BY at DESC LIMIT :limit"
    params["limit"] = f.limit
    rows = s.execute(sql, params).fetchall()
    return _resolved(s, rows, f.patient_id)


def chart_access(s: Session, patient_id: str, limit: int = 500) -> list[AccessEntry]:
    """Who opened or changed this chart, newest first."""
    return entries(s, AccessFilter(patient_id=patient_id, limit=limit))


def last_written(s: Session, entity: str, record_id: str) -> AccessEntry | None:
    """The newest entry of any device that created or changed this record: who wrote it
    and when (a statement such as "no known allergy" is shown with both)."""
    where = "WHERE entity = :entity AND record_id = :rid AND action IN ('create', 'update')"
    parts = [f"SELECT * FROM ({source}) {where}" for source in _SOURCES]
    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) ORDER BY at DESC LIMIT 1"
    params = {"me": s.device_id, "entity": entity, "rid": record_id}
    rows = s.execute(sql, params).fetchall()
    return _resolved(s, rows, None)[0] if rows else None


def _resolved(s: Session, rows: list[Any], patient_id: str | None) -> list[AccessEntry]:
    users = {
        u: n or name
        for u, n, name in s.execute("SELECT id, display_name, username FROM user").fetchall()
    }
    got = meta.get_many(s, MetaKey.DEVICE_NAMES, MetaKey.DEVICE_NAME)
    devices: dict[str, str] = json.loads(got.get(MetaKey.DEVICE_NAMES) or "{}")
    if got.get(MetaKey.DEVICE_NAME):
        devices[s.device_id] = str(got[MetaKey.DEVICE_NAME])
    patients = {} if patient_id else _patients_of(s, rows)
    out = []
    for at, user, action, entity, record_id, device in rows:
        pid = patient_id or patients.get((entity, record_id))
        out.append(
            AccessEntry(
                at,
                user,
                users.get(user) or (user or ""),
                action,
                entity,
                record_id,
                pid,
                device,
                devices.get(device, device),
            )
        )
    return out


def _patients_of(s: Session, rows: list[Any]) -> dict[tuple[str, str], str]:
    """The chart each entry's record belongs to, in one query per kind of record."""
    wanted: dict[str, set[str]] = {}
    for _, _, _, entity, record_id, _ in rows:
        if entity and record_id:
            wanted.setdefault(entity, set()).add(record_id)
    found: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        ent = ENTITIES.get(entity)
        if entity == "patient":
            found.update({("patient", i): i for i in ids})
            continue
        marks = ",".join("?" * len(ids))
        if ent is not None and ent.patient_field:
            sql = f"SELECT id, {ent.patient_field} FROM {entity} WHERE id IN ({marks})"
        elif entity in VERSION_PARENTS:
            parent_field, parent = VERSION_PARENTS[entity]
            sql = (
                f"SELECT v.id, p.patient_id FROM {entity} v JOIN {parent} p "
                f"ON p.id = v.{parent_field} WHERE v.id IN ({marks})"
            )
        else:
            continue
        for rid, pid in s.execute(sql, sorted(ids)).fetchall():
            if pid:
                found[(entity, rid)] = pid
    return found

"""Concurrent losing values (sync.merge): kept until a later write settles them.

The replica stores a loser when a merge finds one and closes those a newer value
covers; the store's write path closes every loser of the fields it writes (the user saw
the winner); the user sees the open ones through :func:`open_for_user`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.practice import rows
from desktop.practice.rows import Record
from desktop.practice.session import Session, now_iso
from sync.changes import Stamp
from sync.merge import Conflict


def store(s: Session, c: Conflict) -> int:
    """Keep a losing value; 1 if it was new, 0 if already kept."""
    cur = s.execute(
        "INSERT OR IGNORE INTO conflicts(id, entity, record_id, field, loser_hlc, "
        "loser_dev, loser, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            c.conflict_id,
            c.entity,
            c.record_id,
            c.field,
            c.loser_stamp.hlc,
            c.loser_stamp.device,
            json.dumps(
                {"value": c.loser_value, "replaces": c.loser_replaces.to_json()},
                ensure_ascii=False,
            ),
            now_iso(),
        ),
    )
    return int(cur.rowcount)


def close_up_to(s: Session, entity: str, record_id: str, name: str, up_to: Stamp) -> None:
    """Settle the losers of one field written at or before ``up_to``."""
    s.execute(
        "DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND field = ? "
        "AND (loser_hlc < ? OR (loser_hlc = ? AND loser_dev <= ?))",
        (entity, record_id, name, up_to.hlc, up_to.hlc, up_to.device),
    )


def close_all(s: Session, entity: str, record_id: str, names: Iterable[str]) -> None:
    """A local write saw the current value: every loser of those fields is settled."""
    names = list(names)
    marks = ", ".join("?" * len(names))
    s.execute(
        f"DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND field IN ({marks})",
        (entity, record_id, *names),
    )


def stored(s: Session, where: str = "", params: Sequence[Any] = ()) -> list[Conflict]:
    rows_ = s.execute(
        "SELECT id, entity, record_id, field, loser_hlc, loser_dev, loser FROM conflicts "
        f"{where} ORDER BY detected_at, id",
        params,
    ).fetchall()
    out = []
    for cid, entity, rid, name, hlc, dev, loser in rows_:
        data = json.loads(loser)
        out.append(
            Conflict(
                cid,
                entity,
                rid,
                name,
                data["value"],
                Stamp(hlc, dev),
                Stamp.from_json(data["replaces"]),
            )
        )
    return out


def open_for_user(s: Session) -> list[Record]:
    """Open conflicts whose losing value differs from the current one, for the user.

    ``local`` is the value written on this device when one side was; otherwise the
    value this device shows now. ``current`` is always the value shown now.
    """
    out: list[Record] = []
    for c in stored(s):
        if not s.may_read(c.entity):
            continue  # never show a role what its record would not
        record = rows.get(s, c.entity, c.record_id)
        if record is None or record.get(c.field) == c.loser_value:
            continue
        current = record[c.field]
        loser_is_local = c.loser_stamp.device == s.device_id
        out.append(
            {
                "id": c.conflict_id,
                "entity": c.entity,
                "record_id": c.record_id,
                "field": c.field,
                "current": current,
                "other": c.loser_value,
                "local": c.loser_value if loser_is_local else current,
                "remote": current if loser_is_local else c.loser_value,
                "other_device": c.loser_stamp.device,
                "other_hlc": c.loser_stamp.hlc,
            }
        )
    return out

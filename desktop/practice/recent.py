"""The charts this user opened lately, from the audit log (every chart read is audited
there already): no second list to keep, nothing written outside the encrypted database."""

from __future__ import annotations

from typing import Any

SCAN = 500  # audit entries looked at, newest first (over the primary key: no full scan)


def recent_charts(practice: Any, limit: int = 8) -> list[dict[str, Any]]:
    """Live patients whose chart this user read last, newest first, with ``opened_at``
    (the audit time, UTC ISO) and the identity fields a list shows."""
    rows = practice.session.execute(
        "SELECT record_id, at FROM audit WHERE action = 'read' AND entity = 'patient' "
        "AND user_id IS ? ORDER BY seq DESC LIMIT ?",
        (practice.user_id, SCAN),
    ).fetchall()
    seen: dict[str, str] = {}
    for record_id, at in rows:
        if record_id not in seen:
            seen[record_id] = at
        if len(seen) >= limit * 2:
            break
    out = []
    for record_id, at in seen.items():
        patient = practice.get("patient", record_id)
        if patient is None or patient.get("deleted"):
            continue
        out.append({**patient, "opened_at": at})
        if len(out) == limit:
            break
    return out

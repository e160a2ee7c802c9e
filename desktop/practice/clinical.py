"""Clinical content: consultation notes and prescriptions, kept as versions.

An edit is a new version naming its parent, never an overwrite, so every past text
stays readable and two concurrent edits both survive (schema.py: versioned entities).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.practice import errors, reads, rows, writes
from desktop.practice.schema import ENTITIES
from desktop.practice.session import Session, local_now


def add_consultation(
    s: Session, patient_id: str, *, started_at: str | None = None, **content: Any
) -> tuple[str, str]:
    """A consultation and its first version; returns (consultation id, version id)."""
    reads.patient(s, patient_id)
    with s.transaction():
        cid = writes.create_record(
            s,
            "consultation",
            {
                "patient_id": patient_id,
                "started_at": started_at or local_now(),
                "author_id": s.user_id,
            },
        )
        vid = _new_version(
            s, "consultation_version", "consultation_id", cid, None, content, audited=False
        )
    return cid, vid


def revise_consultation(s: Session, consultation_id: str, **changes: Any) -> str:
    """A new version of the note built on the current one; the old stays readable."""
    return _revise(s, "consultation_version", "consultation_id", consultation_id, changes)


def add_prescription(
    s: Session,
    patient_id: str,
    lines: list[dict[str, Any]],
    *,
    consultation_id: str | None = None,
    notes: str | None = None,
    **content: Any,
) -> tuple[str, str]:
    """``content``: other fields of the first version (the weight and height on the paper)."""
    reads.patient(s, patient_id)
    with s.transaction():
        pid = writes.create_record(
            s,
            "prescription",
            {
                "patient_id": patient_id,
                "consultation_id": consultation_id,
                "author_id": s.user_id,
                "prescribed_at": local_now(),
            },
        )
        vid = _new_version(
            s,
            "prescription_version",
            "prescription_id",
            pid,
            None,
            {**content, "lines": lines, "notes": notes},
            audited=False,
        )
    return pid, vid


def revise_prescription(s: Session, prescription_id: str, **changes: Any) -> str:
    return _revise(s, "prescription_version", "prescription_id", prescription_id, changes)


def _revise(s: Session, version: str, link: str, item_id: str, changes: Mapping[str, Any]) -> str:
    ent = ENTITIES[version]
    with s.transaction():
        newest = rows.select(s, ent, f"{link} = ?", (item_id,), "ORDER BY _hlc DESC, _dev DESC")
        if not newest:
            raise errors.NotFoundError(f"no {version.split('_')[0]} with id {item_id}")
        current = newest[0]
        content = {
            k: v
            for k, v in current.items()
            if k not in ("id", link, "parent_id", "author_id", "created_at", "signed")
        }
        content.update(changes)
        return _new_version(s, version, link, item_id, current["id"], content)


def _new_version(
    s: Session,
    version: str,
    link: str,
    item_id: str,
    parent: str | None,
    content: Mapping[str, Any],
    *,
    audited: bool = True,
) -> str:
    fields = {
        **content,
        link: item_id,
        "parent_id": parent,
        "author_id": s.user_id,
        "created_at": local_now(),
        "signed": content.get("signed", True),
    }
    return writes.create_record(s, version, fields, audited=audited)

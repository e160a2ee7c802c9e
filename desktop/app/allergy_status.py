"""Whether a chart's allergies were asked about: the allergies recorded, the statement
"no known allergy" (a record of its own, as FHIR codes it: a code, not an absence, dated
and signed by the audit as any record), or nothing at all (never asked).

The statement is refused while a real allergy stands, and adding a real allergy ends it
in the same transaction, so a chart never says both (two devices that did each offline
both keep theirs: the allergies then win on screen). One recorded by mistake is withdrawn
from the chart's summary: a deletion, kept in the history and the audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.practice.audit_query import AccessEntry
from desktop.practice.models import Allergy
from desktop.practice.schema import NO_KNOWN_ALLERGY

NONE_KNOWN = NO_KNOWN_ALLERGY


def real_allergies(allergies: Sequence[Allergy]) -> list[Allergy]:
    """The allergies and intolerances recorded (not the statement)."""
    return [a for a in allergies if a.kind != NONE_KNOWN]


def statement(allergies: Sequence[Allergy]) -> Allergy | None:
    """The standing "no known allergy", or None (there is none, or an allergy overrides it)."""
    if real_allergies(allergies):
        return None
    return next((a for a in allergies if a.kind == NONE_KNOWN), None)


def record_none_known(p: Any, patient_id: str) -> str:
    """On the store's worker: the statement "no known allergy" for this patient, an older
    one ended (the new one carries today's date); "" and nothing written while an allergy
    is recorded."""
    with p.transaction():
        live = p.records("allergy", patient_id=patient_id)
        if any(a.get("kind") != NONE_KNOWN for a in live):
            return ""
        for old in live:
            p.delete_record("allergy", old["id"])
        return str(p.create_record("allergy", {"patient_id": patient_id, "kind": NONE_KNOWN}))


def withdraw_none_known(p: Any, patient_id: str, record_id: str) -> bool:
    """On the store's worker: end the patient's statement ``record_id`` (recorded by
    mistake); False and nothing written if it is no longer standing."""
    with p.transaction():
        standing = p.records("allergy", patient_id=patient_id, kind=NONE_KNOWN)
        found = [a for a in standing if a["id"] == record_id]
        if not found:
            return False
        p.delete_record("allergy", record_id)
        return True


def add_allergy(p: Any, fields: dict[str, Any]) -> str:
    """On the store's worker: a real allergy, and the end of a "no known allergy" the
    chart held, in one transaction."""
    with p.transaction():
        record_id = str(p.create_record("allergy", fields))
        for old in p.records("allergy", patient_id=fields["patient_id"], kind=NONE_KNOWN):
            p.delete_record("allergy", old["id"])
        return record_id


def stated_by(p: Any, record: Allergy) -> AccessEntry | None:
    """On the store's worker: who recorded the statement, and when (the audit's entry)."""
    return p.last_written("allergy", record.id)  # type: ignore[no-any-return]

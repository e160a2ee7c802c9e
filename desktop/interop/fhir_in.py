"""FHIR R4 resources (plain JSON dicts) -> Carnet records: the inverse of fhir_out.py.

Each function returns ``(entity, record_id, fields)`` tuples; ids pass through an
:class:`Ids` map (Carnet ids are kept, other systems' ids get new Carnet ids, and their
references follow). Anything Carnet has no field for is left behind; what it needs and
cannot find is an :class:`InvalidInputError` naming the resource (never its content).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from desktop.interop import fhir_codes as fc
from desktop.practice import errors
from desktop.practice.schema import NO_KNOWN_ALLERGY, VACCINATION_ROUTES
from sync.changes import new_id

Resource = dict[str, Any]
Row = tuple[str, str, dict[str, Any]]
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Ids:
    """FHIR ids -> Carnet record ids, per resource type (so references resolve)."""

    def __init__(self) -> None:
        self._map: dict[tuple[str, str], str] = {}

    def of(self, kind: str, fhir_id: str | None) -> str:
        if not fhir_id:
            return new_id()
        if _UUID.match(fhir_id):
            return fhir_id
        key = (kind, fhir_id)
        found = self._map.get(key)
        if found is None:
            found = self._map[key] = new_id()
        return found

    def ref(self, reference: dict[str, Any] | None, kind: str) -> str | None:
        target = fc.ref_id(reference)
        return None if target is None else self.of(kind, target)


def _need(value: Any, resource: Resource, what: str) -> Any:
    if value in (None, ""):
        raise errors.InvalidInputError(
            f"{resource.get('resourceType')} {resource.get('id') or '(no id)'} has no {what}"
        )
    return value


def _text(concept: dict[str, Any] | None) -> str | None:
    if not concept:
        return None
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if coding.get("display") or coding.get("code"):
            return str(coding.get("display") or coding.get("code"))
    return None


def _icd_code(concept: dict[str, Any] | None) -> str | None:
    for coding in (concept or {}).get("coding") or []:
        system = str(coding.get("system") or "").lower()
        if "icd-10" in system or "cim-10" in system or "cim10" in system:
            return str(coding.get("code")) if coding.get("code") else None
    return None


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _exts(resource: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for e in resource.get("extension") or []:
        out.setdefault(str(e.get("url")), []).append(e)
    return out


def _value(e: dict[str, Any] | None) -> Any:
    if e is None:
        return None
    for key, value in e.items():
        if key.startswith("value"):
            return value
    return None


def _carnet(exts: dict[str, list[dict[str, Any]]], name: str) -> Any:
    found = exts.get(fc.EXT + name)
    return _value(found[0]) if found else None


def patient(r: Resource, ids: Ids) -> Row:
    names = r.get("name") or []
    by_use = {n.get("use"): n for n in names}
    usual, official = by_use.get("usual"), by_use.get("official")
    main = usual or official or (names[0] if names else {})
    family = main.get("family") or main.get("text")
    birth_name = official.get("family") if usual and official else None
    exts = _exts(r)
    nir = ins = None
    for ident in r.get("identifier") or []:
        codes = {c.get("code") for c in (ident.get("type") or {}).get("coding") or []}
        if ident.get("system") == fc.INS_NIR_OID or "INS-NIR" in codes:
            nir, ins = ident.get("value"), "qualifiee"
        elif nir is None and (
            (ident.get("type") or {}).get("text") == fc.NIR_TEXT or "NH" in codes
        ):
            nir = ident.get("value")
    for e in exts.get(fc.FR_IDENTITY_RELIABILITY, []):
        for sub in e.get("extension") or []:
            if sub.get("url") == "identityStatus":
                code = str((sub.get("valueCoding") or {}).get("code"))
                ins = fc.INS_STATUSES.get(code, ins)
    phones = sorted(
        (t for t in r.get("telecom") or [] if t.get("system") == "phone"),
        key=lambda t: t.get("rank") or 99,
    )
    email = next((t["value"] for t in r.get("telecom") or [] if t.get("system") == "email"), None)
    address = (r.get("address") or [{}])[0]
    place = exts.get(fc.BIRTH_PLACE)
    place_value = (_value(place[0]) or {}) if place else {}
    gp = (r.get("generalPractitioner") or [{}])[0]
    return (
        "patient",
        ids.of("Patient", r.get("id")),
        {
            "family_name": _need(family, r, "family name"),
            "birth_name": birth_name,
            "given_names": " ".join(main.get("given") or []) or None,
            "sex": fc.SEXES.get(r.get("gender") or "unknown", "U"),
            "birth_date": r.get("birthDate"),
            "birth_place_code": place_value.get("text") or place_value.get("city"),
            "nir": nir,
            "ins_status": ins,
            "phone": phones[0]["value"] if phones else None,
            "phone2": phones[1]["value"] if len(phones) > 1 else None,
            "email": email,
            "address": ", ".join(address.get("line") or []) or None,
            "postal_code": address.get("postalCode"),
            "city": address.get("city"),
            "referring_gp": gp.get("display"),
            "insurance": _carnet(exts, "insurance"),
            "deleted": r.get("active") is False,
        },
    )


def practitioner(r: Resource, ids: Ids) -> Row:
    username = rpps = None
    for ident in r.get("identifier") or []:
        if ident.get("system") == fc.USERNAME:
            username = ident.get("value")
        elif ident.get("system") == fc.RPPS_OID:
            rpps = ident.get("value")
    name = (r.get("name") or [{}])[0]
    display = name.get("text") or " ".join([*(name.get("given") or []), name.get("family") or ""])
    phone = next((t["value"] for t in r.get("telecom") or [] if t.get("system") == "phone"), None)
    role = _carnet(_exts(r), "role") or "doctor"
    qualification = (r.get("qualification") or [{}])[0]
    return (
        "user",
        ids.of("Practitioner", r.get("id")),
        {
            "username": username or (display.strip().lower().replace(" ", ".") or None),
            "display_name": display.strip() or None,
            "role": role,
            "rpps": rpps,
            "specialty": _text(qualification.get("code")),
            "phone": phone,
            "deleted": r.get("active") is False,
        },
    )


def organization(r: Resource) -> dict[str, Any]:
    address = (r.get("address") or [{}])[0]
    finess = next(
        (i.get("value") for i in r.get("identifier") or [] if i.get("system") == fc.FINESS_OID),
        None,
    )
    telecom = {t.get("system"): t.get("value") for t in reversed(r.get("telecom") or [])}
    return {
        "name": r.get("name"),
        "address": ", ".join(address.get("line") or []) or None,
        "postal_code": address.get("postalCode"),
        "city": address.get("city"),
        "phone": telecom.get("phone"),
        "email": telecom.get("email"),
        "finess": finess,
    }


def condition(r: Resource, ids: Ids) -> Row:
    kind = "medical"
    for category in r.get("category") or []:
        for coding in category.get("coding") or []:
            if coding.get("system") == fc.PROBLEM_KIND and coding.get("code"):
                kind = coding["code"]
    return (
        "problem",
        ids.of("Condition", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("subject"), "Patient"), r, "subject"),
            "kind": kind,
            "label": _text(r.get("code")),
            "cim10": _icd_code(r.get("code")),
            "onset": _date(r.get("onsetDateTime") or (r.get("onsetPeriod") or {}).get("start")),
            "resolved": _date(r.get("abatementDateTime")),
            "deleted": False,
        },
    )


def _no_known_allergy(code: dict[str, Any] | None) -> bool:
    return any(
        c.get("system") == fc.SNOMED and c.get("code") == fc.NO_KNOWN_ALLERGY_CODE
        for c in (code or {}).get("coding") or []
    )


def allergy(r: Resource, ids: Ids) -> Row:
    if _no_known_allergy(r.get("code")):  # the statement: no substance, its own kind
        return (
            "allergy",
            ids.of("AllergyIntolerance", r.get("id")),
            {
                "patient_id": _need(ids.ref(r.get("patient"), "Patient"), r, "patient"),
                "kind": NO_KNOWN_ALLERGY,
                "deleted": False,
            },
        )
    reaction = (r.get("reaction") or [{}])[0]
    manifestation = _text((reaction.get("manifestation") or [None])[0])
    severity = _carnet(_exts(r), "severity") or fc.SEVERITY_TEXT.get(reaction.get("severity"))
    return (
        "allergy",
        ids.of("AllergyIntolerance", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("patient"), "Patient"), r, "patient"),
            "substance": _need(_text(r.get("code")), r, "substance"),
            "reaction": manifestation,
            "severity": severity,
            "kind": r.get("type"),
            "deleted": False,
        },
    )


def treatment(r: Resource, ids: Ids) -> Row:
    period = r.get("effectivePeriod") or {}
    return (
        "treatment",
        ids.of("MedicationStatement", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("subject"), "Patient"), r, "subject"),
            "drug": _text(r.get("medicationCodeableConcept")),
            "dosage": ((r.get("dosage") or [{}])[0]).get("text"),
            "started": _date(period.get("start") or r.get("effectiveDateTime")),
            "stopped": _date(period.get("end")),
            "stop_reason": _text((r.get("statusReason") or [None])[0]),
            "long_term": _carnet(_exts(r), "long-term"),
            "deleted": False,
        },
    )


def vaccination(r: Resource, ids: Ids) -> Row:
    return (
        "vaccination",
        ids.of("Immunization", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("patient"), "Patient"), r, "patient"),
            "vaccine": _text(r.get("vaccineCode")),
            "given_on": _date(r.get("occurrenceDateTime")),
            "lot": r.get("lotNumber"),
            "dose_number": ((r.get("protocolApplied") or [{}])[0]).get("doseNumberPositiveInt"),
            "route": _route(r.get("route")),
            "site": _text(r.get("site")),
            "deleted": False,
        },
    )


def _route(concept: dict[str, Any] | None) -> str | None:
    """Carnet's name of a route: from its v3 code, else its text when it is one."""
    for coding in (concept or {}).get("coding") or []:
        if coding.get("system") == fc.ROUTE_SYSTEM and coding.get("code") in fc.ROUTE_FROM:
            return fc.ROUTE_FROM[coding["code"]]
    text = (concept or {}).get("text")
    return text if text in VACCINATION_ROUTES else None


def is_laboratory(r: Resource) -> bool:
    return any(
        c.get("code") == "laboratory"
        for category in r.get("category") or []
        for c in category.get("coding") or []
    )


def lab_result(r: Resource, ids: Ids) -> Row:
    """A laboratory Observation as a lab result (schema 3)."""
    quantity = r.get("valueQuantity") or {}
    limits = (r.get("referenceRange") or [{}])[0]
    low, high = limits.get("low") or {}, limits.get("high") or {}
    source = (r.get("derivedFrom") or [None])[0]
    return (
        "lab_result",
        ids.of("Observation", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("subject"), "Patient"), r, "subject"),
            "analyte": _need(_text(r.get("code")), r, "code"),
            "value": quantity.get("value"),
            "value_text": r.get("valueString"),
            "unit": quantity.get("unit") or low.get("unit") or high.get("unit"),
            "ref_low": low.get("value"),
            "ref_high": high.get("value"),
            "ref_text": limits.get("text"),
            "taken_on": _date(r.get("effectiveDateTime")),
            "document_id": ids.ref(source, "DocumentReference"),
            "deleted": False,
        },
    )


def _version(exts: dict[str, list[dict[str, Any]]], ids: Ids) -> dict[str, Any]:
    found = exts.get(fc.EXT + "version")
    subs = _exts(found[0]) if found else {}
    author = _carnet(subs, "author")
    signed = _carnet(subs, "signed")
    return {
        "id": _carnet(subs, "id"),
        "created_at": fc.local_datetime(_carnet(subs, "created")),
        "author_id": ids.ref(author, "Practitioner") if author else None,
        "signed": True if signed is None else bool(signed),
    }


VITAL_FIELDS = (
    "weight_kg", "height_cm", "bp_sys", "bp_dia", "pulse", "temperature_c", "spo2",
    "head_circumference_cm",
)  # fmt: skip
_SLOT = {name: i for i, name in enumerate(VITAL_FIELDS)}
Vitals = dict[str, list[float | int | None]]
"""Encounter id -> its vital signs in VITAL_FIELDS order: a short list per consultation,
so a practice's million consultations fit in memory during an import."""


def vitals_of(r: Resource, ids: Ids, into: Vitals) -> None:
    """Collect one Observation's vital signs under its Encounter's Carnet id."""
    encounter = ids.ref(r.get("encounter"), "Encounter")
    if encounter is None:
        return
    found = into.get(encounter)
    if found is None:
        found = into[encounter] = [None] * len(VITAL_FIELDS)
    codes = {c.get("code") for c in (r.get("code") or {}).get("coding") or []}
    quantity = (r.get("valueQuantity") or {}).get("value")
    for code in codes:
        field = fc.VITAL_BY_LOINC.get(code)
        if field is not None and quantity is not None:
            found[_SLOT[field]] = int(quantity) if field in fc.INT_VITALS else float(quantity)
    for comp in r.get("component") or []:
        ccodes = {c.get("code") for c in (comp.get("code") or {}).get("coding") or []}
        value = (comp.get("valueQuantity") or {}).get("value")
        if value is None:
            continue
        if fc.BP_SYS[0] in ccodes:
            found[_SLOT["bp_sys"]] = int(value)
        elif fc.BP_DIA[0] in ccodes:
            found[_SLOT["bp_dia"]] = int(value)


def consultation(r: Resource, ids: Ids, vitals: Vitals) -> Iterator[Row]:
    cid = ids.of("Encounter", r.get("id"))
    exts = _exts(r)
    started = fc.local_datetime((r.get("period") or {}).get("start"))
    author = ids.ref(((r.get("participant") or [{}])[0]).get("individual"), "Practitioner")
    version = _version(exts, ids)
    yield (
        "consultation",
        cid,
        {
            "patient_id": _need(ids.ref(r.get("subject"), "Patient"), r, "subject"),
            "started_at": _need(started, r, "period start"),
            "author_id": author,
            "deleted": False,
        },
    )
    diagnoses = [
        {"label": _text(_value(e)), "cim10": _icd_code(_value(e))}
        for e in exts.get(fc.EXT + "diagnosis", [])
    ]
    fields: dict[str, Any] = {
        "consultation_id": cid,
        "parent_id": None,
        "author_id": version["author_id"] or author,
        "created_at": version["created_at"] or started,
        "reason": _text((r.get("reasonCode") or [None])[0]),
        **{name: _carnet(exts, name.replace("_", "-")) for name in fc.NOTE_FIELDS},
        "diagnoses": diagnoses or None,
        "signed": version["signed"],
    }
    measured = vitals.pop(cid, None)
    if measured is not None:
        fields.update((n, v) for n, v in zip(VITAL_FIELDS, measured, strict=True) if v is not None)
    yield "consultation_version", version["id"] or new_id(), fields


def group_of(r: Resource, ids: Ids) -> str:
    """The Carnet prescription a MedicationRequest line belongs to."""
    group = r.get("groupIdentifier") or {}
    if group.get("system") == fc.PRESCRIPTION and group.get("value"):
        return ids.of("MedicationRequest", str(group["value"]))
    return ids.of("MedicationRequest", r.get("id"))


def prescription(rx_id: str, lines: list[Resource], ids: Ids) -> Iterator[Row]:
    """One prescription and its version from its MedicationRequest lines."""
    lines = sorted(lines, key=lambda r: _carnet(_exts(r), "line") or 0)
    first = lines[0]
    exts = _exts(first)
    version = _version(exts, ids)
    author = ids.ref(first.get("requester"), "Practitioner")
    at = fc.local_datetime(first.get("authoredOn"))
    yield (
        "prescription",
        rx_id,
        {
            "patient_id": _need(ids.ref(first.get("subject"), "Patient"), first, "subject"),
            "consultation_id": ids.ref(first.get("encounter"), "Encounter"),
            "author_id": author,
            "prescribed_at": _need(at, first, "authoredOn"),
            "deleted": False,
        },
    )
    out_lines = []
    for line in lines:
        lexts = _exts(line)
        out: dict[str, Any] = {
            "drug": _text(line.get("medicationCodeableConcept")),
            "dosage": ((line.get("dosageInstruction") or [{}])[0]).get("text"),
            "duration": _carnet(lexts, "duration"),
            "quantity": _carnet(lexts, "quantity"),
        }
        if fc.EXT + "ald" in lexts:
            out["ald"] = bool(_carnet(lexts, "ald"))
        out_lines.append(out)
    yield (
        "prescription_version",
        version["id"] or new_id(),
        {
            "prescription_id": rx_id,
            "parent_id": None,
            "author_id": version["author_id"] or author,
            "created_at": version["created_at"] or at,
            "lines": out_lines,
            "notes": ((first.get("note") or [{}])[0]).get("text"),
            "weight_kg": _carnet(exts, "weight-kg"),
            "height_cm": _carnet(exts, "height-cm"),
            "signed": version["signed"],
        },
    )


def document(r: Resource, ids: Ids) -> tuple[Row, bytes]:
    attachment = ((r.get("content") or [{}])[0]).get("attachment") or {}
    data_b64 = _need(attachment.get("data"), r, "attachment data (only a URL)")
    try:
        data = base64.b64decode(data_b64, validate=True)
    except ValueError:
        raise errors.InvalidInputError(
            f"DocumentReference {r.get('id')} has attachment data that is not base64"
        ) from None
    kind = "other"
    for category in r.get("category") or []:
        for coding in category.get("coding") or []:
            if coding.get("system") == fc.DOCUMENT_KIND and coding.get("code"):
                kind = coding["code"]
    when = fc.local_datetime(r.get("date")) or dt.datetime.now().isoformat(timespec="minutes")
    return (
        "document",
        ids.of("DocumentReference", r.get("id")),
        {
            "patient_id": _need(ids.ref(r.get("subject"), "Patient"), r, "subject"),
            "title": r.get("description") or attachment.get("title") or "document",
            "kind": kind,
            "mime": attachment.get("contentType") or "application/octet-stream",
            "filename": attachment.get("title") or "document",
            "size": len(data),
            "content_hash": hashlib.sha256(data).hexdigest(),
            "received_at": when,
            "deleted": False,
        },
    ), data


def appointment(r: Resource, ids: Ids) -> Row:
    patient_id = practitioner_id = None
    for part in r.get("participant") or []:
        target = str((part.get("actor") or {}).get("reference") or "")
        if target.startswith("Patient/"):
            patient_id = ids.ref(part["actor"], "Patient")
        elif target.startswith("Practitioner/"):
            practitioner_id = ids.ref(part["actor"], "Practitioner")
    start, end = fc.local_datetime(r.get("start")), fc.local_datetime(r.get("end"))
    minutes = r.get("minutesDuration")
    if minutes is None and start and end:
        delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
        minutes = int(delta.total_seconds() // 60)
    return (
        "appointment",
        ids.of("Appointment", r.get("id")),
        {
            "patient_id": patient_id,
            "practitioner_id": practitioner_id,
            "starts_at": _need(start, r, "start"),
            "duration_min": minutes or 15,
            "reason": r.get("description"),
            "status": fc.APPOINTMENT_FROM.get(r.get("status") or "", "booked"),
            "deleted": False,
        },
    )

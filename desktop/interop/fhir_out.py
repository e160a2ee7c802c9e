"""Carnet records -> FHIR R4 resources (plain JSON dicts), one function per resource type.

Pure functions of the store's records: no database, no I/O. Empty values are left out
(FHIR forbids empty strings and empty arrays). Ids are kept, so references are
``Patient/<the Carnet id>`` and an import back into Carnet keeps every id.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from desktop.interop import fhir_codes as fc
from desktop.practice.schema import NO_KNOWN_ALLERGY

Resource = dict[str, Any]


def _clean(obj: Resource) -> Resource:
    """Drop None, empty strings, lists and dicts, recursively."""
    cleaned: Resource = _prune(obj)
    return cleaned


def _prune(obj: Any) -> Any:
    if type(obj) is dict:
        out = {}
        for key, value in obj.items():
            kind = type(value)
            if kind is dict or kind is list:
                value = _prune(value)
                if not value:
                    continue
            elif value is None or (kind is str and not value):
                continue
            out[key] = value
        return out
    if type(obj) is list:
        items = []
        for value in obj:
            kind = type(value)
            if kind is dict or kind is list:
                value = _prune(value)
                if not value:
                    continue
            elif value is None or (kind is str and not value):
                continue
            items.append(value)
        return items
    return obj


def _telecom(system: str, value: str | None, rank: int | None = None) -> dict[str, Any] | None:
    if not value:
        return None
    return {"system": system, "value": value, "rank": rank}


def patient(rec: dict[str, Any]) -> Resource:
    identifiers = []
    if rec.get("nir"):
        if rec.get("ins_status") == "qualifiee":
            identifiers.append(
                {
                    "use": "official",
                    "type": {"coding": [{"system": fc.FR_ID_TYPE, "code": "INS-NIR"}]},
                    "system": fc.INS_NIR_OID,
                    "value": rec["nir"],
                }
            )
        else:
            identifiers.append({"type": {"text": fc.NIR_TEXT}, "value": rec["nir"]})
    given = (rec.get("given_names") or "").split()
    if rec.get("birth_name"):
        names = [
            {"use": "official", "family": rec["birth_name"], "given": given},
            {"use": "usual", "family": rec.get("family_name"), "given": given},
        ]
    else:
        names = [{"use": "official", "family": rec.get("family_name"), "given": given}]
    extensions: list[dict[str, Any] | None] = []
    if rec.get("ins_status") in fc.INS_CODES:
        extensions.append(
            {
                "url": fc.FR_IDENTITY_RELIABILITY,
                "extension": [
                    {
                        "url": "identityStatus",
                        "valueCoding": {"code": fc.INS_CODES[rec["ins_status"]]},
                    }
                ],
            }
        )
    if rec.get("birth_place_code"):
        extensions.append(
            {"url": fc.BIRTH_PLACE, "valueAddress": {"text": rec["birth_place_code"]}}
        )
    if rec.get("insurance"):
        extensions.append(fc.ext("insurance", "String", rec["insurance"]))
    address = {
        "line": [rec["address"]] if rec.get("address") else [],
        "postalCode": rec.get("postal_code"),
        "city": rec.get("city"),
    }
    return _clean(
        {
            "resourceType": "Patient",
            "id": rec["id"],
            "extension": extensions,
            "identifier": identifiers,
            "active": not rec.get("deleted"),
            "name": names,
            "telecom": [
                _telecom("phone", rec.get("phone"), 1),
                _telecom("phone", rec.get("phone2"), 2),
                _telecom("email", rec.get("email")),
            ],
            "gender": fc.GENDERS.get(rec.get("sex") or "U", "unknown"),
            "birthDate": rec.get("birth_date"),
            "address": [address],
            "generalPractitioner": (
                [{"display": rec["referring_gp"]}] if rec.get("referring_gp") else []
            ),
        }
    )


def practitioner(rec: dict[str, Any]) -> Resource:
    return _clean(
        {
            "resourceType": "Practitioner",
            "id": rec["id"],
            "extension": [fc.ext("role", "Code", rec.get("role"))] if rec.get("role") else [],
            "identifier": [
                {"system": fc.USERNAME, "value": rec.get("username")},
                {"type": {"text": "RPPS"}, "system": fc.RPPS_OID, "value": rec.get("rpps")}
                if rec.get("rpps")
                else None,
            ],
            "active": not rec.get("deleted"),
            "name": [{"text": rec.get("display_name")}],
            "telecom": [_telecom("phone", rec.get("phone"))],
            "qualification": (
                [{"code": {"text": rec["specialty"]}}] if rec.get("specialty") else []
            ),
        }
    )


def organization(rec: dict[str, Any]) -> Resource:
    return _clean(
        {
            "resourceType": "Organization",
            "id": rec["id"],
            "identifier": [{"system": fc.FINESS_OID, "value": rec.get("finess")}],
            "name": rec.get("name"),
            "telecom": [_telecom("phone", rec.get("phone")), _telecom("email", rec.get("email"))],
            "address": [
                {
                    "line": [rec["address"]] if rec.get("address") else [],
                    "postalCode": rec.get("postal_code"),
                    "city": rec.get("city"),
                }
            ],
        }
    )


def _icd(code: str | None, text: str | None) -> dict[str, Any]:
    return {"coding": [{"system": fc.ICD10, "code": code}] if code else [], "text": text}


def condition(rec: dict[str, Any]) -> Resource:
    status = "resolved" if rec.get("resolved") else "active"
    return _clean(
        {
            "resourceType": "Condition",
            "id": rec["id"],
            "clinicalStatus": {"coding": [{"system": fc.CONDITION_CLINICAL, "code": status}]},
            "category": [
                {
                    "coding": [
                        {"system": fc.CONDITION_CATEGORY, "code": "problem-list-item"},
                        {"system": fc.PROBLEM_KIND, "code": rec.get("kind")}
                        if rec.get("kind")
                        else None,
                    ]
                }
            ],
            "code": _icd(rec.get("cim10"), rec.get("label")),
            "subject": fc.ref("Patient", rec["patient_id"]),
            "onsetDateTime": rec.get("onset"),
            "abatementDateTime": rec.get("resolved"),
        }
    )


def allergy(rec: dict[str, Any]) -> Resource:
    severity = rec.get("severity")
    reaction = []
    extensions = []
    if rec.get("reaction"):
        reaction.append(
            {
                "manifestation": [{"text": rec["reaction"]}],
                "severity": fc.SEVERITIES.get(severity or ""),
            }
        )
    if severity and (severity not in fc.SEVERITIES or not rec.get("reaction")):
        extensions.append(fc.ext("severity", "String", severity))
    kind = rec.get("kind")
    code: dict[str, Any] = {"text": rec.get("substance")}
    if kind == NO_KNOWN_ALLERGY:  # the statement "asked, none known": a code, as FHIR has it
        code = {
            "coding": [
                {
                    "system": fc.SNOMED,
                    "code": fc.NO_KNOWN_ALLERGY_CODE,
                    "display": "No known allergy",
                }
            ],
            "text": "Aucune allergie connue",
        }
    return _clean(
        {
            "resourceType": "AllergyIntolerance",
            "id": rec["id"],
            "extension": extensions,
            "clinicalStatus": {"coding": [{"system": fc.ALLERGY_CLINICAL, "code": "active"}]},
            "type": kind if kind in ("allergy", "intolerance") else None,
            "code": code,
            "patient": fc.ref("Patient", rec["patient_id"]),
            "reaction": reaction,
        }
    )


def medication_statement(rec: dict[str, Any]) -> Resource:
    return _clean(
        {
            "resourceType": "MedicationStatement",
            "id": rec["id"],
            "status": "stopped" if rec.get("stopped") else "active",
            "medicationCodeableConcept": {"text": rec.get("drug") or "?"},
            "subject": fc.ref("Patient", rec["patient_id"]),
            "effectivePeriod": {"start": rec.get("started"), "end": rec.get("stopped")},
            "statusReason": [{"text": rec.get("stop_reason")}],
            "dosage": [{"text": rec.get("dosage")}],
            "extension": [fc.ext("long-term", "Boolean", rec.get("long_term"))],
        }
    )


def immunization(rec: dict[str, Any]) -> Resource:
    return _clean(
        {
            "resourceType": "Immunization",
            "id": rec["id"],
            "status": "completed",
            "vaccineCode": {"text": rec.get("vaccine") or "?"},
            "patient": fc.ref("Patient", rec["patient_id"]),
            "occurrenceDateTime": rec.get("given_on"),
            "lotNumber": rec.get("lot"),
            "route": _route(rec.get("route")),
            "site": {"text": rec.get("site")},
            "protocolApplied": [{"doseNumberPositiveInt": rec.get("dose_number")}]
            if rec.get("dose_number")
            else [],
        }
    )


def _route(route: str | None) -> dict[str, Any] | None:
    if not route:
        return None
    code = fc.ROUTE_CODES.get(route)
    coding = [{"system": fc.ROUTE_SYSTEM, "code": code}] if code else []
    return {"coding": coding, "text": route}


def lab_observation(rec: dict[str, Any]) -> Resource:
    """A lab result (schema 3): category laboratory, the analyte as text (Carnet keeps no
    LOINC code for it), the value with the lab's unit, the reference range, and the
    report it came with (derivedFrom)."""
    unit = rec.get("unit")

    def amount(value: float | None) -> dict[str, Any] | None:
        return None if value is None else {"value": value, "unit": unit}

    return _clean(
        {
            "resourceType": "Observation",
            "id": rec["id"],
            "status": "final",
            "category": [{"coding": [{"system": fc.OBSERVATION_CATEGORY, "code": "laboratory"}]}],
            "code": {"text": rec.get("analyte") or "?"},
            "subject": fc.ref("Patient", rec["patient_id"]),
            "effectiveDateTime": rec.get("taken_on"),
            "valueQuantity": amount(rec.get("value")),
            "valueString": rec.get("value_text") if rec.get("value") is None else None,
            "referenceRange": [
                {
                    "low": amount(rec.get("ref_low")),
                    "high": amount(rec.get("ref_high")),
                    "text": rec.get("ref_text"),
                }
            ],
            "derivedFrom": [fc.ref("DocumentReference", rec.get("document_id"))],
        }
    )


def _version_ext(version: dict[str, Any]) -> dict[str, Any]:
    """Which version of the note or prescription this is (who wrote it, when)."""
    return {
        "url": fc.EXT + "version",
        "extension": [
            fc.ext("id", "String", version["id"]),
            fc.ext("created", "DateTime", fc.fhir_datetime(version.get("created_at"))),
            fc.ext("author", "Reference", fc.ref("Practitioner", version.get("author_id"))),
            fc.ext("signed", "Boolean", bool(version.get("signed"))),
        ],
    }


def encounter(head: dict[str, Any], version: dict[str, Any]) -> Resource:
    note = [fc.ext(name.replace("_", "-"), "String", version.get(name)) for name in fc.NOTE_FIELDS]
    diagnoses = [
        fc.ext("diagnosis", "CodeableConcept", _icd(d.get("cim10"), d.get("label")))
        for d in version.get("diagnoses") or []
        if isinstance(d, dict)
    ]
    return _clean(
        {
            "resourceType": "Encounter",
            "id": head["id"],
            "extension": [_version_ext(version), *note, *diagnoses],
            "status": "finished",
            "class": {"system": fc.ACT_CODE, "code": "AMB", "display": "ambulatory"},
            "subject": fc.ref("Patient", head["patient_id"]),
            "participant": [{"individual": fc.ref("Practitioner", head.get("author_id"))}],
            "period": {"start": fc.fhir_datetime(head.get("started_at"))},
            "reasonCode": [{"text": version.get("reason")}],
        }
    )


def _quantity(value: float | int, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": fc.UCUM, "code": unit}


def _observation(head: dict[str, Any], suffix: str, code: str, display: str) -> Resource:
    return {
        "resourceType": "Observation",
        "id": f"{head['id']}-{suffix}",
        "status": "final",
        "category": [{"coding": [{"system": fc.OBSERVATION_CATEGORY, "code": "vital-signs"}]}],
        "code": {"coding": [{"system": fc.LOINC, "code": code, "display": display}]},
        "subject": fc.ref("Patient", head["patient_id"]),
        "encounter": fc.ref("Encounter", head["id"]),
        "effectiveDateTime": fc.fhir_datetime(head.get("started_at")),
        "performer": [fc.ref("Practitioner", head.get("author_id"))]
        if head.get("author_id")
        else [],
    }


def observations(head: dict[str, Any], version: dict[str, Any]) -> list[Resource]:
    """The vital signs of one consultation, LOINC-coded with UCUM units."""
    out = []
    for field, (suffix, code, display, unit) in fc.VITALS.items():
        value = version.get(field)
        if value is not None:
            obs = _observation(head, suffix, code, display)
            obs["valueQuantity"] = _quantity(value, unit)
            out.append(_clean(obs))
    weight, height = version.get("weight_kg"), version.get("height_cm")
    if weight and height:
        obs = _observation(head, *fc.BMI[:3])
        obs["valueQuantity"] = _quantity(round(weight / (height / 100) ** 2, 1), fc.BMI[3])
        out.append(_clean(obs))
    if version.get("bp_sys") is not None or version.get("bp_dia") is not None:
        obs = _observation(head, *fc.BP_PANEL)
        obs["component"] = [
            {
                "code": {"coding": [{"system": fc.LOINC, "code": code, "display": display}]},
                "valueQuantity": _quantity(value, unit),
            }
            for (code, display, unit), value in (
                (fc.BP_SYS, version.get("bp_sys")),
                (fc.BP_DIA, version.get("bp_dia")),
            )
            if value is not None
        ]
        out.append(_clean(obs))
    return out


def medication_requests(head: dict[str, Any], version: dict[str, Any]) -> list[Resource]:
    """One MedicationRequest per prescription line, grouped by the prescription's id."""
    out = []
    for index, line in enumerate(version.get("lines") or [], 1):
        if not isinstance(line, dict):
            continue
        out.append(
            _clean(
                {
                    "resourceType": "MedicationRequest",
                    "id": f"{head['id']}-{index}",
                    "extension": [
                        _version_ext(version),
                        fc.ext("line", "PositiveInt", index),
                        fc.ext("duration", "String", line.get("duration")),
                        fc.ext("quantity", "String", line.get("quantity")),
                        fc.ext("ald", "Boolean", line.get("ald")),
                        fc.ext("weight-kg", "Decimal", version.get("weight_kg")),
                        fc.ext("height-cm", "Decimal", version.get("height_cm")),
                    ],
                    "groupIdentifier": {"system": fc.PRESCRIPTION, "value": head["id"]},
                    "status": "active",
                    "intent": "order",
                    "medicationCodeableConcept": {"text": line.get("drug") or "?"},
                    "subject": fc.ref("Patient", head["patient_id"]),
                    "encounter": fc.ref("Encounter", head.get("consultation_id")),
                    "authoredOn": fc.fhir_datetime(head.get("prescribed_at")),
                    "requester": fc.ref("Practitioner", head.get("author_id")),
                    "note": [{"text": version.get("notes")}],
                    "dosageInstruction": [{"text": line.get("dosage")}],
                }
            )
        )
    return out


def document_reference(rec: dict[str, Any], content: bytes) -> Resource:
    return _clean(
        {
            "resourceType": "DocumentReference",
            "id": rec["id"],
            "status": "current",
            "category": [{"coding": [{"system": fc.DOCUMENT_KIND, "code": rec.get("kind")}]}],
            "subject": fc.ref("Patient", rec["patient_id"]),
            "date": fc.fhir_datetime(rec.get("received_at")),
            "description": rec.get("title"),
            "content": [
                {
                    "attachment": {
                        "contentType": rec.get("mime") or "application/octet-stream",
                        "data": base64.b64encode(content).decode("ascii"),
                        "title": rec.get("filename"),
                        "size": len(content),
                        "hash": base64.b64encode(hashlib.sha1(content).digest()).decode(),
                    }
                }
            ],
        }
    )


def appointment(rec: dict[str, Any]) -> Resource:
    start = rec.get("starts_at")
    minutes = rec.get("duration_min") or 15
    end = None
    if start:
        end = (dt.datetime.fromisoformat(start) + dt.timedelta(minutes=minutes)).isoformat()
    return _clean(
        {
            "resourceType": "Appointment",
            "id": rec["id"],
            "status": fc.APPOINTMENT_STATUS.get(rec.get("status") or "booked", "booked"),
            "description": rec.get("reason"),
            "start": fc.fhir_datetime(start),
            "end": fc.fhir_datetime(end),
            "minutesDuration": minutes,
            "participant": [
                {"actor": fc.ref("Patient", rec.get("patient_id")), "status": "accepted"},
                {"actor": fc.ref("Practitioner", rec.get("practitioner_id")), "status": "accepted"}
                if rec.get("practitioner_id")
                else None,
            ],
        }
    )

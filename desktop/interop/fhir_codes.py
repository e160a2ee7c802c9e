"""The code systems, identifier systems and extensions Carnet's FHIR R4 uses, in one place.

French identifiers follow the FR Core profiles where we know them (INS-NIR OID, identity
reliability extension); what FHIR has no element for (a note's SOAP parts, a
prescription line's duration) travels in ``urn:carnet:`` extensions, so an import back
into Carnet loses nothing and any other reader can ignore them.
"""

from __future__ import annotations

import datetime as dt

ICD10 = "http://hl7.org/fhir/sid/icd-10"  # CIM-10 codes (the WHO classification's URI)
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
INS_NIR_OID = "urn:oid:1.2.250.1.213.1.4.8"  # INS-NIR: only on a qualified identity
RPPS_OID = "urn:oid:1.2.250.1.71.4.2.1"
FINESS_OID = "urn:oid:1.2.250.1.71.4.2.2"
FR_ID_TYPE = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"
FR_IDENTITY_RELIABILITY = (
    "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability"
)
BIRTH_PLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SNOMED = "http://snomed.info/sct"
NO_KNOWN_ALLERGY_CODE = "716186003"  # SNOMED CT "No known allergy": Carnet's "none_known"

CARNET = "urn:carnet:"
EXT = CARNET + "extension:"  # + name
USERNAME = CARNET + "username"
PRESCRIPTION = CARNET + "prescription"
PROBLEM_KIND = CARNET + "problem-kind"
DOCUMENT_KIND = CARNET + "document-kind"
NIR_TEXT = "NIR"

# ins_status -> the FR Core identity status code (TRE_R338 ModaliteIdentification).
INS_CODES = {"provisoire": "PROV", "recuperee": "RECUP", "validee": "VALI", "qualifiee": "QUAL"}
INS_STATUSES = {v: k for k, v in INS_CODES.items()}
GENDERS = {"F": "female", "M": "male", "U": "unknown"}
SEXES = {v: k for k, v in GENDERS.items()} | {"other": "U"}
SEVERITIES = {"légère": "mild", "modérée": "moderate", "sévère": "severe"}
SEVERITY_TEXT = {v: k for k, v in SEVERITIES.items()}
APPOINTMENT_STATUS = {
    "booked": "booked",
    "done": "fulfilled",
    "cancelled": "cancelled",
    "no_show": "noshow",
}
APPOINTMENT_FROM = {v: k for k, v in APPOINTMENT_STATUS.items()}

# Vital signs: consultation field -> (observation id suffix, LOINC, display, UCUM unit).
VITALS: dict[str, tuple[str, str, str, str]] = {
    "weight_kg": ("weight", "29463-7", "Body weight", "kg"),
    "height_cm": ("height", "8302-2", "Body height", "cm"),
    "pulse": ("pulse", "8867-4", "Heart rate", "/min"),
    "temperature_c": ("temperature", "8310-5", "Body temperature", "Cel"),
    "spo2": ("spo2", "59408-5", "Oxygen saturation by pulse oximetry", "%"),
    "head_circumference_cm": ("head", "9843-4", "Head Occipital-frontal circumference", "cm"),
}
VITAL_BY_LOINC = {code: field for field, (_, code, _, _) in VITALS.items()}
BMI = ("bmi", "39156-5", "Body mass index", "kg/m2")
BP_PANEL = ("bp", "85354-9", "Blood pressure panel")
BP_SYS = ("8480-6", "Systolic blood pressure", "mm[Hg]")
BP_DIA = ("8462-4", "Diastolic blood pressure", "mm[Hg]")
NOTE_FIELDS = ("text", "soap_s", "soap_o", "soap_a", "soap_p")  # carried as extensions
INT_VITALS = frozenset({"pulse", "spo2", "bp_sys", "bp_dia"})
# A vaccination's route (schema 3) -> HL7 v3 RouteOfAdministration; every route also
# travels as its Carnet name in the concept's text (nasal has no code here).
ROUTE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration"
ROUTE_CODES = {"IM": "IM", "SC": "SQ", "ID": "IDINJ", "oral": "PO"}
ROUTE_FROM = {v: k for k, v in ROUTE_CODES.items()}

# The order resource files are written and read in (references point backwards).
RESOURCE_TYPES = (
    "Organization",
    "Practitioner",
    "Patient",
    "Condition",
    "AllergyIntolerance",
    "MedicationStatement",
    "Immunization",
    "Encounter",
    "Observation",
    "MedicationRequest",
    "DocumentReference",
    "Appointment",
)


def fhir_datetime(local: str | None) -> str | None:
    """A stored local time ('2024-03-05T09:30') as a FHIR dateTime with this computer's
    offset (FHIR requires a zone when there is a time, and seconds)."""
    if not local:
        return None
    if len(local) == 16:  # the store's 'YYYY-MM-DDTHH:MM': the offset is the hour's
        offset = _OFFSETS.get(local[:13])
        if offset is None:
            when = dt.datetime.fromisoformat(local[:13] + ":00").astimezone()
            offset = _OFFSETS[local[:13]] = when.isoformat()[19:]
        return f"{local}:00{offset}"
    when = dt.datetime.fromisoformat(local)
    if when.tzinfo is None:
        when = when.astimezone()
    return when.isoformat(timespec="seconds")


_OFFSETS: dict[str, str] = {}
"""'2024-03-05T09' -> '+01:00': a practice's times fall in a few hundred thousand hours."""


def local_datetime(value: str | None) -> str | None:
    """A FHIR dateTime/instant back to the store's local minutes ('2024-03-05T09:30')."""
    if not value:
        return None
    if len(value) == 10:  # a date alone
        return f"{value}T00:00"
    when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    return when.isoformat(timespec="minutes")


def ext(name: str, value_type: str, value: object) -> dict[str, object] | None:
    """A Carnet extension, or None (dropped) when there is no value to carry."""
    if value is None or value == "":
        return None
    return {"url": EXT + name, f"value{value_type}": value}


def ref(kind: str, record_id: str | None) -> dict[str, str] | None:
    return {"reference": f"{kind}/{record_id}"} if record_id else None


def ref_id(reference: dict[str, object] | None) -> str | None:
    """'Patient/abc' -> 'abc' (also 'urn:uuid:abc' and absolute URLs)."""
    if not reference:
        return None
    text = str(reference.get("reference") or "")
    if not text:
        return None
    return text.rsplit("/", 1)[-1].removeprefix("urn:uuid:").rsplit(":", 1)[-1]

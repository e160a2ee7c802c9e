"""Record fields in words ("phone" -> "Téléphone") and their values as shown, for the
places that name a field rather than sit beside it (the conflicts dialog)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.app.dates import show_date, show_datetime
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.numbers import show_number
from desktop.practice.schema import ENTITIES

LABELS = {
    "family_name": QT_TRANSLATE_NOOP("fields", "Family name"),
    "birth_name": QT_TRANSLATE_NOOP("fields", "Birth name"),
    "given_names": QT_TRANSLATE_NOOP("fields", "Given names"),
    "sex": QT_TRANSLATE_NOOP("fields", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("fields", "Birth date"),
    "birth_place_code": QT_TRANSLATE_NOOP("fields", "Birth place"),
    "nir": QT_TRANSLATE_NOOP("fields", "Social security number"),
    "ins_status": QT_TRANSLATE_NOOP("fields", "INS status"),
    "phone": QT_TRANSLATE_NOOP("fields", "Phone"),
    "phone2": QT_TRANSLATE_NOOP("fields", "Second phone"),
    "email": QT_TRANSLATE_NOOP("fields", "Email"),
    "address": QT_TRANSLATE_NOOP("fields", "Address"),
    "postal_code": QT_TRANSLATE_NOOP("fields", "Postal code"),
    "city": QT_TRANSLATE_NOOP("fields", "City"),
    "referring_gp": QT_TRANSLATE_NOOP("fields", "Referring GP"),
    "insurance": QT_TRANSLATE_NOOP("fields", "Insurance"),
    "deleted": QT_TRANSLATE_NOOP("fields", "Deleted"),
    "label": QT_TRANSLATE_NOOP("fields", "Label"),
    "cim10": QT_TRANSLATE_NOOP("fields", "CIM-10 code"),
    "kind": QT_TRANSLATE_NOOP("fields", "Kind"),
    "onset": QT_TRANSLATE_NOOP("fields", "Since"),
    "resolved": QT_TRANSLATE_NOOP("fields", "Resolved on"),
    "substance": QT_TRANSLATE_NOOP("fields", "Substance"),
    "reaction": QT_TRANSLATE_NOOP("fields", "Reaction"),
    "severity": QT_TRANSLATE_NOOP("fields", "Severity"),
    "drug": QT_TRANSLATE_NOOP("fields", "Drug"),
    "dosage": QT_TRANSLATE_NOOP("fields", "Dosage"),
    "started": QT_TRANSLATE_NOOP("fields", "Started on"),
    "stopped": QT_TRANSLATE_NOOP("fields", "Stopped on"),
    "vaccine": QT_TRANSLATE_NOOP("fields", "Vaccine"),
    "given_on": QT_TRANSLATE_NOOP("fields", "Given on"),
    "lot": QT_TRANSLATE_NOOP("fields", "Lot number"),
    "title": QT_TRANSLATE_NOOP("fields", "Title"),
    "starts_at": QT_TRANSLATE_NOOP("fields", "Time"),
    "duration_min": QT_TRANSLATE_NOOP("fields", "Duration (min)"),
    "reason": QT_TRANSLATE_NOOP("fields", "Reason"),
    "status": QT_TRANSLATE_NOOP("fields", "Status"),
    "practitioner_id": QT_TRANSLATE_NOOP("fields", "Practitioner"),
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "display_name": QT_TRANSLATE_NOOP("fields", "Name"),
    "rpps": QT_TRANSLATE_NOOP("fields", "RPPS number"),
    "specialty": QT_TRANSLATE_NOOP("fields", "Specialty"),
    "role": QT_TRANSLATE_NOOP("fields", "Role"),
}
ENTITY_LABELS = {
    "patient": QT_TRANSLATE_NOOP("fields", "Identity"),
    "problem": QT_TRANSLATE_NOOP("fields", "Problem"),
    "allergy": QT_TRANSLATE_NOOP("fields", "Allergy"),
    "treatment": QT_TRANSLATE_NOOP("fields", "Treatment"),
    "vaccination": QT_TRANSLATE_NOOP("fields", "Vaccination"),
    "document": QT_TRANSLATE_NOOP("fields", "Document"),
    "appointment": QT_TRANSLATE_NOOP("fields", "Appointment"),
    "consultation": QT_TRANSLATE_NOOP("fields", "Consultation"),
    "prescription": QT_TRANSLATE_NOOP("fields", "Prescription"),
    "practice": QT_TRANSLATE_NOOP("fields", "Practice"),
    "user": QT_TRANSLATE_NOOP("fields", "Practitioner"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("fields", text)


def field_label(entity: str, field: str) -> str:
    """ "Téléphone"; outside the identity, the section too: "Allergie : Réaction"."""
    label = _t(LABELS[field]) if field in LABELS else field
    if entity == "patient" or entity not in ENTITY_LABELS:
        return label
    return QCoreApplication.translate("fields", "{0}: {1}").format(_t(ENTITY_LABELS[entity]), label)


def value_text(entity: str, field: str, value: Any) -> str:
    """A value as the chart shows it: dates dd/mm/yyyy, numbers the French way, yes/no."""
    if value is None or value == "":
        return QCoreApplication.translate("fields", "(empty)")
    try:
        kind = ENTITIES[entity].field(field).type
    except KeyError:
        kind = "text"
    if kind in ("date", "pdate"):
        return show_date(str(value))
    if kind == "datetime":
        return show_datetime(str(value))
    if kind == "bool":
        return (
            QCoreApplication.translate("fields", "yes")
            if value
            else QCoreApplication.translate("fields", "no")
        )
    if kind in ("int", "real") and isinstance(value, int | float):
        return show_number(value)
    return str(value)

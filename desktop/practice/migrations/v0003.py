"""Schema version 3, frozen as released: the chart's finer clinical fields.

A treatment's stop reason and whether it is long-term (or a short course); a
vaccination's dose number, route and site; a consultation's head circumference (a
child's growth); and structured lab results (analyte, value, unit, reference range).
Literal SQL, never generated from schema.py. Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    # Mutable tables gain fields before their stamps: rebuilt, since ALTER TABLE ADD
    # COLUMN would put them after _hlc, _dev and _st. Rows are copied as they are.
    (
        "CREATE TABLE treatment_3 (id TEXT PRIMARY KEY, patient_id TEXT, drug TEXT, dosage TEXT, "
        "started TEXT, stopped TEXT, deleted INTEGER, stop_reason TEXT, long_term INTEGER, "
        "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    (
        "INSERT INTO treatment_3 (id, patient_id, drug, dosage, started, stopped, deleted, _hlc, "
        "_dev, _st) SELECT id, patient_id, drug, dosage, started, stopped, deleted, _hlc, _dev, "
        "_st FROM treatment"
    ),
    "DROP TABLE treatment",
    "ALTER TABLE treatment_3 RENAME TO treatment",
    "CREATE INDEX treatment_by_patient ON treatment(patient_id)",
    (
        "CREATE TABLE vaccination_3 (id TEXT PRIMARY KEY, patient_id TEXT, vaccine TEXT, given_on "
        "TEXT, lot TEXT, deleted INTEGER, dose_number INTEGER, route TEXT, site TEXT, _hlc "
        "INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    (
        "INSERT INTO vaccination_3 (id, patient_id, vaccine, given_on, lot, deleted, _hlc, _dev, "
        "_st) SELECT id, patient_id, vaccine, given_on, lot, deleted, _hlc, _dev, _st FROM "
        "vaccination"
    ),
    "DROP TABLE vaccination",
    "ALTER TABLE vaccination_3 RENAME TO vaccination",
    "CREATE INDEX vaccination_by_patient ON vaccination(patient_id)",
    # Consultation versions keep their rowids: the notes' full-text index refers to them.
    (
        "CREATE TABLE consultation_version_3 (id TEXT PRIMARY KEY, consultation_id TEXT, "
        "parent_id TEXT, author_id TEXT, created_at TEXT, reason TEXT, text TEXT, soap_s TEXT, "
        "soap_o TEXT, soap_a TEXT, soap_p TEXT, weight_kg REAL, height_cm REAL, bp_sys INTEGER, "
        "bp_dia INTEGER, pulse INTEGER, temperature_c REAL, spo2 INTEGER, diagnoses TEXT, "
        "signed INTEGER, head_circumference_cm REAL, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL)"
    ),
    (
        "INSERT INTO consultation_version_3 (rowid, id, consultation_id, parent_id, author_id, "
        "created_at, reason, text, soap_s, soap_o, soap_a, soap_p, weight_kg, height_cm, bp_sys, "
        "bp_dia, pulse, temperature_c, spo2, diagnoses, signed, _hlc, _dev) SELECT rowid, id, "
        "consultation_id, parent_id, author_id, created_at, reason, text, soap_s, soap_o, "
        "soap_a, soap_p, weight_kg, height_cm, bp_sys, bp_dia, pulse, temperature_c, spo2, "
        "diagnoses, signed, _hlc, _dev FROM consultation_version"
    ),
    "DROP TABLE consultation_version",
    "ALTER TABLE consultation_version_3 RENAME TO consultation_version",
    "CREATE INDEX consultation_version_by_consultation ON consultation_version(consultation_id)",
    (
        "CREATE TABLE lab_result (id TEXT PRIMARY KEY, patient_id TEXT, analyte TEXT, value REAL, "
        "value_text TEXT, unit TEXT, ref_low REAL, ref_high REAL, ref_text TEXT, taken_on TEXT, "
        "document_id TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX lab_result_by_patient ON lab_result(patient_id)",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

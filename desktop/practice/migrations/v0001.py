"""Schema version 1, frozen as released: the first Carnet database.

Literal SQL, never generated from schema.py: a field added to the schema later must
come with a migration of its own, or tests/practice/test_schema_fixtures.py fails.
Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
    # This device's own changes, in order; pushed ones are below the push cursor.
    (
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, record_id TEXT NOT "
        "NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL, fields TEXT NOT NULL, replaces TEXT "
        "NOT NULL)"
    ),
    (
        "CREATE TABLE cursors (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, digest TEXT NOT "
        "NULL, applied_at TEXT NOT NULL) WITHOUT ROWID"
    ),
    (
        "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, action TEXT"
        " NOT NULL, entity TEXT, record_id TEXT, prev TEXT NOT NULL, hash TEXT NOT NULL)"
    ),
    # Losing concurrent values (sync.merge): open until a later write settles them.
    (
        "CREATE TABLE conflicts (id TEXT PRIMARY KEY, entity TEXT NOT NULL, record_id TEXT NOT "
        "NULL, field TEXT NOT NULL, loser_hlc INTEGER NOT NULL, loser_dev TEXT NOT NULL, loser "
        "TEXT NOT NULL, detected_at TEXT NOT NULL)"
    ),
    "CREATE INDEX conflicts_by_field ON conflicts(entity, record_id, field)",
    # Search keys for patients: folded name tokens, and '#p'/'#n'/'#d' phone, NIR
    # and birth-date keys; rank: lower is a better kind of match (see search.py).
    (
        "CREATE TABLE patient_keys (key TEXT NOT NULL, rank INTEGER NOT NULL, sort TEXT NOT NULL,"
        " patient_id TEXT NOT NULL, PRIMARY KEY (key, rank, sort, patient_id)) WITHOUT ROWID"
    ),
    "CREATE INDEX patient_keys_by_patient ON patient_keys(patient_id, key)",
    (
        "CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='unicode61 remove_diacritics 2')"
    ),
    # Attachment content, content-addressed, in 1 MiB chunks (encrypted by SQLCipher).
    "CREATE TABLE blob_chunks (hash TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL)",
    "CREATE UNIQUE INDEX blob_chunks_key ON blob_chunks(hash, idx)",
    # Record tables (schema.py at version 1). _hlc/_dev: the stamp of every field not
    # listed in _st (the creating write); _st: JSON {field: [hlc, device, replaced_hlc,
    # replaced_device]} for the others. Versioned entities have no _st.
    (
        "CREATE TABLE practice (id TEXT PRIMARY KEY, name TEXT, address TEXT, postal_code TEXT, "
        "city TEXT, phone TEXT, email TEXT, finess TEXT, _hlc INTEGER NOT NULL, _dev TEXT NOT "
        "NULL, _st TEXT)"
    ),
    (
        "CREATE TABLE user (id TEXT PRIMARY KEY, username TEXT, display_name TEXT, role TEXT, "
        "rpps TEXT, specialty TEXT, phone TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT"
        " NOT NULL, _st TEXT)"
    ),
    (
        "CREATE TABLE patient (id TEXT PRIMARY KEY, family_name TEXT, birth_name TEXT, "
        "given_names TEXT, sex TEXT, birth_date TEXT, birth_place_code TEXT, nir TEXT, ins_status"
        " TEXT, phone TEXT, phone2 TEXT, email TEXT, address TEXT, postal_code TEXT, city TEXT, "
        "referring_gp TEXT, insurance TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT"
        " NULL, _st TEXT)"
    ),
    (
        "CREATE TABLE problem (id TEXT PRIMARY KEY, patient_id TEXT, kind TEXT, label TEXT, cim10"
        " TEXT, onset TEXT, resolved TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT "
        "NULL, _st TEXT)"
    ),
    "CREATE INDEX problem_by_patient ON problem(patient_id)",
    (
        "CREATE TABLE allergy (id TEXT PRIMARY KEY, patient_id TEXT, substance TEXT, reaction "
        "TEXT, severity TEXT, kind TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT "
        "NULL, _st TEXT)"
    ),
    "CREATE INDEX allergy_by_patient ON allergy(patient_id)",
    (
        "CREATE TABLE treatment (id TEXT PRIMARY KEY, patient_id TEXT, drug TEXT, dosage TEXT, "
        "started TEXT, stopped TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, "
        "_st TEXT)"
    ),
    "CREATE INDEX treatment_by_patient ON treatment(patient_id)",
    (
        "CREATE TABLE vaccination (id TEXT PRIMARY KEY, patient_id TEXT, vaccine TEXT, given_on "
        "TEXT, lot TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX vaccination_by_patient ON vaccination(patient_id)",
    (
        "CREATE TABLE consultation (id TEXT PRIMARY KEY, patient_id TEXT, started_at TEXT, "
        "author_id TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX consultation_by_patient ON consultation(patient_id)",
    (
        "CREATE TABLE consultation_version (id TEXT PRIMARY KEY, consultation_id TEXT, parent_id "
        "TEXT, author_id TEXT, created_at TEXT, reason TEXT, text TEXT, soap_s TEXT, soap_o TEXT,"
        " soap_a TEXT, soap_p TEXT, weight_kg REAL, height_cm REAL, bp_sys INTEGER, bp_dia "
        "INTEGER, pulse INTEGER, temperature_c REAL, spo2 INTEGER, diagnoses TEXT, signed "
        "INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE prescription (id TEXT PRIMARY KEY, patient_id TEXT, consultation_id TEXT, "
        "author_id TEXT, prescribed_at TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT "
        "NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX prescription_by_patient ON prescription(patient_id)",
    (
        "CREATE TABLE prescription_version (id TEXT PRIMARY KEY, prescription_id TEXT, parent_id "
        "TEXT, author_id TEXT, created_at TEXT, lines TEXT, notes TEXT, signed INTEGER, _hlc "
        "INTEGER NOT NULL, _dev TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE document (id TEXT PRIMARY KEY, patient_id TEXT, title TEXT, kind TEXT, mime"
        " TEXT, filename TEXT, size INTEGER, content_hash TEXT, received_at TEXT, deleted "
        "INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX document_by_patient ON document(patient_id)",
    (
        "CREATE TABLE appointment (id TEXT PRIMARY KEY, patient_id TEXT, practitioner_id TEXT, "
        "starts_at TEXT, duration_min INTEGER, reason TEXT, status TEXT, deleted INTEGER, _hlc "
        "INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX appointment_by_patient ON appointment(patient_id)",
    "CREATE INDEX consultation_version_by_consultation ON consultation_version(consultation_id)",
    "CREATE INDEX prescription_version_by_prescription ON prescription_version(prescription_id)",
    "CREATE INDEX appointment_by_time ON appointment(starts_at)",
    "CREATE INDEX patient_by_name ON patient(family_name, given_names)",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

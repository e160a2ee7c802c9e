"""Schema version 2, frozen as released: the practice's paper.

Practitioner profiles (a record of their own, linked to a login), practice-wide
prescription and letter templates, and the weight and height printed on a prescription.
Literal SQL, never generated from schema.py. Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    (
        "CREATE TABLE practitioner (id TEXT PRIMARY KEY, user_id TEXT, title TEXT, given_names "
        "TEXT, family_name TEXT, qualification TEXT, specialty TEXT, rpps TEXT, am_number TEXT, "
        "address TEXT, postal_code TEXT, city TEXT, phone TEXT, email TEXT, locum INTEGER, "
        "replaces_id TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    "CREATE INDEX practitioner_by_user ON practitioner(user_id)",
    (
        "CREATE TABLE prescription_template (id TEXT PRIMARY KEY, name TEXT, lines TEXT, notes "
        "TEXT, author_id TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, "
        "_st TEXT)"
    ),
    (
        "CREATE TABLE letter_template (id TEXT PRIMARY KEY, name TEXT, kind TEXT, body TEXT, "
        "author_id TEXT, deleted INTEGER, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    # The prescription version gains the weight and height, before its stamps: rebuilt,
    # since ALTER TABLE ADD COLUMN would put them after _hlc and _dev. Versions are
    # immutable rows, copied as they are.
    (
        "CREATE TABLE prescription_version_2 (id TEXT PRIMARY KEY, prescription_id TEXT, "
        "parent_id TEXT, author_id TEXT, created_at TEXT, lines TEXT, notes TEXT, signed "
        "INTEGER, weight_kg REAL, height_cm REAL, _hlc INTEGER NOT NULL, _dev TEXT NOT NULL)"
    ),
    (
        "INSERT INTO prescription_version_2 (id, prescription_id, parent_id, author_id, "
        "created_at, lines, notes, signed, _hlc, _dev) SELECT id, prescription_id, parent_id, "
        "author_id, created_at, lines, notes, signed, _hlc, _dev FROM prescription_version"
    ),
    "DROP TABLE prescription_version",
    "ALTER TABLE prescription_version_2 RENAME TO prescription_version",
    "CREATE INDEX prescription_version_by_prescription ON prescription_version(prescription_id)",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

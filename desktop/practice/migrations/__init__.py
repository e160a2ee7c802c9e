"""Schema migrations: each brings the database one version up, in its own transaction.

The version is SQLite's ``user_version``; a file from a newer Carnet is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.practice import errors
from desktop.practice.db import Connection, transaction
from desktop.practice.schema import ENTITIES, Entity

SQL_TYPES = {
    "text": "TEXT",
    "date": "TEXT",
    "pdate": "TEXT",
    "datetime": "TEXT",
    "json": "TEXT",
    "int": "INTEGER",
    "bool": "INTEGER",
    "real": "REAL",
}


def _entity_table_sql(entity: Entity) -> list[str]:
    cols = ", ".join(f"{f.name} {SQL_TYPES[f.type]}" for f in entity.fields)
    stmts = []
    if entity.versioned:
        stmts.append(
            f"CREATE TABLE {entity.name} (id TEXT PRIMARY KEY, {cols}, "
            "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL)"
        )
    else:
        # _hlc/_dev: the stamp of every field not listed in _st (the creating write);
        # _st: JSON {field: [hlc, device, replaced_hlc, replaced_device]} for the others.
        stmts.append(
            f"CREATE TABLE {entity.name} (id TEXT PRIMARY KEY, {cols}, "
            "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
        )
    if entity.patient_field:
        stmts.append(
            f"CREATE INDEX {entity.name}_by_patient ON {entity.name}({entity.patient_field})"
        )
    return stmts


def _migration_1(conn: Connection) -> None:
    statements = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
        # This device's own changes, in order; pushed ones are below the push cursor.
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
        "record_id TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL, "
        "fields TEXT NOT NULL, replaces TEXT NOT NULL)",
        "CREATE TABLE cursors (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, "
        "digest TEXT NOT NULL, applied_at TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, "
        "action TEXT NOT NULL, entity TEXT, record_id TEXT, prev TEXT NOT NULL, "
        "hash TEXT NOT NULL)",
        # Losing concurrent values (sync.merge): open until a later write settles them.
        "CREATE TABLE conflicts (id TEXT PRIMARY KEY, entity TEXT NOT NULL, "
        "record_id TEXT NOT NULL, field TEXT NOT NULL, loser_hlc INTEGER NOT NULL, "
        "loser_dev TEXT NOT NULL, loser TEXT NOT NULL, detected_at TEXT NOT NULL)",
        "CREATE INDEX conflicts_by_field ON conflicts(entity, record_id, field)",
        # Search keys for patients: folded name tokens, and '#p'/'#n'/'#d' phone, NIR
        # and birth-date keys; rank: lower is a better kind of match (see search.py).
        "CREATE TABLE patient_keys (key TEXT NOT NULL, rank INTEGER NOT NULL, "
        "sort TEXT NOT NULL, patient_id TEXT NOT NULL, "
        "PRIMARY KEY (key, rank, sort, patient_id)) WITHOUT ROWID",
        "CREATE INDEX patient_keys_by_patient ON patient_keys(patient_id, key)",
        "CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='unicode61 remove_diacritics 2')",
        # Attachment content, content-addressed, in 1 MiB chunks (encrypted by SQLCipher).
        "CREATE TABLE blob_chunks (hash TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL)",
        "CREATE UNIQUE INDEX blob_chunks_key ON blob_chunks(hash, idx)",
    ]
    for entity in ENTITIES.values():
        statements.extend(_entity_table_sql(entity))
    statements += [
        "CREATE INDEX consultation_version_by_consultation "
        "ON consultation_version(consultation_id)",
        "CREATE INDEX prescription_version_by_prescription "
        "ON prescription_version(prescription_id)",
        "CREATE INDEX appointment_by_time ON appointment(starts_at)",
        "CREATE INDEX patient_by_name ON patient(family_name, given_names)",
    ]
    for sql in statements:
        conn.execute(sql)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION, one transaction per step; refuse newer files."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise errors.NewerSchemaError(
            f"the practice in {path.parent} was written by a newer Carnet (schema {current}, "
            f"this one knows {SCHEMA_VERSION}); install the newer version"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with transaction(conn, path):
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")

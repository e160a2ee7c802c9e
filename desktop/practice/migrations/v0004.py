"""Schema version 4, frozen as released: people of the practice.

A user gains ``until`` (a locum's last day) and ``deactivated_at`` (a departure: set,
the person's logins end on every device). Rebuilt so both sit before the stamps, as
v0002 did for the prescription version; touches only ``user``, so it applies on top of
any version 3. Literal SQL, never generated from schema.py. Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    (
        "CREATE TABLE user_4 (id TEXT PRIMARY KEY, username TEXT, display_name TEXT, role TEXT, "
        "rpps TEXT, specialty TEXT, phone TEXT, until TEXT, deactivated_at TEXT, deleted INTEGER, "
        "_hlc INTEGER NOT NULL, _dev TEXT NOT NULL, _st TEXT)"
    ),
    (
        "INSERT INTO user_4 (id, username, display_name, role, rpps, specialty, phone, deleted, "
        "_hlc, _dev, _st) SELECT id, username, display_name, role, rpps, specialty, phone, "
        "deleted, _hlc, _dev, _st FROM user"
    ),
    "DROP TABLE user",
    "ALTER TABLE user_4 RENAME TO user",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

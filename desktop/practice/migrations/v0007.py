"""Schema version 7 (push journal), frozen as released: the journal keeps each change's
wire form.

A first push read every entry's entity, id, stamp, fields and replaces and had SQLite
assemble the wire form a segment carries (``json_quote`` and concatenation), a third of
the time it spent reading the journal. Now each entry holds that wire form, made once
when the change is written, beside the entity and record id that the journal's own
queries look at (charts with unpushed changes, the last audit entry pushed). Filled from
the old columns with the very expression the push used, so the same bytes are pushed.
One new table filled in seq order, then renamed: one pass over a journal that can hold
millions of entries on a practice that never synced. Literal SQL, never generated from
schema.py. Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    (
        "CREATE TABLE journal_v7 (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, record_id "
        "TEXT NOT NULL, wire BLOB NOT NULL)"
    ),
    (
        "INSERT INTO journal_v7(seq, entity, record_id, wire) SELECT seq, entity, record_id, "
        """CAST('{"e":' || json_quote(entity) || ',"id":' || json_quote(record_id) """
        """|| ',"s":[' || hlc || ',' || json_quote(device) || '],"f":' || fields """
        """|| ',"r":' || replaces || '}' AS BLOB) FROM journal ORDER BY seq"""
    ),
    "DROP TABLE journal",
    "ALTER TABLE journal_v7 RENAME TO journal",
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

"""Schema migrations: each brings the database one version up, in its own transaction.

Each version is a module (``v0001.py``, ...) frozen as it was released: literal SQL,
never derived from schema.py, so changing the schema cannot change what an old step
does. A new field or table is a new module appended to :data:`MIGRATIONS`, and a new
fixture made with ``python -m tests.data.make_fixtures``. The version is SQLite's
``user_version``; a file from a newer Carnet is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.practice import errors
from desktop.practice.db import Connection, transaction
from desktop.practice.migrations import v0001, v0002, v0003, v0004, v0005, v0006, v0007

MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    v0001.apply,
    v0002.apply,
    v0003.apply,
    v0004.apply,
    v0005.apply,
    v0006.apply,
    v0007.apply,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(
    conn: Connection, path: Path, on_upgrade: Callable[[int, int], None] | None = None
) -> None:
    """Bring the schema to SCHEMA_VERSION, one transaction per step; refuse newer files.
    ``on_upgrade(from, to)`` is called once before the first step, if any (a step can
    take minutes on a large practice: whoever waits is told why)."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise errors.NewerSchemaError(
            f"the practice in {path.parent} was written by a newer Carnet (schema {current}, "
            f"this one knows {SCHEMA_VERSION}); install the newer version"
        )
    if current < SCHEMA_VERSION and on_upgrade is not None:
        on_upgrade(current, SCHEMA_VERSION)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with transaction(conn, path):
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")

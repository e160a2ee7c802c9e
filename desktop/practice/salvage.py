"""What a damaged local database still tells: the changes made here and not pushed yet.

The practice itself is on its sync storage, so a damaged database is repaired by
restoring into a new folder; what only this computer held is its push journal above
the push cursor. This module reads it, read-only, from the damaged file (never writing
to it), as far as the damage allows: a summary (how many, of which kinds; never values)
for the error sentence, and the changes themselves, for a restore to carry over.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from desktop.practice import errors
from desktop.practice.db import DB_NAME, Connection
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import MetaKey
from sync.changes import Change, wire


@dataclass(frozen=True)
class Unpushed:
    """This computer's changes not pushed yet, as far as the damaged file lets them be
    read. ``expected``: how many there are (None if even that cannot be read);
    ``changes``: those read, in order; ``complete``: whether all were."""

    expected: int | None
    changes: tuple[Change, ...] = field(default=())
    complete: bool = False

    def kinds(self) -> dict[str, int]:
        return dict(sorted(Counter(c.entity for c in self.changes).items()))


def database_key(folder: Path, passphrases: tuple[str, ...]) -> bytes | None:
    """The damaged folder's database key from its key file, with the first passphrase
    that opens it (None: none does, or the key file itself is unreadable)."""
    try:
        keyfile = KeyFile.load(folder)
    except errors.CarnetError:
        return None
    for passphrase in passphrases:
        with contextlib.suppress(errors.CarnetError):
            return keyfile.unlock(passphrase).db_key
    return None


@contextlib.contextmanager
def _read_only(folder: Path, key: bytes) -> Iterator[Connection]:
    """The database opened read-only (``mode=ro``: no checkpoint, no write, ever)."""
    path = (folder / DB_NAME).resolve()
    conn = sqlcipher3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        conn.close()


def read_unpushed(folder: Path, key: bytes) -> Unpushed:
    """Read the journal above the push cursor, row by row, until the damage stops it."""
    expected: int | None = None
    changes: list[Change] = []
    try:
        with _read_only(folder, key) as conn:
            row = conn.execute(
                "SELECT value FROM meta WHERE key = ?", (str(MetaKey.PUSH_LOCAL_SEQ),)
            ).fetchone()
            pushed = int(row[0]) if row else 0
            top = conn.execute("SELECT max(seq) FROM journal").fetchone()[0]
            expected = max(0, int(top or 0) - pushed)
            columns = {r[1] for r in conn.execute("PRAGMA table_info(journal)")}
            # A file damaged before its upgrade to schema 7 still has the parts.
            parts = "wire" not in columns
            cursor = conn.execute(
                "SELECT entity, record_id, hlc, device, CAST(fields AS BLOB), "
                "CAST(replaces AS BLOB) FROM journal WHERE seq > ? ORDER BY seq"
                if parts
                else "SELECT wire FROM journal WHERE seq > ? ORDER BY seq",
                (pushed,),
            )
            for row in cursor:
                text = wire(*row) if parts else row[0]
                changes.append(Change.from_json(json.loads(text)))
    except (sqlcipher3.DatabaseError, ValueError, TypeError, KeyError):
        return Unpushed(expected, tuple(changes), False)
    return Unpushed(expected, tuple(changes), expected == len(changes))


def describe(unpushed: Unpushed | None) -> str:
    """One sentence for the damage message: how many unpushed changes, of which kinds."""
    if unpushed is None or unpushed.expected is None:
        return (
            "Whether changes made on this computer were not pushed yet cannot be read "
            "from the damaged file: what was not pushed is lost with it"
        )
    if unpushed.expected == 0:
        return "Every change made on this computer was pushed: nothing is lost"
    kinds = ", ".join(f"{n} {kind}" for kind, n in unpushed.kinds().items())
    readable = (
        f"all can still be read ({kinds})"
        if unpushed.complete
        else f"{len(unpushed.changes)} can still be read ({kinds or 'none'})"
    )
    return (
        f"{unpushed.expected} changes made on this computer were not pushed yet; "
        f"{readable}: add --carry-over {{folder}} to the restore to keep them"
    )

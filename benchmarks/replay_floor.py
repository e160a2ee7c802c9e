"""The least time a restore that replays rows can take here, and what a database image
would weigh instead: the two figures that decide issue #16's remaining targets.

    python -m benchmarks.replay_floor --patients 100000 --cache bench-cache --rounds 3

- **Where the bytes are.** SQLite's ``dbstat`` on the reference's plain copy, grouped as
  the records' tables, their indexes, the search index, and the push journal (the
  reference was never pushed, so its journal still holds every change; a synced practice
  drops it). An image carrying the records would weigh the first three.
- **The insert floor.** Up to 20,000 rows of each kind inserted by SQLite itself into an
  in-memory plain database with no index at all: the cheapest insert there is, without
  encryption, disk, index or Python work per row beyond ``executemany``. In µs per row
  (median of the rounds); times each kind's count, the least time any row-by-row restore
  of the practice can take on this machine.
- **The bulk-copy floor.** The practice's records, their indexes and the search index
  copied by SQLCipher itself from the plain copy into a new encrypted database on disk
  (``INSERT INTO ... SELECT`` per table, the secondary indexes built after, one commit,
  the store's pragmas): the least any restore that builds the encrypted database on the
  device can take, with no parsing, no Python per row and nothing to verify.

It only reads the reference (the stdlib's ``sqlite3`` opens its plain copy read-only).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import sqlcipher3

from benchmarks.reference import reference_practice
from desktop.practice.schema import ENTITIES

SAMPLE_ROWS = 20_000
"""Rows of each kind per round (all of a smaller kind)."""


def byte_groups(conn: sqlite3.Connection) -> dict[str, int]:
    """Bytes of pages per group: records, indexes, search, journal, other."""
    tables = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master"))
    groups = dict.fromkeys(("records", "indexes", "search", "journal", "other"), 0)
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        table = tables.get(name, name)
        if table == "journal":
            group = "journal"
        elif table.startswith("search"):
            group = "search"
        elif table in ENTITIES:
            group = "records" if name == table else "indexes"
        else:
            group = "other"  # meta, the audit log, the schema
        groups[group] += size
    return groups


def insert_floor(conn: sqlite3.Connection, entity: str, rounds: int) -> float:
    """µs per row for SQLite to insert rows of one kind, median of rounds."""
    rows = conn.execute(f"SELECT * FROM {entity} LIMIT {SAMPLE_ROWS}").fetchall()
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({entity})")]
    marks = ", ".join("?" * len(columns))
    per_row = []
    for _ in range(rounds):
        target = sqlite3.connect(":memory:", isolation_level=None)
        target.execute(f"CREATE TABLE t ({', '.join(columns)})")  # no key, no index
        start = time.perf_counter()
        target.execute("BEGIN")
        target.executemany(f"INSERT INTO t VALUES ({marks})", rows)
        target.execute("COMMIT")
        per_row.append((time.perf_counter() - start) / len(rows) * 1e6)
        target.close()
    return statistics.median(per_row)


def bulk_copy_floor(plain_db: Path, work: Path) -> float:
    """Seconds for SQLCipher to build an encrypted database of the records, their indexes
    and the search index from the plain copy (see the module's docstring)."""
    source = sqlite3.connect(f"file:{plain_db}?mode=ro", uri=True)
    schema = source.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
    ).fetchall()
    source.close()
    copied = [
        (name, sql)
        for kind, name, table, sql in schema
        if kind == "table" and (name in ENTITIES or name.startswith(("search", "notes_fts_")))
    ]
    indexes = [sql for kind, _, table, sql in schema if kind == "index" and table in ENTITIES]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    conn = sqlcipher3.connect(str(work / "floor.db"), isolation_level=None)
    try:
        conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "cache_size = -524288"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute(f"ATTACH DATABASE 'file:{plain_db}?mode=ro' AS src KEY ''")
        start = time.perf_counter()
        conn.execute("BEGIN")
        for name, sql in copied:
            conn.execute(sql)  # the note index's shadow tables too, as plain tables
            conn.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}"')
        for sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return time.perf_counter() - start
    finally:
        conn.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(".bench-cache"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ref = reference_practice(args.cache, args.patients, args.seed, print)
    conn = sqlite3.connect(f"file:{ref.plain_db}?mode=ro", uri=True)
    try:
        groups = byte_groups(conn)
    except sqlite3.OperationalError:
        sys.exit("this Python's SQLite has no dbstat: run it with Debian's or Ubuntu's")
    counts = {
        name: int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in ENTITIES
    }
    floors = {name: insert_floor(conn, name, args.rounds) for name, n in counts.items() if n}
    seconds = sum(counts[name] * us for name, us in floors.items()) / 1e6
    records = sum(counts.values())
    mib = {name: size / 2**20 for name, size in groups.items()}
    print(f"{args.patients:,} patients, {records:,} records")
    print("pages, MiB: " + ", ".join(f"{name} {size:,.0f}" for name, size in mib.items()))
    image = mib["records"] + mib["indexes"] + mib["search"]
    print(f"an image of the records (tables, indexes, search): {image:,.0f} MiB")
    many = [name for name in floors if counts[name] >= SAMPLE_ROWS] or list(floors)
    widest = max(many, key=floors.__getitem__)  # a kind of a few rows times noise
    print(
        f"insert floor, µs per row (median of {args.rounds}, in memory, no index, no key): "
        f"{sum(counts[n] * us for n, us in floors.items()) / records:.1f} on average, "
        f"{floors[widest]:.1f} for {widest}"
    )
    print(f"so a row-by-row restore of these records takes at least {seconds:,.0f} s here")
    copies = [bulk_copy_floor(ref.plain_db, args.cache / "floor-work") for _ in range(args.rounds)]
    print(
        "SQLCipher copying the records, their indexes and the search index into a new "
        f"encrypted database (median of {args.rounds}): {statistics.median(copies):,.1f} s "
        f"(rounds {', '.join(f'{c:.1f}' for c in copies)})"
    )


if __name__ == "__main__":
    main()

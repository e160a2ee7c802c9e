"""The reference practice: a demo practice, one patient with 2,000 consultations, and a
plain (unencrypted) SQLite copy of the same database for the SQLCipher comparison.

Built once per (patients, seed) under the cache folder and reused; building the
100,000-patient practice takes a few minutes on 2 cores.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.demo.loader import make_demo
from desktop.practice import migrations
from desktop.practice.store import DB_NAME, Practice
from sync.changes import new_id

PASSPHRASE = "benchmark passphrase"
HEAVY_CONSULTATIONS = 2_000
TODAY = dt.date(2026, 11, 1)  # fixed, so the cached practice does not depend on the day


@dataclass(frozen=True)
class Reference:
    folder: Path
    plain_db: Path
    heavy_patient: str
    patients: int
    build_seconds: float

    def describe(self) -> str:
        size = (self.folder / DB_NAME).stat().st_size / 2**20
        return f"{size:,.0f} MiB encrypted"

    def open(self) -> Practice:
        return Practice.open(self.folder, passphrase=PASSPHRASE)

    def open_plain(self) -> Practice:
        """The same store code over the plain copy: only the encryption differs."""
        conn = sqlcipher3.connect(str(self.plain_db), isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "temp_store = MEMORY",
            "cache_size = -65536",
        ):
            conn.execute(f"PRAGMA {pragma}")
        migrations.migrate(conn, self.plain_db)  # as Practice.open does for the encrypted one
        practice = self.open()
        key, user = practice.db_key, practice.user_id
        practice.close()
        return Practice(self.plain_db.parent, conn, user_id=user, db_key=key)


def _heavy_records(patient_id: str, doctor: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield (
        "patient",
        patient_id,
        {
            "family_name": "Chronique",
            "given_names": "Benchmark",
            "birth_date": "1940-01-01",
            "sex": "F",
            "deleted": False,
        },
    )
    start = dt.datetime(1996, 1, 1, 9, 0)
    for i in range(HEAVY_CONSULTATIONS):
        cid, when = new_id(), (start + dt.timedelta(days=5 * i)).isoformat(timespec="minutes")
        yield (
            "consultation",
            cid,
            {
                "patient_id": patient_id,
                "started_at": when,
                "author_id": doctor,
                "deleted": False,
            },
        )
        yield (
            "consultation_version",
            new_id(),
            {
                "consultation_id": cid,
                "author_id": doctor,
                "created_at": when,
                "reason": "Suivi HTA et diabète",
                "signed": True,
                "text": "Patiente vue pour suivi. TA contrôlée sous traitement, glycémies "
                "capillaires correctes. Poursuite du traitement, bilan dans 3 mois.",
                "weight_kg": 70.0 + (i % 7),
                "height_cm": 162.0,
                "bp_sys": 130 + (i % 15),
                "bp_dia": 80,
                "pulse": 72,
                "diagnoses": [{"label": "HTA", "cim10": "I10"}],
            },
        )


def reference_practice(
    cache: Path, patients: int, seed: int, log: Callable[[str], None]
) -> Reference:
    base = cache / f"practice-{patients}-seed{seed}"
    folder, plain, info = base / "encrypted", base / "plain" / DB_NAME, base / "info.json"
    if info.is_file() and plain.is_file():
        meta = json.loads(info.read_text())
        return Reference(folder, plain, meta["heavy_patient"], patients, meta["build_seconds"])
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    log(f"building the reference practice ({patients:,} patients) in {base} ...")
    start = time.monotonic()
    make_demo(folder, PASSPHRASE, patients=patients, seed=seed, today=TODAY)
    heavy = new_id()
    with Practice.open(folder, passphrase=PASSPHRASE) as practice:
        doctor = practice.user_id or ""
        practice.import_records(_heavy_records(heavy, doctor))
        practice.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.parent.mkdir(parents=True)
        practice.conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        practice.conn.execute("SELECT sqlcipher_export('plaintext')")
        version = practice.conn.execute("PRAGMA user_version").fetchone()[0]
        practice.conn.execute(f"PRAGMA plaintext.user_version = {version}")
        practice.conn.execute("DETACH DATABASE plaintext")
    seconds = time.monotonic() - start
    info.write_text(json.dumps({"heavy_patient": heavy, "build_seconds": seconds}))
    log(f"built in {seconds:,.0f} s")
    return Reference(folder, plain, heavy, patients, seconds)

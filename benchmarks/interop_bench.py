"""Moving out at practice scale: the whole practice as FHIR NDJSON, and the plain SQLite
copy, each written once into a temporary folder beside the cache (then removed); and
moving in: a CSV of 10,000 patients (a secretary's spreadsheet) into an empty practice."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.reference import Reference
from benchmarks.report import Table
from desktop.interop import csv_import, fhir_export, sqlite_export
from desktop.practice.store import Practice

CSV_MAPPING = (
    "Nom=family_name,Prénom=given_names,Sexe=sex,Naissance=birth_date,Téléphone=phone,Ville=city"
)


def run(ref: Reference, table: Table) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="interop-", dir=ref.folder.parent))
    try:
        with ref.open() as practice:
            start = time.monotonic()
            counts = fhir_export.export_practice(practice, scratch / "fhir")
            seconds = time.monotonic() - start
            size = sum(p.stat().st_size for p in (scratch / "fhir").iterdir()) / 2**20
            total = sum(counts.values())
            table.info(
                f"FHIR export of the whole practice ({total:,} resources, {size:,.0f} MiB NDJSON)",
                f"{seconds:,.1f} s ({total / seconds:,.0f} resources/s)",
                {"seconds": seconds, "resources": total, "mib": size},
            )
            shutil.rmtree(scratch / "fhir")
            start = time.monotonic()
            rows = sqlite_export.export_sqlite(practice, scratch / "plain.sqlite")
            seconds = time.monotonic() - start
            size = (scratch / "plain.sqlite").stat().st_size / 2**20
            table.info(
                f"plain SQLite export ({sum(rows.values()):,} rows, {size:,.0f} MiB)",
                f"{seconds:,.1f} s",
                {"seconds": seconds, "rows": sum(rows.values()), "mib": size},
            )
        csv_import_row(table, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def csv_import_row(table: Table, scratch: Path, patients: int = 10_000) -> None:
    """The import of a cp1252 CSV into an empty practice, timed from plan to last write."""
    source = scratch / "patients.csv"
    lines = ["Nom;Prénom;Sexe;Naissance;Téléphone;Ville"] + [
        f"Nom{i};Prénom{i};{'FM'[i % 2]};{1 + i % 28:02d}/{1 + i % 12:02d}/{1930 + i % 90};"
        f"06 00 00 {i // 100 % 100:02d} {i % 100:02d};Ville{i % 50}"
        for i in range(patients)
    ]
    source.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    with Practice.create(
        scratch / "csv-practice", practice_name="CSV", username="dr", passphrase="benchmark csv"
    ) as practice:
        start = time.monotonic()
        plan = csv_import.plan_import(
            practice, csv_import.read_table(source), csv_import.parse_mapping(CSV_MAPPING)
        )
        created = csv_import.run_import(practice, plan)
        seconds = time.monotonic() - start
    table.info(
        f"CSV import of {created:,} patients into an empty practice",
        f"{seconds:,.1f} s ({created / seconds:,.0f} patients/s)",
        {"seconds": seconds, "patients": created},
    )

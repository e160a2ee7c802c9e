"""Moving out at practice scale: the whole practice as FHIR NDJSON, and the plain SQLite
copy, each written once into a temporary folder beside the cache (then removed)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.reference import Reference
from benchmarks.report import Table
from desktop.interop import fhir_export, sqlite_export


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
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

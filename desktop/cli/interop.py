"""The ``carnet`` sub-commands that move a practice in and out.

export fhir (one patient's Bundle, or the whole practice as Bulk Data NDJSON), export
sqlite (a plain copy, after an explicit confirmation), export archive (the patient's own
copy), import fhir, import csv (with a mapping and a dry run).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from desktop.cli.opening import Register, open_practice
from desktop.cli.output import emit_json
from desktop.practice import errors

CLEARTEXT_WARNING = (
    "The copy will hold the whole practice IN CLEAR (names, notes, documents): anyone "
    "who gets the file can read everything. Keep it on an encrypted disk and delete it "
    "when you are done."
)


class _Progress:
    """'Encounter    12,000 / 40,000' on one updating stderr line (terminals only)."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        of = f" / {total:,}" if total else ""
        print(f"\r{step:<20}{done:>10,}{of:<12}", end="", file=sys.stderr, flush=True)
        self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def add_commands(sub: Any, command: Register) -> None:
    export = sub.add_parser("export", help="export records (FHIR, a plain SQLite copy, an archive)")
    esub = export.add_subparsers(dest="action", metavar="FORMAT", required=True)
    p = esub.add_parser("fhir", help="FHIR R4: one patient's Bundle, or the practice as NDJSON")
    p.add_argument("--patient", help="the patient's id (a Bundle); without it, the practice")
    p.add_argument("-o", "--output", required=True, help="FILE.json for a patient, else a folder")
    p = esub.add_parser("sqlite", help="an unencrypted SQLite copy of the whole practice")
    p.add_argument("-o", "--output", required=True)
    p.add_argument(
        "--i-understand-cleartext",
        action="store_true",
        help="confirm that the copy holds everything in clear (else asked on a terminal)",
    )
    p = esub.add_parser("archive", help="a patient's own copy: PDF, FHIR Bundle and documents")
    p.add_argument("--patient", required=True)
    p.add_argument("-o", "--output", required=True, help="FILE.zip")

    imp = sub.add_parser("import", help="bring records in (FHIR, a CSV of patients)")
    isub = imp.add_subparsers(dest="action", metavar="FORMAT", required=True)
    p = isub.add_parser("fhir", help="a FHIR Bundle (.json), an .ndjson file or a Bulk Data folder")
    p.add_argument("path")
    p = isub.add_parser("csv", help="patients from another software's CSV export")
    p.add_argument("path")
    p.add_argument(
        "--mapping",
        required=True,
        help="COLUMN=field pairs, e.g. 'Nom=family_name,Prénom=given_names,Né le=birth_date'",
    )
    p.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
    p.add_argument("--encoding", help="utf-8, cp1252 or latin-1 (default: detected)")
    p.add_argument("--separator", help="';' or ',' (default: detected)")
    p.add_argument(
        "--skip-refused", action="store_true", help="import the good rows even if some are refused"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    command("export fhir")(cmd_export_fhir)
    command("export sqlite")(cmd_export_sqlite)
    command("export archive")(cmd_export_archive)
    command("import fhir")(cmd_import_fhir)
    command("import csv")(cmd_import_csv)


def cmd_export_fhir(args: argparse.Namespace) -> int:
    from desktop.interop import fhir_export

    out = Path(args.output)
    with open_practice(args) as practice:
        if args.patient:
            count = fhir_export.write_patient_bundle(practice, args.patient, out)
            print(f"{out}: a Bundle of {count} resources", file=sys.stderr)
            return 0
        progress = _Progress()
        started = time.monotonic()
        counts = fhir_export.export_practice(practice, out, progress=progress)
        progress.done()
    total = sum(counts.values())
    print(
        f"{out}: {total:,} resources in {len(counts)} NDJSON files "
        f"({time.monotonic() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


def _confirm_cleartext(args: argparse.Namespace) -> None:
    print(f"carnet: {CLEARTEXT_WARNING}", file=sys.stderr)
    if args.i_understand_cleartext:
        return
    if sys.stdin is not None and sys.stdin.isatty():
        answer = input("Type 'yes' to write the unencrypted copy: ")
        if answer.strip().lower() in ("yes", "oui"):
            return
        raise errors.UsageError("nothing written: the copy was not confirmed")
    raise errors.UsageError(
        "nothing written: confirm with --i-understand-cleartext (or answer on a terminal)"
    )


def cmd_export_sqlite(args: argparse.Namespace) -> int:
    from desktop.interop import sqlite_export

    out = Path(args.output)
    if out.exists():
        raise errors.InvalidInputError(f"{out} already exists; choose a new file name")
    _confirm_cleartext(args)
    with open_practice(args) as practice:
        counts = sqlite_export.export_sqlite(practice, out)
    print(f"{out}: {sum(counts.values()):,} rows in {len(counts)} tables", file=sys.stderr)
    return 0


def cmd_export_archive(args: argparse.Namespace) -> int:
    from desktop.interop import archive

    out = Path(args.output)
    with open_practice(args) as practice:
        contents = archive.write_patient_archive(practice, args.patient, out)
    print(f"{out}: {len(contents)} files", file=sys.stderr)
    return 0


def cmd_import_fhir(args: argparse.Namespace) -> int:
    from desktop.interop import fhir_import

    progress = _Progress()
    started = time.monotonic()
    with open_practice(args) as practice:
        report = fhir_import.import_fhir(practice, Path(args.path), progress=progress)
    progress.done()
    created = sum(report.created.values())
    ignored = ", ".join(f"{n} {kind}" for kind, n in sorted(report.ignored.items()))
    print(
        f"imported {created:,} records ({time.monotonic() - started:.1f} s); "
        f"{report.skipped:,} already here" + (f"; ignored: {ignored}" if ignored else ""),
        file=sys.stderr,
    )
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    from desktop.interop import csv_import

    mapping = csv_import.parse_mapping(args.mapping)
    table = csv_import.read_table(Path(args.path), encoding=args.encoding, separator=args.separator)
    with open_practice(args) as practice:
        plan = csv_import.plan_import(practice, table, mapping)
        if args.json:
            emit_json(plan.as_dict())
        else:
            print(csv_import.report_text(plan))
        if args.dry_run:
            return 0
        if plan.refused and not args.skip_refused:
            raise errors.InvalidInputError(
                f"nothing imported: {len(plan.refused)} rows are refused (see above); fix the "
                "file, or add --skip-refused to import the others"
            )
        started = time.monotonic()
        created = csv_import.run_import(practice, plan)
    print(
        f"imported {created:,} patients in one transaction ({time.monotonic() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0

"""The ``carnet`` commands on the practice's records: init, demo, patient, search, note,
document, audit, and gui (the default)."""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.cli.opening import Register, name_for_the_app, open_practice, read_passphrase
from desktop.cli.output import emit_json, shown
from desktop.practice import errors
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import MetaKey
from desktop.practice.store import Practice


def add_commands(sub: Any, command: Register) -> None:
    p = sub.add_parser("init", help="create a practice and its first doctor")
    p.add_argument("--practice", required=True, help="the practice's name")
    p.add_argument("--user", dest="user_name", required=True, help="the first doctor's login")

    p = sub.add_parser("demo", help="create a synthetic demo practice")
    p.add_argument("--patients", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quiet", action="store_true")

    patient = sub.add_parser("patient", help="add, edit, delete or show a patient")
    psub = patient.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("add")
    p.add_argument("--family-name", required=True)
    p.add_argument("--given-name", required=True)
    p.add_argument("--birth-date", required=True, help="YYYY-MM-DD")
    p.add_argument("--sex", choices=["F", "M", "U"], default="U")
    p = psub.add_parser("edit")
    p.add_argument("id")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    for action in ("delete", "undelete"):
        psub.add_parser(action).add_argument("id")
    p = psub.add_parser("show")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", help="find patients by name, birth date, phone or NIR")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.add_argument("--notes", action="store_true", help="search consultation notes instead")
    p.add_argument("--limit", type=int, default=50)

    note = sub.add_parser("note", help="write a consultation note")
    nsub = note.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = nsub.add_parser("add")
    p.add_argument("patient_id")
    p.add_argument("--text", required=True)
    p.add_argument("--reason")

    doc = sub.add_parser("document", help="store or fetch a letter, result or scan")
    dsub = doc.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = dsub.add_parser("add")
    p.add_argument("patient_id")
    p.add_argument("file")
    p.add_argument("--title")
    p.add_argument("--kind", choices=["letter", "result", "scan", "other"], default="other")
    p = dsub.add_parser("get")
    p.add_argument("doc_id")
    p.add_argument("-o", "--output", required=True)

    audit = sub.add_parser("audit", help="check the audit log")
    asub = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    asub.add_parser("verify")

    sub.add_parser("gui", help="start the desktop app (the default)")

    command("init")(cmd_init)
    command("demo")(cmd_demo)
    command("patient add")(cmd_patient_add)
    command("patient edit")(cmd_patient_edit)
    command("patient delete")(cmd_patient_tombstone)
    command("patient undelete")(cmd_patient_tombstone)
    command("patient show")(cmd_patient_show)
    command("search")(cmd_search)
    command("note add")(cmd_note_add)
    command("document add")(cmd_document_add)
    command("document get")(cmd_document_get)
    command("audit verify")(cmd_audit_verify)
    command("gui")(cmd_gui)


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, "New passphrase: ")
    with Practice.create(
        Path(args.data_dir),
        practice_name=args.practice,
        username=args.user_name,
        passphrase=passphrase,
    ) as practice:
        print(practice.practice_id)
    name_for_the_app(Path(args.data_dir), args.practice)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.demo import loader as demo_loader

    folder = Path(args.data_dir)
    passphrase = read_passphrase(args)
    new = not KeyFile.exists(folder)  # else the demo is added to a practice of its own name
    printer = None if args.quiet else demo_loader.ProgressPrinter()
    total = demo_loader.make_demo(
        folder, passphrase, patients=args.patients, seed=args.seed, progress=printer
    )
    if printer:
        printer.done()
    if new:
        name_for_the_app(folder, demo_loader.DEMO_PRACTICE)
    print(f"demo practice ready in {folder}: {total} records", file=sys.stderr)
    return 0


def cmd_patient_add(args: argparse.Namespace) -> int:
    fields = {
        "family_name": args.family_name,
        "given_names": args.given_name,
        "birth_date": args.birth_date,
        "sex": args.sex,
    }
    if not args.family_name.strip():
        raise errors.InvalidInputError("the family name must not be empty")
    with open_practice(args) as practice:
        print(practice.create_record("patient", fields))
    return 0


def _parse_sets(pairs: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise errors.UsageError(f"--set expects FIELD=VALUE, got '{name}'")
        out[name.strip()] = value if value != "" else None
    return out


def cmd_patient_edit(args: argparse.Namespace) -> int:
    changes = _parse_sets(args.set or [])
    if not changes:
        raise errors.UsageError("nothing to change: give at least one --set FIELD=VALUE")
    for protected in ("id", "deleted"):
        if protected in changes:
            raise errors.InvalidInputError(
                f"'{protected}' cannot be set; use 'carnet patient delete/undelete'"
            )
    with open_practice(args) as practice:
        practice.update_record("patient", args.id, changes)
    return 0


def cmd_patient_tombstone(args: argparse.Namespace) -> int:
    """Delete (a tombstone) or bring back; an unknown id is a NotFoundError from the store."""
    with open_practice(args) as practice:
        if args.action == "delete":
            practice.delete_record("patient", args.id)
        else:
            practice.undelete_record("patient", args.id)
    return 0


def cmd_patient_show(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        chart = practice.chart(args.id, include_deleted=True)
    if args.json:
        emit_json(chart.to_dict())
        return 0
    from desktop.practice.report import chart_text

    print(shown(chart_text(chart), lines=True))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        if args.notes:
            hits = practice.search_notes(args.query, args.limit)
            if args.json:
                emit_json(hits)
            for hit in hits if not args.json else []:
                print(shown(f"{hit['patient_id']}  {hit['created_at']}  {hit['reason'] or ''}"))
            return 0
        patients = practice.search_patients(args.query, args.limit)
    if args.json:
        emit_json(patients)
        return 0
    for p in patients:
        name = f"{(p['family_name'] or '').upper()} {p['given_names'] or ''}".strip()
        print(shown(f"{p['id']}  {name}  {p['birth_date'] or ''}"))
    return 0


def cmd_note_add(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise errors.InvalidInputError("the note is empty")
    with open_practice(args) as practice:
        consultation_id, _ = practice.add_consultation(
            args.patient_id, reason=args.reason, text=args.text
        )
    print(consultation_id)
    return 0


def cmd_document_add(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with open_practice(args) as practice:
        doc_id = practice.add_document(
            args.patient_id,
            content,
            title=args.title or path.stem,
            filename=path.name,
            mime=mime,
            kind=args.kind,
        )
    print(doc_id)
    return 0


def cmd_document_get(args: argparse.Namespace) -> int:
    from desktop.remote import REMOTE_URL, SyncService

    with open_practice(args) as practice:
        if practice.meta_value(REMOTE_URL):
            content = SyncService(practice).document_content(args.doc_id)  # lazy fetch
        else:
            content = practice.document_content(args.doc_id)
    out = Path(args.output)
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise errors.StorageError(f"cannot write {out} ({exc.strerror})") from exc
    return 0


def describe_device(practice: Practice, device: str) -> str:
    """A device id, with the name it published when this device knows it."""
    names = json.loads(practice.meta_value(MetaKey.DEVICE_NAMES) or "{}")
    name = names.get(device)
    return f"{name} ({device})" if name else device


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        damaged = practice.verify_pages()
        report = practice.verify_audit()
        where = "this device's audit log"
        if report.chain is not None:
            where = f"the audit log of device {describe_device(practice, report.chain)}"
    if damaged:
        raise errors.CorruptDatabaseError(
            f"the practice database is damaged ({len(damaged)} pages fail their integrity "
            f"check, first: {damaged[0]}); restore it from your sync remote with 'carnet restore'"
        )
    if not report.ok:
        raise errors.IntegrityFailureError(
            f"{where} was tampered with: {report.problem} ({report.entries} entries "
            "verified before it)"
        )
    print(
        f"database pages and audit log intact: {report.entries} audit entries "
        f"from {report.chains} device{'s' if report.chains > 1 else ''}"
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app.main import run_app

    return run_app(Path(args.data_dir), demo_if_empty=True)

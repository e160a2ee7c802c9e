"""``carnet`` commands for the practice's paper: practice and practitioner details, the drug
list, prescriptions and their PDF (the same ordonnance the app prints)."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.opening import Register, open_practice
from desktop.cli.output import emit_json
from desktop.practice import errors

if TYPE_CHECKING:
    from desktop.practice.prescriptions import RxLine



def _pairs(items: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise errors.UsageError(f"expected FIELD=VALUE, got '{name}'")
        out[name.strip().replace("-", "_")] = value
    if not out:
        raise errors.UsageError("nothing to change: give at least one FIELD=VALUE")
    return out


def parse_cli_line(text: str, *, ald: bool = False) -> RxLine:
    """'DRUG | DOSAGE | DURATION [| QUANTITY [| RENEWALS]]', the CLI's --line."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 5 or not parts[0]:
        raise errors.UsageError(
            "--line expects 'DRUG | DOSAGE | DURATION [| QUANTITY [| RENEWALS]]'"
        )
    from desktop.practice.prescriptions import RxLine

    parts += [""] * (5 - len(parts))
    return RxLine.from_dict(
        {
            "drug": parts[0],
            "dosage": parts[1],
            "duration": parts[2],
            "quantity": parts[3],
            "renewals": parts[4] or 0,
            "ald": ald,
        }
    )


def _open(args: argparse.Namespace) -> Any:
    return open_practice(args)


def cmd_practice_set(args: argparse.Namespace) -> int:
    from desktop.practice import practitioners

    values = _pairs(args.pairs)
    with _open(args) as p:
        practitioners.set_practice_details(p, values)
    return 0


def cmd_practice_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from desktop.practice import practitioners

    with _open(args) as p:
        emit_json(asdict(practitioners.practice_details(p)))
    return 0


def cmd_user_set(args: argparse.Namespace) -> int:
    from desktop.practice import practitioners

    values: dict[str, Any] = _pairs(args.pairs)
    with _open(args) as p:
        user = practitioners.user_by_login(p, args.login)
        if "replaces" in values:  # a login is easier to type than a record id
            login = values.pop("replaces")
            if login:
                replaced = practitioners.user_by_login(p, login)
                target = practitioners.for_user(p, replaced["id"])
                if target is None:
                    target_id = practitioners.set_profile(p, replaced["id"], {})
                else:
                    target_id = target.id
                values["replaces_id"] = target_id
                values.setdefault("locum", "1")
            else:
                values["replaces_id"] = ""
        print(practitioners.set_profile(p, user["id"], values))
    return 0


def cmd_user_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from desktop.practice import practitioners

    with _open(args) as p:
        user = practitioners.user_by_login(p, args.login)
        emit_json(asdict(practitioners.profile(p, user["id"])))
    return 0


def cmd_drugs_import(args: argparse.Namespace) -> int:
    import sys

    from desktop.practice.drugs import import_bdpm
    from desktop.practice.keyfile import KeyFile

    folder = Path(args.data_dir)
    if not KeyFile.exists(folder):
        raise errors.NotAPracticeError(
            f"{folder} holds no practice; give --data-dir (the drug list is kept beside it)"
        )
    report = import_bdpm(Path(args.folder), folder)
    print(
        f"{report.products} products, {report.entries} names imported from "
        f"{', '.join(report.files)} ({report.encoding})",
        file=sys.stderr,
    )
    return 0


def cmd_drugs_search(args: argparse.Namespace) -> int:
    from desktop.practice.drugs import DrugIndex

    index = DrugIndex.open(Path(args.data_dir))
    try:
        for drug in index.search(args.query, args.limit):
            print(f"{drug.kind}\t{drug.label}\t{drug.drug}")
    finally:
        index.close()
    return 0


def cmd_prescription_add(args: argparse.Namespace) -> int:
    from desktop.practice import prescriptions
    from desktop.practice.drugs import DrugIndex

    raw = [(text, args.ald) for text in args.line or []]
    raw += [(text, False) for text in args.other or []]
    if not raw:
        raise errors.UsageError("give at least one --line 'DRUG | DOSAGE | DURATION'")
    index = DrugIndex.open(Path(args.data_dir))
    try:
        lines = [
            prescriptions.with_drug(line, index.resolve(line.drug))
            for line in (parse_cli_line(text, ald=ald) for text, ald in raw)
        ]
    finally:
        index.close()
    with _open(args) as p:
        if args.allergy_override:
            hits = prescriptions.check_allergies(p, args.patient_id, lines)
            for hit in hits:
                lines[hit.line] = dataclasses.replace(
                    lines[hit.line], allergy=hit.allergy, override_reason=args.allergy_override
                )
        rx = prescriptions.add(
            p,
            args.patient_id,
            lines,
            notes=args.notes,
            weight_kg=args.weight,
            height_cm=args.height,
        )
    print(rx)
    return 0


def cmd_prescription_renew(args: argparse.Namespace) -> int:
    from desktop.practice import prescriptions

    with _open(args) as p:
        print(prescriptions.renew(p, args.id))
    return 0


def cmd_prescription_pdf(args: argparse.Namespace) -> int:
    from desktop.practice import prescriptions
    from desktop.reports.prescription import write_ordonnance

    with _open(args) as p:
        paper = prescriptions.ordonnance(p, args.id)
    write_ordonnance(Path(args.output), paper)
    return 0


def add_commands(sub: Any, command: Register) -> None:
    practice = sub.add_parser("practice", help="the practice's details (printed on its paper)")
    psub = practice.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("set", help="name, address, postal_code, city, phone, email, finess")
    p.add_argument("pairs", nargs="+", metavar="FIELD=VALUE")
    psub.add_parser("show")

    user = sub.add_parser("user", help="the practice's people: logins, roles, professional details")
    usub = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = usub.add_parser(
        "set",
        help="title, given_names, family_name, qualification, specialty, rpps, am_number, "
        "address, postal_code, city, phone, email, locum, replaces=LOGIN",
    )
    p.add_argument("login", metavar="USER")
    p.add_argument("pairs", nargs="+", metavar="FIELD=VALUE")
    p = usub.add_parser("show")
    p.add_argument("login", metavar="USER")
    from desktop.cli import users

    users.add_commands(usub, command)

    drugs = sub.add_parser("drugs", help="the drug list (French public drug database, BDPM)")
    dsub = drugs.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = dsub.add_parser("import", help="read CIS_bdpm.txt, CIS_COMPO_bdpm.txt, ... in FOLDER")
    p.add_argument("folder")
    p = dsub.add_parser("search")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    rx = sub.add_parser("prescription", help="write a prescription, renew it, print it")
    rsub = rx.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = rsub.add_parser("add")
    p.add_argument("patient_id")
    p.add_argument("--line", action="append", metavar="'DRUG | DOSAGE | DURATION'",
                   help="also '| QUANTITY | RENEWALS'; in the ALD zone with --ald")
    p.add_argument("--ald", action="store_true", help="the bizone ALD layout")
    p.add_argument("--other", action="append", metavar="LINE",
                   help="with --ald: a line unrelated to the ALD (lower zone)")
    p.add_argument("--weight", type=float, metavar="KG")
    p.add_argument("--height", type=float, metavar="CM")
    p.add_argument("--notes")
    p.add_argument("--allergy-override", metavar="REASON",
                   help="prescribe despite a recorded allergy, for this reason (kept)")
    p = rsub.add_parser("renew", help="the same lines, dated today")
    p.add_argument("id")
    p = rsub.add_parser("pdf", help="write the ordonnance the app prints")
    p.add_argument("id")
    p.add_argument("-o", "--output", required=True)

    for name, fn in (
        ("practice set", cmd_practice_set),
        ("practice show", cmd_practice_show),
        ("user set", cmd_user_set),
        ("user show", cmd_user_show),
        ("drugs import", cmd_drugs_import),
        ("drugs search", cmd_drugs_search),
        ("prescription add", cmd_prescription_add),
        ("prescription renew", cmd_prescription_renew),
        ("prescription pdf", cmd_prescription_pdf),
    ):
        command(name)(fn)
    add_letter_commands(sub, command)
    add_summary_command(sub, command)


def cmd_letter_add(args: argparse.Namespace) -> int:
    """A letter or certificate from a template, kept in the chart; -o also writes the PDF."""
    from desktop.practice import letters
    from desktop.reports.letters import render_letter
    from desktop.reports.prescription import write_private_durably_or_say

    body = None
    if args.text_file:
        try:
            body = Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise errors.InvalidInputError(f"cannot read {args.text_file} as UTF-8 text") from exc
    with _open(args) as p:
        made = letters.draft(p, args.patient_id, args.template)
        if body is not None:
            made = letters.letter(p, args.patient_id, made.template,
                                  letters.fill(body, letters.context(p, args.patient_id, made.on)))
        pdf = render_letter(made)
        print(letters.keep_in_chart(p, args.patient_id, made, pdf))
    if args.output:
        write_private_durably_or_say(Path(args.output), pdf)
    return 0


def cmd_letter_templates(args: argparse.Namespace) -> int:
    from desktop.practice import letters

    with _open(args) as p:
        for t in letters.templates(p):
            print(f"{t.kind}\t{t.name}\t{'practice' if t.id else 'shipped'}")
    return 0


def cmd_letter_template(args: argparse.Namespace) -> int:
    """Save the practice's version of a template from a UTF-8 text file."""
    from desktop.practice import letters

    try:
        body = Path(args.text_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise errors.InvalidInputError(f"cannot read {args.text_file} as UTF-8 text") from exc
    with _open(args) as p:
        print(letters.save_template(p, args.name, args.kind, body))
    return 0


def add_letter_commands(sub: Any, command: Register) -> None:
    letter = sub.add_parser("letter", help="letters and certificates from templates")
    lsub = letter.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = lsub.add_parser("add", help="fill a template for a patient and keep it in the chart")
    p.add_argument("patient_id")
    p.add_argument("--template", required=True, metavar="NAME")
    p.add_argument("--text-file", help="the completed text (${fields} are filled in)")
    p.add_argument("-o", "--output", help="also write the PDF here")
    lsub.add_parser("templates", help="list the templates")
    p = lsub.add_parser("template", help="save the practice's version of a template")
    p.add_argument("name")
    p.add_argument("text_file")
    p.add_argument("--kind", choices=["letter", "certificate"], default="letter")
    for name, fn in (
        ("letter add", cmd_letter_add),
        ("letter templates", cmd_letter_templates),
        ("letter template", cmd_letter_template),
    ):
        command(name)(fn)


def cmd_summary(args: argparse.Namespace) -> int:
    """The patient's one-page summary as a PDF."""
    from desktop.reports.prescription import write_private_durably_or_say
    from desktop.reports.summary import render_summary, summary_of

    with _open(args) as p:
        html = summary_of(p, args.patient_id)
    write_private_durably_or_say(Path(args.output), render_summary(html))
    return 0


def add_summary_command(sub: Any, command: Register) -> None:
    p = sub.add_parser("summary", help="a patient's one-page medical summary (PDF)")
    p.add_argument("patient_id")
    p.add_argument("-o", "--output", required=True)
    command("summary")(cmd_summary)

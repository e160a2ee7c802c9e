"""The ``carnet`` command: the desktop app by default, sub-commands for everything else.

Exit codes: 0 ok, 2 usage, 3 wrong passphrase or key, 4 storage unreachable, 5 integrity
failure, 1 anything else. Errors are one sentence on stderr, never a traceback, never
patient data; an unexpected bug writes its traceback (without values) to a crash log.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import mimetypes
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import platformdirs

from desktop.practice import errors
from desktop.practice.store import Practice
from sync.backends.base import BackendError
from sync.errors import SyncError, exit_code, from_backend

Handler = Callable[[argparse.Namespace], int]
_HANDLERS: dict[str, Handler] = {}


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2 like every other error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"carnet: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def default_data_dir() -> Path:
    env = os.environ.get("CARNET_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Carnet", appauthor=False))


def read_secret_file(path: str, what: str) -> str:
    """A passphrase, key or code kept in a file: its text without the final line ending
    an editor adds. Every secret file is read here, so a passphrase that ends in a space
    opens with --passphrase-file as it was set with --new-passphrase-file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise errors.UsageError(f"cannot read the {what} file {path} ({exc.strerror})") from exc
    return text.rstrip("\r\n")


def read_passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    """From --passphrase-file, then CARNET_PASSPHRASE, then an interactive prompt."""
    if args.passphrase_file:
        return read_secret_file(args.passphrase_file, "passphrase")
    env = os.environ.get("CARNET_PASSPHRASE")
    if env is not None:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise errors.UsageError(
        "a passphrase is needed: use --passphrase-file FILE, CARNET_PASSPHRASE, or a terminal"
    )


def open_practice(args: argparse.Namespace) -> Practice:
    from desktop.practice.keyfile import KeyFile

    KeyFile.load(Path(args.data_dir))  # "not a practice" before asking for a passphrase
    return open_practice_with(args, read_passphrase(args))


def open_practice_with(args: argparse.Namespace, passphrase: str) -> Practice:
    return Practice.open(Path(args.data_dir), passphrase=passphrase, username=args.user)


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[name] = fn
        return fn

    return register


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


# --- commands --------------------------------------------------------------------------


@command("init")
def cmd_init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, "New passphrase: ")
    with Practice.create(
        Path(args.data_dir),
        practice_name=args.practice,
        username=args.user_name,
        passphrase=passphrase,
    ) as practice:
        print(practice.practice_id)
    return 0


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.practice import demo_loader

    folder = Path(args.data_dir)
    passphrase = read_passphrase(args)
    printer = None if args.quiet else demo_loader.ProgressPrinter()
    total = demo_loader.make_demo(
        folder, passphrase, patients=args.patients, seed=args.seed, progress=printer
    )
    if printer:
        printer.done()
    print(f"demo practice ready in {folder}: {total} records", file=sys.stderr)
    return 0


@command("patient add")
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


@command("patient edit")
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


@command("patient delete")
@command("patient undelete")
def cmd_patient_tombstone(args: argparse.Namespace) -> int:
    """Delete (a tombstone) or bring back; an unknown id is a NotFoundError from the store."""
    with open_practice(args) as practice:
        if args.action == "delete":
            practice.delete_record("patient", args.id)
        else:
            practice.undelete_record("patient", args.id)
    return 0


def shown(text: str, *, lines: bool = False) -> str:
    """``text`` safe for a terminal: control characters (ESC, CR, BEL...; LF too unless
    ``lines``) as visible escapes, so a record synced from elsewhere cannot clear the
    screen or forge a line."""
    keep = "\n" if lines else ""
    return "".join(
        c
        if c == keep or c == "\t" or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)
        else f"\\x{ord(c):02x}"
        for c in text
    )


@command("patient show")
def cmd_patient_show(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        chart = practice.chart(args.id, include_deleted=True)
    if args.json:
        emit_json(chart)
        return 0
    from desktop.practice.report import chart_text

    print(shown(chart_text(chart), lines=True))
    return 0


@command("search")
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


@command("note add")
def cmd_note_add(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise errors.InvalidInputError("the note is empty")
    with open_practice(args) as practice:
        consultation_id, _ = practice.add_consultation(
            args.patient_id, reason=args.reason, text=args.text
        )
    print(consultation_id)
    return 0


@command("document add")
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


@command("document get")
def cmd_document_get(args: argparse.Namespace) -> int:
    from desktop.remote.service import REMOTE_URL, SyncService

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


@command("audit verify")
def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        damaged = practice.verify_pages()
        report = practice.verify_audit()
    if damaged:
        raise errors.CorruptDatabaseError(
            f"the practice database is damaged ({len(damaged)} pages fail their integrity "
            f"check, first: {damaged[0]}); restore it from your sync remote with 'carnet restore'"
        )
    if not report.ok:
        raise errors.IntegrityFailureError(
            f"the audit log was tampered with: {report.problem} ({report.entries} entries "
            "verified before it)"
        )
    print(f"database pages and audit log intact: {report.entries} audit entries")
    return 0


@command("gui")
def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app.main import run_app

    return run_app(Path(args.data_dir), demo_if_empty=True)


# --- parser ----------------------------------------------------------------------------


def build_parser() -> CliParser:
    parser = CliParser(
        prog="carnet",
        description="Carnet: the practice's records, encrypted, on this computer.",
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="the practice folder (default: $CARNET_DATA_DIR or the user data folder)",
    )
    parser.add_argument("--passphrase-file", help="read the passphrase from this file")
    parser.add_argument(
        "--user", help="unlock as this user (default: whoever the passphrase opens)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)

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

    from desktop.cli import interop as cli_interop
    from desktop.cli import rx as cli_rx
    from desktop.cli import sync as cli_sync

    cli_sync.add_commands(sub, command)
    cli_rx.add_commands(sub, command)
    cli_interop.add_commands(sub, command)
    return parser


def _sentence(exc: BaseException) -> str:
    """A sync error as one sentence with the action to take."""
    text = str(exc).rstrip(".")
    code = exit_code(exc)
    if getattr(exc, "advice_included", False):
        return text
    if code == 3:
        return f"{text}; check the passphrase or the recovery key"
    if code == 4:
        return f"{text}; check the address, the network and the credentials, then retry"
    if code == 5:
        return (
            f"{text}; nothing from it was applied. Run 'carnet check' and keep "
            "this device's data: it is intact"
        )
    return text


def _crash_log(exc: BaseException) -> Path | None:
    """Write the traceback (frames and exception type, never values) for a bug report."""
    try:
        folder = Path(platformdirs.user_log_dir("Carnet", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        frames = "".join(traceback.format_tb(exc.__traceback__))
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {type(exc).__module__}.{type(exc).__qualname__}\n{frames}\n")
        return path
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is None:
        args.data_dir = str(default_data_dir())
    name = args.command or "gui"
    if getattr(args, "action", None):
        name = f"{name} {args.action}"
    try:
        return _HANDLERS[name](args)
    except errors.CarnetError as exc:
        print(f"carnet: {exc}", file=sys.stderr)
        return exc.exit_code
    except (SyncError, BackendError) as exc:
        err = from_backend(exc) if isinstance(exc, BackendError) else exc
        print(f"carnet: {_sentence(err)}", file=sys.stderr)
        return exit_code(err)
    except KeyboardInterrupt:
        print("carnet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # a bug: no traceback on screen, no values anywhere
        log = _crash_log(exc)
        where = f"; details are in {log}" if log else ""
        print(
            f"carnet: unexpected internal error ({type(exc).__name__}){where}. "
            "Nothing saved was lost; please report this.",
            file=sys.stderr,
        )
        return 1


def _closed_pipe() -> int:
    """The reader went away (``carnet search … | head``): end quietly, as Unix tools do.
    stdout is pointed at devnull so that the interpreter's final flush does not raise
    again on the dead pipe."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())

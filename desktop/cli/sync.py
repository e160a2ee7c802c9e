"""The ``carnet`` sub-commands that talk to a sync remote.

remote set/show, sync [--watch], status, conflicts [resolve], join, restore, check,
snapshot, repair (the device and key commands are in desktop.cli.devices).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from desktop.cli import damage
from desktop.cli.opening import (
    Register,
    name_for_the_app,
    new_passphrase,
    open_practice,
    open_practice_with,
    read_passphrase,
    read_secret_file,
)
from desktop.cli.output import TerminalProgress, emit_json
from desktop.practice import errors
from desktop.practice.replica import StoreReplica
from desktop.remote import (
    LAST_SYNC,
    REMOTE_URL,
    AmbiguousPracticeError,
    SyncScheduler,
    SyncService,
    join,
    parse_recovery_key,
    repair_storage,
    set_remote,
)
from desktop.remote.credentials import remember_from_environment


def add_commands(sub: Any, command: Register) -> None:
    remote = sub.add_parser("remote", help="configure the sync remote")
    rsub = remote.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = rsub.add_parser("set", help="use URL as the sync remote (file://, webdav+https://, s3://)")
    p.add_argument("url")
    p.add_argument("--create", action="store_true", help="set the practice up on empty storage")
    rsub.add_parser("show")

    p = sub.add_parser("sync", help="push local changes and pull other devices' changes")
    p.add_argument("--watch", action="store_true", help="keep syncing in the background")
    p.add_argument("--snapshot", action="store_true", help="then publish a snapshot")

    p = sub.add_parser("status", help="pending changes, last sync, devices")
    p.add_argument("--json", action="store_true")

    conflicts = sub.add_parser("conflicts", help="list or resolve sync conflicts")
    conflicts.add_argument("--json", action="store_true")
    csub = conflicts.add_subparsers(dest="action", metavar="ACTION")
    p = csub.add_parser("resolve")
    p.add_argument("id")
    p.add_argument("--keep", choices=["local", "remote"], required=True)

    for name, text in (
        ("join", "set this computer up as a new device of a practice"),
        ("restore", "restore a whole practice from its remote onto this computer"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--from", dest="url", required=True)
        p.add_argument("--new-passphrase-file", help="passphrase for the copy on this computer")
        p.add_argument("--as-user", dest="as_user", help="your login in the practice")
        p.add_argument(
            "--practice",
            dest="practice_id",
            metavar="ID",
            help="which practice, when the storage holds several",
        )
        if name == "join":
            p.add_argument(
                "--code", help="an enrollment code from 'carnet device enroll' (no passphrase)"
            )
        if name == "restore":
            p.add_argument("--recovery-key-file", help="use the printed recovery key")
            p.add_argument(
                "--carry-over",
                metavar="DAMAGED-FOLDER",
                help="then bring over the changes a damaged copy had not pushed yet",
            )
            p.add_argument(
                "--lazy-documents",
                action="store_true",
                help="fetch documents' content when first opened",
            )

    p = sub.add_parser("check", help="verify the remote is complete and intact (writes nothing)")
    p.add_argument("--read-data", action="store_true", help="download and decrypt everything")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "repair",
        help="make a storage that lost data whole again from this computer (asks to confirm)",
    )
    p.add_argument("--yes", action="store_true", help="confirm without asking")

    command("remote set")(cmd_remote_set)
    command("remote show")(cmd_remote_show)
    command("sync")(cmd_sync)
    command("status")(cmd_status)
    command("conflicts")(cmd_conflicts)
    command("conflicts resolve")(cmd_conflicts_resolve)
    command("join")(cmd_join)
    command("restore")(cmd_restore)
    command("check")(cmd_check)
    command("repair")(cmd_repair)


def cmd_remote_set(args: argparse.Namespace) -> int:

    passphrase = read_passphrase(args)
    with open_practice_with(args, passphrase) as practice:
        recovery = set_remote(practice, args.url, passphrase=passphrase, create=args.create)

    if remember_from_environment(args.url):
        print("storage credentials remembered in this computer's keyring")
    if recovery:
        print("Recovery key (shown once; print it with 'carnet recovery-kit' and keep it safe):")
        print(recovery)
    else:
        print(f"remote set: {args.url}")
    return 0


def cmd_remote_show(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        url = practice.meta_value(REMOTE_URL)
    print(url or "no remote configured")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        service = SyncService(practice)
        if args.watch:
            return _watch(service)
        progress = TerminalProgress()
        report = service.sync(progress=progress)
        if args.snapshot:
            service.publish_snapshot()
        progress.done()
    pulled = sum(report.pulled_changes.values())
    print(
        f"pushed {report.pushed_changes} changes, pulled {pulled} from "
        f"{len(report.pulled_changes)} devices, {report.conflicts} new conflicts, "
        f"{report.requests} requests"
    )
    return 0


def _watch(service: Any) -> int:
    def run(cancel: threading.Event) -> Any:
        return service.sync(cancel)

    def show(status: Any) -> None:
        print(
            f"{status.state}: {status.pending} pending"
            + (f", last error: {status.last_error}" if status.last_error else ""),
            file=sys.stderr,
        )

    scheduler = SyncScheduler(run, pending=service.practice.pending_count, on_status=show)
    scheduler.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.stop()
    return 0


def cmd_status(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        replica = StoreReplica(practice.session)
        status = {
            "remote": practice.meta_value(REMOTE_URL),
            "device_id": practice.device_id,
            "pending_changes": practice.pending_count(),
            "last_sync": practice.meta_value(LAST_SYNC),
            "pushed_seq": replica.push_cursor()[1].seq,
            "devices": {d: c.seq for d, c in replica.cursors().items()},
            "open_conflicts": len(practice.conflicts()),
        }
    if args.json:
        emit_json(status)
        return 0
    print(f"remote:          {status['remote'] or 'not configured'}")
    print(f"this device:     {status['device_id']} (pushed up to segment {status['pushed_seq']})")
    print(f"pending changes: {status['pending_changes']}")
    print(f"last sync:       {status['last_sync'] or 'never'}")
    print(f"open conflicts:  {status['open_conflicts']}")
    for device, seq in sorted(status["devices"].items()):
        print(f"device {device}: applied up to segment {seq}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        conflicts = practice.conflicts()
    if args.json:
        emit_json(conflicts)
        return 0
    if not conflicts:
        print("no open conflicts")
    for c in conflicts:
        print(f"{c['id']}  {c['entity']} {c['record_id']} field {c['field']}")
        print(f"    local:  {c['local']!r}\n    remote: {c['remote']!r}")
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    with open_practice(args) as practice:
        practice.resolve_conflict(args.id, args.keep)
    return 0


def _join_or_restore(args: argparse.Namespace, *, recovery: str | None) -> int:

    folder = Path(args.data_dir)
    code = getattr(args, "code", None)
    passphrase = (
        None if recovery is not None or code else read_passphrase(args, "Practice passphrase: ")
    )
    local = new_passphrase(args, passphrase)
    carry = damage.read_damaged(args, (local, passphrase))
    progress = TerminalProgress()
    try:
        practice = join(
            folder,
            args.url,
            passphrase=passphrase,
            recovery_key=recovery,
            local_passphrase=local,
            username=args.as_user,
            progress=progress,
            lazy_documents=getattr(args, "lazy_documents", False),
            enrollment_code=code,
            practice_id=carry[0] if carry else args.practice_id,
        )
    except AmbiguousPracticeError as exc:
        ids = ", ".join(exc.practice_ids)
        ambiguous = AmbiguousPracticeError(
            f"the storage location holds {len(exc.practice_ids)} practices ({ids}): add "
            f"--practice ID to name the one to {args.command}",
            exc.practice_ids,
        )
        ambiguous.advice_included = True  # type: ignore[attr-defined]
        raise ambiguous from None
    progress.done()
    with practice:
        if carry:
            damage.carry_over(practice, carry[1], carry[2])
        counts = practice.counts()
        devices = StoreReplica(practice.session).cursors()
        name_for_the_app(folder, str(practice.practice_record()["name"]))
    print(
        f"{'restored' if recovery is not None or args.command == 'restore' else 'joined'}: "
        f"{counts['patient']:,} patients, {counts['consultation']:,} consultations from "
        f"{len(devices)} devices; this computer is device {practice.device_id}"
    )
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    return _join_or_restore(args, recovery=None)


def cmd_restore(args: argparse.Namespace) -> int:
    recovery = None
    if args.recovery_key_file:
        recovery = read_secret_file(args.recovery_key_file, "recovery key")
        parse_recovery_key(recovery)  # a typo is said, and where, before any network use
    return _join_or_restore(args, recovery=recovery)


def cmd_check(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        report = SyncService(practice).check(read_data=args.read_data)
    rows = [
        {
            "device": d.device,
            "head": d.head,
            "segments": d.segments,
            "changes": d.changes,
            "problems": list(d.problems),
        }
        for d in report.devices
    ]
    if args.json:
        emit_json(
            {
                "ok": report.ok,
                "devices": rows,
                "snapshots": report.snapshots,
                "blobs": report.blobs,
                "problems": list(report.problems),
            }
        )
    else:
        for row in rows:
            state = "intact" if not row["problems"] else "; ".join(row["problems"])
            print(
                f"device {row['device']}: {row['segments']} segments, head {row['head']}: {state}"
            )
        print(f"{report.snapshots} snapshots, {report.blobs} attachment chunks")
        for problem in report.problems:
            print(f"problem: {problem}")
    if not report.ok:
        raise errors.IntegrityFailureError("the remote is incomplete or was tampered with")
    return 0


REPAIR_EXPLAINED = """\
Repair makes the storage whole again from THIS computer. It publishes everything this
computer holds as the practice's new starting point and retires every chain of changes
on the storage (nothing is deleted); the other computers follow at their next sync and
keep everything they hold, pushed or not.
Before you confirm:
  - ask the storage provider (or check the NAS) whether the lost data can be put back:
    if it can, do that instead and simply sync again;
  - run it on the computer that holds the most recent data (the one that detected the
    loss, or the one used last), never on one that was offline for long;
  - a storage that seems to have lost data may also be an attack: repair never trusts
    the storage more than before, but check that the address is the practice's."""


def cmd_repair(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        service = SyncService(practice)
        report = service.check()
        for problem in [p for d in report.devices for p in d.problems] + list(report.problems):
            print(f"found: {problem}")
        if report.ok:
            print("the storage is complete: nothing to repair")
            return 0
        print(REPAIR_EXPLAINED)
        if not args.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                raise errors.UsageError(
                    "repair changes the storage for every computer of the practice: "
                    "read the above, then run 'carnet repair --yes' to confirm"
                )
            if input("Type REPAIR to confirm: ").strip() != "REPAIR":
                print("not confirmed: nothing was changed")
                return 1
        done = repair_storage(service)
    print(
        f"storage repaired (repair {done.record.number}): this computer is now device "
        f"{done.record.by}; {len(done.record.retired)} chains retired; the other computers "
        "follow at their next sync"
    )
    for device, why in sorted(done.unreadable.items()):
        print(f"warning: device {device} could not be read to its end ({why})")
        print("    what it wrote past that point reaches the practice when it syncs again")
    return 0

"""The ``carnet`` commands on the practice's keys and devices: device list, enroll and
revoke, recovery-kit (a new recovery key), passphrase change."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from desktop.cli.opening import (
    Register,
    new_passphrase,
    open_practice,
    open_practice_with,
    read_passphrase,
    read_secret_file,
)
from desktop.cli.output import emit_json
from desktop.practice import errors
from desktop.remote import REMOTE_URL, SyncService


def add_commands(sub: Any, command: Register) -> None:
    p = sub.add_parser(
        "recovery-kit", help="print a new recovery kit (PDF); the old one stops working"
    )
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")

    pw = sub.add_parser("passphrase", help="change the passphrase")
    pwsub = pw.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = pwsub.add_parser("change", help="re-wrap the keys; the old passphrase stops working")
    p.add_argument("--new-passphrase-file")
    p.add_argument(
        "--local-only",
        action="store_true",
        help="change it on this computer only, not the practice's on the remote",
    )

    device = sub.add_parser("device", help="list, enroll and revoke the practice's devices")
    dsub = device.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = dsub.add_parser("list", help="every device: name, last active, head")
    p.add_argument("--json", action="store_true")
    p = dsub.add_parser("enroll", help="a single-use code for 'carnet join --code'")
    p.add_argument("--expires", type=int, default=30, metavar="MINUTES", help="default 30")
    p = dsub.add_parser("revoke", help="cut a device off: rotate the practice key")
    p.add_argument("id")
    p.add_argument(
        "--practice-passphrase-file",
        help="the practice's passphrase if it differs from this computer's "
        "(or CARNET_PRACTICE_PASSPHRASE)",
    )
    command("device list")(cmd_device_list)
    command("device enroll")(cmd_device_enroll)
    command("device revoke")(cmd_device_revoke)
    command("device list")(cmd_device_list)
    command("device enroll")(cmd_device_enroll)
    command("device revoke")(cmd_device_revoke)
    command("recovery-kit")(cmd_recovery_kit)
    command("passphrase change")(cmd_passphrase_change)


def cmd_recovery_kit(args: argparse.Namespace) -> int:
    from desktop.reports.recovery_kit import write_recovery_kit

    out = Path(args.output)
    if not out.parent.is_dir():
        raise errors.UsageError(f"the folder {out.parent} does not exist")
    from desktop.practice.keyfile import KeyFile

    KeyFile.load(Path(args.data_dir))  # "not a practice" before asking for a passphrase
    local = read_passphrase(args)
    with open_practice_with(args, local) as practice:
        service = SyncService(practice)
        name = str(practice.practice_record()["name"])
        # The signing key's seed goes to the new kit if the practice passphrase is at
        # hand; otherwise the old kit's copy is deleted (the next revocation or
        # passphrase change wraps it to the new kit).
        practice_passphrase = os.environ.get("CARNET_PRACTICE_PASSPHRASE") or local
        rewrapped = service.signing_seed(practice_passphrase) is not None
        recovery = service.new_recovery_key(practice_passphrase if rewrapped else None)
        write_recovery_kit(
            out, practice_name=name, remote_url=str(service.url), recovery_key=recovery
        )
    print(f"recovery kit written to {out}: print it, store it safely, then delete the file")
    if not rewrapped:
        print(
            "note: the practice passphrase was not at hand (CARNET_PRACTICE_PASSPHRASE), so "
            "the new kit opens the practice's signing key only after the next "
            "'carnet passphrase change' or revocation"
        )
    return 0


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    from desktop.practice.keyfile import KeyFile

    old = read_passphrase(args, "Current passphrase: ")
    new = new_passphrase(args, None)
    if len(new) < 8:
        raise errors.InvalidInputError("the new passphrase must have at least 8 characters")
    if new == old:
        raise errors.InvalidInputError("the new passphrase is the same as the current one")
    with open_practice_with(args, old) as practice:
        if practice.meta_value(REMOTE_URL) and not args.local_only:
            service = SyncService(practice)
            # Only a holder of the practice passphrase changes it (and re-wraps the
            # signing key): a device enrolled with a code must not set one it knows.
            current = os.environ.get("CARNET_PRACTICE_PASSPHRASE") or old
            service.change_passphrase(new, current=current)  # remote first
        assert practice.user_id is not None  # opened with a passphrase: a login
        KeyFile.load(practice.folder).with_user(
            practice.user_id, practice.login_name or "", practice.db_key, new
        ).save()
    print("passphrase changed; the old one no longer opens this practice")
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        rows = SyncService(practice).devices()
    if args.json:
        emit_json([row.__dict__ for row in rows])
        return 0
    for row in rows:
        applied = "" if row.applied is None else f", applied here {row.applied}"
        print(
            f"{row.device}  {row.name or '(no name)'}  last active "
            f"{row.last_active or 'unknown'}  head {row.head}{applied}  [{row.state}]"
        )
    return 0


def cmd_device_enroll(args: argparse.Namespace) -> int:

    with open_practice(args) as practice:
        service = SyncService(practice)
        code = service.enroll(minutes=args.expires)
        url = service.url
    print(f"Enrollment code (single use, valid {args.expires} minutes):")
    print(code)
    print(f"On the new computer: carnet --data-dir FOLDER join --from {url} --code {code}")
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:

    local = read_passphrase(args)
    if args.practice_passphrase_file:
        practice_passphrase = read_secret_file(args.practice_passphrase_file, "passphrase")
    else:
        practice_passphrase = os.environ.get("CARNET_PRACTICE_PASSPHRASE") or local
    with open_practice_with(args, local) as practice:
        record, left_out = SyncService(practice).revoke(
            args.id, practice_passphrase=practice_passphrase
        )
    print(
        f"device {args.id} revoked: the practice key moved to epoch {record.epoch}; "
        f"its segments after {record.revoked[args.id]} will be refused"
    )
    for device in left_out:
        print(f"warning: device {device} published no device key; it must join again")
    print(
        "What it already downloaded cannot be taken back. If that device knew the "
        "practice passphrase, change it now: carnet passphrase change"
    )
    return 0

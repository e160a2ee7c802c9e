"""``carnet user add|list|deactivate|grant|set-until``: the people of the practice.

Beside ``user set``/``user show`` (a practitioner's professional details, desktop/cli/rx.py).
Only a doctor manages users (the store refuses the others, exit 6).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from typing import Any

from desktop.cli.opening import Register, open_practice, read_secret_file
from desktop.cli.output import emit_json, shown
from desktop.practice import errors, people


def _open(args: argparse.Namespace) -> Any:
    return open_practice(args)


def _new_passphrase(args: argparse.Namespace) -> str:
    """The new person's passphrase: never on the command line (it would show in ps)."""
    if args.new_passphrase_file:
        return read_secret_file(args.new_passphrase_file, "new passphrase")
    env = os.environ.get("CARNET_NEW_PASSPHRASE")
    if env:
        return env
    raise errors.UsageError(
        "the new user's passphrase is needed: --new-passphrase-file FILE or CARNET_NEW_PASSPHRASE"
    )


def cmd_user_add(args: argparse.Namespace) -> int:
    passphrase = _new_passphrase(args)
    with _open(args) as p:
        user_id = people.add_user(
            p,
            username=args.username,
            display_name=args.display_name,
            role=args.role,
            passphrase=passphrase,
            until=args.until,
        )
    print(user_id)
    return 0


def cmd_user_grant(args: argparse.Namespace) -> int:
    passphrase = _new_passphrase(args)
    with _open(args) as p:
        people.grant_login(p, args.username, passphrase)
    print(f"'{args.username}' can now log in on this computer")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with _open(args) as p:
        users = people.list_users(p)
    if args.json:
        emit_json([asdict(u) for u in users])
        return 0
    for u in users:
        state = "deactivated" if not u.active else "ended" if u.expired else "active"
        until = f" until {u.until}" if u.until else ""
        here = ", login here" if u.login_here else ""
        print(f"{shown(u.username)}  {shown(u.display_name)}  {u.role}{until}  [{state}{here}]")
    return 0


def cmd_user_deactivate(args: argparse.Namespace) -> int:
    with _open(args) as p:
        people.deactivate(p, args.username)
        rekeyed = p.enforce_departures()
    print(
        f"'{args.username}' is deactivated: their login ended on this computer"
        + (" (database key rotated)" if rekeyed else "")
        + " and ends on the others at their next sync. To stop their devices from reading "
        "what is synced after, revoke them: 'carnet device list', then 'carnet device revoke ID'"
    )
    return 0


def cmd_user_set_until(args: argparse.Namespace) -> int:
    with _open(args) as p:
        people.set_until(p, args.username, args.until)
    print(f"'{args.username}' can work until {args.until} (included)")
    return 0


def add_commands(usub: Any, command: Register) -> None:
    """Add the people commands to the ``user`` sub-parser made in desktop/cli/rx.py."""
    p = usub.add_parser("add", help="a doctor, locum or secretary, with a login here")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", required=True)
    p.add_argument("--role", required=True, choices=["doctor", "locum", "secretary"])
    p.add_argument("--until", metavar="YYYY-MM-DD", help="a locum's last day")
    p.add_argument("--new-passphrase-file", help="the new user's passphrase (first line)")
    p = usub.add_parser("grant", help="a login on this computer for a synced user")
    p.add_argument("username", metavar="USER")
    p.add_argument("--new-passphrase-file", help="their passphrase on this computer")
    p = usub.add_parser("list", help="the practice's people, roles and logins")
    p.add_argument("--json", action="store_true")
    p = usub.add_parser("deactivate", help="a departure: end their logins everywhere")
    p.add_argument("username", metavar="USER")
    p = usub.add_parser("set-until", help="change a locum's last day")
    p.add_argument("username", metavar="USER")
    p.add_argument("until", metavar="YYYY-MM-DD")
    for name, fn in (
        ("user add", cmd_user_add),
        ("user grant", cmd_user_grant),
        ("user list", cmd_user_list),
        ("user deactivate", cmd_user_deactivate),
        ("user set-until", cmd_user_set_until),
    ):
        command(name)(fn)

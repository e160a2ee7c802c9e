"""The ``carnet`` command: the desktop app by default, sub-commands for everything else.

Exit codes: 0 ok, 2 usage, 3 wrong passphrase or key, 4 storage unreachable, 5 integrity
failure, 1 anything else. Errors are one sentence on stderr, never a traceback, never
patient data; an unexpected bug writes its traceback (without values) to a crash log.
The commands live in records, sync, devices, rx and interop; this module builds the
parser and dispatches.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from desktop.cli import devices, interop, records, rx
from desktop.cli import sync as sync_commands
from desktop.cli.opening import Handler, default_data_dir
from desktop.cli.output import closed_pipe, report

_HANDLERS: dict[str, Handler] = {}


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2 like every other error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"carnet: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[name] = fn
        return fn

    return register


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

    records.add_commands(sub, command)
    sync_commands.add_commands(sub, command)
    devices.add_commands(sub, command)
    rx.add_commands(sub, command)
    interop.add_commands(sub, command)
    return parser


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
    except KeyboardInterrupt:
        print("carnet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return closed_pipe()
    except Exception as exc:  # noqa: BLE001 - known or a bug: one sentence, never a traceback
        from desktop.cli.damage import unpushed_sentence

        return report(exc, unpushed_sentence(exc, args))


if __name__ == "__main__":
    sys.exit(main())

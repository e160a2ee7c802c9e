"""Where the ``carnet`` command finds the practice and its secrets: the data folder,
secret files, passphrases (file, environment, prompt) and the opened practice."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs

from desktop.practice import errors
from desktop.practice.store import Practice

Handler = Callable[[argparse.Namespace], int]
Register = Callable[[str], Callable[[Handler], Handler]]


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
        # Kept in memory for this run only: a damage report reads the unpushed changes.
        args.passphrase_read = getpass.getpass(prompt)
        return str(args.passphrase_read)
    raise errors.UsageError(
        "a passphrase is needed: use --passphrase-file FILE, CARNET_PASSPHRASE, or a terminal"
    )


def new_passphrase(args: argparse.Namespace, fallback: str | None) -> str:
    """This computer's new passphrase: --new-passphrase-file, CARNET_NEW_PASSPHRASE,
    ``fallback``, then a prompt."""
    if getattr(args, "new_passphrase_file", None):
        return read_secret_file(args.new_passphrase_file, "new passphrase")
    env = os.environ.get("CARNET_NEW_PASSPHRASE")
    if env:
        return env
    if fallback is not None:
        return fallback
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("New passphrase for this computer: ")
    raise errors.UsageError(
        "a new passphrase for this computer is needed: --new-passphrase-file FILE or "
        "CARNET_NEW_PASSPHRASE"
    )


def open_practice(args: argparse.Namespace) -> Practice:
    from desktop.practice.keyfile import KeyFile

    KeyFile.load(Path(args.data_dir))  # "not a practice" before asking for a passphrase
    return open_practice_with(args, read_passphrase(args))


def open_practice_with(args: argparse.Namespace, passphrase: str) -> Practice:
    return Practice.open(
        Path(args.data_dir), passphrase=passphrase, username=args.user, on_upgrade=_upgrading
    )


def name_for_the_app(folder: Path, name: str) -> None:
    """The practice's name for the app's unlock dialog, whose first start would otherwise
    show a placeholder: kept in the OS user's settings, as the app keeps it."""
    from desktop.app.known_practices import remember_name

    remember_name(folder, name)


def _upgrading(current: int, target: int) -> None:
    """Said on stderr (stdout may be a script's JSON): the wait has a reason."""
    print(
        f"upgrading the practice database (schema {current} to {target}), once: a few "
        "seconds, up to a few minutes for a very large practice that never synced",
        file=sys.stderr,
        flush=True,
    )

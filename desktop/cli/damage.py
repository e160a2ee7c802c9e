"""Damage to the local database, from the ``carnet`` side: the damage report says which
changes made here were not pushed yet (``desktop.practice.salvage``: how many, of which
kinds, never a value), and ``restore --carry-over DAMAGED-FOLDER`` brings them over."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import Any

from desktop.cli.opening import read_secret_file
from desktop.practice import errors, salvage
from desktop.practice.keyfile import KeyFile
from desktop.practice.replica import StoreReplica
from desktop.practice.store import DB_NAME, Practice
from desktop.remote import SyncService


def unpushed_sentence(exc: BaseException, args: argparse.Namespace) -> str:
    """After damage to the local database, what was not pushed yet (read from the
    damaged file without writing to it); "" for any other error."""
    folder = Path(getattr(args, "data_dir", None) or ".")
    db = folder / DB_NAME
    if not isinstance(exc, errors.CorruptDatabaseError) or not db.is_file():
        return ""
    if db.stat().st_size == 0:
        return ""  # its sentence says so: nothing is left to read
    secrets = [getattr(args, "passphrase_read", None), os.environ.get("CARNET_PASSPHRASE")]
    if getattr(args, "passphrase_file", None):
        with contextlib.suppress(errors.CarnetError):
            secrets.append(read_secret_file(args.passphrase_file, "passphrase"))
    key = salvage.database_key(folder, tuple(p for p in secrets if p))
    if key is None:
        return ""
    sentence = salvage.describe(salvage.read_unpushed(folder, key))
    return ". " + sentence.replace("{folder}", str(folder))


def read_damaged(args: argparse.Namespace, passphrases: tuple[str | None, ...]) -> Any:
    """With --carry-over: (practice id, folder, unpushed changes) read from the damaged
    copy before anything is restored (a passphrase that does not open it: exit 3)."""
    if not getattr(args, "carry_over", None):
        return None
    old = Path(args.carry_over)
    keyfile = KeyFile.load(old)
    tried = (*passphrases, os.environ.get("CARNET_PASSPHRASE"))
    key = salvage.database_key(old, tuple(p for p in tried if p))
    if key is None:
        raise errors.WrongPassphraseError(
            f"the passphrase given does not open {old} (its own passphrase is needed to "
            "read what it had not pushed); nothing was restored"
        )
    return keyfile.practice_id, old, salvage.read_unpushed(old, key)


def carry_over(practice: Practice, old: Path, unpushed: salvage.Unpushed) -> None:
    """Merge the damaged copy's unpushed changes into the restored practice and push."""
    StoreReplica(practice.session).carry_over(unpushed.changes)
    if unpushed.changes:
        SyncService(practice).sync()
    kinds = ", ".join(f"{n} {kind}" for kind, n in unpushed.kinds().items()) or "none"
    print(
        f"carried over {len(unpushed.changes)} changes {old} had not pushed ({kinds}), "
        "and pushed them"
    )
    lost = None if unpushed.expected is None else unpushed.expected - len(unpushed.changes)
    if lost is None or lost > 0:
        print(
            f"warning: {'some' if lost is None else lost} changes of {old} could not be read "
            "(the damage reaches them) and are lost"
        )

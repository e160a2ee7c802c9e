"""Joining a practice as a new device, or restoring a whole practice from its storage,
into an empty folder: restartable, and the folder refuses to open until it is complete,
or usable (``usable_first``: the rest then streams in, desktop.remote.snapshot_stream)."""

from __future__ import annotations

import time
from pathlib import Path
from threading import Event

from desktop.practice import errors
from desktop.practice.keyfile import KeyFile
from desktop.practice.meta import USABLE
from desktop.practice.replica import StoreReplica
from desktop.practice.store import DB_NAME, Practice
from desktop.remote import opening, snapshot_stream
from desktop.remote.credentials import connect
from desktop.remote.keyring import StoreKeyRing, ensure_device_key
from desktop.remote.repair import read_and_adopt
from desktop.remote.service import SyncService
from desktop.remote.state import (
    LAZY_DOCUMENTS,
    REMOTE_URL,
    RESTORE_STATE,
    SNAPSHOT_LOADED,
    Clock,
    Progress,
)
from sync.backends import Backend
from sync.devices import read_revocations
from sync.enrollment import redeem_enrollment
from sync.errors import CancelledError
from sync.repair import read_repairs, retired_chains
from sync.segments import PracticeKeys
from sync.signing import SigningPin


def join(
    folder: Path,
    url: str,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    local_passphrase: str,
    username: str | None = None,
    password: str | None = None,
    progress: Progress | None = None,
    cancel: Event | None = None,
    lazy_documents: bool = False,
    enrollment_code: str | None = None,
    now: Clock = time.time,
    backend: Backend | None = None,
    practice_id: str | None = None,
    usable_first: bool = False,
) -> Practice:
    """Make ``folder`` a new device of the practice at ``url`` and pull everything.

    ``usable_first`` (the app): return as soon as the practice is usable (its people,
    patients, chart summaries, agenda and search index are in), its state "usable";
    the rest of the snapshot streams in at its next syncs, which then mark it complete
    (``desktop.remote.snapshot_stream``). Otherwise (the CLI, scripts) return complete.

    Restartable: if a previous join or restore into ``folder`` was interrupted, it
    continues from where it stopped (the snapshot and applied segments are kept) instead
    of starting again. Until it is complete (or, with ``usable_first``, usable), the
    folder is marked incomplete and refuses to open as a practice.

    ``enrollment_code``: instead of the practice passphrase, a code made by
    'carnet device enroll' on an enrolled device (single use, expires; ``now`` is the
    clock it is checked against). The new device never learns the passphrase.
    ``backend``: an already opened storage for ``url`` (a tested connection; tests).
    ``practice_id``: which practice, when the storage root holds several
    (``AmbiguousPracticeError`` lists them). The new device pins the practice's signing
    key (``desktop.remote.opening.signing_pin``) before it reads any revocation record.
    """
    backend = backend or connect(url, password=password)
    pin: SigningPin | None = None
    if KeyFile.exists(folder):
        practice = Practice.open(folder, passphrase=local_passphrase, allow_incomplete=True)
        username = username or practice.login_name  # the login the interrupted join chose
        if practice.meta_value(RESTORE_STATE) != "in-progress":
            practice.close()
            raise errors.UsageError(f"{folder} already holds a practice; choose an empty folder")
        keys = practice.practice_keys
    else:
        _remove_unkeyed_database(folder)
        if folder.exists() and any(folder.iterdir()):
            raise errors.UsageError(f"{folder} is not empty; restore into an empty folder")
        pid = opening.practice_id(backend, practice_id)
        if enrollment_code is not None:
            keys, pin = redeem_enrollment(backend, pid, enrollment_code, int(now() * 1000))
        else:
            keys = opening.open_remote(backend, pid, passphrase, recovery_key)
        pin = opening.signing_pin(backend, keys, pin, passphrase, recovery_key)
        practice = Practice.create_empty(
            folder,
            practice_keys=keys,
            passphrase=local_passphrase,
            username=username or "",
            meta={
                REMOTE_URL: url,
                RESTORE_STATE: "in-progress",
                LAZY_DOCUMENTS: "1" if lazy_documents else "0",
            },
        )
    try:
        # Bulk mode: indexes rebuilt once at the end rather than row by row.
        replica = StoreReplica(practice.session)
        with replica.restoring(progress):
            complete = practice.meta_value(SNAPSHOT_LOADED) == "1" or _snapshot(
                practice, replica, backend, keys, pin, usable_first, cancel, progress
            )
            if cancel is not None and cancel.is_set():
                raise CancelledError("restore paused after the snapshot")
            if complete:
                SyncService(practice, backend, replica).sync(cancel, progress)
        practice.bind_user(username, local_passphrase)
        with practice.transaction():
            practice.set_meta(RESTORE_STATE, "complete" if complete else USABLE)
        if not complete:
            # Known to the practice's devices now, not at the end of the stream: a
            # revocation meanwhile wraps the new key epoch to this device too.
            SyncService(practice, backend).publish_device_info(refresh=True)
    except BaseException:
        practice.close()
        raise
    return practice


def _snapshot(
    practice: Practice,
    replica: StoreReplica,
    backend: Backend,
    keys: PracticeKeys,
    pin: SigningPin | None,
    usable_first: bool,
    cancel: Event | None,
    progress: Progress | None,
) -> bool:
    """Adopt the storage's keys, revocations and repairs, then load the snapshot (or
    its first chunks): whether all of it is in."""
    ensure_device_key(practice)
    ring = StoreKeyRing(practice)
    if pin is not None and ring.signing_pin() is None:
        ring.pin_signing(pin)
    revocations = read_revocations(backend, keys, ring.signing_pin())
    StoreKeyRing(practice).adopt(keys, revocations)
    repairs = read_repairs(backend, keys, revocations=revocations)
    read_and_adopt(practice, repairs)
    if progress:
        progress("snapshot", 0, 1)
    complete = snapshot_stream.load_first(
        backend,
        keys,
        replica,
        revocations,
        retired_chains(repairs),
        {r.snapshot for r in repairs},
        usable_first=usable_first,
        cancel=cancel,
        progress=progress,
    )
    if complete:
        with practice.transaction():
            practice.set_meta(SNAPSHOT_LOADED, "1")
    if progress:
        progress("snapshot", 1, 1)
    return complete


def _remove_unkeyed_database(folder: Path) -> None:
    """A restore killed between creating the database and writing its key file leaves a
    database nobody can ever open (its key was only in memory): clear it, and only it."""
    if not folder.is_dir() or KeyFile.exists(folder):
        return
    leftovers = list(folder.iterdir())
    if leftovers and all(p.name.startswith((DB_NAME, ".tmp-")) for p in leftovers):
        for path in leftovers:
            path.unlink()

"""Errors of the sync engine, sorted by who is to blame and what the user can do.

One class per kind. Every class carries ``permanent`` (retrying cannot help; the
scheduler stops retrying). What a kind means to the person (a sentence, an action, the
CLI's exit code) is decided outside the engine, in ``desktop.errors``. Messages never
contain patient data: only device ids, sequence numbers and object names, which are
opaque.
"""

from __future__ import annotations

from sync import crypto
from sync.backends.base import (
    AccessDeniedError,
    AuthError,
    BackendError,
    NotFoundError,
    StorageFullError,
    TargetMissingError,
    UnreachableError,
)


class SyncError(Exception):
    """Base of the engine's own errors."""

    permanent = True


class WrongSecretError(SyncError, crypto.WrongSecretError):
    """The passphrase or recovery key does not open the practice key."""


class RemoteUnavailableError(SyncError):
    """The storage cannot be reached right now; the scheduler retries later."""

    permanent = False


class CredentialsRefusedError(SyncError):
    """The storage refused the login, password or access keys: permanent until the
    person fixes them (a wrong password retried forever may also lock the account)."""


class StorageRefusedError(SyncError):
    """The storage refused to store: full, over quota, read-only or no permission
    (the fix is on the storage's side). Permanent: the
    scheduler stops retrying until the user acts. Nothing local is lost."""

    advice_included = True


class NotAPracticeError(SyncError):
    """The target is missing, empty, or holds no Carnet practice.

    Raised instead of ever treating an empty place as "a new, empty practice": that is
    how other sync tools have deleted their users' data.
    """


class AmbiguousPracticeError(NotAPracticeError):
    """The root holds several practices; the caller must name one (``practice_ids``)."""

    def __init__(self, message: str, practice_ids: list[str]) -> None:
        super().__init__(message)
        self.practice_ids = practice_ids


class UnsupportedFormatError(SyncError):
    """The remote was written by a newer Carnet (format version unknown here): upgrade."""


class IntegrityError(SyncError, crypto.IntegrityError):
    """Remote content failed verification: modified, truncated, reordered, foreign,
    missing or rolled back. Nothing from the failing object was applied."""

    def __init__(self, message: str, device: str | None = None, seq: int | None = None) -> None:
        super().__init__(message)
        self.device = device
        self.seq = seq


class RollbackError(IntegrityError):
    """A device's head is behind what this device already applied: a rollback alarm."""


class OwnChainLostError(RollbackError):
    """The storage no longer holds the end of this device's own chain (rolled back,
    restored from an older copy, deleted). Nothing is pushed onto the gap: a chain with
    a hole cannot be restored by anyone."""

    advice_included = True

    def __init__(self, device: str, listed: int, pushed: int) -> None:
        first = listed + 1
        which = f"segment {pushed}" if first == pushed else f"segments {first} to {pushed}"
        super().__init__(
            f"the storage no longer holds {which} that this device pushed (it was rolled "
            "back, restored from an older copy, or they were deleted): nothing was pushed, "
            "and this device's data is intact. If the storage can be put back as it was, "
            "do so and sync again; otherwise run 'carnet repair' on the device that holds "
            "the most recent data",
            device,
            first,
        )
        self.pushed = pushed


class DeviceIdCollisionError(SyncError):
    """Another writer uses this device's id (a cloned disk, or a restored old database).

    Found when a create-only put meets a *different* segment at our next seq, or when our
    own head is ahead of what we pushed. Recovery: the store takes a new device id and a
    fresh push cursor (keeps its records), re-stamps its unpushed changes with the new id
    (same ``replaces``; clones share clock state, so old-id stamps could collide with the
    original's for different values), and syncs again.
    """

    def __init__(self, message: str, device: str, seq: int) -> None:
        super().__init__(message)
        self.device = device
        self.seq = seq


class CancelledError(SyncError):
    """The sync was cancelled between two steps; nothing half-done was recorded."""

    permanent = False


def from_backend(exc: BackendError) -> SyncError:
    """Translate a storage error into the engine's vocabulary, keeping the cause."""
    err: SyncError
    if isinstance(exc, AuthError):
        err = CredentialsRefusedError(f"the storage refused the credentials: {exc}")
    elif isinstance(exc, TargetMissingError):
        err = NotAPracticeError(f"the storage location does not exist: {exc}")
        # A storage that is not there at all is, for a practice already syncing with it,
        # most often one not connected (a disk, a network share, the laptop away from
        # the office): retried with backoff, so it syncs on its own once it is back.
        # Nothing is ever written to a place that is missing or holds no practice.
        err.permanent = False
    elif isinstance(exc, StorageFullError):
        err = StorageRefusedError(
            f"the storage is full ({str(exc).rstrip('.')}): free space or raise the quota "
            "there, then sync again; nothing was lost on this computer"
        )
    elif isinstance(exc, AccessDeniedError):
        err = StorageRefusedError(
            f"the storage refused to write ({str(exc).rstrip('.')}): check that it is "
            "mounted read-write and that this computer's account may write there, then "
            "sync again; nothing was lost on this computer"
        )
    elif isinstance(exc, UnreachableError):
        err = RemoteUnavailableError(f"the storage cannot be reached: {exc}")
    elif isinstance(exc, NotFoundError):
        err = IntegrityError(f"an expected remote object is missing: {exc}")
    else:
        err = SyncError(str(exc))
        err.permanent = exc.permanent
    err.__cause__ = exc
    return err


def is_permanent(exc: BaseException) -> bool:
    """Whether retrying the same operation later can help (False: back off and retry)."""
    if isinstance(exc, SyncError | BackendError):
        return bool(exc.permanent)
    return not isinstance(exc, OSError)

"""One small storage interface; every adapter (memory, folder, WebDAV, S3) implements it.

Storage is dumb: list, get, create-only put, overwrite put, delete. No locks and no
server logic; correctness rests on one writer per object name (see
docs/sync-protocol.md). Errors say whether retrying can help (``permanent``), like
restic's ``IsPermanentError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class BackendError(Exception):
    """A storage operation failed. ``permanent`` errors are not retried."""

    permanent = False


class NotFoundError(BackendError):
    """The object does not exist (permanent: retrying will not make it appear)."""

    permanent = True


class AlreadyExistsError(BackendError):
    """A create-only put found the name taken (another writer, or a cloned device)."""

    permanent = True


class AuthError(BackendError):
    """Credentials refused (401/403, or a bad signature)."""

    permanent = True


class StorageFullError(BackendError):
    """The storage has no room (507, ENOSPC, quota)."""

    permanent = True


class AccessDeniedError(BackendError):
    """The storage refused to write: a read-only mount, no permission (permanent)."""

    permanent = True


class UnreachableError(BackendError):
    """The storage could not be reached, timed out, or is busy (423, 5xx): try later."""


class TargetMissingError(BackendError):
    """The configured folder, bucket or collection does not exist."""

    permanent = True


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a backend guarantees beyond the basics.

    ``atomic_create``: a create-only put is exclusive under concurrency (only one of
    several simultaneous creators succeeds). Carnet never *relies* on it.
    """

    atomic_create: bool


class Backend(Protocol):
    """Object storage seen as a flat namespace of ``/``-separated names under a root."""

    @property
    def capabilities(self) -> Capabilities: ...

    def list(self, prefix: str) -> list[ObjectInfo]:
        """Every object whose name starts with ``prefix`` (a folder, ending in ``/``).

        Names are full names relative to the root. Objects still being uploaded are
        never listed. An absent prefix lists nothing.
        """
        ...

    def get(self, name: str) -> bytes:
        """The object's whole content; :class:`NotFoundError` if absent."""
        ...

    def create(self, name: str, data: bytes) -> None:
        """Write a new object; :class:`AlreadyExistsError` if the name exists.

        Readers see either nothing or the whole object, never part of it.
        """
        ...

    def put(self, name: str, data: bytes) -> None:
        """Write or replace an object (heads); readers see the old or the new whole."""
        ...

    def delete(self, name: str) -> None:
        """Remove an object; deleting an absent object is not an error."""
        ...

    def check(self) -> None:
        """Verify the target exists and credentials work; raise a BackendError if not."""
        ...

    def close(self) -> None: ...

"""The practice and its sync remote together: connecting, syncing, joining, restoring.

Used by the ``carnet`` sync commands and by the desktop app (on its network worker).
The engine (``sync/``) knows nothing of the store; this module hands it the store's
replica and the practice keys, keeps the remote address in the encrypted database,
fetches documents' content after a pull, and turns a cloned device id into a new one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from desktop.practice import errors
from desktop.practice.keycache import KeyCache
from desktop.practice.keyfile import KeyFile
from desktop.practice.store import DB_NAME, Practice
from sync.backends import PASSWORD_ENV, Backend, open_backend
from sync.backends.retry import RetryingBackend, RetryPolicy
from sync.changes import new_id
from sync.engine import SyncEngine, SyncReport, check_remote, load_latest_snapshot
from sync.errors import DeviceIdCollisionError
from sync.remote import (
    BlobRef,
    create_practice_remote,
    download_blob,
    open_practice_remote,
)
from sync.segments import PracticeKeys

REMOTE_URL = "remote_url"
LAST_SYNC = "last_sync"
CREDENTIAL_SERVICE = "carnet-remote"
LAZY_DOCUMENTS = "lazy_documents"  # "1": fetch a document's content when first opened
RESTORE_STATE = "restore_state"  # "in-progress" until a join/restore has pulled everything
Progress = Callable[[str, int, int], None]


def credential_cache() -> KeyCache:
    """Where storage credentials are remembered: the OS keyring, never a file."""
    return KeyCache(CREDENTIAL_SERVICE)


def _credentials(url: str, password: str | None) -> dict[str, str]:
    """Storage credentials: given, else the environment, else the OS keyring."""
    scheme = url.split(":", 1)[0].lower()
    if scheme.startswith("webdav"):
        found = password or os.environ.get(PASSWORD_ENV) or credential_cache().load_text(url)
        return {"password": found} if found else {}
    if scheme == "s3":
        access, secret = (
            os.environ.get("AWS_ACCESS_KEY_ID"),
            os.environ.get("AWS_SECRET_ACCESS_KEY"),
        )
        if not (access and secret):
            stored = credential_cache().load_text(url)
            if stored and ":" in stored:
                access, secret = stored.split(":", 1)
        return {"access_key": access, "secret_key": secret} if access and secret else {}
    return {}


def remember_credentials(url: str) -> bool:
    """Keep the storage credentials given in the environment in the OS keyring (never in
    a file); False where there is no secure keyring or nothing to remember."""
    scheme = url.split(":", 1)[0].lower()
    if scheme.startswith("webdav") and os.environ.get(PASSWORD_ENV):
        return credential_cache().store_text(url, os.environ[PASSWORD_ENV])
    access, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if scheme == "s3" and access and secret:
        return credential_cache().store_text(url, f"{access}:{secret}")
    return False


def connect(url: str, *, password: str | None = None) -> Backend:
    """The backend for ``url`` with retries; credentials from the arguments, the
    environment or the OS keyring. ValueError (a malformed URL, missing credentials)
    becomes a usage error."""
    try:
        creds = _credentials(url, password)
        backend = open_backend(
            url,
            password=creds.get("password"),
            access_key=creds.get("access_key"),
            secret_key=creds.get("secret_key"),
        )
    except ValueError as exc:
        raise errors.UsageError(str(exc)) from exc
    return RetryingBackend(backend, RetryPolicy())


@dataclass(frozen=True)
class Status:
    remote: str | None
    pending: int
    last_sync: str | None
    device_id: str
    cursors: dict[str, int]


class SyncService:
    """Sync one open practice with its configured remote."""

    def __init__(self, practice: Practice, backend: Backend | None = None) -> None:
        self.practice = practice
        url = practice.meta_value(REMOTE_URL)
        if backend is None:
            if not url:
                raise errors.UsageError(
                    "no sync remote is configured; run 'carnet remote set URL' first"
                )
            backend = connect(str(url))
        self.url = url
        self.backend = backend

    @property
    def keys(self) -> PracticeKeys:
        return self.practice.practice_keys

    def engine(self, cancel: Event | None = None, progress: Progress | None = None) -> SyncEngine:
        return SyncEngine(
            self.practice.replica, self.backend, self.keys, cancel=cancel, progress=progress
        )

    def sync(self, cancel: Event | None = None, progress: Progress | None = None) -> SyncReport:
        """Push, pull, fetch new documents. A cloned disk becomes a new device once."""
        try:
            report = self.engine(cancel, progress).sync()
        except DeviceIdCollisionError:
            self.practice.replica.set_device_id(new_id())
            report = self.engine(cancel, progress).sync()
        if self.practice.meta_value(LAZY_DOCUMENTS) != "1":
            self.fetch_documents(cancel)
        with self.practice.transaction():
            self.practice.set_meta(LAST_SYNC, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        return report

    def fetch_documents(self, cancel: Event | None = None) -> int:
        """Download the content of documents that arrived by sync (verified, then stored)."""
        fetched = 0
        for sha, size in self.practice.replica.missing_blobs():
            if cancel is not None and cancel.is_set():
                break
            data = download_blob(self.backend, self.keys, BlobRef(sha, size))
            self.practice.replica.store_blob(sha, data)
            fetched += 1
        return fetched

    def document_content(self, document_id: str) -> bytes:
        """A document's content, fetched from the remote first if it is not here yet."""
        try:
            return self.practice.document_content(document_id)
        except errors.NotFoundError:
            doc = self.practice.get("document", document_id)
            if doc is None or not doc["content_hash"]:
                raise
        data = download_blob(self.backend, self.keys, BlobRef(doc["content_hash"], doc["size"]))
        self.practice.replica.store_blob(doc["content_hash"], data)
        return self.practice.document_content(document_id)

    def publish_snapshot(self) -> str:
        return self.engine().publish_snapshot()

    def status(self) -> Status:
        return Status(
            remote=self.url,
            pending=self.practice.pending_count(),
            last_sync=self.practice.meta_value(LAST_SYNC),
            device_id=self.practice.device_id,
            cursors={d: c.seq for d, c in self.practice.replica.cursors().items()},
        )

    def check(self, *, read_data: bool = False) -> Any:
        return check_remote(
            self.backend, self.keys, read_data=read_data, known=self.practice.replica.cursors()
        )


def set_remote(
    practice: Practice, url: str, *, passphrase: str, create: bool, password: str | None = None
) -> str | None:
    """Attach ``practice`` to a remote; with ``create``, set the remote up (returns the
    recovery key text, to show once). Without it the remote must already hold this
    practice and the passphrase must open it."""
    backend = connect(url, password=password)
    backend.check()
    recovery: str | None = None
    if create:
        current = practice.practice_keys
        if len(current.epochs) != 1:
            raise errors.UsageError("this practice already has a remote key history")
        _, recovery = create_practice_remote(
            backend,
            practice.practice_id,
            passphrase,
            practice_key=current.key(current.current),
        )
    else:
        keys = open_practice_remote(backend, practice.practice_id, passphrase=passphrase)
        if keys.key(keys.current) != practice.practice_keys.key(practice.practice_keys.current):
            raise errors.IntegrityFailureError(
                "the remote's practice key differs from this practice's; check the address"
            )
    with practice.transaction():
        practice.set_meta(REMOTE_URL, url)
    return recovery


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
) -> Practice:
    """Make ``folder`` a new device of the practice at ``url`` and pull everything.

    Restartable: if a previous join or restore into ``folder`` was interrupted, it
    continues from where it stopped (the snapshot and applied segments are kept) instead
    of starting again. Until it completes, the folder is marked incomplete and refuses to
    open as a practice.
    """
    backend = connect(url, password=password)
    if KeyFile.exists(folder):
        practice = Practice.open(folder, passphrase=local_passphrase, allow_incomplete=True)
        if practice.meta_value(RESTORE_STATE) != "in-progress":
            practice.close()
            raise errors.UsageError(f"{folder} already holds a practice; choose an empty folder")
    else:
        if folder.exists() and any(folder.iterdir()):
            raise errors.UsageError(f"{folder} is not empty; restore into an empty folder")
        keys = open_practice_remote(backend, None, passphrase=passphrase, recovery_key=recovery_key)
        practice = Practice.create_empty(
            folder, practice_keys=keys, passphrase=local_passphrase, username=username or ""
        )
        with practice.transaction():
            practice.set_meta(REMOTE_URL, url)
            practice.set_meta(RESTORE_STATE, "in-progress")
            practice.set_meta(LAZY_DOCUMENTS, "1" if lazy_documents else "0")
        load_latest_snapshot(backend, keys, practice.replica)
    try:
        SyncService(practice, backend).sync(cancel, progress)
        practice.bind_user(username, local_passphrase)
        with practice.transaction():
            practice.set_meta(RESTORE_STATE, "complete")
    except BaseException:
        practice.close()
        raise
    return practice


def remote_password_from_env() -> str | None:
    return os.environ.get("CARNET_REMOTE_PASSWORD")


def database_exists(folder: Path) -> bool:
    return (folder / DB_NAME).exists()

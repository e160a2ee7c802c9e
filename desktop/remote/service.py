"""The practice and its sync remote together: connecting, syncing, joining, restoring.

Used by the ``carnet`` sync commands and by the desktop app (on its network worker).
The engine (``sync/``) knows nothing of the store; this module hands it the store's
replica and the practice keys, keeps the remote address in the encrypted database,
fetches documents' content after a pull, and turns a cloned device id into a new one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from desktop.practice import errors
from desktop.practice.conflict_view import DEVICE_NAMES
from desktop.practice.keycache import KeyCache
from desktop.practice.keyfile import KeyFile
from desktop.practice.store import DB_NAME, Practice
from desktop.remote.repair import StoreRepairs, check_owed, follow, read_and_adopt
from sync.backends import PASSWORD_ENV, Backend, open_backend
from sync.backends.base import TargetMissingError
from sync.backends.retry import RetryingBackend, RetryPolicy
from sync.backends.webdav import WebDavBackend
from sync.blobs import BlobRef, download_blob, upload_blob
from sync.changes import new_id
from sync.check import check_remote
from sync.devices import (
    DeviceRevokedError,
    Revocation,
    check_competing_epoch,
    new_device_key,
    publish_info,
    read_infos,
    read_revocations,
    rotate_epoch,
)
from sync.engine import SyncEngine, SyncReport
from sync.enrollment import (
    DEFAULT_ENROLL_MINUTES,
    MAX_ENROLL_MINUTES,
    create_enrollment,
    delete_expired_enrollments,
    redeem_enrollment,
)
from sync.errors import CancelledError, DeviceIdCollisionError
from sync.remote import (
    create_practice_remote,
    discover_practice,
    heads_prefix,
    open_practice_remote,
    parse_head,
)
from sync.repair import StorageRepairedError, read_repairs, retired_chains
from sync.segments import PracticeKeys
from sync.snapshots import load_latest_snapshot

REMOTE_URL = "remote_url"
LAST_SYNC = "last_sync"
CREDENTIAL_SERVICE = "carnet-remote"
LAZY_DOCUMENTS = "lazy_documents"  # "1": fetch a document's content when first opened
RESTORE_STATE = "restore_state"
SNAPSHOT_LOADED = (
    "restore_snapshot_loaded"  # "in-progress" until a join/restore has pulled everything
)
DEVICE_KEY = "device_key"  # hex X25519 private key: new key epochs are wrapped to it
DEVICE_NAME = "device_name"  # shown by 'carnet device list' (encrypted on the remote)
DEVICE_INFO = "device_info"  # "<device>:<epoch>:<ms>" of the info object last published
REVOCATIONS = "revocations"  # JSON list of verified revocation records
MOVE_OWED = "move_owed"
"""meta, while a move to other storage is unfinished: "create" (a new storage) or "join"
(a storage another device moved to first, whose snapshot must be merged)."""
DEVICE_PINS = "device_pins"  # JSON {device: public key hex}, as first seen
INFO_REFRESH_MS = 10 * 60 * 1000  # "last active" is refreshed at most this often
Progress = Callable[[str, int, int], None]
Clock = Callable[[], float]  # seconds since the epoch, like time.time (tests inject one)


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


class StoreKeyRing:
    """The store's side of key epochs (``sync.devices.KeyRing``): the device's X25519
    key, the key ring and the verified revocation records, all in the encrypted meta."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice

    def device_private_key(self) -> bytes | None:
        value = self.practice.meta_value(DEVICE_KEY)
        return bytes.fromhex(value) if value else None

    def revocations(self) -> Mapping[int, Revocation]:
        raw = self.practice.meta_value(REVOCATIONS)
        records = [Revocation.from_json(r) for r in json.loads(raw)] if raw else []
        return {r.epoch: r for r in records}

    def adopt(self, keys: PracticeKeys, revocations: Sequence[Revocation]) -> None:
        merged = {**self.revocations(), **{r.epoch: r for r in revocations}}
        with self.practice.transaction():
            self.practice.set_practice_keys(keys)
            self.practice.set_meta(
                REVOCATIONS, json.dumps([merged[e].to_json() for e in sorted(merged)])
            )


def ensure_device_key(practice: Practice) -> bytes:
    """This device's X25519 public key, creating the pair on first use."""
    from sync.crypto import recipient_public_key

    value = practice.meta_value(DEVICE_KEY)
    if value:
        return recipient_public_key(bytes.fromhex(value))
    private, public = new_device_key()
    with practice.transaction():
        practice.set_meta(DEVICE_KEY, private.hex())
        if not practice.meta_value(DEVICE_NAME):
            practice.set_meta(DEVICE_NAME, socket.gethostname() or "")
    return public


@dataclass(frozen=True)
class DeviceRow:
    """One line of 'carnet device list'."""

    device: str
    name: str | None
    last_active: str | None  # UTC, from the device's info object
    head: int  # newest segment on the storage
    applied: int | None  # applied here (None for this device)
    state: str  # "this device", "revoked", "active", "no key"


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
            self.practice.replica,
            self.backend,
            self.keys,
            cancel=cancel,
            progress=progress,
            keyring=StoreKeyRing(self.practice),
            repairs=StoreRepairs(self.practice),
        )

    def sync(self, cancel: Event | None = None, progress: Progress | None = None) -> SyncReport:
        """Push, pull, fetch new documents. A cloned disk becomes a new device once; a
        storage another device repaired is followed first (see desktop.remote.repair)."""
        check_owed(self)
        for attempt in range(3):
            try:
                report = self.engine(cancel, progress).sync()
                break
            except DeviceIdCollisionError:
                if attempt:
                    raise
                self.practice.replica.set_device_id(new_id())
            except StorageRepairedError as exc:
                if attempt == 2:
                    raise
                follow(self, exc.numbers)
        if self.practice.meta_value(MOVE_OWED):
            self.finish_move()
        self.publish_device_info(refresh=report.pushed_changes > 0)
        if report.pushed_changes:  # never on an idle sync: it stays one request
            # A code past its expiry still opens the key ring for whoever holds it:
            # whichever member pushes first deletes it.
            now_ms = int(time.time() * 1000)
            delete_expired_enrollments(self.backend, self.keys.practice_id, now_ms)
        pins = json.loads(self.practice.meta_value(DEVICE_PINS) or "{}")
        if set(report.pulled_changes) - set(pins):
            self._pinned_keys()  # pin a new device's key as soon as it is first seen
        if self.practice.meta_value(LAZY_DOCUMENTS) != "1":
            self.fetch_documents(cancel)
        with self.practice.transaction():
            self.practice.set_meta(LAST_SYNC, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        return report

    def finish_move(self) -> None:
        """Complete a move to other storage (see :func:`set_remote`): merge the newest
        snapshot there if another device moved first, upload every attachment held
        here, push, and publish a snapshot of everything."""
        if self.practice.meta_value(MOVE_OWED) == "join":
            revocations = read_revocations(self.backend, self.keys)
            repairs = StoreRepairs(self.practice).repairs().values()
            load_latest_snapshot(
                self.backend,
                self.keys,
                self.practice.replica,
                revocations,
                retired_chains(repairs),
                {r.snapshot for r in repairs},
            )
        for sha in self.practice.replica.local_blobs():
            upload_blob(self.backend, self.keys, self.practice.replica.read_blob(sha))
        self.publish_snapshot()
        with self.practice.transaction():
            self.practice._q("DELETE FROM meta WHERE key = ?", (MOVE_OWED,))

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

    # -- devices -------------------------------------------------------------------------

    def publish_device_info(self, *, refresh: bool = False) -> bool:
        """Publish ``info/<device>`` (name, public key, last active) when the device id or
        the key epoch changed since the last time, or with ``refresh`` every
        ``INFO_REFRESH_MS`` at most. Returns whether it wrote. Never on an idle sync."""
        public = ensure_device_key(self.practice)
        device, epoch = self.practice.device_id, self.keys.current
        last = str(self.practice.meta_value(DEVICE_INFO) or "::0").split(":")
        now = time.time_ns() // 1_000_000
        same = last[:2] == [device, str(epoch)]
        if same and not (refresh and now - int(last[2] or 0) > INFO_REFRESH_MS):
            return False
        name = str(self.practice.meta_value(DEVICE_NAME) or "")
        publish_info(self.backend, self.keys, device, name, public)
        with self.practice.transaction():
            self.practice.set_meta(DEVICE_INFO, f"{device}:{epoch}:{now}")
        return True

    def enroll(self, *, minutes: int = DEFAULT_ENROLL_MINUTES, now: Clock = time.time) -> str:
        """A single-use enrollment code valid ``minutes`` (show it once to the new device)."""
        if minutes < 1:
            raise errors.InvalidInputError("an enrollment code must be valid at least a minute")
        if minutes > MAX_ENROLL_MINUTES:
            raise errors.InvalidInputError(
                f"an enrollment code is valid at most {MAX_ENROLL_MINUTES // 60} hours "
                f"({MAX_ENROLL_MINUTES} minutes): it hands over every key of the practice"
            )
        self.sync()  # the ring handed over must hold the newest epoch
        delete_expired_enrollments(self.backend, self.keys.practice_id, int(now() * 1000))
        expires_ms = int((now() + minutes * 60) * 1000)
        return create_enrollment(
            self.backend, self.keys, by=self.practice.device_id, expires_ms=expires_ms
        )

    def _pinned_keys(self) -> tuple[dict[str, bytes], dict[str, Any]]:
        """Devices' public keys as first seen here (a device that was revoked can still
        seal an info object under an old epoch: a key seen earlier is kept), and the
        infos that open."""
        infos = read_infos(self.backend, self.keys)
        raw = self.practice.meta_value(DEVICE_PINS)
        pins: dict[str, str] = json.loads(raw) if raw else {}
        changed = False
        for device, info in infos.items():
            if device not in pins:
                pins[device] = info.public_key.hex()
                changed = True
            elif pins[device] != info.public_key.hex():
                print(
                    f"warning: device {device} published another key; keeping the one first seen",
                    file=sys.stderr,
                )
        # Their names too, for the conflicts dialog ("written on PC-accueil").
        names = json.dumps({d: i.name for d, i in infos.items() if i.name}, sort_keys=True)
        renamed = names != self.practice.meta_value(DEVICE_NAMES)
        if changed or renamed:
            with self.practice.transaction():
                self.practice.set_meta(DEVICE_PINS, json.dumps(pins, sort_keys=True))
                self.practice.set_meta(DEVICE_NAMES, names)
        return {d: bytes.fromhex(k) for d, k in pins.items()}, dict(infos)

    def _heads(self) -> dict[str, int]:
        prefix = heads_prefix(self.keys.practice_id)
        heads: dict[str, int] = {}
        for obj in self.backend.list(prefix):
            parsed = parse_head(obj.name, prefix)
            if parsed is not None:
                heads[parsed[0]] = max(heads.get(parsed[0], 0), parsed[1])
        return heads

    def devices(self) -> list[DeviceRow]:
        """Every device the storage knows of (heads, infos) or this one applied."""
        pins, infos = self._pinned_keys()
        heads = self._heads()
        cursors = {d: c.seq for d, c in self.practice.replica.cursors().items()}
        revoked = {d for r in StoreKeyRing(self.practice).revocations().values() for d in r.revoked}
        me = self.practice.device_id
        rows = []
        for device in sorted(set(heads) | set(infos) | set(cursors) | {me}):
            info = infos.get(device)
            state = (
                "this device"
                if device == me
                else "revoked"
                if device in revoked
                else "active"
                if device in pins
                else "no key"
            )
            active = (
                dt.datetime.fromtimestamp(info.active_ms / 1000, dt.UTC).isoformat(
                    timespec="minutes"
                )
                if info
                else None
            )
            rows.append(
                DeviceRow(
                    device,
                    info.name if info else None,
                    active,
                    heads.get(device, 0),
                    None if device == me else cursors.get(device, 0),
                    state,
                )
            )
        return rows

    def revoke(self, device: str, *, practice_passphrase: str) -> tuple[Revocation, list[str]]:
        """Revoke ``device``: sync, then rotate the key epoch (see ``rotate_epoch``).
        Returns the record and the devices that stay but published no key (they will
        have to join again)."""
        me = self.practice.device_id
        if device == me:
            raise errors.UsageError("a device cannot revoke itself; revoke it from another one")
        try:
            self.sync()
        except DeviceRevokedError as exc:
            # Left out of a newer epoch: genuine (we were revoked) or forged by the
            # device we are revoking, racing us. The practice passphrase tells them apart.
            check_competing_epoch(
                self.backend, self.keys.practice_id, exc.epoch, practice_passphrase
            )
            raise
        ring = StoreKeyRing(self.practice)
        if any(device in r.revoked for r in ring.revocations().values()):
            raise errors.UsageError(f"device {device} is already revoked")
        pins, infos = self._pinned_keys()
        heads = self._heads()
        if device not in heads and device not in infos:
            raise errors.UsageError(
                f"no device {device} in this practice (see 'carnet device list')"
            )
        heads[me] = self.practice.replica.push_cursor()[1].seq
        revoked = {d for r in ring.revocations().values() for d in r.revoked} | {device}
        staying = {d: k for d, k in pins.items() if d not in revoked and d != me}
        left_out = sorted(d for d in heads if d not in revoked and d != me and d not in pins)
        keys, record = rotate_epoch(
            self.backend,
            self.keys,
            passphrase=practice_passphrase,
            by=me,
            revoked={device: heads.get(device, 0)},
            heads=heads,
            device_keys=staying,
            repairs=sorted(StoreRepairs(self.practice).repairs()),
        )
        ring.adopt(keys, [record])
        self.publish_device_info()
        return record, left_out

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
            self.backend,
            self.keys,
            read_data=read_data,
            known=self.practice.replica.cursors(),
            revocations=list(StoreKeyRing(self.practice).revocations().values()),
            own=(self.practice.device_id, self.practice.replica.push_cursor()[1]),
            retired=retired_chains(StoreRepairs(self.practice).repairs().values()),
            documents=self._document_refs() if read_data else (),
        )

    def _document_refs(self) -> list[BlobRef]:
        """Every attachment a restore would fetch (documents with content)."""
        rows = self.practice.conn.execute(
            "SELECT DISTINCT content_hash, size FROM document "
            "WHERE content_hash IS NOT NULL AND size > 0 ORDER BY content_hash"
        ).fetchall()
        return [BlobRef(str(h), int(n)) for h, n in rows]


def set_remote(
    practice: Practice, url: str, *, passphrase: str, create: bool, password: str | None = None
) -> str | None:
    """Attach ``practice`` to a remote; with ``create``, set the remote up (returns the
    recovery key text, to show once). Without it the remote must already hold this
    practice and the passphrase must open it.

    Moving to another storage (the NAS died, a new provider): a practice that already
    synced elsewhere starts new chains there under a new device id and publishes a
    snapshot of everything it holds, attachments included, so the new storage restores
    the whole practice on its own. The same happens for a device attached to a storage
    that does not hold its chain (after the first device moved): it first merges the
    newest snapshot there, so nothing another device pushed before the move is missed."""
    backend = connect(url, password=password)
    try:
        backend.check()
    except TargetMissingError:
        # Asked to set a practice up at a WebDAV address that does not exist yet: make
        # it (MKCOL, parents included). A missing local folder is never created: it may
        # be an unmounted drive.
        inner = getattr(backend, "inner", backend)
        if not (create and isinstance(inner, WebDavBackend)):
            raise
        inner.create_root()
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
    moving = practice.replica.has_history() and (create or not _holds_our_chains(practice, backend))
    with practice.transaction():
        if moving:
            practice.replica.start_new_chains(new_id())
            # Owed until done: an interrupted move is finished by the next sync, never
            # left as a storage that cannot restore the practice on its own.
            practice.set_meta(MOVE_OWED, "join" if not create else "create")
        practice.set_meta(REMOTE_URL, url)
    if moving:
        SyncService(practice, backend).finish_move()
    return recovery


def _holds_our_chains(practice: Practice, backend: Backend) -> bool:
    """Whether the storage holds this device's chain or one this device has applied: the
    same storage (perhaps at a new address), not a new one."""
    heads = SyncService(practice, backend)._heads()
    applied = {d for d, c in practice.replica.cursors().items() if c.seq > 0}
    return practice.device_id in heads or bool(applied & set(heads))


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
) -> Practice:
    """Make ``folder`` a new device of the practice at ``url`` and pull everything.

    Restartable: if a previous join or restore into ``folder`` was interrupted, it
    continues from where it stopped (the snapshot and applied segments are kept) instead
    of starting again. Until it completes, the folder is marked incomplete and refuses to
    open as a practice.

    ``enrollment_code``: instead of the practice passphrase, a code made by
    'carnet device enroll' on an enrolled device (single use, expires; ``now`` is the
    clock it is checked against). The new device never learns the passphrase.
    ``backend``: an already opened storage for ``url`` (a tested connection; tests).
    """
    backend = backend or connect(url, password=password)
    if KeyFile.exists(folder):
        practice = Practice.open(folder, passphrase=local_passphrase, allow_incomplete=True)
        if practice.meta_value(RESTORE_STATE) != "in-progress":
            practice.close()
            raise errors.UsageError(f"{folder} already holds a practice; choose an empty folder")
        keys = practice.practice_keys
    else:
        _remove_unkeyed_database(folder)
        if folder.exists() and any(folder.iterdir()):
            raise errors.UsageError(f"{folder} is not empty; restore into an empty folder")
        if enrollment_code is not None:
            pid = discover_practice(backend)
            keys = redeem_enrollment(backend, pid, enrollment_code, int(now() * 1000))
        else:
            keys = open_practice_remote(
                backend, None, passphrase=passphrase, recovery_key=recovery_key
            )
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
        with practice.replica.restoring(progress):
            if practice.meta_value(SNAPSHOT_LOADED) != "1":
                ensure_device_key(practice)
                revocations = read_revocations(backend, keys)
                StoreKeyRing(practice).adopt(keys, revocations)
                repairs = read_repairs(backend, keys, revocations=revocations)
                read_and_adopt(practice, repairs)
                if progress:
                    progress("snapshot", 0, 1)
                retired = retired_chains(repairs)
                trusted = {r.snapshot for r in repairs}
                load_latest_snapshot(backend, keys, practice.replica, revocations, retired, trusted)
                with practice.transaction():
                    practice.set_meta(SNAPSHOT_LOADED, "1")
                if progress:
                    progress("snapshot", 1, 1)
            if cancel is not None and cancel.is_set():
                raise CancelledError("restore paused after the snapshot")
            SyncService(practice, backend).sync(cancel, progress)
        practice.bind_user(username, local_passphrase)
        with practice.transaction():
            practice.set_meta(RESTORE_STATE, "complete")
    except BaseException:
        practice.close()
        raise
    return practice


def _remove_unkeyed_database(folder: Path) -> None:
    """A restore killed between creating the database and writing its key file leaves a
    database nobody can ever open (its key was only in memory): clear it, and only it."""
    if not folder.is_dir() or KeyFile.exists(folder):
        return
    leftovers = list(folder.iterdir())
    if leftovers and all(p.name.startswith((DB_NAME, ".tmp-")) for p in leftovers):
        for path in leftovers:
            path.unlink()


def remote_password_from_env() -> str | None:
    return os.environ.get("CARNET_REMOTE_PASSWORD")


def database_exists(folder: Path) -> bool:
    return (folder / DB_NAME).exists()

"""The practice and its sync remote together: one open practice synced with its storage.

Used by the ``carnet`` sync commands and by the desktop app (on its network worker).
The engine (``sync/``) knows nothing of the store; this module hands it the store's
replica and the practice keys, keeps the remote address in the encrypted database,
fetches documents' content after a pull, and turns a cloned device id into a new one.
Devices, moves and restores have modules of their own (``desktop.remote.*``).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from threading import Event
from typing import Any

from desktop.practice import errors, journal, meta
from desktop.practice.meta import MetaKey
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import devices, snapshot_stream
from desktop.remote.credentials import connect
from desktop.remote.keyring import StoreKeyRing
from desktop.remote.repair import StoreRepairs, check_owed, follow
from desktop.remote.state import (
    DEVICE_PINS,
    LAST_SYNC,
    LAZY_DOCUMENTS,
    MOVE_OWED,
    REMOTE_URL,
    RESTORE_STATE,
    Clock,
    Progress,
)
from sync.backends import Backend
from sync.blobs import BlobRef, download_blob, upload_blob
from sync.changes import new_id
from sync.check import check_remote
from sync.devices import Revocation, current_pin, read_revocations
from sync.engine import SyncEngine, SyncReport
from sync.enrollment import DEFAULT_ENROLL_MINUTES, delete_expired_enrollments
from sync.errors import DeviceIdCollisionError
from sync.key_objects import new_recovery_key
from sync.repair import StorageRepairedError, retired_chains
from sync.rotation import change_practice_passphrase
from sync.segments import PracticeKeys
from sync.snapshots import load_latest_snapshot

SNAPSHOT_AFTER = 20_000
"""Changes pushed here since this device's last snapshot (or ever) before the next sync
publishes one: a restore starts from the newest snapshot, usable first, and replays only
what came after it. A snapshot costs about the whole practice, so it is never made for
less than a quarter of its size either (a practice of 100,000 patients: ~4.6 M changes,
a new snapshot every ~1.2 M changes pushed)."""


class SyncService:
    """Sync one open practice with its configured remote."""

    def __init__(
        self,
        practice: Practice,
        backend: Backend | None = None,
        replica: StoreReplica | None = None,
    ) -> None:
        self.practice = practice
        self.replica = replica or StoreReplica(practice.session)
        """The practice as the engine sees it: give the one a restore holds in bulk mode
        (:meth:`StoreReplica.restoring`) so its pull applies in bulk."""
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
            self.replica,
            self.backend,
            self.keys,
            cancel=cancel,
            progress=progress,
            keyring=StoreKeyRing(self.practice),
            repairs=StoreRepairs(self.practice),
        )

    def sync(self, cancel: Event | None = None, progress: Progress | None = None) -> SyncReport:
        """Push, pull, fetch new documents. A cloned disk becomes a new device once; a
        storage another device repaired is followed first (see desktop.remote.repair).
        A restore that made the practice usable first brings the rest of its snapshot
        before anything else (desktop.remote.snapshot_stream), and is complete once this
        sync has pulled what came after it, or once it followed a repair made since."""
        check_owed(self)  # first: a follow owed may have ended a stream (repair.py)
        restoring = self.practice.meta_value(RESTORE_STATE) == meta.USABLE
        if restoring:
            try:
                snapshot_stream.continue_restore(self, cancel, progress)
            except StorageRepairedError as exc:
                # Repaired since the restore began: the repair's snapshot is the whole
                # state now; following it ends the stream (and keeps what was written here).
                follow(self, exc.numbers)
        for attempt in range(3):
            try:
                report = self.engine(cancel, progress).sync()
                break
            except DeviceIdCollisionError:
                if attempt:
                    raise
                self.replica.set_device_id(new_id())
            except StorageRepairedError as exc:
                if attempt == 2:
                    raise
                follow(self, exc.numbers)
        if self.practice.meta_value(MOVE_OWED):
            self.finish_move()
        self._after(report, cancel, restoring)
        if self.snapshot_due():
            self.publish_snapshot(cancel, progress)
        return report

    def _after(self, report: SyncReport, cancel: Event | None, restoring: bool) -> None:
        """What a sync does once it has pushed and pulled: this device's info, expired
        codes, pins, documents, departures, the time of the last sync."""
        self.publish_device_info(refresh=report.pushed_changes > 0)
        if report.pushed_changes:  # never on an idle sync: it stays one request
            # A code past its expiry still opens the key ring for whoever holds it:
            # whichever member pushes first deletes it.
            now_ms = int(time.time() * 1000)
            delete_expired_enrollments(self.backend, self.keys.practice_id, now_ms)
        ring = StoreKeyRing(self.practice)
        if ring.signing_pin() is None and (report.pushed_changes or report.pulled_changes):
            # A practice made before signing keys: pin the published one at the first
            # sync that does something (never an idle sync: it stays one request).
            current_pin(self.backend, self.keys, ring)
        pins = json.loads(self.practice.meta_value(DEVICE_PINS) or "{}")
        if set(report.pulled_changes) - set(pins):
            devices.pinned_keys(self)  # pin a new device's key as soon as it is first seen
        if self.practice.meta_value(LAZY_DOCUMENTS) != "1":
            self.fetch_documents(cancel)
        self.practice.enforce_departures()  # a person who left: their login ends here now
        with self.practice.transaction():
            self.practice.set_meta(LAST_SYNC, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
            if restoring:
                self.practice.set_meta(RESTORE_STATE, "complete")

    def finish_move(self) -> None:
        """Complete a move to other storage (see :func:`desktop.remote.move.set_remote`):
        merge the newest snapshot there if another device moved first, upload every
        attachment held here, push, and publish a snapshot of everything."""
        if self.practice.meta_value(MOVE_OWED) == "join":
            pin = current_pin(self.backend, self.keys, StoreKeyRing(self.practice))
            revocations = read_revocations(self.backend, self.keys, pin)
            repairs = StoreRepairs(self.practice).repairs().values()
            load_latest_snapshot(
                self.backend,
                self.keys,
                self.replica,
                revocations,
                retired_chains(repairs),
                {r.snapshot for r in repairs},
            )
        for sha in self.replica.local_blobs():
            upload_blob(self.backend, self.keys, self.replica.read_blob(sha))
        self.publish_snapshot()
        with self.practice.transaction():
            meta.delete(self.practice.session, MetaKey.MOVE_OWED)

    def fetch_documents(self, cancel: Event | None = None) -> int:
        """Download the content of documents that arrived by sync (verified, then stored)."""
        fetched = 0
        for sha, size in self.replica.missing_blobs():
            if cancel is not None and cancel.is_set():
                break
            data = download_blob(self.backend, self.keys, BlobRef(sha, size))
            self.replica.store_blob(sha, data)
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
        self.replica.store_blob(doc["content_hash"], data)
        return self.practice.document_content(document_id)

    def publish_snapshot(
        self, cancel: Event | None = None, progress: Progress | None = None
    ) -> str:
        """Push, then publish a snapshot of everything (its root's name), and remember
        what it covers: the next one is due once enough has been pushed since."""
        published = self.engine(cancel, progress).publish_snapshot()
        covered = journal.push_cursor(self.practice.session)[0]
        with self.practice.transaction():
            self.practice.set_meta(MetaKey.SNAPSHOT_LOCAL_SEQ, covered)
            self.practice.set_meta(MetaKey.SNAPSHOT_CHANGES, published.changes)
        return published.name

    def snapshot_due(self) -> bool:
        """Whether this device should publish a snapshot now: it pushed at least
        :data:`SNAPSHOT_AFTER` changes, and a quarter of its last snapshot, since that
        snapshot (or ever). Never while a restore streams in, nor during a move."""
        s = self.practice.session
        got = meta.get_many(
            s, MetaKey.PUSH_LOCAL_SEQ, MetaKey.SNAPSHOT_LOCAL_SEQ, MetaKey.SNAPSHOT_CHANGES
        )
        since = int(got.get(MetaKey.PUSH_LOCAL_SEQ, 0)) - int(
            got.get(MetaKey.SNAPSHOT_LOCAL_SEQ, 0)
        )
        if since < max(SNAPSHOT_AFTER, int(got.get(MetaKey.SNAPSHOT_CHANGES, 0)) // 4):
            return False
        return self.practice.meta_value(RESTORE_STATE) != meta.USABLE and not (
            self.practice.meta_value(MOVE_OWED)
        )

    def new_recovery_key(self, practice_passphrase: str | None = None) -> str:
        """A new recovery key for the practice (the old one stops working): show it once.
        The signing key's seed is re-wrapped to it if ``practice_passphrase`` opens it;
        otherwise the old kit's copy is deleted (see :meth:`signing_seed`)."""
        seed = None if practice_passphrase is None else self.signing_seed(practice_passphrase)
        return new_recovery_key(self.backend, self.keys, seed)

    def signing_seed(self, practice_passphrase: str) -> Any:
        return devices.signing_seed(self, practice_passphrase)

    def change_passphrase(self, new: str, *, current: str) -> None:
        """Re-wrap the practice's keys and signing key on the remote under a new
        passphrase; ``current`` must be the practice's (only its holders change it)."""
        ring = StoreKeyRing(self.practice)
        pin = change_practice_passphrase(
            self.backend,
            self.keys,
            current=current,
            new=new,
            pinned=current_pin(self.backend, self.keys, ring),
        )
        ring.pin_signing(pin)

    # -- devices (desktop.remote.devices) -----------------------------------------------

    def publish_device_info(self, *, refresh: bool = False) -> bool:
        return devices.publish_device_info(self, refresh=refresh)

    def enroll(self, *, minutes: int = DEFAULT_ENROLL_MINUTES, now: Clock = time.time) -> str:
        return devices.enroll(self, minutes=minutes, now=now)

    def devices(self) -> list[devices.DeviceRow]:
        return devices.list_devices(self)

    def revoke(self, device: str, *, practice_passphrase: str) -> tuple[Revocation, list[str]]:
        return devices.revoke(self, device, practice_passphrase=practice_passphrase)

    def check(self, *, read_data: bool = False) -> Any:
        return check_remote(
            self.backend,
            self.keys,
            read_data=read_data,
            known=self.replica.cursors(),
            revocations=list(StoreKeyRing(self.practice).revocations().values()),
            pin=StoreKeyRing(self.practice).signing_pin(),
            own=(self.practice.device_id, self.replica.push_cursor()[1]),
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

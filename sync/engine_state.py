"""What push and pull share: the engine's state and the steps both take (this device's
own chain on the storage, new key epochs and repairs announced in a heads listing,
writing heads). :class:`sync.engine.SyncEngine` sets the attributes."""

from __future__ import annotations

import threading

from sync.backends.base import AlreadyExistsError, NotFoundError, ObjectInfo
from sync.counting import CountingStore
from sync.devices import KeyRing, Revocation, catch_up, epoch_markers
from sync.errors import (
    CancelledError,
    DeviceIdCollisionError,
    IntegrityError,
    OwnChainLostError,
)
from sync.heads import Head, decode_head, encode_head
from sync.layout import head_name, segment_name
from sync.ports import Replica
from sync.repair import RepairLedger, StorageRepairedError, repair_markers, retired_chains
from sync.segments import PracticeKeys, digest


class EngineState:
    """The engine's state, and the steps push and pull share. Not thread-safe."""

    replica: Replica
    keys: PracticeKeys
    pid: str
    prefetch: int
    group_segments: int
    keyring: KeyRing | None
    repairs: RepairLedger | None
    _store: CountingStore
    _cancel: threading.Event
    _revoked: list[Revocation]

    @property
    def device(self) -> str:
        return self.replica.device_id

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise CancelledError("sync cancelled")

    def _write_head(self, head: Head, previous: int) -> None:
        """Create ``heads/<us>.<seq>`` then delete the previous head (best effort: extra
        heads are harmless, readers take the highest)."""
        name = head_name(self.pid, self.device, head.seq)
        try:
            self._store.create(name, encode_head(self.keys, head))
        except AlreadyExistsError:
            existing = decode_head(self.keys, self.device, head.seq, self._store.get(name))
            if existing.digest != head.digest:
                raise DeviceIdCollisionError(
                    f"head {head.seq} of this device ({self.device}) names another "
                    "segment: another writer uses the same device id",
                    self.device,
                    head.seq,
                ) from None
        if previous and previous != head.seq:
            self._delete_quietly(head_name(self.pid, self.device, previous))

    def _delete_quietly(self, name: str) -> None:
        try:
            self._store.delete(name)
        except Exception:  # noqa: BLE001 - a stale head is harmless; never fail a push on it
            return

    def _catch_up(self, heads_listing: list[ObjectInfo]) -> None:
        """Learn new key epochs and revocation records announced in the heads listing
        (no request when there are none); later segments are sealed with the newest."""
        if self.keyring is None:
            return
        markers = epoch_markers(heads_listing, self.pid)
        if markers:
            self.keys = catch_up(self._store, self.keys, self.device, self.keyring, markers)

    def retired(self) -> set[str]:
        """Chains retired by the repairs this device followed: never pulled again."""
        return set() if self.repairs is None else retired_chains(self.repairs.repairs().values())

    def _check_repairs(self, heads_listing: list[ObjectInfo]) -> None:
        if self.repairs is None:
            return
        new = [
            n for n in repair_markers(heads_listing, self.pid) if n not in self.repairs.repairs()
        ]
        if new:
            raise StorageRepairedError(new)

    def _check_own_chain(self, seqs: list[int], *, rewrite_head: bool) -> None:
        """Our head ahead of our push cursor: someone else writes as us. Behind: either we
        crashed before writing it (our last segment is there: write the head again) or
        the storage lost the end of our chain (rolled back, restored from an older copy,
        deleted): :class:`OwnChainLostError`, and nothing is pushed onto the gap."""
        _, cursor = self.replica.push_cursor()
        listed = seqs[-1] if seqs else 0
        if listed > cursor.seq:
            raise DeviceIdCollisionError(
                f"the storage has segment {listed} of this device ({self.device}) but this "
                f"device pushed only {cursor.seq}: another writer uses the same device id",
                self.device,
                listed,
            )
        if rewrite_head:
            for stale in seqs[:-1]:  # an earlier delete failed: tidy up, quietly
                self._delete_quietly(head_name(self.pid, self.device, stale))
        if listed < cursor.seq:
            try:
                data = self._store.get(segment_name(self.pid, self.device, cursor.seq))
            except NotFoundError:
                raise OwnChainLostError(self.device, listed, cursor.seq) from None
            if digest(data) != cursor.digest:
                raise DeviceIdCollisionError(
                    f"segment {cursor.seq} of this device ({self.device}) is not the one it "
                    "pushed: another writer uses the same device id",
                    self.device,
                    cursor.seq,
                )
            if rewrite_head:
                self._write_head(Head(self.device, cursor.seq, cursor.digest, len(data)), listed)

    def _get_segment(self, device: str, seq: int) -> bytes:
        try:
            return self._store.get(segment_name(self.pid, device, seq))
        except NotFoundError:
            raise IntegrityError(
                f"segment {seq} of device {device} is missing from the storage", device, seq
            ) from None

"""The sync engine: push this device's changes, pull the others', publish snapshots.

``SyncEngine(replica, backend, keys).sync()`` pushes first, then pulls. Push first
because getting a committed local write off the machine is what protects it from a
stolen laptop or a dead disk; pull can be long (a new device replays years) and may fail
half-way without delaying that. Both steps are restartable at any point:

- push: segment ``n`` is created (create-only), *then* ``record_pushed``; a crash between
  the two finds the segment there on retry and recognises it as ours (same changes at our
  seq and chain link); a *different* segment there means another writer uses our device
  id (:class:`DeviceIdCollisionError`). The head is written last and is only a hint.
- pull: one listing of ``heads/``; for each device ahead of our cursor, segments are
  fetched in order, each verified (AEAD, position, chain link, and against the head for
  the last) *before* it is applied with its cursor in one replica transaction.

Each step is its own small function, as Anki's sync phases are.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sync.backends.base import (
    AlreadyExistsError,
    Backend,
    NotFoundError,
    ObjectInfo,
)
from sync.blobs import upload_blob
from sync.changes import Change
from sync.counting import CountingStore, get_head_bytes, latest_numbered
from sync.devices import (
    KeyRing,
    RefusedSegmentError,
    Revocation,
    catch_up,
    check_segment_epoch,
    epoch_markers,
    revoked_limit,
)
from sync.errors import (
    CancelledError,
    DeviceIdCollisionError,
    IntegrityError,
    OwnChainLostError,
    RollbackError,
)
from sync.ports import (
    START,
    BlobSource,
    Cursor,
    GroupedApply,
    PendingChange,
    Replica,
    SnapshotTarget,
)
from sync.remote import (
    Head,
    decode_head,
    encode_head,
    head_name,
    heads_prefix,
    parse_head,
    segment_name,
    snapshot_name,
)
from sync.repair import (
    RepairLedger,
    StorageRepairedError,
    repair_markers,
    retired_chains,
)
from sync.segments import (
    HEADER,
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    PracticeKeys,
    decode_segment,
    digest,
    encode_segment,
    open_segment,
    pack_json,
    parse_segment,
    seal_object,
)
from sync.snapshots import load_latest_snapshot

DEFAULT_SEGMENT_CHANGES = 10_000
"""Changes per segment: big enough that 10,000 changes are one object (a sync pushing
them is then 6 HTTP requests on WebDAV: list, PUT+MOVE the segment, PUT+MOVE the head,
DELETE the old head), small enough that a segment (well under 1 MiB compressed for
typical edits; MAX_SEGMENT_BYTES bounds long notes) uploads in seconds on poor ADSL."""

DEFAULT_GROUP_SEGMENTS = 8
"""Segments applied per local transaction when the replica allows it
(:class:`sync.ports.GroupedApply`) and several are due: fewer commits when catching up."""

DEFAULT_PREFETCH = 2
"""Segments fetched and verified ahead of the one being applied, by one helper thread
(0: none). Bounded, so memory stays within a few segments."""

MAX_SEGMENT_BYTES = 8 * 1024 * 1024
"""A batch whose segment would exceed this (long notes) is halved until it fits, so one
upload never holds more than a few seconds of a slow line."""

Progress = Callable[[str, int, int], None]
"""progress(step, done, total): step is "push", "pull" or "snapshot"; counts in changes
for push, in segments for pull (total may grow); called on the sync thread. A restore
adds "index" (0 then 1 of 1) while it rebuilds the indexes at its end."""


@dataclass(frozen=True, slots=True)
class PushReport:
    changes: int = 0
    segments: int = 0


@dataclass(frozen=True, slots=True)
class PullReport:
    changes: dict[str, int] = field(default_factory=dict)  # per device
    segments: int = 0
    conflicts: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # tolerant pulls: device -> why


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one ``sync()`` did; ``requests``: storage requests made (list/get/create/...)."""

    pushed_changes: int
    pushed_segments: int
    pulled_changes: dict[str, int]
    pulled_segments: int
    conflicts: int
    requests: int


class SyncEngine:
    """Moves changes between one replica and one practice remote. Not thread-safe: one
    sync at a time per replica (the scheduler guarantees it)."""

    def __init__(
        self,
        replica: Replica,
        backend: Backend,
        keys: PracticeKeys,
        *,
        segment_changes: int = DEFAULT_SEGMENT_CHANGES,
        max_segment_bytes: int = MAX_SEGMENT_BYTES,
        prefetch: int = DEFAULT_PREFETCH,
        pipeline: bool = True,
        group_segments: int = DEFAULT_GROUP_SEGMENTS,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
        keyring: KeyRing | None = None,
        repairs: RepairLedger | None = None,
    ) -> None:
        """``keyring``: where key epochs and revocation records are kept; without one the
        engine neither learns new epochs nor enforces revocations (tests, tools).
        ``repairs``: the repair records this device followed (their retired chains are
        never pulled); a listing that announces one it has not followed raises
        :class:`StorageRepairedError`. Without it, repair records are ignored."""
        if segment_changes < 1:
            raise ValueError("segment_changes must be positive")
        self.replica = replica
        self.keys = keys
        self.pid = keys.practice_id
        self.segment_changes = segment_changes
        self.max_segment_bytes = max_segment_bytes
        self.prefetch = prefetch
        self.pipeline = pipeline
        self.group_segments = group_segments
        self._store = CountingStore(backend)
        self._cancel = cancel or threading.Event()
        self._heads_seen: list[ObjectInfo] | None = None  # see sync()
        self._progress = progress or (lambda step, done, total: None)
        self.keyring = keyring
        self.repairs = repairs
        self._revoked: list[Revocation] = []  # read once per pull (helper threads use it)

    @property
    def device(self) -> str:
        return self.replica.device_id

    # ------------------------------------------------------------ sync

    def sync(self) -> SyncReport:
        """Push, then pull. Raises a :mod:`sync.errors` error; what was done stays done."""
        before = self._store.requests
        self._heads_seen = None
        pushed = self.push()
        # The push listed the heads (to learn key epochs) just before: the pull reads
        # that listing, with our new head, instead of a second one a moment later.
        pulled = self.pull(self._heads_seen)
        return SyncReport(
            pushed_changes=pushed.changes,
            pushed_segments=pushed.segments,
            pulled_changes=pulled.changes,
            pulled_segments=pulled.segments,
            conflicts=pulled.conflicts,
            requests=self._store.requests - before,
        )

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise CancelledError("sync cancelled")

    # ------------------------------------------------------------ push

    def push(self) -> PushReport:
        """Send every pending change, in segments of ``segment_changes``, then the head.
        No request at all when nothing is pending.

        Pipelined: while segment ``n`` uploads (on one helper thread, one request at a
        time), the next batch is read and sealed, chained to ``n``'s digest. Segment
        ``n + 1`` is only created after ``n`` is created and recorded pushed, so the
        order on the storage and the crash guarantees are those of a sequential push;
        if ``n`` turns out to exist already (adopted after a crash), the speculative
        ``n + 1`` is dropped and sealed again."""
        last_local, cursor = self.replica.push_cursor()
        listing: list[ObjectInfo] | None = None
        if self.replica.pending_changes(last_local, 1):
            # Only when something is to be pushed, so an idle sync stays one request.
            # A revocation may have created a newer epoch: seal with it, never with the
            # old one (others refuse old-epoch segments written after a revocation). And
            # never push onto a gap: the storage must still hold our chain.
            listing = self._store.list(heads_prefix(self.pid))
            self._catch_up(listing)
            self._check_repairs(listing)
            own = latest_numbered(listing, heads_prefix(self.pid), parse_head)
            self._check_own_chain(own.get(self.device, []), rewrite_head=False)
        return self._push_from(last_local, cursor, listing)

    def _push_from(
        self, last_local: int, cursor: Cursor, listing: list[ObjectInfo] | None
    ) -> PushReport:
        start_cursor = cursor
        changes = segments = length = 0
        with ThreadPoolExecutor(1, thread_name_prefix="carnet-push-upload") as uploads:
            self._check_cancel()
            sealed = self._seal_next(last_local, cursor)
            while sealed is not None:
                batch, data = sealed
                seq = cursor.seq + 1
                self._upload_blobs(batch)
                self._check_cancel()
                name = segment_name(self.pid, self.device, seq)
                upload = uploads.submit(self._store.create, name, data)
                ahead: tuple[list[PendingChange], bytes] | None = None
                if self.pipeline:
                    ahead = self._seal_next(batch[-1].local_seq, Cursor(seq, digest(data)))
                try:
                    upload.result()
                    count = len(batch)
                except AlreadyExistsError:
                    data, count = self._adopt_existing_segment(batch, cursor)
                    ahead = None  # sealed against a chain link we may not have
                cursor = Cursor(seq, digest(data))
                last_local = batch[count - 1].local_seq
                self.replica.record_pushed(last_local, cursor)
                changes += count
                segments += 1
                length = len(data)
                self._progress("push", changes, changes)
                self._check_cancel()
                sealed = (
                    ahead
                    if ahead is not None and count == len(batch)
                    else self._seal_next(last_local, cursor)
                )
        if cursor != start_cursor:
            head = Head(self.device, cursor.seq, cursor.digest, length)
            self._write_head(head, previous=start_cursor.seq)
        if listing is not None:
            prefix = heads_prefix(self.pid)
            seen = [o for o in listing if (parse_head(o.name, prefix) or ("",))[0] != self.device]
            if cursor.seq:
                seen.append(ObjectInfo(head_name(self.pid, self.device, cursor.seq), 0))
            self._heads_seen = seen
        return PushReport(changes, segments)

    def push_changes(self, changes: Sequence[Change]) -> PushReport:
        """Push ``changes`` that are not in the journal (a device following a repair: the
        values it holds that the repair's snapshot lacks) as segments of this device's
        chain, then its head. The journal's push position is unchanged."""
        last_local, cursor = self.replica.push_cursor()
        start, length, segments = cursor, 0, 0
        todo = list(changes)
        while todo:
            self._check_cancel()
            batch = todo[: self.segment_changes]
            seq = cursor.seq + 1
            data = encode_segment(self.keys, self.device, seq, cursor.digest, batch)
            while len(data) > self.max_segment_bytes and len(batch) > 1:
                batch = batch[: len(batch) // 2]
                data = encode_segment(self.keys, self.device, seq, cursor.digest, batch)
            try:
                self._store.create(segment_name(self.pid, self.device, seq), data)
            except AlreadyExistsError:
                data = self._adopt_existing_segment(
                    [PendingChange(last_local, c) for c in batch], cursor
                )[0]
                batch = decode_segment(self.keys, self.device, seq, cursor.digest, data)
            cursor = Cursor(seq, digest(data))
            self.replica.record_pushed(last_local, cursor)
            todo = todo[len(batch) :]
            segments += 1
            length = len(data)
        if cursor != start:
            self._write_head(Head(self.device, cursor.seq, cursor.digest, length), start.seq)
        return PushReport(len(changes), segments)

    def _seal_next(self, after: int, cursor: Cursor) -> tuple[list[PendingChange], bytes] | None:
        """The pending changes after local seq ``after``, sealed as the segment following
        ``cursor`` (halved until it fits ``max_segment_bytes``); None when none pend."""
        batch = list(self.replica.pending_changes(after, self.segment_changes))
        if not batch:
            return None
        seq = cursor.seq + 1
        while True:
            wires = [p.wire for p in batch if p.wire is not None]
            if len(wires) == len(batch):
                data = encode_segment(self.keys, self.device, seq, cursor.digest, (), wires)
            else:
                changes = [p.change for p in batch]
                data = encode_segment(self.keys, self.device, seq, cursor.digest, changes)
            if len(data) <= self.max_segment_bytes or len(batch) == 1:
                return batch, data
            batch = batch[: len(batch) // 2]

    def _upload_blobs(self, changes: Sequence[PendingChange]) -> None:
        """Attachments travel before the segment that references them (create-only:
        chunks already there are skipped)."""
        if not isinstance(self.replica, BlobSource):
            return
        for sha in sorted(set(self.replica.blobs_referenced(changes))):
            self._check_cancel()
            data = self.replica.read_blob(sha)
            ref, _ = upload_blob(self._store, self.keys, data)
            if ref.sha256 != sha:
                raise ValueError(f"the local store returned other content for attachment {sha}")

    def _adopt_existing_segment(
        self, batch: Sequence[PendingChange], cursor: Cursor
    ) -> tuple[bytes, int]:
        """Our next seq is taken. If it holds our own first pending changes (we crashed
        after creating it), adopt it; otherwise another writer has our device id."""
        seq = cursor.seq + 1
        existing = self._get_segment(self.device, seq)
        try:
            theirs = decode_segment(self.keys, self.device, seq, cursor.digest, existing)
        except IntegrityError as exc:
            raise DeviceIdCollisionError(
                f"segment {seq} of this device ({self.device}) was written by another "
                "writer using the same device id",
                self.device,
                seq,
            ) from exc
        # Compare encoded forms: the wire drops ZERO replaces, so objects may differ.
        ours = [p.change.to_json() for p in batch[: len(theirs)]]
        if not theirs or [c.to_json() for c in theirs] != ours:
            raise DeviceIdCollisionError(
                f"segment {seq} of this device ({self.device}) holds other changes than "
                "ours: another writer uses the same device id",
                self.device,
                seq,
            )
        return existing, len(theirs)

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

    # ------------------------------------------------------------ pull

    def pull(
        self, listing: list[ObjectInfo] | None = None, *, tolerant: bool = False
    ) -> PullReport:
        """Fetch, verify and apply every other device's new segments. One request (the
        heads listing) when nothing changed; none when given a fresh ``listing``.
        ``tolerant`` (a repair gathering what it can): a device whose chain fails is
        applied up to the fault and reported in ``failed`` instead of raising, and this
        device's own chain is not checked."""
        if listing is None:
            listing = self._store.list(heads_prefix(self.pid))
        self._catch_up(listing)
        self._check_repairs(listing)
        self._revoked = [] if self.keyring is None else list(self.keyring.revocations().values())
        retired = self.retired()
        heads = latest_numbered(listing, heads_prefix(self.pid), parse_head)
        for device in retired:
            heads.pop(device, None)
        failed: dict[str, str] = {}
        if not tolerant:
            self._check_own_chain(heads.get(self.device, []), rewrite_head=True)
        known = self.replica.cursors()
        for device, cursor in known.items():
            if device != self.device and cursor.seq > 0 and device not in heads:
                if device in retired:
                    continue
                lost = RollbackError(
                    f"device {device} has no head on the storage, but segment "
                    f"{cursor.seq} was applied here: the storage was rolled back",
                    device,
                    cursor.seq,
                )
                if not tolerant:
                    raise lost
                failed[device] = str(lost)
        changes: dict[str, int] = {}
        segments = conflicts = 0
        refused: IntegrityError | None = None
        for device in sorted(heads):
            if device == self.device or device in failed:
                continue
            head_seq = heads[device][-1]
            limit = revoked_limit(self._revoked, device)
            if limit is not None and head_seq > limit:
                # A revoked device wrote on: take what it wrote before, refuse the rest
                # after every other device is pulled (it must not stop their sync).
                refused = refused or RefusedSegmentError(
                    f"segment {limit + 1} of device {device} was written after that device "
                    f"was revoked (its last valid segment is {limit}): refused",
                    device,
                    limit + 1,
                )
                head_seq = limit
            try:
                got = self._pull_device(device, head_seq, known.get(device, START), limit)
            except RefusedSegmentError as exc:  # this device's valid part is applied
                refused = refused or exc
                continue
            except IntegrityError as exc:
                if not tolerant:
                    raise
                failed[device] = str(exc)  # what came before the fault is applied
                continue
            if got[0]:
                changes[device] = got[0]
            segments += got[1]
            conflicts += got[2]
        if refused is not None and not tolerant:
            raise refused
        if refused is not None and refused.device:
            failed[refused.device] = str(refused)
        return PullReport(changes, segments, conflicts, failed)

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

    def _pull_device(
        self, device: str, head_seq: int, cursor: Cursor, limit: int | None = None
    ) -> tuple[int, int, int]:
        """Bring ``device`` from ``cursor`` to ``head_seq``; (changes, segments, conflicts).
        ``limit``: a revoked device's last valid seq; up to it, segments are verified by
        their chain alone (its head may be past it)."""
        if head_seq < cursor.seq:
            raise RollbackError(
                f"the head of device {device} is at segment {head_seq}, but segment "
                f"{cursor.seq} was already applied here: the storage was rolled back",
                device,
                cursor.seq,
            )
        if head_seq == cursor.seq:
            return 0, 0, 0
        if limit is not None and head_seq == limit:
            head = Head(device, limit, "", -1)  # no head to check the last link against
        else:
            head = self._read_head(device, head_seq)
        head_seq = head.seq
        changes = segments = conflicts = 0
        first = cursor.seq
        grouping = (
            isinstance(self.replica, GroupedApply)
            and self.group_segments > 1
            and head_seq - first > 1
        )
        in_group: int | None = None  # segments applied in the open group; None: none open

        def end_group(commit: bool) -> None:
            nonlocal in_group
            if in_group is not None and isinstance(self.replica, GroupedApply):
                in_group = None
                self.replica.end_group(commit)

        try:
            for seq, new_cursor, raw in self._verified_segments(device, head, cursor):
                self._check_cancel()
                decoded = parse_segment(device, seq, raw)
                if grouping and in_group is None and isinstance(self.replica, GroupedApply):
                    self.replica.begin_group()
                    in_group = 0
                report = self.replica.apply_segment(device, new_cursor, decoded)
                if in_group is not None:
                    in_group += 1
                changes += len(decoded)
                segments += 1
                conflicts += report.conflicts
                self._progress("pull", seq - first, head_seq - first)
                if in_group is not None and in_group >= self.group_segments:
                    end_group(commit=True)
        finally:
            # Done, cancelled, or a segment failed verification or its own (savepointed)
            # apply: every segment applied in the group is whole, keep them.
            end_group(commit=True)
        return changes, segments, conflicts

    def _verify_next(
        self, device: str, head: Head, seq: int, prev: Cursor
    ) -> tuple[int, Cursor, bytes]:
        """Fetch segment ``seq`` and verify it (AEAD, position, chain link to ``prev``,
        and against the head for the last one); returns its inflated JSON. Nothing is
        applied here."""
        data = self._get_segment(device, seq)
        if seq == head.seq:
            self._check_against_head(device, head, data)
        raw = open_segment(self.keys, device, seq, prev.digest, data)
        check_segment_epoch(self._revoked, device, seq, HEADER.unpack_from(data)[2])
        return seq, Cursor(seq, digest(data)), raw

    def _verified_segments(
        self, device: str, head: Head, cursor: Cursor
    ) -> Iterator[tuple[int, Cursor, bytes]]:
        """Segments ``cursor.seq + 1 .. head.seq``, in order, each verified before it is
        yielded (as inflated JSON, parsed by the caller). With ``prefetch``, one helper
        thread fetches and verifies up to that many segments ahead (the chain is still
        walked in order, link by link) while the caller parses and applies: network
        waits, decryption and decompression, which mostly run outside the interpreter
        lock, overlap with the database work. JSON parsing stays on the caller's thread
        (measured: parsing on the helper thread made a loopback restore 7% slower, the
        two threads fighting over the lock). Errors surface in order: the caller applies
        every segment before a bad one, as without prefetch."""
        count = head.seq - cursor.seq
        if self.prefetch < 1 or count < 2:
            prev = cursor
            for seq in range(cursor.seq + 1, head.seq + 1):
                self._check_cancel()
                item = self._verify_next(device, head, seq, prev)
                prev = item[1]
                yield item
            return
        ready: queue.Queue[tuple[int, Cursor, bytes] | BaseException] = queue.Queue(self.prefetch)
        stop = threading.Event()

        def offer(item: tuple[int, Cursor, bytes] | BaseException) -> bool:
            while not stop.is_set():
                try:
                    ready.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def fetch_ahead() -> None:
            prev = cursor
            try:
                for seq in range(cursor.seq + 1, head.seq + 1):
                    if stop.is_set() or self._cancel.is_set():
                        return
                    item = self._verify_next(device, head, seq, prev)
                    prev = item[1]
                    if not offer(item):
                        return
            except BaseException as exc:  # noqa: BLE001 - handed to the caller, in order
                offer(exc)

        worker = threading.Thread(target=fetch_ahead, name="carnet-pull-prefetch", daemon=True)
        worker.start()
        try:
            for _ in range(count):
                while True:
                    self._check_cancel()
                    try:
                        got = ready.get(timeout=0.1)
                        break
                    except queue.Empty:
                        if not worker.is_alive() and ready.empty():
                            raise RuntimeError("the segment prefetch stopped") from None
                if isinstance(got, BaseException):
                    raise got
                yield got
        finally:
            stop.set()
            worker.join()

    def _read_head(self, device: str, seq: int) -> Head:
        """Open ``heads/<device>.<seq>``. If it vanished between our listing and this GET,
        the device has just pushed and deleted it: follow its newer head (once)."""
        try:
            data = get_head_bytes(self._store, self.pid, device, seq)
            return decode_head(self.keys, device, seq, data)
        except NotFoundError:
            prefix = heads_prefix(self.pid)
            newer = latest_numbered(self._store.list(prefix), prefix, parse_head).get(device, [])
            if not newer or newer[-1] <= seq:
                raise RollbackError(
                    f"the head {seq} of device {device} disappeared with no newer one",
                    device,
                    seq,
                ) from None
            name = head_name(self.pid, device, newer[-1])
            try:
                return decode_head(self.keys, device, newer[-1], self._store.get(name))
            except NotFoundError:
                raise IntegrityError(
                    f"the heads of device {device} keep disappearing", device, newer[-1]
                ) from None

    def _check_against_head(self, device: str, head: Head, data: bytes) -> None:
        if head.length < 0:
            return
        if len(data) != head.length or digest(data) != head.digest:
            raise IntegrityError(
                f"segment {head.seq} of device {device} is not the one its head names "
                "(replaced, truncated, or written by a clone of that device)",
                device,
                head.seq,
            )

    def _get_segment(self, device: str, seq: int) -> bytes:
        try:
            return self._store.get(segment_name(self.pid, device, seq))
        except NotFoundError:
            raise IntegrityError(
                f"segment {seq} of device {device} is missing from the storage", device, seq
            ) from None

    # ------------------------------------------------------------ snapshots

    def publish_snapshot(self) -> str:
        """Push, then write the replica's full state and the cursors it covers (ours
        included) as an immutable snapshot; returns its object name."""
        self.push()
        _, own = self.replica.push_cursor()
        cursors = {d: c for d, c in self.replica.cursors().items() if c.seq > 0}
        if own.seq > 0:
            cursors[self.device] = own
        changes = list(self.replica.export_state())
        body = {
            "cursors": {d: [c.seq, c.digest] for d, c in sorted(cursors.items())},
            "changes": [c.to_json() for c in changes],
            "meta": self.replica.meta(),
        }
        plaintext = pack_json(body)
        number = time.time_ns() // 1_000_000
        while True:
            name = snapshot_name(self.pid, self.device, number)
            context = [self.pid, self.device, str(number)]
            data = seal_object(self.keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, context, plaintext)
            try:
                self._store.create(name, data)
                break
            except AlreadyExistsError:
                number += 1
        self._progress("snapshot", len(changes), len(changes))
        return name

    def load_latest_snapshot(self, target: SnapshotTarget) -> dict[str, Cursor] | None:
        return load_latest_snapshot(self._store.backend, self.keys, target)

"""The sync engine: push this device's changes, pull the others', publish snapshots.

``SyncEngine(replica, backend, keys).sync()`` pushes first, then pulls. Push first
because getting a committed local write off the machine is what protects it from a
stolen laptop or a dead disk; pull can be long (a new device replays years) and may fail
half-way without delaying that. Both steps are restartable at any point:

- push: segment ``n`` is created (create-only), *then* ``record_pushed``; a crash between
  the two finds the segment there on retry and recognises it as ours (same changes at our
  seq and chain link); a *different* segment there means another writer uses our device
  id (:class:`DeviceIdCollisionError`). Pipelined (:mod:`sync.push_pipeline`), up to
  ``PUSH_DEPTH`` segments may be created, in order and without gaps, before they are
  recorded; each is recognised the same way. The head is written last and is only a hint.
- pull: one listing of ``heads/``; for each device ahead of our cursor, segments are
  fetched in order, each verified (AEAD, position, chain link, and against the head for
  the last) *before* it is applied with its cursor in one replica transaction.

Each step is its own small function, as Anki's sync phases are. The pull half is
:mod:`sync.pull`, what both halves share :mod:`sync.engine_state`, the prefetch
:mod:`sync.prefetch`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass

from sync.backends.base import (
    AlreadyExistsError,
    Backend,
    ObjectInfo,
)
from sync.blobs import upload_blob
from sync.changes import Change
from sync.counting import CountingStore, latest_numbered
from sync.devices import (
    KeyRing,
    Revocation,
)
from sync.errors import (
    DeviceIdCollisionError,
    IntegrityError,
)
from sync.heads import Head
from sync.layout import head_name, heads_prefix, parse_head, segment_name
from sync.ports import (
    BlobSource,
    Cursor,
    ImageExport,
    PendingChange,
    RecordsAside,
    Replica,
    RowImage,
    SnapshotTarget,
    WireBatch,
)
from sync.pull import Pulling
from sync.push_pipeline import (
    POLL,
    OrderedUploads,
    Record,
    Recorder,
    Sealed,
    Sealer,
    SkippedError,
)
from sync.repair import (
    RepairLedger,
)
from sync.segments import (
    PracticeKeys,
    decode_segment,
    digest,
    encode_segment,
    joined_body,
    seal_segment,
    segment_body,
)
from sync.snapshot_write import write_snapshot
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

PUSH_DEPTH = 3
"""Sealed segments a push keeps ahead of what it recorded (:mod:`sync.push_pipeline`):
enough that neither a slow commit nor a slow seal leaves the link idle; bounded, so
memory holds a few segments and a crash leaves at most this many to adopt."""

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


@dataclass(slots=True)
class _Pushed:
    """Where a push stands: the last local seq and segment recorded, and its counts."""

    last_local: int
    cursor: Cursor
    changes: int = 0
    segments: int = 0
    length: int = 0  # of the last segment (the head names it)

    def advance(self, last_local: int, cursor: Cursor, length: int) -> None:
        self.last_local, self.cursor, self.length = last_local, cursor, length


@dataclass(slots=True)
class _Reading:
    """The journal read of one push round: after which local seq, whether to go on."""

    after: int
    more: bool = True
    skipped: bool = False  # an attachment upload was skipped (an earlier create failed)


@dataclass(frozen=True, slots=True)
class PublishedSnapshot:
    """A snapshot written: its root's name, and how many changes it holds."""

    name: str
    changes: int


CANCEL_EVERY = 10_000
"""Changes exported between two looks at the cancel flag while a snapshot is written."""


@dataclass(frozen=True, slots=True)
class Recording:
    """How a push records what the storage holds: ``record``, aside or not."""

    record: Record
    aside: bool


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one ``sync()`` did; ``requests``: storage requests made (list/get/create/...)."""

    pushed_changes: int
    pushed_segments: int
    pulled_changes: dict[str, int]
    pulled_segments: int
    conflicts: int
    requests: int


def _segment_body(batch: Sequence[PendingChange]) -> bytes:
    """The batch's segment body: its wire forms joined (the journal keeps them), else
    the changes encoded."""
    if isinstance(batch, WireBatch):
        return joined_body(batch.joined)
    wires = [p.wire for p in batch if p.wire is not None]
    if len(wires) < len(batch):
        wires = [p.change.to_wire() for p in batch]
    return segment_body(wires)


class SyncEngine(Pulling):
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

    def learn_keys(self) -> None:
        """Learn the key epochs and revocation records the storage announces, and stop
        at a repair not followed yet (one listing): what a push does before sealing, for
        work that depends on what those records decide (the rest of a restore's
        snapshot, ``desktop.remote.snapshot_stream``)."""
        listing = self._store.list(heads_prefix(self.pid))
        self._catch_up(listing)
        self._check_repairs(listing)

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
        done = _Pushed(last_local, cursor)
        with OrderedUploads() as uploads, self._recording() as (record, aside):
            while self._push_round(uploads, Recording(record, aside), done):
                continue  # a segment was there already and adopted: go on after it
        cursor = done.cursor
        if cursor != start_cursor:
            head = Head(self.device, cursor.seq, cursor.digest, done.length)
            self._write_head(head, previous=start_cursor.seq)
        if listing is not None:
            prefix = heads_prefix(self.pid)
            seen = [o for o in listing if (parse_head(o.name, prefix) or ("",))[0] != self.device]
            if cursor.seq:
                seen.append(ObjectInfo(head_name(self.pid, self.device, cursor.seq), 0))
            self._heads_seen = seen
        return PushReport(done.changes, done.segments)

    @contextlib.contextmanager
    def _recording(self) -> Iterator[tuple[Record, bool]]:
        """The replica's ``record_pushed``, and whether it may run on a thread of its own
        (:class:`sync.ports.RecordsAside`; never for the sequential push)."""
        if self.pipeline and isinstance(self.replica, RecordsAside):
            with self.replica.recording() as record:
                yield record, True
        else:
            yield self.replica.record_pushed, False

    def _push_round(self, uploads: OrderedUploads, recording: Recording, done: _Pushed) -> bool:
        """Push from ``done``'s position (see :mod:`sync.push_pipeline`): this thread
        reads batches, the recorder records what the storage holds, in order, several
        segments per commit when they come faster than commits. True when a segment
        turned out to exist already and was adopted (the line restarts after it)."""
        sealer = Sealer(
            uploads,
            self._create_segment,
            self._seal,
            done.cursor,
            segment_changes=self.segment_changes,
            max_bytes=self.max_segment_bytes,
            depth=PUSH_DEPTH if self.pipeline else 1,
        )
        recorder = Recorder(recording.record, aside=recording.aside, recorded=sealer.done_with)
        reading = _Reading(done.last_local)
        waiting: Sealed | None = None
        try:
            while True:
                if self._cancel.is_set():
                    self._settle(uploads, sealer, recorder, waiting, done)
                    self._check_cancel()
                waiting, created, exists = self._created(waiting, sealer, recorder, done)
                self._record(recorder, created, done)
                if exists is not None:
                    sealer.close()
                    uploads.idle()  # the creates queued after it were skipped
                    self._account(recorder, done, wait=True)
                    self._adopt(exists, done)
                    uploads.restart()
                    return True
                if created:
                    continue
                if reading.more and sealer.wants_more():
                    self._read(reading, sealer, uploads)
                elif waiting is not None:
                    wait_futures([waiting.created], timeout=POLL)
                elif sealer.finished:
                    self._account(recorder, done, wait=True)
                    if reading.skipped:
                        raise RuntimeError("an attachment upload was skipped, no create failed")
                    return False
                else:
                    waiting = sealer.take(POLL)
        finally:
            recorder.close()
            sealer.close()

    def _created(
        self, waiting: Sealed | None, sealer: Sealer, recorder: Recorder, done: _Pushed
    ) -> tuple[Sealed | None, list[Sealed], Sealed | None]:
        """(the first segment still uploading, those the storage now holds in order, the
        one that was there already); a failed create is raised after recording those
        before it."""
        created: list[Sealed] = []
        waiting = waiting or sealer.take(0)
        while waiting is not None and waiting.created.done():
            try:
                waiting.created.result()
            except AlreadyExistsError:
                return None, created, waiting
            except BaseException:
                self._record(recorder, created, done, wait=True)
                raise
            created.append(waiting)
            waiting = sealer.take(0)
        return waiting, created, None

    def _settle(
        self,
        uploads: OrderedUploads,
        sealer: Sealer,
        recorder: Recorder,
        waiting: Sealed | None,
        done: _Pushed,
    ) -> None:
        """Cancelled: nothing more goes out; what the storage already holds is recorded
        (so the next push need not adopt it)."""
        uploads.stop()
        sealer.close()
        uploads.idle()
        created: list[Sealed] = []
        while (waiting := waiting or sealer.take(0)) is not None:
            if waiting.created.exception() is not None:
                break
            created.append(waiting)
            waiting = None
        self._record(recorder, created, done, wait=True)

    def _read(self, reading: _Reading, sealer: Sealer, uploads: OrderedUploads) -> None:
        """The next batch of pending changes to the sealer, after their attachments."""
        batch = self.replica.pending_changes(reading.after, self.segment_changes)
        try:
            if batch:
                self._upload_blobs(uploads, batch)
        except SkippedError:
            # An earlier create failed: the segments before it, taken in order, say
            # how (there already: adopted; else its error). This batch is read again.
            batch, reading.skipped = [], True
        if batch:
            sealer.give(batch, _segment_body(batch))
            reading.after = batch[-1].local_seq
        else:
            sealer.finish()
            reading.more = False

    def _record(
        self, recorder: Recorder, created: list[Sealed], done: _Pushed, *, wait: bool = False
    ) -> None:
        """The storage holds ``created`` (in order): the recorder records the last."""
        recorder.give(created)
        self._account(recorder, done, wait=wait)

    def _account(self, recorder: Recorder, done: _Pushed, *, wait: bool = False) -> None:
        """Count what is recorded (all that was given, with ``wait``); raise the error of
        a commit that failed."""
        recorded = recorder.flush() if wait else recorder.take()
        if recorded:
            last = recorded[-1]
            done.advance(last.changes[-1].local_seq, last.cursor, len(last.data))
            done.changes += sum(len(s.changes) for s in recorded)
            done.segments += len(recorded)
            self._progress("push", done.changes, done.changes)
        recorder.check()

    def _adopt(self, sealed: Sealed, done: _Pushed) -> None:
        data, count = self._adopt_existing_segment(sealed.changes, sealed.previous)
        local = sealed.changes[count - 1].local_seq
        cursor = Cursor(sealed.seq, digest(data))
        self.replica.record_pushed(local, cursor)
        done.advance(local, cursor, len(data))
        done.changes += count
        done.segments += 1
        self._progress("push", done.changes, done.changes)

    def _create_segment(self, seq: int, data: bytes) -> None:
        self._store.create(segment_name(self.pid, self.device, seq), data)

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

    def _seal(
        self, seq: int, previous_digest: str, batch: Sequence[PendingChange], body: bytes | None
    ) -> bytes:
        """``batch`` sealed as segment ``seq``, chained to ``previous_digest`` (on the
        sealer's thread), from its ``body`` when :meth:`_read` made it."""
        if body is None:
            body = _segment_body(batch)
        return seal_segment(self.keys, self.device, seq, previous_digest, body)

    def _upload_blobs(self, uploads: OrderedUploads, changes: Sequence[PendingChange]) -> None:
        """Attachments travel before the segment that references them (create-only:
        chunks already there are skipped): queued before ``changes`` go to the sealer,
        one at a time (a document is read only when the previous one is uploaded)."""
        if not isinstance(self.replica, BlobSource):
            return
        for sha in sorted(set(self.replica.blobs_referenced(changes))):
            self._check_cancel()
            data = self.replica.read_blob(sha)

            def upload(data: bytes = data, sha: str = sha) -> None:
                ref, _ = upload_blob(self._store, self.keys, data)
                if ref.sha256 != sha:
                    raise ValueError(f"the local store returned other content for attachment {sha}")

            uploads.submit(upload).result()

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

    # ------------------------------------------------------------ snapshots

    def publish_snapshot(self) -> PublishedSnapshot:
        """Push, then write the replica's full state and the cursors it covers (ours
        included) as an immutable snapshot. Cancellable until its objects are created."""
        self.push()
        _, own = self.replica.push_cursor()
        cursors = {d: c for d, c in self.replica.cursors().items() if c.seq > 0}
        if own.seq > 0:
            cursors[self.device] = own
        replica = self.replica
        state: Iterable[Change | RowImage]
        if isinstance(replica, ImageExport):
            state = replica.export_snapshot()
        else:
            state = replica.export_state()
        name, count = write_snapshot(
            self._store, self.keys, self.device, cursors, replica.meta(),
            self._cancellable(state),
        )  # fmt: skip
        self._progress("snapshot", count, count)
        return PublishedSnapshot(name, count)

    def _cancellable(self, changes: Iterable[Change | RowImage]) -> Iterator[Change | RowImage]:
        for done, change in enumerate(changes):
            if not done % CANCEL_EVERY or type(change) is RowImage:
                self._check_cancel()
            yield change

    def load_latest_snapshot(self, target: SnapshotTarget) -> dict[str, Cursor] | None:
        return load_latest_snapshot(self._store.backend, self.keys, target)

"""The first push's assembly line: the journal read on the sync thread, segments sealed on
a second thread, created on a third, so the link is never idle waiting for either.

- The calling thread (the replica's) reads pending changes in batches.
- The recorder (:class:`Recorder`) records what the storage holds (``record_pushed``: a
  database commit that drops the pushed journal entries, a quarter of a first push's
  time), on a thread of its own when the replica can record from one
  (:class:`sync.ports.RecordsAside`): SQLite does that work outside the interpreter
  lock, on the other core, while the journal read goes on.
- The sealer thread cuts the stream of changes into segments (at most ``segment_changes``
  each, halved until under ``max_bytes``: the same cut as a sequential push), compresses
  and seals each one chained to the previous and hands it to the uploads. zstd and
  AES-GCM release the interpreter lock, so this runs beside the reads; the segment body
  (the wire forms joined) is made by the reading thread, for the same reason.
- The upload thread creates objects one at a time, in the order given, and nothing after
  a create that failed: the storage never sees segment ``n + 1`` without ``n``.

At most ``depth`` sealed segments wait beyond what is recorded (room is given back only
once they are recorded, wherever that runs); memory stays bounded: ``depth``
segments of at most ``max_bytes``, and two batches of changes. A crash may
leave up to ``depth`` segments on the storage that are not recorded: the next push finds
them there and adopts them (same changes at the same seq and chain link), as it always
did for one.
"""

from __future__ import annotations

import functools
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from sync.ports import Cursor, PendingChange
from sync.segments import digest

Seal = Callable[[int, str, Sequence[PendingChange], bytes | None], bytes]
"""seal(seq, previous digest, changes, their segment body if already made) -> the
segment object."""

POLL = 0.1  # seconds between checks for a stop while waiting


class SkippedError(Exception):
    """This create was not attempted: an earlier one failed, or the push stopped."""


class OrderedUploads:
    """``submit(fn)`` queues a request; one helper thread runs them in order. After the
    first one that raises, and after :meth:`stop`, the queued ones are skipped (their
    futures raise :class:`SkippedError`) until :meth:`restart`."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="carnet-push-upload")
        self._stopped = threading.Event()

    def submit(self, fn: Callable[[], None]) -> Future[None]:
        return self._pool.submit(self._run, self._stopped, fn)

    @staticmethod
    def _run(stopped: threading.Event, fn: Callable[[], None]) -> None:
        if stopped.is_set():
            raise SkippedError()
        try:
            fn()
        except BaseException:
            stopped.set()  # before the next queued request looks at it
            raise

    def stop(self) -> None:
        self._stopped.set()

    def restart(self) -> None:
        """Requests submitted from now on run again (those queued before stay skipped)."""
        self._stopped = threading.Event()

    def idle(self) -> None:
        """Wait until every request submitted so far has run or been skipped."""
        self._pool.submit(lambda: None).result()

    def __enter__(self) -> OrderedUploads:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()  # an error, or a cancelled push: nothing more goes out
        self._pool.shutdown(wait=True)


@dataclass(frozen=True, slots=True)
class Sealed:
    """A segment handed to the uploads: ``changes`` are those it holds, ``previous`` the
    chain link it was sealed against, ``created`` its create request."""

    seq: int
    previous: Cursor
    changes: Sequence[PendingChange]
    data: bytes
    digest: str
    created: Future[None]

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.seq, self.digest)


_END = object()


class Sealer:
    """One round of the line, from the chain link ``cursor``: :meth:`give` batches of
    pending changes (then :meth:`finish`), and :meth:`take` the sealed segments in order.
    :meth:`close` stops it at any point (after an adopted segment, an error, a cancel)."""

    def __init__(
        self,
        uploads: OrderedUploads,
        create: Callable[[int, bytes], None],
        seal: Seal,
        cursor: Cursor,
        *,
        segment_changes: int,
        max_bytes: int,
        depth: int,
    ) -> None:
        self._uploads, self._create, self._seal = uploads, create, seal
        self._segment_changes, self._max_bytes = segment_changes, max_bytes
        self._room = threading.Semaphore(depth)  # sealed and not yet taken back
        self._input: queue.Queue[object] = queue.Queue(2)  # batches, then _END
        self._output: queue.Queue[Sealed | BaseException | object] = queue.Queue()
        self._stop = threading.Event()
        self.finished = False
        """The last segment was taken: every batch given is sealed."""
        self._thread = threading.Thread(
            target=self._run, args=(cursor,), name="carnet-push-seal", daemon=True
        )
        self._thread.start()

    # -- the caller's side (the replica's thread) ------------------------------------------

    def wants_more(self) -> bool:
        """Whether a batch given now would be taken without waiting."""
        return not self._input.full()

    def give(self, batch: Sequence[PendingChange], body: bytes | None) -> None:
        """The next pending changes, and their segment body if the caller made it: the
        caller's thread does the interpreter's share of the work (joining the wire
        forms), so this thread holds the interpreter lock as little as possible. A
        thread that holds it in long calls slows every journal read, which gives it up
        and takes it back once per row."""
        self._put((batch, body))

    def finish(self) -> None:
        """No more batches: seal what is buffered, then report the end."""
        self._put(_END)

    def _put(self, item: object) -> None:
        while True:
            try:
                self._input.put(item, timeout=POLL)
                return
            except queue.Full:
                if not self._thread.is_alive():
                    return  # it stopped on an error, which :meth:`take` reports

    def take(self, timeout: float) -> Sealed | None:
        """The next sealed segment, waiting at most ``timeout``; None if none is ready
        yet, or after the last one (then :attr:`finished`). Raises the sealer's error."""
        if self.finished:
            return None
        try:
            got = self._output.get(timeout=timeout) if timeout else self._output.get_nowait()
        except queue.Empty:
            return None
        if got is _END:
            self.finished = True
            return None
        if isinstance(got, BaseException):
            raise got
        assert isinstance(got, Sealed)
        return got

    def done_with(self, count: int) -> None:
        """``count`` taken segments are recorded (or dropped): room for as many more."""
        for _ in range(count):
            self._room.release()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    # -- the sealer's thread -----------------------------------------------------------------

    def _run(self, cursor: Cursor) -> None:
        try:
            self._seal_all(cursor)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, in order
            self._output.put(exc)

    def _next_input(self) -> object:
        while not self._stop.is_set():
            try:
                return self._input.get(timeout=POLL)
            except queue.Empty:
                continue
        return _END

    def _seal_all(self, cursor: Cursor) -> None:
        buffered: Sequence[PendingChange] = ()
        body: bytes | None = None  # the body of exactly ``buffered``, if given
        ended = False
        while not self._stop.is_set():
            while not ended and len(buffered) < self._segment_changes:
                item = self._next_input()
                if item is _END:
                    ended = True
                else:
                    assert isinstance(item, tuple)
                    # A batch as it came (a journal's WireBatch stays one), or what was
                    # left of a halved segment followed by it (rare: changes one by one).
                    body = item[1] if not buffered else None
                    buffered = item[0] if not buffered else [*buffered, *item[0]]
            if not buffered or self._stop.is_set():
                break
            while not self._room.acquire(timeout=POLL):
                if self._stop.is_set():
                    return
            batch = buffered[: self._segment_changes]
            made = body if len(batch) == len(buffered) else None
            seq = cursor.seq + 1
            while True:
                data = self._seal(seq, cursor.digest, batch, made)
                if len(data) <= self._max_bytes or len(batch) == 1:
                    break
                batch, made = batch[: len(batch) // 2], None
            buffered = buffered[len(batch) :]
            body = None
            created = self._uploads.submit(functools.partial(self._create, seq, data))
            sealed = Sealed(seq, cursor, batch, data, digest(data), created)
            self._output.put(sealed)
            cursor = sealed.cursor
        self._output.put(_END)


Record = Callable[[int, Cursor], None]
"""record(last local seq in the storage, its segment's cursor): the replica's
``record_pushed``, committed when it returns."""


class Recorder:
    """Records created segments in order, at most one commit behind: :meth:`give` what
    the storage now holds, :meth:`take` what is recorded since. Segments given while a
    commit runs are recorded together by the next one (recording the last records them
    all). With ``aside``, the commits run on a thread of their own; without, in
    :meth:`give`. After a failed commit nothing more is recorded, and :meth:`check`
    raises its error."""

    def __init__(self, record: Record, *, aside: bool, recorded: Callable[[int], None]) -> None:
        """``recorded(count)`` runs after each commit, on the committing thread (the
        sealer's room is given back there, so it never waits on the caller's polling)."""
        self._record, self._on_recorded = record, recorded
        self._changed = threading.Condition()
        self._given: list[Sealed] = []  # created, not recorded yet
        self._recorded: list[Sealed] = []  # recorded, not taken yet
        self._busy = False
        self._closed = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if aside:
            self._thread = threading.Thread(
                target=self._run, name="carnet-push-record", daemon=True
            )
            self._thread.start()

    def give(self, created: list[Sealed]) -> None:
        if not created:
            return
        if self._thread is None:
            self._commit(created)
            return
        with self._changed:
            self._given.extend(created)
            self._changed.notify_all()

    def take(self) -> list[Sealed]:
        """The segments recorded since the last take, in order."""
        with self._changed:
            taken, self._recorded = self._recorded, []
            return taken

    def check(self) -> None:
        """Raise the error of a failed commit, if one failed."""
        if self._error is not None:
            raise self._error

    def flush(self) -> list[Sealed]:
        """Wait until everything given is recorded (or a commit failed), then take."""
        with self._changed:
            while (self._given or self._busy) and self._error is None:
                self._changed.wait()
        return self.take()

    def close(self) -> None:
        """Record what was given (after a failed create or a cancel, what the storage
        holds is still recorded), then stop the thread."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()

    def _commit(self, created: list[Sealed]) -> None:
        last = created[-1]
        try:
            self._record(last.changes[-1].local_seq, last.cursor)
        except BaseException as exc:
            with self._changed:
                self._error = exc
            raise
        with self._changed:
            self._recorded.extend(created)
        self._on_recorded(len(created))

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._given and not self._closed:
                    self._changed.wait()
                if not self._given:
                    return
                created, self._given, self._busy = self._given, [], True
            try:
                self._commit(created)
            except BaseException:  # noqa: BLE001 - kept, and raised on the caller's thread
                return
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()

"""Producing a sequence ahead of its consumer, on one helper thread, in order.

The pull verifies segments (network, decryption, decompression: mostly outside the
interpreter lock) ahead of the thread that parses and applies them. Bounded, so memory
stays within a few items; errors reach the consumer in order, after every item before
them, as without prefetch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

FETCH_AHEAD = 8
"""Objects downloaded ahead of the one being decrypted and inflated, on a thread of their
own, so the link does not wait for the processor: a snapshot's chunks are at most ~3 MiB
sealed, so this holds ~25 MiB at worst. Measured at 100,000 patients over the emulated
link (docs/performance.md, run 7): with one thread doing both, the database waited 12 s
for chunks; downloading on its own thread 2 ahead, still 12 s (the link then waits
whenever the database meets slow chunks); 32 ahead, 7 s, all of it in the first 15 s,
where the database applies chunks faster than the link brings them."""


def produced_ahead(
    source: Iterator[T],
    count: int,
    depth: int,
    cancel: threading.Event,
    check_cancel: Callable[[], None],
    name: str = "carnet-pull-prefetch",
) -> Generator[T, None, None]:
    """The ``count`` items of ``source``, produced up to ``depth`` ahead by one helper
    thread. ``check_cancel`` runs on the consumer's thread between waits; the helper
    stops at the next item once ``cancel`` is set or the consumer has stopped, and then
    closes ``source``: a source that is itself produced ahead stops its own helper, so
    stages chain (fetch on one thread, verify on the next, apply on the caller's)."""
    ahead = _Ahead(source, count, depth, cancel)
    worker = threading.Thread(target=ahead.produce, name=name, daemon=True)
    worker.start()
    try:
        for _ in range(count):
            got = ahead.take(worker, check_cancel)
            if isinstance(got, BaseException):
                raise got
            yield got
    finally:
        ahead.stop.set()
        worker.join()


class _Ahead(Generic[T]):
    """The queue between the helper thread (:meth:`produce`) and the consumer
    (:meth:`take`); ``stop`` ends the helper at its next item or wait."""

    def __init__(self, source: Iterator[T], count: int, depth: int, cancel: threading.Event):
        self.source, self.count, self.cancel = source, count, cancel
        self.ready: queue.Queue[T | BaseException] = queue.Queue(depth)
        self.stop = threading.Event()

    def offer(self, item: T | BaseException) -> bool:
        """Queue ``item`` unless the consumer stops first; whether it was queued."""
        while not self.stop.is_set():
            try:
                self.ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce(self) -> None:
        """The helper thread: every item in order, or the first error, then nothing."""
        try:
            for _ in range(self.count):
                if self.stop.is_set() or self.cancel.is_set():
                    return
                if not self.offer(next(self.source)):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, in order
            self.offer(exc)
        finally:
            close = getattr(self.source, "close", None)
            if close is not None:  # a generator: its own helper threads stop and join
                close()

    def take(self, worker: threading.Thread, check_cancel: Callable[[], None]) -> T | BaseException:
        """The next item (or error), checking for cancellation between waits."""
        while True:
            check_cancel()
            try:
                return self.ready.get(timeout=0.1)
            except queue.Empty:
                if not worker.is_alive() and self.ready.empty():
                    raise RuntimeError("the segment prefetch stopped") from None

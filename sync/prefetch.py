"""Producing a sequence ahead of its consumer, on one helper thread, in order.

The pull verifies segments (network, decryption, decompression: mostly outside the
interpreter lock) ahead of the thread that parses and applies them. Bounded, so memory
stays within a few items; errors reach the consumer in order, after every item before
them, as without prefetch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


def produced_ahead(  # noqa: C901 - to split (issue 14)
    source: Iterator[T],
    count: int,
    depth: int,
    cancel: threading.Event,
    check_cancel: Callable[[], None],
) -> Iterator[T]:
    """The ``count`` items of ``source``, produced up to ``depth`` ahead by one helper
    thread. ``check_cancel`` runs on the consumer's thread between waits; the helper
    stops at the next item once ``cancel`` is set or the consumer has stopped."""
    ready: queue.Queue[T | BaseException] = queue.Queue(depth)
    stop = threading.Event()

    def offer(item: T | BaseException) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def fetch_ahead() -> None:
        try:
            for _ in range(count):
                if stop.is_set() or cancel.is_set():
                    return
                item = next(source)
                if not offer(item):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, in order
            offer(exc)

    worker = threading.Thread(target=fetch_ahead, name="carnet-pull-prefetch", daemon=True)
    worker.start()
    try:
        for _ in range(count):
            while True:
                check_cancel()
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

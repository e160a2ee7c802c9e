"""Work off the UI thread (Anki's taskman): one worker owns the practice database, another
does network IO; results come back on the main thread through a queued Qt signal.

UI code reads as one line::

    self.tasks.db(lambda p: p.search_patients(q), on_done=self.show_rows)

A window never touches SQL, crypto or sockets, and never calls processEvents().
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop.practice.store import Practice

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Carries a finished future to the main thread (queued connection)."""

    finished = Signal(object, object, object)  # future, on_done, on_error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, future: Future[Any], on_done: Done | None, on_error: Failed | None) -> None:
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                raise exc  # reaches sys.excepthook: the crash dialog
        elif on_done is not None:
            on_done(future.result())


class Tasks:
    """The app's three workers: the store's (``practice`` is opened, used and closed on
    it), the network's, and one for files and PDF that touch no database."""

    def __init__(self) -> None:
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carnet-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carnet-net")
        self._file = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carnet-file")
        self._relay = _Relay()
        self.practice: Practice | None = None
        self.closed = False  # after shutdown(): new work is dropped, never run

    def db(
        self,
        fn: Callable[[Practice], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> Future[Any]:
        """Run ``fn(practice)`` on the database worker."""

        def call() -> Any:
            if self.practice is None:
                raise RuntimeError("the practice is not open")
            return fn(self.practice)

        return self._submit(self._db, call, on_done, on_error)

    def on_db(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Future[Any]:
        """Run ``fn()`` on the database worker (opening or creating the practice)."""
        return self._submit(self._db, fn, on_done, on_error)

    def net(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Future[Any]:
        """Run ``fn()`` on the network worker (sync, connection tests)."""
        return self._submit(self._net, fn, on_done, on_error)

    def file(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Future[Any]:
        """Run ``fn()`` on the file worker (a PDF, a file written): never behind the store's
        queue, never on the UI thread."""
        return self._submit(self._file, fn, on_done, on_error)

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
    ) -> Future[Any]:
        if self.closed:  # the app is quitting: a late timer or sync state asks for nothing
            dropped: Future[Any] = Future()
            dropped.cancel()
            return dropped
        future = pool.submit(fn)
        future.add_done_callback(lambda f: self._relay.finished.emit(f, on_done, on_error))
        return future

    def shutdown(self) -> None:
        """Close the practice on its own thread, then stop both workers."""

        def close() -> None:
            if self.practice is not None:
                self.practice.close()
                self.practice = None

        self._db.submit(close).result(timeout=30)
        self.closed = True
        self._db.shutdown(wait=True)
        self._file.shutdown(wait=True)  # a PDF being written is finished, not cut
        self._net.shutdown(wait=False, cancel_futures=True)

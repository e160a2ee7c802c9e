"""The work after unlock that makes searching fast, driven from the UI thread a slice
at a time: the notes waiting for the note index (after a restore, all of them), then
the name search's warm-up.

Each slice (a few milliseconds: :func:`desktop.practice.warmup.warm_slice`, or
:data:`NOTE_SLICE` notes indexed) is one task on the db worker; the next is queued only
when the previous one is done, so a query the user types waits behind one slice at most,
never behind the whole job. Stopped on lock and close; a failure only ends the job (a
note search indexes what is left itself, a name search works cold).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.app.tasks import Tasks
from desktop.practice.warmup import CACHE_SHARE, WarmProgress, cache_bytes, warm_slice

MAX_SECONDS = 10.0
"""Time the warm-up may spend on the db worker in all (it stops earlier at its budget)."""


class SearchWarmer(QObject):
    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.progress = WarmProgress()
        self._budget: int | None = None
        self._stopped = True

    def start(self) -> None:
        self.progress, self._budget, self._stopped = WarmProgress(), None, False
        self._next()

    def stop(self) -> None:
        self._stopped = True

    @property
    def running(self) -> bool:
        return not self._stopped and not self.progress.done

    def _next(self) -> None:
        if self._stopped or self.tasks.closed:
            return
        self.tasks.db(self._slice, on_done=self._sliced, on_error=self._failed)

    def _slice(self, practice: Any) -> WarmProgress:  # on the db worker
        if self._stopped:
            return self.progress
        if self._budget is None:
            self._budget = int(cache_bytes(practice.conn) * CACHE_SHARE)
        return warm_slice(practice.conn, self.progress, self._budget)

    def _sliced(self, progress: WarmProgress) -> None:
        if progress.done or progress.seconds >= MAX_SECONDS:
            self._stopped = True
            return
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._stopped = True  # locked meanwhile, or a read failed: search simply runs cold


NOTE_SLICE = 500
"""Notes indexed per slice: ~5-10 ms of folding and inserting on the db worker."""


class NoteIndexer(QObject):
    """Indexes the notes waiting for the note index, a slice at a time; ``finished``
    once none is left (or it stopped). ``progress(done, total)`` after each slice."""

    finished = Signal()
    progress = Signal(int, int)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.total = self.done = 0
        self._stopped = True

    def start(self) -> None:
        self.done, self._stopped = 0, False
        if self.tasks.closed:
            return
        self.tasks.db(lambda p: p.notes_pending(), on_done=self._counted, on_error=self._failed)

    def stop(self) -> None:
        self._stopped = True

    def _counted(self, pending: int) -> None:
        self.total = pending
        if pending:
            self._next()
        else:
            self._end()

    def _next(self) -> None:
        if self._stopped or self.tasks.closed:
            return
        self.tasks.db(self._slice, on_done=self._sliced, on_error=self._failed)

    def _slice(self, practice: Any) -> int:  # on the db worker
        return 0 if self._stopped else int(practice.index_notes(NOTE_SLICE))

    def _sliced(self, indexed: int) -> None:
        self.done += indexed
        self.progress.emit(min(self.done, self.total), self.total)
        if indexed == NOTE_SLICE:
            self._next()
        else:  # the last slice: none left
            self._end()

    def _end(self) -> None:
        if not self._stopped:
            self._stopped = True
            self.finished.emit()

    def _failed(self, exc: BaseException) -> None:
        self._stopped = True  # locked meanwhile: the next note search indexes the rest

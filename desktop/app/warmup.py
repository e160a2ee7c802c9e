"""The search warm-up after unlock, driven from the UI thread a slice at a time.

Each slice (:func:`desktop.practice.warmup.warm_slice`, a few milliseconds) is one task
on the db worker; the next is queued only when the previous one is done, so a query the
user types waits behind one slice at most, never behind the whole warm-up. Stopped on
lock and close; a failure only ends the warm-up (searching works cold).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

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

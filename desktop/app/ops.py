"""User actions as one call each (after Anki's ``aqt.operations``): the work runs on the
right worker, the window shows that it is busy, a known failure becomes a sentence, and
whoever listens learns what changed.

    ops.Op(parent, tasks, lambda p: p.delete_record("patient", pid))
        .changes(Changes(patients=True))
        .success(lambda _: ...)
        .run()

Three workers, never the UI thread: ``db`` (the open practice's connection), ``net`` (the
network: a storage move, a sync, on a connection of its own so the store stays free for
the GP's search), ``file`` (PDF and files, which need no database).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks

T = TypeVar("T")


class Worker(Enum):
    DB = "db"  # fn(practice) on the store's own worker
    NET = "net"  # fn(practice) on the network worker, with a connection of its own
    FILE = "file"  # fn(None) on the file worker: PDF and files, no database


@dataclasses.dataclass(frozen=True, slots=True)
class Changes:
    """What an action changed, so the window refreshes what shows it (and only that)."""

    patients: bool = False  # the list and search
    chart: str | None = None  # this patient's chart
    agenda: bool = False
    sync: bool = False  # something to push: the sync status and the scheduler


class Hub(QObject):
    """One signal for every action's changes; the main window listens."""

    changed = Signal(object)  # Changes


hub = Hub()


class Op(Generic[T]):
    """One user action. Build it, chain ``success``/``failure``/``changes``, then ``run``."""

    def __init__(
        self,
        parent: QWidget,
        tasks: Tasks,
        work: Callable[[Any], T],
        *,
        worker: Worker = Worker.DB,
        status: QLabel | None = None,
        busy: str = "",
        cursor: bool = True,
        opens: tuple[Path, bytes] | None = None,
    ) -> None:
        """``cursor=False``: no busy cursor, for a long task whose dialog shows its own
        progress while the rest of the app stays usable (an export). ``opens``: for
        ``NET``, the folder and key of the practice its connection opens (default: the
        open practice's)."""
        self.parent, self.tasks, self.work, self.worker = parent, tasks, work, worker
        self.status, self.busy, self.cursor, self.opens = status, busy, cursor, opens
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None
        self._changes = Changes()

    def success(self, fn: Callable[[T], object]) -> Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Op[T]:
        """Instead of the default (the sentence in ``status``, else the window's bar)."""
        self._failure = fn
        return self

    def changes(self, changes: Changes) -> Op[T]:
        self._changes = changes
        return self

    def run(self) -> None:
        self._busy(True)
        if self.worker is Worker.DB:
            self.tasks.db(self.work, on_done=self._done, on_error=self._failed)
        elif self.worker is Worker.NET:
            opens = self.opens
            if opens is None:
                practice = self.tasks.practice
                assert practice is not None, "an action on the network needs a practice"
                opens = practice.folder, practice.db_key
            (folder, key), work = opens, self.work

            def on_own_connection() -> T:
                from desktop.practice.store import Practice

                # A second connection: it never rekeys under the store's (departures).
                with Practice.open(folder, key=key, departures=False) as own:
                    return work(own)

            self.tasks.net(on_own_connection, on_done=self._done, on_error=self._failed)
        else:
            work = self.work
            self.tasks.file(lambda: work(None), on_done=self._done, on_error=self._failed)

    def _busy(self, busy: bool) -> None:
        if self.cursor and busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif self.cursor:
            QGuiApplication.restoreOverrideCursor()
        if self.busy:
            if self.status is not None:
                self.status.setText(self.busy if busy else "")
            elif busy:
                self._say(self.busy)

    def _done(self, result: T) -> None:
        self._busy(False)
        if self._changes != Changes():
            hub.changed.emit(self._changes)
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if self._failure is not None:
            self._failure(exc)
            return
        text = message_for(exc)
        if text is None:
            raise exc  # a bug: the app's crash handler reports it
        self._say(text)

    def _say(self, text: str) -> None:
        if self.status is not None:
            self.status.setText(text)
            return
        window = self.parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

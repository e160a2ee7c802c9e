"""The sync state, always visible in the status bar, and the background sync itself.

The sync runs on the network worker with its own connection to the practice (SQLite in
WAL mode lets it write while the database worker serves searches), so a slow or stalled
server never delays the UI nor a search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows. ``kind``: not-configured, syncing, synced, offline, error."""

    kind: str
    pending: int = 0
    at: dt.datetime | None = None
    message: str = ""


class SyncStatusLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncStatus")
        self.show_state(SyncState("not-configured"))

    def show_state(self, state: SyncState) -> None:
        if state.kind == "not-configured":
            text = self.tr("Sync: not configured ({0} changes on this computer only)").format(
                state.pending
            )
        elif state.kind == "syncing":
            text = self.tr("Syncing…")
        elif state.kind == "synced":
            when = state.at.astimezone().strftime("%H:%M") if state.at else "?"
            text = self.tr("Synced at {0}").format(when)
        elif state.kind == "offline":
            text = self.tr("Offline: {0} changes waiting").format(state.pending)
        else:
            text = self.tr("Sync error: {0}").format(state.message)
        self.setText(text)
        self.setStyleSheet("color: #b00020" if state.kind == "error" else "")


class SyncController(QObject):
    """Runs SyncService on the network worker, on demand and every ``interval`` seconds."""

    changed = Signal(object)  # SyncState

    def __init__(
        self,
        tasks: Tasks,
        folder: Path,
        db_key: bytes,
        remote: str | None,
        run: Callable[[], Any] | None = None,
        interval_s: int = 300,
    ) -> None:
        super().__init__()
        self.tasks, self.folder, self.db_key, self.remote = tasks, folder, db_key, remote
        self._run = run or self._sync_once
        self.busy = False
        self._timer = QTimer(self, interval=interval_s * 1000)
        self._timer.timeout.connect(self.sync_now)
        if remote:
            self._timer.start()

    def set_remote(self, remote: str | None, interval_s: int | None = None) -> None:
        """A remote connected (or changed) while the app runs: sync to it on the timer."""
        self.remote = remote
        if interval_s is not None:
            self._timer.setInterval(interval_s * 1000)
        if remote:
            self._timer.start()
        else:
            self._timer.stop()

    def _sync_once(self) -> Any:
        from desktop.practice.store import Practice
        from desktop.sync_service import SyncService

        with Practice.open(self.folder, key=self.db_key) as practice:
            return SyncService(practice).sync()

    def sync_now(self) -> None:
        if self.busy or not self.remote:
            return
        self.busy = True
        self.changed.emit(SyncState("syncing"))
        self.tasks.net(self._run, on_done=self._done, on_error=self._failed)

    def _done(self, _report: Any) -> None:
        self.busy = False
        self.changed.emit(SyncState("synced", at=dt.datetime.now(dt.UTC)))

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        from sync.errors import exit_code

        if exit_code(exc) == 4:
            self.tasks.db(
                lambda p: p.pending_count(),
                on_done=lambda n: self.changed.emit(SyncState("offline", pending=n)),
            )
        else:
            self.changed.emit(SyncState("error", message=message_for(exc) or type(exc).__name__))

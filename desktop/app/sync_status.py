"""The sync state, always visible in the status bar, and the background sync itself.

The app's sync is the project's one scheduler (:class:`sync.scheduler.SyncScheduler`):
a few seconds after a local change (debounced), on the poll interval, backing off while
the storage is unreachable and resuming when it answers again. It runs on the
scheduler's own thread with its own connection to the practice (SQLite in WAL mode lets
it write while the database worker serves searches), so a slow or stalled server never
delays the UI nor a search. Its states reach the UI thread through a queued signal.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.errors import Kind, known
from desktop.remote import State, Status, SyncScheduler, Timing

DEBOUNCE_S = 3.0


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows. ``kind``: not-configured, syncing, synced, offline,
    error. ``charts``: charts with changes not on the storage yet (None: not counted);
    ``pending``: those changes; ``at``: when the last sync succeeded, or since when the
    storage is unreachable; ``message``: the error's sentence, with what to do."""

    kind: str
    pending: int = 0
    at: dt.datetime | None = None
    message: str = ""
    charts: int | None = None


class SyncStatusLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncStatus")
        self.setAccessibleDescription(self.tr("Sync status"))
        self.show_state(SyncState("not-configured"))

    def _waiting(self, state: SyncState) -> str:
        if state.charts:
            if state.charts == 1:
                return self.tr("1 chart changed")
            return self.tr("{0} charts changed").format(state.charts)
        if state.pending and state.charts is None:  # too many to count charts quickly
            return self.tr("{0} changes").format(QLocale().toString(state.pending))
        if state.pending:
            return self.tr("practice settings changed")
        return self.tr("nothing waiting")

    def show_state(self, state: SyncState) -> None:
        when = state.at.astimezone().strftime("%H:%M") if state.at else "?"
        if state.kind == "not-configured":
            text = self.tr("Sync not configured: {0}, on this computer only").format(
                self._waiting(state)
            )
        elif state.kind == "syncing":
            text = self.tr("Syncing…")
        elif state.kind == "synced":
            text = self.tr("Synced at {0}").format(when)
            if state.pending:
                text += " · " + self._waiting(state)
        elif state.kind == "offline":
            text = self.tr("Offline since {0}: {1} waiting").format(when, self._waiting(state))
        else:
            text = self.tr("Sync error: {0}").format(state.message)
        self.setText(text)
        self.setToolTip(text)  # whole, when the status bar cuts a long sentence off
        self.setStyleSheet("color: #b00020" if state.kind == "error" else "")


class SyncController(QObject):
    """The app's background sync: one :class:`SyncScheduler` while a storage is set.

    ``run`` replaces the sync itself (tests); ``notify_local_change()`` after each
    committed write; ``pulled`` tells the window to refresh what it shows."""

    changed = Signal(object)  # SyncState
    pulled = Signal()  # a sync brought changes from other computers
    conflicts_changed = Signal(int)  # open conflicts, after each sync
    restore_progress = Signal(int, int)  # a restore's chunks in, of all (scheduler thread)
    _status = Signal(object)  # scheduler thread -> UI thread

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
        self.interval_s = interval_s
        self.busy = False
        self.offline_since: dt.datetime | None = None
        self._last_error: BaseException | None = None
        self._counts: tuple[int, int | None] = (0, None)
        self._generation = 0
        self._cancel: threading.Event | None = None
        self._scheduler: SyncScheduler | None = None
        self._status.connect(self._show, Qt.ConnectionType.QueuedConnection)
        if remote:
            self._start()

    @property
    def running(self) -> bool:
        """Whether a scheduler syncs in the background (a storage is set)."""
        return self._scheduler is not None

    def _start(self) -> None:
        timing = Timing(debounce=DEBOUNCE_S, poll=float(self.interval_s))
        self._scheduler = SyncScheduler(self._run_sync, timing=timing, on_status=self._status.emit)
        self._scheduler.start()

    def _run_sync(self, cancel: threading.Event) -> Any:
        self._cancel = cancel
        try:
            return self._run()
        except BaseException as exc:
            self._last_error = exc  # translated on the UI thread
            raise

    def _sync_once(self) -> Any:
        from desktop.practice.store import Practice
        from desktop.remote import SyncService

        with Practice.open(self.folder, key=self.db_key, departures=False) as practice:
            return SyncService(practice).sync(self._cancel, self._progress)

    def _progress(self, step: str, done: int, total: int) -> None:
        from desktop.remote.snapshot_stream import STEP

        if step == STEP:
            self.restore_progress.emit(done, total)  # queued to the UI thread

    def set_remote(self, remote: str | None, interval_s: int | None = None) -> None:
        """A storage connected (or changed) while the app runs: sync to it from now on."""
        self.stop()
        self.remote = remote
        if interval_s is not None:
            self.interval_s = interval_s
        if remote:
            self._start()

    def sync_now(self) -> None:
        if self.busy or not self.remote:
            return
        self.busy = True  # until the scheduler reports the outcome
        self.changed.emit(SyncState("syncing"))
        if self._scheduler is None:
            self._start()  # its first sync starts at once
        else:
            self._scheduler.sync_now()

    def notify_local_change(self) -> None:
        if self._scheduler is not None:
            self._scheduler.notify_local_change()
        else:
            self.refresh()

    def stop(self) -> None:
        """No more syncs (lock, another storage). A sync under way is cancelled between
        two segments on its own thread; the UI does not wait for it."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.stop(timeout=0)

    def refresh(self) -> None:
        """The state as it stands (the pending count changes with every local write)."""
        if self._scheduler is None:
            self._emit_with_pending("not-configured")
        elif not self.busy:
            self._show(self._scheduler.status())

    def _show(self, status: Status) -> None:
        if self._scheduler is None or status.state is State.STOPPED:
            return  # stopped: what its last sync says is no longer news
        self.busy = status.state is State.SYNCING
        if status.state is State.SYNCING:
            self.changed.emit(SyncState("syncing"))
            return
        if status.state is State.OFFLINE:
            self.offline_since = self.offline_since or dt.datetime.now(dt.UTC)
            self._emit_with_pending("offline", at=self.offline_since)
        elif status.state is State.ERROR:
            exc = self._last_error
            from desktop.app.repair import lost_data_hint

            hint = lost_data_hint(exc) if exc is not None else None
            text = (
                hint
                or self._storage_gone(exc)
                or (message_for(exc) if exc is not None else None)
                or self.tr("unexpected problem ({0})").format(type(exc).__name__ if exc else "?")
            )
            self._emit_with_pending("error", message=text)
        elif status.state is State.SYNCED:
            self.offline_since = None
            self._emit_with_pending("synced", at=dt.datetime.now(dt.UTC))
            report = status.last_report
            if report is not None and any(getattr(report, "pulled_changes", None) or ()):
                self.pulled.emit()
        else:
            self._emit_with_pending("synced" if status.synced_at else "not-configured")

    def _storage_gone(self, exc: BaseException | None) -> str | None:
        """The storage this practice syncs with is not where it was (a disk or a network
        share not connected, the laptop away from the office): the address is not wrong,
        the storage is missing, and nothing is lost. Said so, not "check the address"."""
        said = known(exc) if exc is not None else None
        if said is None or said.kind is not Kind.NO_PRACTICE_THERE:
            return None
        return self.tr(
            "the sync storage is not found (a disk or a network share not connected?). "
            "Your work is kept on this computer; Carnet syncs again on its own once it is "
            "back (F5 to try now)."
        )

    def _emit_with_pending(self, kind: str, **facts: Any) -> None:
        """The state now, with the last counts; then with fresh ones from the worker."""
        pending, charts = self._counts
        self.changed.emit(SyncState(kind, pending=pending, charts=charts, **facts))
        self._generation += 1
        generation = self._generation

        def counts(p: Any) -> tuple[int, int | None, int]:
            return p.pending_count(), p.pending_charts(), len(p.conflicts())

        def show(result: tuple[int, int | None, int]) -> None:
            pending, charts, conflicts = result
            self._counts = pending, charts
            if generation != self._generation:
                return  # a newer state is already shown
            self.changed.emit(SyncState(kind, pending=pending, charts=charts, **facts))
            self.conflicts_changed.emit(conflicts)

        def failed(exc: BaseException) -> None:
            if self.tasks.practice is not None:
                raise exc  # a bug: the crash dialog; a closed practice (locked) is not one

        self.tasks.db(counts, on_done=show, on_error=failed)

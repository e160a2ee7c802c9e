"""The band above the charts while a restore still brings the practice's history: how
far it is, and what that means for a chart (desktop.remote.snapshot_stream). Every
patient, chart summary and appointment is already here; older consultations and
prescriptions arrive newest first, at the background sync. Nothing is shown as
complete before it is: the band goes only when the practice's state says complete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.app.sync_status import SyncController, SyncState
from desktop.app.tasks import Tasks


class RestoreBanner(QLabel):
    completed = Signal()  # the practice's state says complete: the band is gone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#restoreBanner { background: #fff4ce; color: #3d2c00; padding: 6px 10px;"
            " border-bottom: 1px solid #e0c45c; }"
        )
        self.tasks: Tasks | None = None
        self.hide()

    def watch(self, tasks: Tasks, sync: SyncController) -> None:
        """Show the band, follow the sync's progress through the snapshot, and after
        each sync ask the practice whether its restore is complete."""
        self.tasks = tasks
        self.restoring()
        sync.restore_progress.connect(self.restoring)
        sync.changed.connect(self._synced)

    def restoring(self, done: int = 0, total: int = 0) -> None:
        """The restore goes on: ``done`` of ``total`` parts of the full copy are in
        (0 of 0: not counted yet)."""
        where = (
            self.tr("{0} of {1} parts of the full copy are on this computer.").format(
                done, total
            )
            if total
            else self.tr("It goes on at the next sync.")
        )
        self.setText(
            self.tr(
                "Restore in progress: the practice's history is still arriving. {0} "
                "Every patient, their problems, allergies, treatments and appointments "
                "are here; a chart may still miss older consultations or prescriptions."
            ).format(where)
        )
        self.show()

    def _synced(self, state: SyncState) -> None:
        if state.kind != "synced" or self.isHidden() or self.tasks is None:
            return
        self.tasks.db(_complete, on_done=self._checked)

    def _checked(self, complete: bool) -> None:
        if complete and not self.isHidden():
            self.hide()
            self.completed.emit()


def _complete(p: Any) -> bool:
    from desktop.remote import RESTORE_STATE

    return bool(p.meta_value(RESTORE_STATE) == "complete")

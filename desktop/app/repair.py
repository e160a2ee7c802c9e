"""Practice > Repair the storage…: the app's door to ``carnet repair``.

Offered where the app reports that the storage lost data (the status bar's sync error
names it). The dialog says what repair does and what the person must have checked, and
the Repair button stays disabled until they tick that they did: a rollback is also what
a hostile storage would fake, so it is one explicit, confirmed action. The repair runs
on the network worker with its own connection to the practice, like the sync.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.remote import RollbackError


def lost_data_hint(exc: BaseException) -> str | None:
    """For a sync error that says the storage lost data: the sentence pointing to the
    repair; None for any other error."""
    if not isinstance(exc, RollbackError):
        return None
    return QCoreApplication.translate(
        "repair",
        "The storage lost data this practice had stored (rolled back or deleted); nothing "
        "was sent onto the gap. If it cannot be put back, use Practice > Repair the "
        "storage… on the computer that holds the most recent data.",
    )


def run_repair(practice: Any) -> Any:
    """The repair itself, on the network worker (its own connection, as the sync)."""
    from desktop.remote import SyncService, repair_storage

    service = SyncService(practice)
    if service.check().ok:
        return None  # nothing to repair: the storage is complete
    return repair_storage(service)


class RepairDialog(QDialog):
    """Explain, have the person confirm, repair, and say what was done."""

    repaired = Signal(object)  # the RepairReport

    def __init__(
        self, tasks: Tasks, folder: Path, db_key: bytes, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self.folder, self.db_key = tasks, folder, db_key
        self.setWindowTitle(self.tr("Repair the storage"))
        self.explanation = QLabel(
            self.tr(
                "Repair makes the practice's storage whole again from this computer. It "
                "publishes everything this computer holds as the new starting point and "
                "retires the damaged chains of changes; nothing is deleted. The other "
                "computers follow at their next sync and keep everything they hold, sent "
                "or not.\n\nBefore you repair: ask the storage provider (or check the NAS) "
                "whether the lost data can be put back; if it can, do that instead and "
                "simply sync again. Repair from the computer that holds the most recent "
                "data, never from one that was offline for long."
            )
        )
        self.explanation.setWordWrap(True)
        self.confirm = QCheckBox(
            self.tr("The storage cannot be put back, and this computer holds the most recent data")
        )
        self.confirm.setAccessibleName(self.tr("Confirm the repair"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Repair outcome"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.repair_button = self.buttons.addButton(
            self.tr("Repair the storage"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.repair_button.setEnabled(False)
        self.confirm.toggled.connect(self.repair_button.setEnabled)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.confirm, self.outcome, self.buttons):
            layout.addWidget(widget)

    def start(self) -> None:
        if not self.confirm.isChecked():
            return
        self.repair_button.setEnabled(False)
        self.confirm.setEnabled(False)
        self.outcome.setText(self.tr("Repairing…"))
        ops.Op(
            self, self.tasks, run_repair, worker=ops.Worker.NET, opens=(self.folder, self.db_key)
        ).success(self._done).failure(self._failed).run()

    def _done(self, report: Any) -> None:
        if report is None:
            self.outcome.setText(self.tr("The storage is complete: there is nothing to repair."))
            self.confirm.setEnabled(True)
            return
        self.outcome.setText(
            self.tr("The storage is repaired: the other computers follow at their next sync.")
        )
        self.repaired.emit(report)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.confirm.setEnabled(True)
        self.repair_button.setEnabled(self.confirm.isChecked())
        self.outcome.setText(message_for(exc) or self.tr("The repair failed: please report this."))

"""Patient > Deleted charts: deletions are tombstones, so any of them can come back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.patient_list import patient_label
from desktop.app.tasks import Tasks


class DeletedChartsDialog(QDialog):
    restored = Signal(str)  # patient id

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(self.tr("Deleted charts"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Deleted charts"))
        self.restore_button = QPushButton(self.tr("Restore the chart"))
        self.restore_button.clicked.connect(self.restore)
        self.error = QLabel()
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 400)
        self.tasks.db(lambda p: p.deleted_patients(), on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(patient_label(row))
            item.setData(256, row["id"])
            self.list.addItem(item)
        if not rows:
            self.error.setText(self.tr("No deleted chart."))
        self.restore_button.setEnabled(bool(rows))

    def restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        patient_id = str(item.data(256))

        def done(_: Any) -> None:
            self.restored.emit(patient_id)
            self.list.takeItem(self.list.row(item))

        ops.Op(
            self, self.tasks, lambda p: p.undelete_record("patient", patient_id), status=self.error
        ).success(done).changes(ops.Changes(sync=True)).run()

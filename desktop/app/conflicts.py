"""Sync conflicts: the two values side by side; the user keeps one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.app.tasks import Tasks


class ConflictsDialog(QDialog):
    resolved = Signal(str)

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self.tasks = tasks
        self.conflicts: list[dict[str, Any]] = []
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(760, 360)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conflicts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Field"), self.tr("This computer"), self.tr("Other device")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_local = QPushButton(self.tr("Keep this computer's value"))
        self.keep_local.setObjectName("keepLocal")
        self.keep_remote = QPushButton(self.tr("Keep the other device's value"))
        self.keep_remote.setObjectName("keepRemote")
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_remote.clicked.connect(lambda: self.resolve("remote"))
        self.empty = QLabel(self.tr("No conflicts."))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_remote)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.tasks.db(lambda p: p.conflicts(), on_done=self._show)

    def _show(self, conflicts: list[dict[str, Any]]) -> None:
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            for column, value in enumerate(
                (f"{c['entity']} {c['record_id'][:8]}", c["field"], c["local"], c["remote"])
            ):
                self.table.setItem(
                    row, column, QTableWidgetItem("" if value is None else str(value))
                )
        if conflicts:
            self.table.selectRow(0)
        self.empty.setVisible(not conflicts)
        for button in (self.keep_local, self.keep_remote):
            button.setEnabled(bool(conflicts))

    def resolve(self, keep: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict_id = self.conflicts[row]["id"]

        def done(_: Any) -> None:
            self.resolved.emit(conflict_id)
            self.reload()

        self.tasks.db(lambda p: p.resolve_conflict(conflict_id, keep), on_done=done)

"""Sync conflicts: whose chart, which field in words, both values with when and on which
computer each was written; the user keeps one, or closes and decides later."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.app import ops
from desktop.app.dates import show_datetime
from desktop.app.errors import message_for
from desktop.app.field_labels import field_label, value_text
from desktop.app.tasks import Tasks
from desktop.practice.conflict_view import ConflictView, Side, conflict_views


class ConflictsDialog(QDialog):
    resolved = Signal(str)

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self.tasks = tasks
        self.conflicts: list[ConflictView] = []
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(980, 420)
        self.intro = QLabel(
            self.tr(
                "The same field was changed on two computers before they synced. The chart "
                "shows one value; choose the one to keep on every computer."
            )
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conflicts")
        self.table.setAccessibleName(self.tr("Sync conflicts"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Patient"),
                self.tr("Field"),
                self.tr("This computer"),
                self.tr("Other computer"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 160)
        self.table.setColumnWidth(2, 280)
        self.keep_local = QPushButton(self.tr("Keep this computer's value"))
        self.keep_local.setObjectName("keepLocal")
        self.keep_remote = QPushButton(self.tr("Keep the other computer's value"))
        self.keep_remote.setObjectName("keepRemote")
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_remote.clicked.connect(lambda: self.resolve("remote"))
        self.empty = QLabel(self.tr("No conflicts."))
        self.error = QLabel()
        self.error.setStyleSheet("color:#c00000")
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_remote)
        buttons.addStretch(1)
        buttons.addWidget(self.close_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.tasks.db(conflict_views, on_done=self._show, on_error=self._failed)

    def side_text(self, c: ConflictView, side: Side) -> str:
        """ "06 12 34 56 78\nwritten 01/12/2026 10:32 on PC-accueil" """
        where = side.device_name or self.tr("another computer ({0})").format(side.device[:8])
        if side.this_computer:
            where = (
                self.tr("this computer ({0})").format(side.device_name)
                if side.device_name
                else self.tr("this computer")
            )
        if side.written_at:
            about = self.tr("written {0} on {1}").format(show_datetime(side.written_at), where)
        else:
            about = self.tr("written on {0}").format(where)
        return f"{value_text(c.entity, c.field, side.value)}\n{about}"

    def _show(self, conflicts: list[ConflictView]) -> None:
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            cells = (
                c.patient_name or self.tr("(not a patient's record)"),
                field_label(c.entity, c.field),
                self.side_text(c, c.local),
                self.side_text(c, c.remote),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if conflicts:
            self.table.selectRow(0)
        self.empty.setVisible(not conflicts)
        for button in (self.keep_local, self.keep_remote):
            button.setEnabled(bool(conflicts))

    def resolve(self, keep: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict_id = self.conflicts[row].id

        def done(_: Any) -> None:
            self.resolved.emit(conflict_id)
            self.reload()

        ops.Op(
            self, self.tasks, lambda p: p.resolve_conflict(conflict_id, keep), status=self.error
        ).success(done).changes(ops.Changes(sync=True)).run()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.error.setText(text)

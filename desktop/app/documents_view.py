"""Every document of the chart, newest first: Open shows it inside the app (the viewer),
Attach adds one from a file dialog (files can also be dropped on the chart)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import show_date
from desktop.app.document_attach import FILE_FILTER, kind_label
from desktop.app.document_viewer import DocumentViewer, Fetch
from desktop.app.tasks import Tasks
from desktop.practice.models import Chart, Document

RECORD = Qt.ItemDataRole.UserRole


def pick_files(parent: QWidget) -> list[Path]:
    """Files to attach, from the system's file dialog (several at once)."""
    chosen, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("AttachDocumentDialog", "Attach documents"),
        "",
        QCoreApplication.translate("AttachDocumentDialog", FILE_FILTER),
    )
    return [Path(c) for c in chosen]


class DocumentsView(QDialog):
    """The chart's documents in a table; ``attach`` asks the chart to attach files."""

    attach = Signal(list)  # of Path

    def __init__(
        self,
        tasks: Tasks,
        chart: Chart,
        parent: QWidget | None = None,
        fetch_for: Callable[[Document], Fetch | None] | None = None,
    ):
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, chart.id
        self.fetch_for = fetch_for
        self.records: list[Document] = []
        self.viewer: DocumentViewer | None = None
        self.setWindowTitle(self.tr("Documents: {0}").format(chart.full_name()))
        self.resize(640, 420)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("documents")
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Title"), self.tr("Kind")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # row numbers say nothing (and its corner button)
        self.table.setColumnWidth(1, 320)
        self.table.itemActivated.connect(lambda item: self.open_row(item.row()))
        self.count = QLabel()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Show the document here, without leaving Carnet."))
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.attach_button.setAccessibleName(self.tr("Attach documents"))
        self.attach_button.clicked.connect(self._pick)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.attach_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.show_records(chart.documents)

    def show_records(self, records: Sequence[Document]) -> None:
        self.records = list(records)  # the chart's order: newest first
        self.table.setRowCount(len(self.records))
        for row, d in enumerate(self.records):
            when, kind = show_date(d.received_at), kind_label(d.kind)
            cells = (when, d.title or "", kind)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RECORD, row)
                self.table.setItem(row, col, item)
        if self.records:
            self.table.setCurrentCell(0, 0)
        self.open_button.setEnabled(bool(self.records))
        self.count.setText(self.tr("%n document(s)", "", len(self.records)))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.records):
            document = self.records[row]
            fetch = self.fetch_for(document) if self.fetch_for is not None else None
            viewer = DocumentViewer(self.tasks, document, self, fetch=fetch)
            viewer.show()
            self.viewer = viewer

    def _pick(self) -> None:
        paths = pick_files(self)
        if paths:
            self.attach.emit(paths)

"""Writing a prescription (lines: drug, dosage, duration, quantity), saved as a version and
printed as a PDF ordonnance with the practitioner's header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.practice import prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.reports.prescription import write_ordonnance

COLUMNS = ("drug", "dosage", "duration", "quantity")


class PrescriptionEditor(QDialog):
    saved = Signal(str)
    printed = Signal(str)  # the PDF's path

    def __init__(self, tasks: Tasks, patient_id: str, title: str) -> None:
        super().__init__()
        self.tasks, self.patient_id = tasks, patient_id
        self.setWindowTitle(self.tr("Prescription: {0}").format(title))
        self.resize(760, 420)
        self.table = QTableWidget(4, len(COLUMNS))
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Drug"), self.tr("Dosage"), self.tr("Duration"), self.tr("Quantity")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 220)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Notes (optional)"))
        add = QPushButton(self.tr("Add a line"))
        add.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.print_button = QPushButton(self.tr("Save and print to PDF…"))
        self.print_button.setObjectName("print")
        self.save_button.clicked.connect(lambda: self.save(print_to=None))
        self.print_button.clicked.connect(self._ask_and_print)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.notes)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def set_line(self, row: int, **values: str) -> None:
        if row >= self.table.rowCount():
            self.table.setRowCount(row + 1)
        for column, key in enumerate(COLUMNS):
            self.table.setItem(row, column, QTableWidgetItem(values.get(key, "")))

    def lines(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(len(COLUMNS))]
            values = {
                k: (cell.text().strip() if cell else "")
                for k, cell in zip(COLUMNS, cells, strict=True)
            }
            if values["drug"]:
                out.append(values)
        return out

    def _ask_and_print(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the prescription as PDF"), "ordonnance.pdf", "PDF (*.pdf)"
        )
        if path:
            self.save(print_to=Path(path))

    def save(self, print_to: Path | None) -> None:
        lines, notes = self.lines(), self.notes.text().strip() or None
        if not lines:
            self.status.setText(self.tr("Add at least one drug."))
            return
        patient_id = self.patient_id

        def write(p: Any) -> str:
            rx = prescriptions.add(
                p, patient_id, [RxLine.from_dict(line) for line in lines], notes=notes
            )
            if print_to is not None:
                write_ordonnance(print_to, prescriptions.ordonnance(p, rx))
            return rx

        self.tasks.db(write, on_done=lambda rx: self._done(rx, print_to), on_error=self._failed)

    def _done(self, rx: str, printed: Path | None) -> None:
        self.saved.emit(rx)
        if printed is not None:
            self.printed.emit(str(printed))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc) or self.tr("The prescription was not saved."))

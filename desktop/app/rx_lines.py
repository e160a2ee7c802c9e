"""The prescription's lines as an editable table: drug (DCI), posology, duration, boxes,
renewals, ALD zone, non-substitutable. Each row keeps the line it came from (its DCI,
brand, substances, an allergy override) so what the drug list knew is not lost."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem, QWidget

from desktop.practice.prescriptions import RxLine

TEXT_COLUMNS = ("drug", "dosage", "duration", "quantity", "renewals")
ALD, LONG, NS = 5, 6, 7
NS_CHOICES = ("", "MTE", "EFG", "CIF")


class LinesTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setObjectName("lines")
        self.setAccessibleName(self.tr("Prescription lines"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("Drug (DCI)"),
                self.tr("Dosage and frequency"),
                self.tr("Duration"),
                self.tr("Boxes"),
                self.tr("Renewals"),
                self.tr("ALD"),
                self.tr("Long-term"),
                self.tr("Non-substitutable"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((250, 230, 80, 60, 120, 45, 130)):
            self.setColumnWidth(column, width)
        self._origin: list[RxLine] = []

    def add(self, line: RxLine) -> int:
        row = self.rowCount()
        self.insertRow(row)
        self._origin.append(line)
        self._show(row, line)
        return row

    def _show(self, row: int, line: RxLine) -> None:
        values = (
            line.drug,
            line.dosage,
            line.duration,
            line.quantity,
            str(line.renewals) if line.renewals else "",
        )
        for column, value in enumerate(values):
            self.setItem(row, column, QTableWidgetItem(value))
        drug = self.item(row, 0)
        if line.brand and drug is not None:
            drug.setToolTip(line.brand)
        for column, checked, name in (
            (ALD, line.ald, self.tr("ALD, line {0}")),
            (LONG, line.long_term, self.tr("Long-term treatment, line {0}")),
        ):
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            box.setData(Qt.ItemDataRole.AccessibleTextRole, name.format(row + 1))
            self.setItem(row, column, box)
        ns = QComboBox()
        ns.setAccessibleName(self.tr("Non-substitutable, line {0}").format(row + 1))
        ns.addItem(self.tr("substitutable"), "")
        for reason in NS_CHOICES[1:]:
            ns.addItem(self.tr("non-substitutable ({0})").format(reason), reason)
        if line.non_substitutable:
            ns.setCurrentIndex(max(ns.findData(line.ns_reason or "MTE"), 1))
        self.setCellWidget(row, NS, ns)

    def set_lines(self, lines: list[RxLine]) -> None:
        self.setRowCount(0)
        self._origin = []
        for line in lines:
            self.add(line)

    def remove_current(self) -> None:
        row = self.currentRow()
        if 0 <= row < self.rowCount():
            self.removeRow(row)
            del self._origin[row]

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, column: int) -> bool:
        item = self.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def line_at(self, row: int) -> RxLine | None:
        """What the row prescribes as far as the allergy check needs (no renewals parsed)."""
        drug = self._text(row, 0)
        if not drug:
            return None
        origin = self._origin[row]
        return origin if drug == origin.drug else RxLine(drug)

    def flag(self, row: int, matched: bool) -> None:
        """A line that matches a recorded allergy shows it: red, bold."""
        item = self.item(row, 0)
        if item is None:
            return
        item.setForeground(QBrush(QColor("#c00000")) if matched else QBrush())
        font = item.font()
        font.setBold(matched)
        item.setFont(font)

    def lines(self) -> list[RxLine]:
        """The rows with a drug, as lines; ValueError (with the row) on bad renewals."""
        out = []
        for row in range(self.rowCount()):
            drug = self._text(row, 0)
            if not drug:
                continue
            origin = self._origin[row]
            if drug != origin.drug:  # retyped: what the list knew no longer applies
                origin = RxLine(drug)
            renewals_text = self._text(row, 4)
            try:
                renewals = int(renewals_text) if renewals_text else 0
            except ValueError:
                raise ValueError(row + 1) from None
            ns = self.cellWidget(row, NS)
            reason = ns.currentData() if isinstance(ns, QComboBox) else ""
            out.append(
                dataclasses.replace(
                    origin,
                    drug=drug,
                    dosage=self._text(row, 1),
                    duration=self._text(row, 2),
                    quantity=self._text(row, 3),
                    renewals=renewals,
                    ald=self._checked(row, ALD),
                    long_term=self._checked(row, LONG),
                    non_substitutable=bool(reason),
                    ns_reason=reason or "",
                )
            )
        return out

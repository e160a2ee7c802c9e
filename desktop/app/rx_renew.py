"""Renewing an earlier prescription: the patient's last ones listed, newest first and
chosen, with the lines of the one selected; Enter renews it into the editor.

A dialog, not a menu: a menu's popup is no child of the application in the
accessibility tree (Qt leaves popups out), so a screen reader's user and the e2e driver
could not reach its items; here each prescription is a list item, and what it holds is
read before it is renewed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.practice.prescriptions import RxLine

SHOWN = 15  # the last prescriptions offered


@dataclasses.dataclass(frozen=True, slots=True)
class Earlier:
    """A past prescription the GP may renew: its lines and its notes ("Ne pas substituer")."""

    prescribed_at: str
    lines: list[RxLine]
    notes: str = ""


def earlier_text(past: Earlier) -> str:
    """ "02/12/2026 : Ramipril 5 mg, Metformine 1000 mg" (the drugs cut at 80 characters)."""
    day = past.prescribed_at[:10]
    shown = dt.date.fromisoformat(day).strftime("%d/%m/%Y") if day else "?"
    drugs = ", ".join(line.drug for line in past.lines)[:80]
    return QCoreApplication.translate("RenewDialog", "{0}: {1}").format(shown, drugs)


class RenewDialog(QDialog):
    """``chosen(Earlier)`` when the GP renews one (the newest is selected at first)."""

    chosen = Signal(object)

    def __init__(self, earlier: list[Earlier], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Renew a prescription"))
        self.setMinimumWidth(560)
        self.earlier = earlier[:SHOWN]
        caption = QLabel(self.tr("&Earlier prescriptions:"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Earlier prescriptions"))
        caption.setBuddy(self.list)
        for past in self.earlier:
            self.list.addItem(QListWidgetItem(earlier_text(past)))
        self.lines = QLabel()
        self.lines.setObjectName("renewLines")
        self.lines.setWordWrap(True)  # its name is its text: a screen reader reads the lines
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.renew_button = self.buttons.addButton(
            self.tr("Renew"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._renew)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._show_lines)
        self.list.itemActivated.connect(lambda _: self._renew())
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.lines)
        layout.addWidget(self.buttons)
        if self.earlier:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Renew is the default (Enter), not Cancel, which Qt would pick otherwise."""
        super().showEvent(event)
        self.renew_button.setDefault(True)

    def _show_lines(self, row: int) -> None:
        if not 0 <= row < len(self.earlier):
            self.lines.clear()
            return
        past = self.earlier[row]
        lines = [
            " — ".join(x for x in (line.drug, line.dosage, line.duration) if x)
            for line in past.lines
        ]
        if past.notes:
            lines.append(past.notes)
        self.lines.setText("\n".join(lines))

    def _renew(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.earlier):
            self.chosen.emit(self.earlier[row])
            self.accept()

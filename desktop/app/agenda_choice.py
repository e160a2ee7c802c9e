"""Which appointment of a crowded agenda cell: appointments whose quarter hours overlap
share one cell of the grid (08:45 for 20 minutes, then 09:05), so Move and Cancel ask
which one is meant instead of always taking the cell's first.

A dialog with a list, not a menu: each appointment is a list item a screen reader (and
the e2e driver) reaches by name; Enter or a double click picks it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.practice.models import Appointment


def appointment_text(a: Appointment) -> str:
    """'09:05 VINCENT Christophe (Résultats de bilan)', as the grid shows it."""
    text = f"{(a.starts_at or '')[11:16]} {a.patient_name()}"
    return f"{text} ({a.reason})" if a.reason else text


class AppointmentChoice(QDialog):
    """``chosen(appointment)`` once one is picked; the first is selected at first."""

    chosen = Signal(object)

    def __init__(
        self, appointments: Sequence[Appointment], action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which appointment?"))
        self.setMinimumWidth(420)
        self.appointments = list(appointments)
        caption = QLabel(self.tr("This slot holds several &appointments. Which one?"))
        self.list = QListWidget()
        self.list.setObjectName("appointmentChoice")
        self.list.setAccessibleName(self.tr("Appointments of this slot"))
        caption.setBuddy(self.list)
        self.list.addItems([appointment_text(a) for a in self.appointments])
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _: self._pick())
        self.buttons = QDialogButtonBox()
        self.pick_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        # "Back", not Cancel: in French "Annuler" beside "Annuler le rendez-vous" reads as both
        self.buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._pick)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.list.setFocus()

    def _pick(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.appointments):
            self.accept()
            self.chosen.emit(self.appointments[row])

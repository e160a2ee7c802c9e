"""Choose a patient by typing (the agenda books anyone, not only the open chart): the
search runs in SQL on the worker, accent-blind, and the matches are listed under the field.
A caller who is no patient yet is created from there (the new patient form, with the name
typed), and chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import show_date
from desktop.app.tasks import Tasks

DEBOUNCE_MS = 150
PATIENT_ID = Qt.ItemDataRole.UserRole


def patient_label(row: dict[str, Any]) -> str:
    name = f"{(row.get('family_name') or '').upper()} {row.get('given_names') or ''}".strip()
    born = show_date(row.get("birth_date"))
    return f"{name}  {born}".strip()


class PatientPicker(QWidget):
    chosen = Signal(str)  # patient id
    searched = Signal(int)  # number of matches shown

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.patient_id: str | None = None
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setAccessibleName(self.tr("Patient"))
        self.search.setPlaceholderText(self.tr("Type a name, a birth date or a phone number"))
        self.matches = QListWidget()
        self.matches.setObjectName("patientMatches")
        self.matches.setAccessibleName(self.tr("Matching patients"))
        self.matches.setMaximumHeight(120)
        self.matches.hide()
        self.matches.itemActivated.connect(self._choose)
        self.matches.itemClicked.connect(self._choose)
        self.create_button = QPushButton(self.tr("New patient…"))
        self.create_button.setObjectName("createPatient")
        self.create_button.hide()
        self.create_button.clicked.connect(self.create_patient)
        self.creating: QWidget | None = None  # the new patient form, while open
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.create_button)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        # textChanged, not textEdited: a screen reader (AT-SPI) sets the text too.
        self._choosing = False
        self.search.textChanged.connect(self._edited)
        self.search.installEventFilter(self)
        self._generation = 0
        self._shown = ""  # the text whose matches the list shows
        self._choose_when_shown = False  # Enter came before this text's matches

    def set_patient(self, patient_id: str, label: str) -> None:
        self._choosing = True
        self.search.setText(label)
        self._choosing = False
        self.patient_id = patient_id
        self.matches.hide()
        self.create_button.hide()

    def _edited(self, _text: str) -> None:
        if self._choosing:
            return
        self.patient_id = None  # what is typed no longer names the chosen patient
        self._choose_when_shown = False
        self._timer.start()

    def _run(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.search.text().strip()
        if not query:
            self.matches.hide()
            self.create_button.hide()
            return

        def show(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return
            self.matches.clear()
            for row in rows:
                item = QListWidgetItem(patient_label(row))
                item.setData(PATIENT_ID, str(row["id"]))
                self.matches.addItem(item)
            if not rows:
                none = QListWidgetItem(self.tr("No patient found."))
                none.setFlags(Qt.ItemFlag.NoItemFlags)
                self.matches.addItem(none)
            else:
                self.matches.setCurrentRow(0)
            self.create_button.setText(self.tr("New patient “{0}”…").format(query))
            self.create_button.setVisible(not rows)
            self.matches.show()
            self._shown = query
            self.searched.emit(len(rows))
            current = self.matches.currentItem()
            if self._choose_when_shown and current is not None:
                self._choose_when_shown = False
                self._choose(current)

        self.tasks.db(lambda p: p.search_patients(query, 20), on_done=show)

    def create_patient(self) -> None:
        """The new patient form, with what was typed; the patient it creates is chosen."""
        from desktop.app.new_patient import NewPatientDialog

        dialog = NewPatientDialog(self.tasks, self.window(), name=self.search.text().strip())
        dialog.saved.connect(self._created)
        dialog.show()
        self.creating = dialog

    def _created(self, patient_id: str) -> None:
        def shown(row: dict[str, Any]) -> None:
            self.set_patient(patient_id, patient_label(row))
            self.chosen.emit(patient_id)

        self.tasks.db(lambda p: p.patient(patient_id), on_done=shown)

    def _choose(self, item: QListWidgetItem) -> None:
        patient_id = item.data(PATIENT_ID)
        if patient_id:
            self.set_patient(str(patient_id), item.text())
            self.chosen.emit(str(patient_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down/Up move in the matches, Enter picks the highlighted one (keyboard first);
        back in a field that names a patient, what is typed replaces it (it was added to
        the name: 'VINCENT Christophezorglub')."""
        if watched is self.search and event.type() == QEvent.Type.FocusIn and self.patient_id:
            QTimer.singleShot(0, self.search.selectAll)  # after a click placed the cursor
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if self.matches.isVisible() and self.matches.count():
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = self.matches.currentRow() + step
                    self.matches.setCurrentRow(max(0, min(self.matches.count() - 1, row)))
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self.search.text().strip() != self._shown:
                        # The matches are an earlier text's (typed fast): choose from
                        # this text's once they come, never a patient of the earlier.
                        self._choose_when_shown = True
                        self._timer.stop()
                        self._run()
                        return True
                    current = self.matches.currentItem()
                    if current is not None:
                        self._choose(current)
                    return True
        return False

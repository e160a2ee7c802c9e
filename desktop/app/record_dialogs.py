"""Small chart edits: the patient's identity, a new problem (antécédent) or allergy.

Each dialog only gathers fields; the write runs on the store's worker through Tasks and
the dialog closes when the store has accepted it (a refusal stays on screen as a sentence)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks

IDENTITY_FIELDS = (
    "family_name",
    "birth_name",
    "given_names",
    "birth_date",
    "nir",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "referring_gp",
)


class WriteDialog(QDialog):
    """A form whose Save writes on the store's worker: Save and Cancel, an error line,
    closed (``saved``) once the store has accepted the write; a refusal stays on screen
    as a sentence and Save comes back. Subclasses build ``form`` and define ``save``."""

    saved = Signal(str)

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color:#c00000")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def write(self, fn: Callable[[Any], str]) -> None:
        """Run ``fn(practice)`` (returns the record id) on the store's worker."""
        self.buttons.setEnabled(False)
        self.tasks.db(fn, on_done=self._done, on_error=self._failed)

    def _done(self, record_id: str) -> None:
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.buttons.setEnabled(True)
        self.error.setText(text)


class _RecordDialog(WriteDialog):
    """A form of line edits; subclasses say which fields and what Save writes."""

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, title, parent)
        self.edits: dict[str, QLineEdit] = {}

    def add_edit(self, field: str, label: str, value: Any = None) -> QLineEdit:
        edit = QLineEdit("" if value is None else str(value))
        edit.setObjectName(field)
        self.form.addRow(label, edit)
        self.edits[field] = edit
        return edit

    def text_fields(self) -> dict[str, str | None]:
        return {k: (e.text().strip() or None) for k, e in self.edits.items()}


class IdentityDialog(_RecordDialog):
    """Edit the identity; only the fields that changed are written (one change each)."""

    def __init__(self, tasks: Tasks, chart: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Edit identity"), parent)
        self.patient_id: str = chart["id"]
        self.before = {f: chart.get(f) for f in (*IDENTITY_FIELDS, "sex")}
        labels = {
            "family_name": self.tr("Family name"),
            "birth_name": self.tr("Birth name"),
            "given_names": self.tr("Given names"),
            "birth_date": self.tr("Birth date (YYYY-MM-DD)"),
            "nir": self.tr("Social security number"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "address": self.tr("Address"),
            "postal_code": self.tr("Postal code"),
            "city": self.tr("City"),
            "referring_gp": self.tr("Referring GP"),
        }
        for field in IDENTITY_FIELDS:
            self.add_edit(field, labels[field], chart.get(field))
        self.sex = QComboBox()
        sexes = (("F", self.tr("Female")), ("M", self.tr("Male")), ("U", self.tr("Unknown")))
        for code, label in sexes:
            self.sex.addItem(label, code)
        index = self.sex.findData(chart.get("sex") or "U")
        self.sex.setCurrentIndex(max(index, 0))
        self.form.insertRow(3, self.tr("Sex"), self.sex)

    def changes(self) -> dict[str, Any]:
        now: dict[str, Any] = {**self.text_fields(), "sex": self.sex.currentData()}
        return {k: v for k, v in now.items() if v != (self.before.get(k) or None)}

    def save(self) -> None:
        fields = self.changes()
        if not fields:
            self.reject()
            return
        if not fields.get("family_name", True):
            self.error.setText(self.tr("The family name cannot be empty."))
            return
        patient_id = self.patient_id

        def update(p: Any) -> str:
            p.update_record("patient", patient_id, fields)
            return patient_id

        self.write(update)


class AddProblemDialog(_RecordDialog):
    """A problem or history entry: label, CIM-10 code, kind, onset."""

    def __init__(self, tasks: Tasks, patient_id: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Add a problem"), parent)
        self.patient_id = patient_id
        self.add_edit("label", self.tr("Problem"))
        self.add_edit("cim10", self.tr("CIM-10 code"))
        self.kind = QComboBox()
        for code, label in (
            ("medical", self.tr("Medical")),
            ("surgical", self.tr("Surgical")),
            ("family", self.tr("Family")),
        ):
            self.kind.addItem(label, code)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.add_edit("onset", self.tr("Since (YYYY-MM-DD)"))

    def save(self) -> None:
        fields: dict[str, Any] = {**self.text_fields(), "kind": self.kind.currentData()}
        if not fields["label"]:
            self.error.setText(self.tr("Describe the problem."))
            return
        fields["patient_id"] = self.patient_id
        self.write(lambda p: str(p.create_record("problem", fields)))


class AddAllergyDialog(_RecordDialog):
    """An allergy or intolerance: substance, reaction, severity."""

    def __init__(self, tasks: Tasks, patient_id: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Add an allergy"), parent)
        self.patient_id = patient_id
        self.add_edit("substance", self.tr("Substance"))
        self.add_edit("reaction", self.tr("Reaction"))
        self.add_edit("severity", self.tr("Severity"))

    def save(self) -> None:
        fields: dict[str, Any] = self.text_fields()
        if not fields["substance"]:
            self.error.setText(self.tr("Name the substance."))
            return
        fields["patient_id"] = self.patient_id
        fields["kind"] = "allergy"
        self.write(lambda p: str(p.create_record("allergy", fields)))

"""Create or move an appointment: start (date and time), duration, reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks

ISO = "yyyy-MM-ddTHH:mm"


class AppointmentDialog(QDialog):
    """New appointment for ``patient_id`` or, with ``appointment``, a move of that one."""

    saved = Signal(str)

    def __init__(
        self,
        tasks: Tasks,
        *,
        patient_id: str,
        patient_name: str,
        starts_at: str,
        appointment: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.patient_id, self.appointment = tasks, patient_id, appointment
        self.setWindowTitle(
            self.tr("Move the appointment") if appointment else self.tr("New appointment")
        )
        self.start = QDateTimeEdit(QDateTime.fromString(starts_at, ISO))
        self.start.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.start.setCalendarPopup(True)
        self.duration = QSpinBox(minimum=5, maximum=240, singleStep=5)
        self.duration.setValue(int((appointment or {}).get("duration_min") or 15))
        self.reason = QLineEdit((appointment or {}).get("reason") or "")
        self.error = QLabel()
        self.error.setStyleSheet("color:#c00000")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Patient"), QLabel(patient_name))
        form.addRow(self.tr("Starts at"), self.start)
        form.addRow(self.tr("Duration (min)"), self.duration)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def fields(self) -> dict[str, Any]:
        return {
            "starts_at": self.start.dateTime().toString(ISO),
            "duration_min": self.duration.value(),
            "reason": self.reason.text().strip() or None,
        }

    def save(self) -> None:
        fields = self.fields()
        self.buttons.setEnabled(False)
        existing = self.appointment
        if existing is not None:
            changed = {k: v for k, v in fields.items() if existing.get(k) != v}
            record_id = str(existing["id"])

            def move(p: Any) -> str:
                if changed:
                    p.update_record("appointment", record_id, changed)
                return record_id

            self.tasks.db(move, on_done=self._done, on_error=self._failed)
            return
        patient_id = self.patient_id

        def create(p: Any) -> str:
            return str(
                p.create_record(
                    "appointment",
                    {
                        **fields,
                        "patient_id": patient_id,
                        "practitioner_id": p.user_id,
                        "status": "booked",
                    },
                )
            )

        self.tasks.db(create, on_done=self._done, on_error=self._failed)

    def _done(self, record_id: str) -> None:
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.buttons.setEnabled(True)
        self.error.setText(text)

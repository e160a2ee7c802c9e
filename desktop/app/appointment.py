"""Create or move an appointment: start (date and time), duration, reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.app.record_dialogs import WriteDialog
from desktop.app.tasks import Tasks

ISO = "yyyy-MM-ddTHH:mm"


class AppointmentDialog(WriteDialog):
    """New appointment for ``patient_id`` or, with ``appointment``, a move of that one."""

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
        super().__init__(
            tasks,
            self.tr("Move the appointment") if appointment else self.tr("New appointment"),
            parent,
        )
        self.patient_id, self.appointment = patient_id, appointment
        self.start = QDateTimeEdit(QDateTime.fromString(starts_at, ISO))
        self.start.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.start.setCalendarPopup(True)
        self.duration = QSpinBox(minimum=5, maximum=240, singleStep=5)
        self.duration.setValue(int((appointment or {}).get("duration_min") or 15))
        self.reason = QLineEdit((appointment or {}).get("reason") or "")
        self.form.addRow(self.tr("Patient"), QLabel(patient_name))
        self.form.addRow(self.tr("Starts at"), self.start)
        self.form.addRow(self.tr("Duration (min)"), self.duration)
        self.form.addRow(self.tr("Reason"), self.reason)

    def fields(self) -> dict[str, Any]:
        return {
            "starts_at": self.start.dateTime().toString(ISO),
            "duration_min": self.duration.value(),
            "reason": self.reason.text().strip() or None,
        }

    def save(self) -> None:
        fields = self.fields()
        existing = self.appointment
        if existing is not None:
            changed = {k: v for k, v in fields.items() if existing.get(k) != v}
            record_id = str(existing["id"])

            def move(p: Any) -> str:
                if changed:
                    p.update_record("appointment", record_id, changed)
                return record_id

            self.write(move)
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

        self.write(create)

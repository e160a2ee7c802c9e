"""Create or move an appointment: the patient (anyone, found by typing), the practitioner,
the start (date and time, typed or picked), the duration and the reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.app.confirm import ask
from desktop.app.datetime_field import DateTimeField
from desktop.app.patient_picker import PatientPicker
from desktop.app.record_dialogs import WriteDialog
from desktop.app.tasks import Tasks
from desktop.practice.models import Appointment

ISO = "yyyy-MM-ddTHH:mm"


class AppointmentDialog(WriteDialog):
    """New appointment (for ``patient_id`` if given, else the patient typed) or, with
    ``appointment``, a move of that one."""

    def __init__(
        self,
        tasks: Tasks,
        *,
        patient_id: str | None,
        patient_name: str,
        starts_at: str,
        appointment: Appointment | None = None,
        practitioner_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            self.tr("Move the appointment") if appointment else self.tr("New appointment"),
            parent,
        )
        self.patient_id, self.appointment = patient_id, appointment
        self.setMinimumWidth(480)
        self.picker = PatientPicker(tasks)
        if patient_id:
            self.picker.set_patient(patient_id, patient_name)
        self.picker.chosen.connect(self._chosen)
        self.practitioner = QComboBox()
        self.practitioner.setObjectName("practitioner")
        booked = appointment or Appointment.blank()
        self._wanted_practitioner = booked.practitioner_id or practitioner_id
        self.start = DateTimeField(QDateTime.fromString(starts_at, ISO))
        self.start.setObjectName("startsAt")
        self.start.setToolTip(
            self.tr("A date and a time, such as 02/12/2026 09:30, or a time alone")
        )
        self.past_question: Any = None
        self.duration = QSpinBox(minimum=5, maximum=240, singleStep=5)
        self.duration.setObjectName("duration")
        self.duration.setValue(int(booked.duration_min or 15))
        self.reason = QLineEdit(booked.reason or "")
        self.reason.setObjectName("reason")
        if appointment:  # a move keeps the patient: shown, not chosen again
            self.form.addRow(self.tr("Patient"), QLabel(patient_name))
        else:
            patient_label = QLabel(self.tr("&Patient"))
            patient_label.setBuddy(self.picker.search)
            self.form.addRow(patient_label, self.picker)
        self.form.addRow(self.tr("Pr&actitioner"), self.practitioner)
        self.form.addRow(self.tr("&Starts at"), self.start)
        self.form.addRow(self.tr("&Duration (min)"), self.duration)
        self.form.addRow(self.tr("&Reason"), self.reason)
        tasks.db(lambda p: (p.users(), p.user_id), on_done=self._show_practitioners)
        (self.start if patient_id else self.picker.search).setFocus()

    def _chosen(self, patient_id: str) -> None:
        self.patient_id = patient_id
        self.error.clear()

    def _show_practitioners(self, result: tuple[list[dict[str, Any]], str | None]) -> None:
        users, me = result
        for user in users:
            if user.get("role") in ("doctor", "locum") or user["id"] == self._wanted_practitioner:
                self.practitioner.addItem(user.get("display_name") or user["username"], user["id"])
        index = self.practitioner.findData(self._wanted_practitioner or me)
        self.practitioner.setCurrentIndex(max(index, 0))

    def fields(self) -> dict[str, Any]:
        """What Save writes; the start is None when what is typed is not a date and time."""
        start = self.start.dateTime()
        fields = {
            "starts_at": start.toString(ISO) if start is not None else None,
            "duration_min": self.duration.value(),
            "reason": self.reason.text().strip() or None,
        }
        if self.practitioner.currentData():
            fields["practitioner_id"] = self.practitioner.currentData()
        return fields

    def save(self, *, past_confirmed: bool = False) -> None:
        fields = self.fields()
        existing = self.appointment
        if fields["starts_at"] is None:
            self.error.setText(
                self.tr("Starts at: type a date and a time, for example 02/12/2026 09:30.")
            )
            return
        if existing is None and not self.patient_id:
            self.error.setText(self.tr("Choose the patient: type a name, then pick it."))
            return
        moved = existing is None or existing.starts_at != fields["starts_at"]
        start = QDateTime.fromString(fields["starts_at"], ISO)
        if moved and not past_confirmed and start < QDateTime.currentDateTime():
            self.past_question = ask(
                self,
                self.windowTitle(),
                self.tr("{0} is in the past. Book the appointment anyway?").format(
                    start.toString("dd/MM/yyyy HH:mm")
                ),
                yes=self.tr("Book anyway"),
                no=self.tr("Change the time"),
                on_yes=lambda: self.save(past_confirmed=True),
            )
            return
        if existing is not None:
            changed = {k: v for k, v in fields.items() if existing.field(k) != v}
            record_id = existing.id

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
                        "practitioner_id": p.user_id,
                        **fields,
                        "patient_id": patient_id,
                        "status": "booked",
                    },
                )
            )

        self.write(create)

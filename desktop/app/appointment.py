"""Create or move an appointment: the patient (anyone, found by typing), the practitioner,
the start (date and time, typed or picked), the duration and the reason. A time in the
past, or one the practitioner already has someone booked for, is asked about first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime
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
        self.overlap_question: Any = None
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

    def save(self, *, past_confirmed: bool = False, overlap_confirmed: bool = False) -> None:
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
        timing = ("starts_at", "duration_min", "practitioner_id")
        retimed = existing is None or any(existing.field(k) != fields.get(k) for k in timing)
        if retimed and not overlap_confirmed:
            self._ask_if_taken(fields)
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

    def _ask_if_taken(self, fields: dict[str, Any]) -> None:
        """Save at once when the practitioner has nobody else booked then; else ask (a
        secretary booked 10:30 over a 10:25 of 20 minutes without a word)."""
        own = self.appointment.id if self.appointment is not None else None
        start = dt.datetime.fromisoformat(fields["starts_at"])
        end = start + dt.timedelta(minutes=int(fields["duration_min"]))
        chosen = fields.get("practitioner_id")

        def taken(p: Any) -> list[Appointment]:
            return overlapping(p, chosen or p.user_id, start, end, own)

        def answer(others: list[Appointment]) -> None:
            if not shiboken6.isValid(self) or not self.isVisible():
                return  # closed (or locked away) while the worker looked
            if not others:
                self.save(past_confirmed=True, overlap_confirmed=True)
                return
            self.overlap_question = ask(
                self,
                self.windowTitle(),
                already_booked(self.practitioner.currentText(), others),
                yes=self.tr("Book anyway"),
                no=self.tr("Change the time"),
                on_yes=lambda: self.save(past_confirmed=True, overlap_confirmed=True),
            )

        self.tasks.db(taken, on_done=answer, on_error=self._failed)


def already_booked(practitioner: str, others: list[Appointment], *, dropped: bool = False) -> str:
    """ "Dr Claire Martin already has BLANCHARD Isabelle at 10:25 (20 min) at that time.
    Book the appointment anyway?" (translated; ``dropped``: "Move it there anyway?")."""
    booked = "; ".join(
        QCoreApplication.translate("AppointmentDialog", "{0} at {1} ({2} min)").format(
            a.patient_name(), (a.starts_at or "")[11:16], a.duration_min or 15
        )
        for a in others[:3]
    )
    who = practitioner or QCoreApplication.translate("AppointmentDialog", "The practitioner")
    if dropped:
        return QCoreApplication.translate(
            "AppointmentDialog", "{0} already has {1} at that time. Move it there anyway?"
        ).format(who, booked)
    return QCoreApplication.translate(
        "AppointmentDialog", "{0} already has {1} at that time. Book the appointment anyway?"
    ).format(who, booked)


def overlapping(
    p: Any, practitioner_id: str | None, start: dt.datetime, end: dt.datetime, own: str | None
) -> list[Appointment]:
    """The practitioner's booked appointments, other than ``own``, that share a minute
    with [start, end)."""
    longest = dt.timedelta(minutes=240)  # the dialog's longest duration
    rows = p.appointments_between(
        (start - longest).isoformat(timespec="minutes"), end.isoformat(timespec="minutes")
    )
    found = []
    for a in rows:
        if a.id == own or a.status == "cancelled" or a.practitioner_id != practitioner_id:
            continue
        begins = dt.datetime.fromisoformat(a.starts_at or "")
        if begins < end and begins + dt.timedelta(minutes=int(a.duration_min or 15)) > start:
            found.append(a)
    return found

"""Finds of the fourth GP pass, through the app's widgets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from tests.helpers.qt import search_and_open


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    from desktop.app import i18n

    i18n.install("fr")
    yield
    i18n.install("en")


def test_a_name_and_a_birth_year_find_the_patient(window: MainWindow, qtbot: QtBot):
    """Typed as on the card to tell apart one VINCENT of 16: 'vincent 1964' found nobody."""
    search_and_open(qtbot, window, "paul 1950")
    assert window.chart.chart is not None and window.chart.chart.family_name == "Martin"


def test_the_charts_appointments_say_when_and_with_whom(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    """A secretary on the phone read '02/12/2026 08:30 Vaccination' with no word of the
    doctor, the furthest first, and last year's appointments still 'booked' among them."""
    p = opened.practice
    assert p is not None
    locum = p.create_record(
        "user", {"username": "remp", "display_name": "Dr Remplaçante", "role": "locum"}
    )
    [paul] = [r["id"] for r in p.search_patients("paul")]
    for start, reason, who in (("2031-03-04T09:20", "Vaccin grippe", locum),
                               ("2030-01-10T10:00", "Suivi", p.user_id),
                               ("2020-05-05T11:00", "Ancien", locum)):  # fmt: skip
        p.create_record("appointment", {
            "patient_id": paul, "practitioner_id": who, "starts_at": start,
            "duration_min": 15, "status": "booked", "reason": reason,
        })  # fmt: skip
    from desktop.app.chart import practitioner_names

    # read on the worker when the window opens, before this test made the locum
    window.chart._names_known(opened.db(practitioner_names).result(5))
    search_and_open(qtbot, window, "paul")
    summary = window.chart.summary.toPlainText()  # the doctor's view
    assert summary.index("10/01/2030 10:00 Suivi · ") < summary.index(
        "04/03/2031 09:20 Vaccin grippe · Dr Remplaçante"
    )
    assert "Ancien" not in summary
    window.chart.set_clinical(False)  # the secretary's
    desk = window.chart.desk_appointments.text()
    assert "04/03/2031 09:20 Vaccin grippe · Dr Remplaçante" in desk and "Ancien" not in desk


def test_closing_the_chart_offers_the_next_appointment(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    import datetime as dt

    from desktop.app.start_screen import next_row
    from desktop.practice.models import Appointment

    p = opened.practice
    assert p is not None
    today = dt.date.today().isoformat()
    ids = {who: p.search_patients(who)[0]["id"] for who in ("Paul", "Hélène", "Gaëlle")}
    for hour, who in (("09:00", "Paul"), ("09:20", "Hélène"), ("09:40", "Gaëlle")):
        p.create_record("appointment", {
            "patient_id": ids[who], "practitioner_id": p.user_id,
            "starts_at": f"{today}T{hour}", "duration_min": 20, "status": "booked",
        })  # fmt: skip
    search_and_open(qtbot, window, "paul")
    start = window.chart.start
    with qtbot.waitSignal(start.loaded, timeout=5000):
        window.close_chart_action.trigger()
    assert window.chart.chart is None and start.isVisible()
    assert start.today.currentItem().text().startswith("09:20  MÜLLER Hélène")
    cancelled = [
        replace(Appointment.blank(), patient_id=pid, status=status)
        for pid, status in (("a", "booked"), ("b", "cancelled"), ("c", "booked"))
    ]
    assert next_row(cancelled, "a") == 2 and next_row(cancelled, None) == 0
    assert next_row(cancelled, "c") == 2  # the last of the day stays chosen


def test_a_caller_who_is_no_patient_yet_is_created_from_the_appointment(
    french: None, opened: Tasks, qtbot: QtBot
):
    """The secretary on the phone with a new patient found nobody in the appointment's
    patient field and had to leave it to create the chart; typing over the open chart's
    name added to it ('VINCENT Christophezorglub')."""
    from desktop.app.appointment import AppointmentDialog
    from desktop.app.new_patient import NewPatientDialog
    from tests.helpers.qt import type_text

    dialog = AppointmentDialog(
        opened, patient_id=None, patient_name="", starts_at="2031-03-04T10:00"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.picker
    with qtbot.waitSignal(picker.searched, timeout=5000):
        type_text(picker.search, "Garnier Élodie 15/03/1985")
    assert picker.create_button.isVisible()
    assert picker.create_button.text() == "Créer « Garnier Élodie 15/03/1985 »…"
    picker.create_button.click()
    form = picker.creating
    assert isinstance(form, NewPatientDialog)
    assert form.edits["family_name"].text() == "Garnier"
    assert form.edits["birth_date"].text() == "15/03/1985"
    with qtbot.waitSignal(picker.chosen, timeout=5000):
        form.save_button.click()
    assert dialog.patient_id is not None and picker.search.text().startswith("GARNIER Élodie")
    assert not picker.create_button.isVisible()
    picker.search.setFocus()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: picker.search.hasSelectedText(), timeout=2000)  # typed over

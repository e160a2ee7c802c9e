"""Current treatments (add, stop with a date, delete) and vaccinations (add, the full
list in its own view), edited from the chart over a real practice."""


from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.tasks import Tasks
from desktop.app.treatment_dialogs import TreatmentDialog, VaccinationDialog, VaccinationsView
from desktop.app.window import MainWindow
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_add_then_stop_a_treatment(
    french: None, window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    window.chart.treatment_button.click()
    add = window.chart.dialog
    assert isinstance(add, TreatmentDialog)
    add.edits["drug"].setText("Amlodipine 5 mg")
    add.edits["dosage"].setText("1 cp le matin")
    add.edits["started"].setText("12/03/2024")
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: bool(window.chart.chart.treatments), timeout=5000)  # type: ignore[union-attr]
    summary = window.chart.summary.toPlainText()
    assert "Traitements en cours" in summary
    assert "Amlodipine 5 mg 1 cp le matin (depuis 12/03/2024)" in summary

    treatment_id = window.chart.chart.treatments[0].id  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl(f"treatment:{treatment_id}"))
    stop = window.chart.dialog
    assert isinstance(stop, TreatmentDialog) and stop.stop_button is not None
    with qtbot.waitSignal(stop.saved, timeout=5000):
        stop.stop_button.click()
    today = dt.date.today().strftime("%d/%m/%Y")
    qtbot.waitUntil(
        lambda: "Traitements arrêtés" in window.chart.summary.toPlainText(), timeout=5000
    )
    assert f"arrêté le {today}" in window.chart.summary.toPlainText()
    assert "Traitements en cours" not in window.chart.summary.toPlainText()
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        (t,) = fresh.chart(pid).treatments
        assert (t.started, t.stopped) == ("2024-03-12", dt.date.today().isoformat())


def test_a_treatment_cannot_stop_before_it_started(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")
    window.chart.treatment_button.click()
    add = window.chart.dialog
    assert isinstance(add, TreatmentDialog)
    add.edits["drug"].setText("Amoxicilline")
    add.edits["started"].setText("12/03/2024")
    add.edits["stopped"].setText("01/03/2024")
    add.save()
    assert "before" in add.error.text()
    assert add.buttons.isEnabled()


def test_vaccinations_added_and_all_listed(
    french: None, window: MainWindow, opened: Tasks, qtbot: QtBot
):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    for year in range(2010, 2020):  # more than the summary shows
        p.create_record(
            "vaccination",
            {
                "patient_id": pid,
                "vaccine": "Grippe",
                "given_on": f"{year}-10-15",
                "lot": f"L{year}",
            },
        )
    search_and_open(qtbot, window, "paul")
    window.chart.vaccination_button.click()
    add = window.chart.dialog
    assert isinstance(add, VaccinationDialog)
    add.edits["vaccine"].setText("Boostrixtetra")
    add.edits["given_on"].setText("03/11/2025")
    add.edits["lot"].setText("AB123")
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: len(window.chart.chart.vaccinations) == 11, timeout=5000)  # type: ignore[union-attr]
    assert "Toutes les vaccinations (11)" in window.chart.summary.toPlainText()
    window.chart.summary.anchorClicked.emit(QUrl("vaccinations:all"))
    view = window.chart.vaccinations_view
    assert isinstance(view, VaccinationsView)
    assert view.table.rowCount() == 11
    first = [view.table.item(0, c).text() for c in range(3)]
    assert first == ["03/11/2025", "Boostrixtetra", "AB123"]
    assert view.table.item(10, 0).text() == "15/10/2010"


def test_a_long_term_treatment_stopped_with_its_reason(
    french: None, window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    window.chart.treatment_button.click()
    add = window.chart.dialog
    assert isinstance(add, TreatmentDialog)
    add.edits["drug"].setText("Ramipril 5 mg")
    add.edits["started"].setText("02/01/2025")
    add.course.setCurrentIndex(add.course.findData(True))
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: bool(window.chart.chart.treatments), timeout=5000)  # type: ignore[union-attr]
    assert "Ramipril 5 mg (depuis 02/01/2025, au long cours)" in window.chart.summary.toPlainText()
    treatment = window.chart.chart.treatments[0]  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl(f"treatment:{treatment.id}"))
    stop = window.chart.dialog
    assert isinstance(stop, TreatmentDialog) and stop.stop_button is not None
    assert stop.course.currentData() is True  # shown as saved
    stop.edits["stop_reason"].setText("Toux")
    with qtbot.waitSignal(stop.saved, timeout=5000):
        stop.stop_button.click()
    today = dt.date.today()
    qtbot.waitUntil(lambda: "Toux" in window.chart.summary.toPlainText(), timeout=5000)
    assert f"arrêté le {today:%d/%m/%Y}, Toux" in window.chart.summary.toPlainText()
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        (t,) = fresh.chart(pid).treatments
        assert (t.long_term, t.stop_reason, t.stopped) == (True, "Toux", today.isoformat())


def test_a_reason_without_a_stop_date_is_said(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")
    window.chart.treatment_button.click()
    add = window.chart.dialog
    assert isinstance(add, TreatmentDialog)
    add.edits["drug"].setText("Amoxicilline")
    add.edits["stop_reason"].setText("Guéri")
    add.save()
    assert "date" in add.error.text() and add.buttons.isEnabled()


def test_a_short_course_is_not_rewritten_when_nothing_changed(opened: Tasks, qtbot: QtBot):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    tid = p.create_record(
        "treatment", {"patient_id": pid, "drug": "Amoxicilline", "long_term": False}
    )
    (record,) = p.chart(pid).treatments
    dialog = TreatmentDialog(opened, pid, record=record)
    qtbot.addWidget(dialog)
    assert dialog.course.currentData() is False
    with qtbot.waitSignal(dialog.rejected, timeout=5000):  # nothing to write: closed
        dialog.save()
    assert p.get("treatment", tid)["long_term"] is False  # type: ignore[index]


def test_a_vaccination_dose_route_and_site(
    french: None, window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    window.chart.vaccination_button.click()
    add = window.chart.dialog
    assert isinstance(add, VaccinationDialog)
    add.edits["vaccine"].setText("Prevenar 13")
    add.edits["given_on"].setText("03/11/2025")
    add.edits["dose_number"].setText("deux")
    add.save()
    assert "nombre entier" in add.error.text()
    add.edits["dose_number"].setText("2")
    add.route.setCurrentIndex(add.route.findData("IM"))
    add.edits["site"].setText("deltoïde gauche")
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: bool(window.chart.chart.vaccinations), timeout=5000)  # type: ignore[union-attr]
    assert "Prevenar 13, dose 2 (03/11/2025)" in window.chart.summary.toPlainText()
    window.chart.summary.anchorClicked.emit(QUrl("vaccinations:all"))
    view = window.chart.vaccinations_view
    assert isinstance(view, VaccinationsView)
    row = [view.table.item(0, c).text() for c in range(6)]
    assert row == ["03/11/2025", "Prevenar 13", "", "2", "Intramusculaire (IM)", "deltoïde gauche"]
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        (v,) = fresh.chart(pid).vaccinations
        assert (v.dose_number, v.route, v.site) == (2, "IM", "deltoïde gauche")


def test_a_new_vaccination_is_given_today_unless_said(opened: Tasks, qtbot: QtBot):
    """As a lab result's sample and a document's date: the field was empty behind a grey
    example date that looked filled in, and Save asked for the date."""
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    add = VaccinationDialog(opened, pid, today=dt.date(2026, 12, 1))
    qtbot.addWidget(add)
    assert add.edits["given_on"].text() == "01/12/2026"
    add.edits["vaccine"].setText("Vaxigrip Tetra")
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    (v,) = p.chart(pid).vaccinations
    assert v.given_on == "2026-12-01"
    edit = VaccinationDialog(opened, pid, record=v, today=dt.date(2027, 1, 5))
    qtbot.addWidget(edit)
    assert edit.edits["given_on"].text() == "01/12/2026"  # an existing one keeps its day

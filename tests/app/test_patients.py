
"""Patients from the main window: create one (warned about the same person entered
twice), delete a chart and undo it, restore it later, and the search's own words."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app.deleted_charts import DeletedChartsDialog
from desktop.app.new_patient import NewPatientDialog
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from tests.helpers.qt import search_and_open


def new_patient(window: MainWindow, **fields: str) -> NewPatientDialog:
    window.new_patient("")
    dialog = window.editor
    assert isinstance(dialog, NewPatientDialog)
    for name, value in fields.items():
        dialog.edits[name].setText(value)
    dialog.sex.setCurrentIndex(dialog.sex.findData("F"))
    return dialog


def test_a_new_patient_opens_their_chart_and_is_found(window: MainWindow, qtbot: QtBot):
    dialog = new_patient(window, family_name="Dupré", given_names="Hélène", birth_date="12/03/1961")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save_button.click()
    qtbot.waitUntil(lambda: window.chart.chart is not None, timeout=5000)
    assert window.chart.chart.id == saved.args[0]  # type: ignore[union-attr]
    assert window.chart.chart.birth_date == "1961-03-12"  # type: ignore[union-attr]
    search_and_open(qtbot, window, "helene dupre")


def test_the_same_identity_twice_is_warned_then_allowed(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    # Müller Hélène, born 12/03/1961, F is in the practice: the same traits typed again.
    dialog = new_patient(
        window, family_name="MULLER", given_names="helene marie", birth_date="12/03/1961"
    )
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "already exists" in dialog.error.text(), timeout=5000)
    assert "MÜLLER Hélène, 12/03/1961" in dialog.error.text()
    assert len(opened.practice.search_patients("muller")) == 1  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()  # «Create anyway»
    assert len(opened.practice.search_patients("muller")) == 2  # type: ignore[union-attr]


def test_a_deleted_chart_can_be_undone_and_restored(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    search_and_open(qtbot, window, "martin")
    patient_id = window.chart.chart.id  # type: ignore[union-attr]
    window._delete_patient(patient_id)
    qtbot.waitUntil(lambda: window.undo_bar.isVisibleTo(window), timeout=5000)
    assert opened.practice.search_patients("martin") == []  # type: ignore[union-attr]
    window.undo_bar.button.click()
    qtbot.waitUntil(
        lambda: len(opened.practice.search_patients("martin")) == 1,  # type: ignore[union-attr]
        timeout=5000,
    )
    window._delete_patient(patient_id)
    qtbot.waitUntil(lambda: window.undo_bar.isVisibleTo(window), timeout=5000)
    dialog = DeletedChartsDialog(opened, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5000)
    assert "MARTIN Paul" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=5000):
        dialog.restore()
    assert len(opened.practice.search_patients("martin")) == 1  # type: ignore[union-attr]


def test_an_empty_search_offers_to_create_the_patient(window: MainWindow, qtbot: QtBot):
    window.patients.search.setText("Zorglub")
    qtbot.waitUntil(lambda: window.patients.status.text() == "No patient", timeout=5000)
    assert window.patients.create_button.isVisibleTo(window)
    window.patients.create_button.click()
    dialog = window.editor
    assert isinstance(dialog, NewPatientDialog)
    assert dialog.edits["family_name"].text() == "Zorglub"

"""Enter typed before the results of what is in the search box are in (a GP typing a name
and Enter at once, the list still showing the previous search) opens or picks from
those results once they come: never the previous search's patient, whose chart would
take the note or the appointment meant for another."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app.patient_picker import PatientPicker
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from tests.helpers.qt import type_text


def test_enter_right_after_typing_opens_the_patient_typed(window: MainWindow, qtbot: QtBot):
    patients = window.patients
    patients.search.setFocus()
    with qtbot.waitSignal(patients.searched, timeout=5000):
        type_text(patients.search, "martin")
    assert [r["family_name"] for r in patients.model.rows] == ["Martin"]
    patients.search.clear()
    type_text(patients.search, "müller")
    assert [r["family_name"] for r in patients.model.rows] == ["Martin"]  # not yet searched
    with qtbot.waitSignal(patients.opened, timeout=5000) as opened:
        qtbot.keyClick(patients.search, Qt.Key.Key_Return)
    assert opened.args is not None
    qtbot.waitUntil(lambda: window.chart.chart is not None, timeout=5000)
    assert window.chart.chart.family_name == "Müller"  # type: ignore[union-attr]


def test_typing_on_after_enter_opens_nothing(window: MainWindow, qtbot: QtBot) -> None:
    patients = window.patients
    patients.search.setFocus()
    with qtbot.waitSignal(patients.searched, timeout=5000):
        type_text(patients.search, "martin")
    patients.search.clear()
    opened: list[str] = []
    patients.opened.connect(opened.append)
    type_text(patients.search, "mü")
    qtbot.keyClick(patients.search, Qt.Key.Key_Return)
    type_text(patients.search, "ller")  # the GP had not finished: no chart opens alone
    with qtbot.waitSignal(patients.searched, timeout=5000):
        pass
    assert [r["family_name"] for r in patients.model.rows] == ["Müller"]
    assert opened == []


def test_the_agenda_picker_picks_the_patient_typed_not_the_one_shown(
    opened: Tasks, qtbot: QtBot
) -> None:
    picker = PatientPicker(opened)
    qtbot.addWidget(picker)
    picker.show()
    picker.search.setFocus()
    with qtbot.waitSignal(picker.searched, timeout=5000):
        type_text(picker.search, "martin")
    assert picker.matches.item(0).text().startswith("MARTIN Paul")
    picker.search.clear()
    type_text(picker.search, "loeuvre")
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    p = opened.practice
    assert p is not None
    assert chosen.args == [p.search_patients("lœuvre")[0]["id"]]
    assert picker.search.text().startswith("LŒUVRE Gaëlle")

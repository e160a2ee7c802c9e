"""A new patient as a GP enters one: from the search ("Dupré Anne 12/03/1961"), dates as
eight digits, a NIR whose key is checked (the store's sentence, in French) and the sex
it gives when none was chosen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.dates import parse_date
from desktop.app.new_patient import NewPatientDialog, split_query
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_create_from_the_search_puts_the_date_in_the_birth_date(window: MainWindow):
    window.new_patient("Dupré Anne 12/03/1961")
    dialog = window.editor
    assert isinstance(dialog, NewPatientDialog)
    assert dialog.edits["family_name"].text() == "Dupré"
    assert dialog.edits["given_names"].text() == "Anne"
    assert dialog.edits["birth_date"].text() == "12/03/1961"
    assert split_query("Dupré 12031961 Anne Marie") == ("Dupré", "Anne Marie", "12031961")
    assert split_query("Dupré") == ("Dupré", "", "")


def test_the_birth_date_may_be_typed_as_eight_digits():
    assert parse_date("15031985") == "1985-03-15"


def _dialog(opened: Tasks, qtbot: QtBot) -> NewPatientDialog:
    dialog = NewPatientDialog(opened, name="Garnier Élodie")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_nir_key_is_refused_in_words(french: None, opened: Tasks, qtbot: QtBot):
    dialog = _dialog(opened, qtbot)
    dialog.edits["nir"].setText("2 85 03 75 108 123 45")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "clé" in dialog.error.text(), timeout=5000)
    assert dialog.isVisible()
    assert opened.practice.search_patients("garnier") == []  # type: ignore[union-attr]
    dialog.edits["nir"].setText("2 85 03 75 108 123 95")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()


def test_the_nir_gives_the_sex_while_it_is_unknown(opened: Tasks, qtbot: QtBot):
    dialog = _dialog(opened, qtbot)
    assert dialog.sex.currentData() == "U"
    qtbot.keyClicks(dialog.edits["nir"], "1")
    assert dialog.sex.currentData() == "M"
    qtbot.keyClick(dialog.edits["nir"], Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.edits["nir"], "2")  # a typo corrected: the guess follows
    assert dialog.sex.currentData() == "F"
    dialog.edits["nir"].clear()
    dialog.sex.setCurrentIndex(dialog.sex.findData("M"))
    dialog.sex.activated.emit(dialog.sex.currentIndex())  # chosen by the GP: kept
    qtbot.keyClicks(dialog.edits["nir"], "2")
    assert dialog.sex.currentData() == "M"


@pytest.mark.parametrize("typed", ["5/3/85", "050385", "5 mars 85", "05.03.1985"])
def test_a_typed_birth_date_shows_as_understood_once_typed(opened: Tasks, qtbot: QtBot, typed: str):
    """'5/3/85' stayed as typed: whether 85 was read 1985 and 5/3 the 5th of March was
    seen only in the chart, after saving."""
    dialog = _dialog(opened, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    born = dialog.edits["birth_date"]
    born.setFocus()
    qtbot.keyClicks(born, typed)
    qtbot.keyClick(born, Qt.Key.Key_Tab)
    assert not born.hasFocus()
    assert born.text() == "05/03/1985"


def test_what_is_no_date_stays_as_typed_for_the_save_to_explain(opened: Tasks, qtbot: QtBot):
    dialog = _dialog(opened, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    born = dialog.edits["birth_date"]
    born.setFocus()
    qtbot.keyClicks(born, "31/02/85")
    qtbot.keyClick(born, Qt.Key.Key_Tab)
    assert born.text() == "31/02/85"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "22/06/1941" in dialog.error.text(), timeout=5000)  # an example


def test_a_problem_since_a_month_shows_that_month(opened: Tasks, qtbot: QtBot):
    from desktop.app.record_dialogs import ProblemDialog

    dialog = ProblemDialog(opened, "patient")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    since = dialog.edits["onset"]
    since.setFocus()
    qtbot.keyClicks(since, "6-1975")
    qtbot.keyClick(since, Qt.Key.Key_Tab)
    assert since.text() == "06/1975"

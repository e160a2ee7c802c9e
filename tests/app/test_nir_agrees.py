"""A NIR whose key is right may still be someone else's (the insured spouse's or parent's
card, read for the patient's): when its sex or birth month and year contradict the
identity typed, the form says so once, in French, and a second save keeps it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.identity_text import nir_disagrees
from desktop.app.new_patient import NewPatientDialog
from desktop.app.record_dialogs import IdentityDialog
from desktop.app.tasks import Tasks

HIS = "1 85 03 75 056 123 56"  # a man born in March 1985 (key checked)


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_what_the_nir_says_is_compared_with_the_identity() -> None:
    assert nir_disagrees(HIS, "M", "1985-03-15") is None
    assert nir_disagrees(HIS, "F", "1985-03-15") == ("M", "03/85")
    assert nir_disagrees(HIS, "U", "1961-03-12") == ("M", "03/85")  # the spouse's
    assert nir_disagrees(HIS, "M", "1985-04-02") == ("M", "03/85")
    assert nir_disagrees("1 85 99 75 056 123 56", "M", "1985-07-01") is None  # month unknown
    assert nir_disagrees("", "F", "1985-03-15") is None
    assert nir_disagrees(HIS, "M", None) is None


def test_a_new_patient_with_a_nir_of_another_sex_and_birth_is_asked_once(
    french: None, opened: Tasks, qtbot: QtBot
) -> None:
    dialog = NewPatientDialog(opened, name="Garnier Élodie 12/03/1961")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sex.setCurrentIndex(dialog.sex.findData("F"))
    dialog.edits["nir"].setText(HIS)
    dialog.save_button.click()
    assert "celui d'un homme né en 03/85" in dialog.error.text()
    assert "assuré" in dialog.error.text()
    assert opened.practice.search_patients("garnier") == []  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()  # the GP checked: it is hers


def test_an_identity_edit_is_asked_then_a_nir_that_agrees_saves_at_once(
    opened: Tasks, qtbot: QtBot
) -> None:
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]  # Martin Paul: F, born 01/01/1950 (fixture)
    dialog = IdentityDialog(opened, p.chart(pid))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["nir"].setText(HIS)
    dialog.buttons.accepted.emit()
    assert "a man's, born in 03/85" in dialog.error.text()
    assert dialog.isVisible()
    dialog.edits["nir"].setText("2 50 01 75 108 123 32")  # her own card, read again
    dialog.edits["nir"].textEdited.emit(dialog.edits["nir"].text())
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    assert p.chart(pid).nir == "250017510812332"

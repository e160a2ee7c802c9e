"""The problem dialog completes a CIM-10 code or label while it is typed (code or words,
accents aside); choosing a line fills both fields, and free text stays allowed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app.diagnosis_completer import Cim10Completer
from desktop.app.record_dialogs import ProblemDialog
from desktop.app.tasks import Tasks
from tests.helpers.qt import type_text


def _dialog(opened: Tasks, qtbot: QtBot) -> ProblemDialog:
    p = opened.practice
    assert p is not None
    dialog = ProblemDialog(opened, p.search_patients("martin")[0]["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: Cim10Completer.table is not None, timeout=5000)
    return dialog


def test_words_typed_offer_the_code_and_choosing_fills_both(opened: Tasks, qtbot: QtBot):
    dialog = _dialog(opened, qtbot)
    label, code = dialog.edits["label"], dialog.edits["cim10"]
    label.setFocus()
    type_text(label, "pharyngite aigüe")  # typed with an accent the table has not
    completer = dialog.cim10.completers[0]
    assert dialog.cim10.model.stringList()[0] == "J02.9 — Pharyngite aiguë, sans précision"
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5000)
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: code.text() == "J02.9", timeout=5000)
    assert label.text() == "Pharyngite aiguë, sans précision"


def test_a_code_typed_offers_its_label_and_free_text_is_kept(opened: Tasks, qtbot: QtBot):
    dialog = _dialog(opened, qtbot)
    code = dialog.edits["cim10"]
    code.setFocus()
    type_text(code, "i10")
    assert dialog.cim10.model.stringList() == ["I10 — Hypertension essentielle (primitive)"]
    dialog.edits["label"].setFocus()
    type_text(dialog.edits["label"], "Maladie de Verneuil familiale")  # in no table
    assert dialog.cim10.model.stringList() == []
    assert dialog.fields()["label"] == "Maladie de Verneuil familiale"

"""The consultation's diagnoses are completed from the CIM-10 table as the problem dialog's
label is: the diagnosis being typed, after those already written, by words or code; a
choice writes "Label (CODE)" (what the note reads as a coded diagnosis)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.consultation import ConsultationEditor, parse_diagnoses
from desktop.app.diagnosis_completer import Cim10Completer, split_last
from desktop.app.tasks import Tasks
from desktop.practice.drafts import DraftStore
from tests.helpers.qt import type_text


def _editor(opened: Tasks, practice_dir: Path, qtbot: QtBot) -> ConsultationEditor:
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    editor = ConsultationEditor(opened, DraftStore(practice_dir, p.db_key), pid, "MARTIN Paul",
                                draft=None)  # fmt: skip
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: Cim10Completer.table is not None, timeout=5000)
    return editor


def _choose_first(qtbot: QtBot, editor: ConsultationEditor) -> None:
    completer = editor.cim10.completer
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=5000)
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_words_typed_in_the_diagnoses_offer_a_cim10_code(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    editor = _editor(opened, practice_dir, qtbot)
    editor.diagnoses.setFocus()
    type_text(editor.diagnoses, "pharyngite aigüe")
    assert editor.cim10.model.stringList()[0] == "J02.9 — Pharyngite aiguë, sans précision"
    _choose_first(qtbot, editor)
    qtbot.waitUntil(lambda: "J02.9" in editor.diagnoses.text(), timeout=5000)
    assert editor.diagnoses.text() == "Pharyngite aiguë, sans précision (J02.9)"
    assert parse_diagnoses(editor.diagnoses.text()) == [
        {"label": "Pharyngite aiguë, sans précision", "cim10": "J02.9"}
    ]


def test_the_second_diagnosis_is_completed_and_the_first_kept(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    editor = _editor(opened, practice_dir, qtbot)
    editor.diagnoses.setFocus()
    type_text(editor.diagnoses, "Angine (J02.9); i10")
    assert editor.cim10.model.stringList() == ["I10 — Hypertension essentielle (primitive)"]
    _choose_first(qtbot, editor)
    qtbot.waitUntil(lambda: "I10" in editor.diagnoses.text(), timeout=5000)
    assert editor.diagnoses.text() == "Angine (J02.9); Hypertension essentielle (primitive) (I10)"
    assert editor.values()["diagnoses"] == [
        {"label": "Angine", "cim10": "J02.9"},
        {"label": "Hypertension essentielle (primitive)", "cim10": "I10"},
    ]


def test_the_diagnosis_being_typed_is_the_one_after_the_last_semicolon() -> None:
    assert split_last("Angine (J02.9);  hyperten") == ("Angine (J02.9); ", "hyperten")
    assert split_last("lombalgie") == ("", "lombalgie")


def test_only_a_code_in_the_last_brackets_is_read_as_the_code() -> None:
    """A completed label with brackets of its own keeps them; free words in brackets are
    no code (they were stored as one); square brackets and a lower-case code are read."""
    assert parse_diagnoses("Hypertension essentielle (primitive) (I10); Angine (virale)") == [
        {"label": "Hypertension essentielle (primitive)", "cim10": "I10"},
        {"label": "Angine (virale)", "cim10": None},
    ]
    assert parse_diagnoses("Rhinopharyngite [J00];asthme (j45.0); ;") == [
        {"label": "Rhinopharyngite", "cim10": "J00"},
        {"label": "asthme", "cim10": "J45.0"},
    ]


def test_the_diagnoses_hint_says_codes_are_offered(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    """It said to type the code in brackets, as if none were offered."""
    i18n.install("fr")
    try:
        editor = _editor(opened, practice_dir, qtbot)
        hint = editor.diagnoses.placeholderText()
    finally:
        i18n.install("en")
    assert hint.startswith("Diagnostics séparés par « ; » : tapez des mots ou un code")


def test_a_gps_everyday_word_offers_the_codes_it_means(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    """'angine' typed in the real app offered nothing: the classification says
    'pharyngite' or 'amygdalite'. Nor 'HTA', 'dépression' or 'cholestérol'."""
    editor = _editor(opened, practice_dir, qtbot)
    editor.diagnoses.setFocus()
    type_text(editor.diagnoses, "angine")
    assert editor.cim10.model.stringList() == [
        "J02.9 — Pharyngite aiguë, sans précision", "J03.9 — Amygdalite aiguë, sans précision",
    ]  # fmt: skip
    _choose_first(qtbot, editor)
    qtbot.waitUntil(lambda: "J02.9" in editor.diagnoses.text(), timeout=5000)
    for typed, code in (("; HTA", "I10"), ("; dépression", "F32.9"),
                        ("; cholestérol", "E78.0")):  # fmt: skip
        editor.diagnoses.end(False)
        type_text(editor.diagnoses, typed)
        assert editor.cim10.model.stringList()[0].startswith(code), typed

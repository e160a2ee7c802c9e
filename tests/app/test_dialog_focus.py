"""The record dialogs are typed into at once: the first field has the focus when the
dialog opens and Tab walks the fields in the order they are shown, the buttons last
(a GP types "Garnier Tab Roussel Tab Élodie" without looking)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.app.allergy_dialog import AllergyDialog
from desktop.app.consultation import ConsultationEditor
from desktop.app.new_patient import NewPatientDialog
from desktop.app.prescription import PrescriptionEditor
from desktop.app.record_dialogs import (
    IdentityDialog,
    ProblemDialog,
    form_focus_chain,
)
from desktop.app.tasks import Tasks
from desktop.practice import models, prescriptions
from desktop.practice.drafts import DraftStore
from desktop.practice.prescriptions import RxLine


def _tab_walk(qtbot: QtBot, dialog: QDialog, steps: int) -> list[QWidget]:
    """The widgets that get the focus on ``steps`` presses of Tab, from the first."""
    seen = [dialog.focusWidget()]
    for _ in range(steps):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    return seen


def _check_opens_on_first_field_and_tabs_in_order(
    qtbot: QtBot, dialog: QDialog, first: QWidget, visual: list[QWidget]
) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is first
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    walked = _tab_walk(qtbot, dialog, len(visual) + len(buttons) - 1)
    assert walked[: len(visual)] == visual
    assert set(walked[len(visual) :]) == set(buttons)  # the buttons, after every field


def test_new_patient_opens_on_the_family_name_and_tabs_in_visual_order(opened: Tasks, qtbot: QtBot):
    dialog = NewPatientDialog(opened)
    e = dialog.edits
    visual = [e["family_name"], e["birth_name"], e["given_names"], dialog.sex, e["birth_date"]]
    visual += [e[f] for f in ("nir", "phone", "email", "address", "postal_code", "city")]
    visual.append(e["referring_gp"])
    assert form_focus_chain(dialog.form) == visual  # what is shown, top to bottom
    _check_opens_on_first_field_and_tabs_in_order(qtbot, dialog, e["family_name"], visual)


def test_typing_with_tab_fills_the_fields_in_order(opened: Tasks, qtbot: QtBot):
    dialog = NewPatientDialog(opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for text in ("Garnier", "Roussel", "Elodie"):
        qtbot.keyClicks(dialog.focusWidget(), text)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.edits["family_name"].text() == "Garnier"
    assert dialog.edits["birth_name"].text() == "Roussel"
    assert dialog.edits["given_names"].text() == "Elodie"
    assert dialog.focusWidget() is dialog.sex


def test_identity_opens_on_the_family_name(opened: Tasks, qtbot: QtBot):
    patient = {"id": "x", "family_name": "Martin", "given_names": "Paul", "sex": "M"}
    chart = models.chart(patient, {})
    dialog = IdentityDialog(opened, chart)
    e = dialog.edits
    visual = [e["family_name"], e["birth_name"], e["given_names"], dialog.sex, e["birth_date"]]
    visual += [e[f] for f in ("nir", "phone", "email", "address", "postal_code", "city")]
    visual.append(e["referring_gp"])
    _check_opens_on_first_field_and_tabs_in_order(qtbot, dialog, e["family_name"], visual)


def test_allergy_opens_on_the_substance(opened: Tasks, qtbot: QtBot):
    dialog = AllergyDialog(opened, "patient")
    e = dialog.edits
    visual = [e["substance"], e["reaction"], dialog.severity, dialog.kind]
    _check_opens_on_first_field_and_tabs_in_order(qtbot, dialog, e["substance"], visual)


def test_problem_opens_on_the_label(opened: Tasks, qtbot: QtBot):
    dialog = ProblemDialog(opened, "patient")
    e = dialog.edits
    visual = [e["label"], e["cim10"], dialog.kind, e["onset"], e["resolved"]]
    _check_opens_on_first_field_and_tabs_in_order(qtbot, dialog, e["label"], visual)



def _names_on_tab(qtbot: QtBot, dialog: QWidget, steps: int) -> list[str]:
    """What each stop of ``steps`` presses of Tab is called (its accessible name, else its
    object name, else its text), from the widget that has the focus when it opens."""
    if not dialog.isVisible():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    dialog.activateWindow()

    def inside() -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and dialog.isAncestorOf(focused)

    qtbot.waitUntil(inside)
    walked = []
    for _ in range(steps + 1):
        focused = QApplication.focusWidget()
        assert focused is not None and dialog.isAncestorOf(focused)
        walked.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return [w.accessibleName() or w.objectName() or getattr(w, "text", str)() for w in walked]


def _as_shown(editor: ConsultationEditor) -> list[str]:
    """The vitals shown, row by row, left to right: by where they are on screen."""
    shown = [e for e in editor.vitals.edits.values() if e.isVisible()]
    place = {e: e.mapTo(editor, e.rect().topLeft()) for e in shown}
    return [e.accessibleName() for e in sorted(shown, key=lambda e: (place[e].y(), place[e].x()))]


def test_the_consultation_editor_tabs_in_the_order_it_reads(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    """Reason, the note (free text, or S, O, A, P), the vitals row by row (a child's head
    circumference last, where it is shown), the diagnoses, then Save and Cancel; the
    page tabs stay off the chain (Ctrl+Tab), and Tab never types a tab character."""
    assert opened.practice is not None
    drafts = DraftStore(practice_dir, opened.practice.db_key)
    editor = ConsultationEditor(opened, drafts, "patient", "MARTIN Paul", draft=None,
                                born="1950-01-01")  # fmt: skip
    names = _names_on_tab(qtbot, editor, 12)
    vitals = _as_shown(editor)
    assert len(vitals) == 7
    assert names == ["reason", "Free text", *vitals, "diagnoses", "Save", "Cancel", "reason"]
    assert editor.text.toPlainText() == ""
    editor.tabs.setCurrentIndex(1)
    editor.reason.setFocus()
    soap = [editor.soap[k].accessibleName() for k in ("soap_s", "soap_o", "soap_a", "soap_p")]
    assert _names_on_tab(qtbot, editor, 5) == ["reason", *soap, vitals[0]]
    editor.hide()
    born = (dt.date.today() - dt.timedelta(days=300)).isoformat()
    baby = ConsultationEditor(opened, drafts, "patient", "PETIT Léa", draft=None, born=born)
    names = _names_on_tab(qtbot, baby, 10)
    assert "Head circumference (cm)" in _as_shown(baby)
    assert names[2:] == [*_as_shown(baby), "diagnoses"]


def test_the_prescription_editor_tabs_in_the_order_it_reads(opened: Tasks, qtbot: QtBot):
    """The drug search and Add, the lines, weight, height, notes, then the buttons left
    to right: remove a line, renew, templates, save, PDF, print."""
    practice = opened.practice
    assert practice is not None
    [pid] = [r["id"] for r in practice.search_patients("paul")]
    prescriptions.add(practice, pid, [RxLine("ramipril 5 mg", "1 cp le matin", "3 mois")])
    editor = PrescriptionEditor(opened, pid, "MARTIN Paul")
    qtbot.waitUntil(lambda: bool(editor.info), timeout=5000)
    assert editor.renew_button.isEnabled()
    assert _names_on_tab(qtbot, editor, 12) == [
        "Drug (DCI or brand)", "Add", "Prescription lines", "Weight (kg)", "Height (cm)",
        "Notes", "Remove the line", "Renew…", "Templates…", "save", "pdf", "print",
        "Drug (DCI or brand)",
    ]  # fmt: skip

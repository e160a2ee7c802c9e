"""The record dialogs are typed into at once: the first field has the focus when the
dialog opens and Tab walks the fields in the order they are shown, the buttons last
(a GP types "Garnier Tab Roussel Tab Élodie" without looking)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.app.allergy_dialog import AllergyDialog
from desktop.app.new_patient import NewPatientDialog
from desktop.app.record_dialogs import (
    IdentityDialog,
    ProblemDialog,
    form_focus_chain,
)
from desktop.app.tasks import Tasks
from desktop.practice import models


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

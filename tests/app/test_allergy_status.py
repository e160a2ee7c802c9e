"""A chart tells "asked, no known allergy" (a statement recorded with who and when) from
"never asked", and the statement ends when a real allergy is added; the prescription's
allergy check keeps working over it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.allergy_dialog import AllergyDialog
from desktop.app.allergy_status import (
    NONE_KNOWN,
    add_allergy,
    record_none_known,
    withdraw_none_known,
)
from desktop.app.prescription import PrescriptionEditor
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice import letters, prescriptions
from desktop.practice.prescriptions import RxLine
from desktop.practice.report import chart_text
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open, type_text

AMOX = RxLine("amoxicilline 1 g, comprimé", dci="amoxicilline", substances=("amoxicilline",))


def test_never_asked_then_no_known_allergy_recorded_with_who_and_when(
    window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")  # no allergy record at all
    chart = window.chart
    assert "Allergies not documented" in chart.header.text()
    assert "No known allergy" not in chart.header.text()
    assert chart.none_known_button.isEnabled()
    qtbot.mouseClick(chart.none_known_button, Qt.MouseButton.LeftButton)
    today = dt.date.today().strftime("%d/%m/%Y")
    qtbot.waitUntil(lambda: f"(recorded {today} by dr)" in chart.header.text(), timeout=5000)
    assert "No known allergy" in chart.header.text()
    assert "not documented" not in chart.header.text()
    assert "No known allergy" in chart.summary.toPlainText()
    pid = chart.chart.id  # type: ignore[union-attr]
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        [statement] = fresh.chart(pid).allergies
        assert (statement.kind, statement.substance) == (NONE_KNOWN, None)
        assert fresh.last_written("allergy", statement.id).action == "create"  # type: ignore[union-attr]


def _paul_said_none_known(opened: Tasks, window: MainWindow, qtbot: QtBot) -> tuple[str, str]:
    """MARTIN Paul's chart open, with "no known allergy" recorded: (patient, statement)."""
    practice = opened.practice
    assert practice is not None
    [pid] = [r["id"] for r in practice.search_patients("paul")]
    statement = record_none_known(practice, pid)
    search_and_open(qtbot, window, "paul")
    return pid, statement


def test_adding_an_allergy_says_and_ends_the_statement(
    opened: Tasks, window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    pid, statement = _paul_said_none_known(opened, window, qtbot)
    qtbot.mouseClick(window.chart.allergy_button, Qt.MouseButton.LeftButton)
    dialog = window.editor
    assert isinstance(dialog, AllergyDialog)
    qtbot.waitUntil(lambda: dialog.ends.isVisibleTo(dialog), timeout=5000)
    assert "no known allergy" in dialog.ends.text()
    dialog.edits["substance"].setFocus()
    type_text(dialog.edits["substance"], "Pénicilline")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "Pénicilline" in window.chart.header.text(), timeout=5000)
    assert "No known allergy" not in window.chart.header.text()
    assert not window.chart.none_known_button.isEnabled()
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        assert [a.substance for a in fresh.chart(pid).allergies] == ["Pénicilline"]
        ended = fresh.chart(pid, include_deleted=True).find("allergy", statement)
        assert ended is not None and ended.deleted  # kept in the history, undoable
        assert prescriptions.check_allergies(fresh, pid, [AMOX])  # the warning still works


def test_the_statement_is_refused_while_an_allergy_is_recorded(
    opened: Tasks, window: MainWindow, qtbot: QtBot
):
    search_and_open(qtbot, window, "müller")  # Pénicilline recorded
    assert "Pénicilline" in window.chart.header.text()
    assert not window.chart.none_known_button.isEnabled()
    practice = opened.practice
    assert practice is not None
    pid = window.chart.chart.id  # type: ignore[union-attr]
    said: list[str] = []
    opened.db(lambda p: record_none_known(p, pid), on_done=said.append)
    qtbot.waitUntil(lambda: said == [""], timeout=5000)  # nothing written
    kinds: list[list[str | None]] = []
    opened.db(lambda p: [a.kind for a in p.chart(pid).allergies], on_done=kinds.append)
    qtbot.waitUntil(lambda: kinds == [[None]], timeout=5000)


def test_the_prescription_check_letters_and_summary_read_the_statement(practice: Practice):
    pid = practice.create_record("patient", {"family_name": "Durand", "given_names": "Jean"})
    assert letters.context(practice, pid, dt.date(2026, 12, 2))["allergies"] == "non renseignées"
    record_none_known(practice, pid)
    assert prescriptions.check_allergies(practice, pid, [AMOX]) == []
    assert letters.context(practice, pid, dt.date(2026, 12, 2))["allergies"] == "aucune connue"
    assert "ALLERGIES: none known" in chart_text(practice.chart(pid))
    add_allergy(practice, {"patient_id": pid, "substance": "Pénicilline"})
    assert [h.allergy for h in prescriptions.check_allergies(practice, pid, [AMOX])] == [
        "Pénicilline"
    ]
    assert letters.context(practice, pid, dt.date(2026, 12, 2))["allergies"] == "Pénicilline"
    assert "ALLERGIES: Pénicilline" in chart_text(practice.chart(pid))


def test_the_prescription_editor_says_never_asked_or_none_known(opened: Tasks, qtbot: QtBot):
    practice = opened.practice
    assert practice is not None
    [pid] = [r["id"] for r in practice.search_patients("paul")]
    editor = PrescriptionEditor(opened, pid, "MARTIN Paul")
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: bool(editor.info), timeout=5000)
    assert "Allergies not documented" in editor.patient.text()
    done: list[str] = []
    opened.db(lambda p: record_none_known(p, pid), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    editor.info = {}
    editor.reload()
    qtbot.waitUntil(lambda: bool(editor.info), timeout=5000)
    assert "No known allergy" in editor.patient.text()
    assert "not documented" not in editor.patient.text()


def _answer(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    [button] = [b for b in box.buttons() if box.buttonRole(b) == role]
    button.click()


def test_a_statement_recorded_by_mistake_is_withdrawn_from_the_summary(
    opened: Tasks, window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    pid, statement = _paul_said_none_known(opened, window, qtbot)
    chart = window.chart
    assert f"no-known-allergy:{statement}" in chart.summary.toHtml()  # the entry is a link
    chart.summary.anchorClicked.emit(QUrl(f"no-known-allergy:{statement}"))
    box = chart.withdraw_box
    assert "Withdraw" in box.text()
    _answer(box, QMessageBox.ButtonRole.RejectRole)  # "Keep it": nothing written
    chart.summary.anchorClicked.emit(QUrl(f"no-known-allergy:{statement}"))
    _answer(chart.withdraw_box, QMessageBox.ButtonRole.AcceptRole)
    qtbot.waitUntil(lambda: "Allergies not documented" in chart.header.text(), timeout=5000)
    assert "No known allergy" not in chart.summary.toPlainText()
    assert chart.none_known_button.isEnabled()  # it can be recorded again, later
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        assert not fresh.chart(pid).allergies
        ended = fresh.chart(pid, include_deleted=True).find("allergy", statement)
        assert ended is not None and ended.deleted  # kept in the history, undoable
        actions = fresh.conn.execute(
            "SELECT action FROM audit WHERE entity = 'allergy' AND record_id = ? ORDER BY seq",
            (statement,),
        ).fetchall()
        assert [a for (a,) in actions] == ["create", "delete"]  # who withdrew it, and when


def test_a_statement_no_longer_standing_is_not_withdrawn(practice: Practice):
    pid = practice.create_record("patient", {"family_name": "Durand", "given_names": "Jean"})
    statement = record_none_known(practice, pid)
    add_allergy(practice, {"patient_id": pid, "substance": "Pénicilline"})  # ended it
    other = practice.create_record("patient", {"family_name": "Roux", "given_names": "Léa"})
    assert withdraw_none_known(practice, other, statement) is False  # not this patient's
    assert withdraw_none_known(practice, pid, statement) is False
    assert [a.substance for a in practice.chart(pid).allergies] == ["Pénicilline"]

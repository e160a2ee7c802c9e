"""A letter being written is kept as a draft until it is kept in the chart or discarded:
a lock (Ctrl+L, or the idle lock at the front desk) used to hide and delete the letter
editor, and the text typed went with it."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.letters import LetterEditor
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.drafts import letter_draft
from tests.helpers.qt import search_and_open, type_text


def _open_letter(window: MainWindow, qtbot: QtBot) -> LetterEditor:
    window.new_letter()
    editor = window.editor
    assert isinstance(editor, LetterEditor)
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5000)
    return editor


def _click(box: QMessageBox | None, text: str) -> None:
    assert box is not None
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()


def _paul(window: MainWindow, qtbot: QtBot) -> str:
    """Paul's chart opened; his id (read from the chart: the store's connection is the
    worker's, never the test thread's while it works)."""
    search_and_open(qtbot, window, "paul")
    return window.chart.chart.id  # type: ignore[union-attr]


def test_a_letter_typed_survives_the_lock_and_comes_back(
    opened: Tasks, window: MainWindow, qtbot: QtBot
):
    paul = _paul(window, qtbot)
    editor = _open_letter(window, qtbot)
    template = editor.choice.currentText()
    type_text(editor.text, "Cher confrère, je vous adresse M. Martin")
    typed = editor.text.toPlainText()
    window.lock()  # saves the draft on the store's worker, then closes the editor
    qtbot.waitUntil(
        lambda: window.drafts.load(letter_draft(paul)) == {"template": template, "text": typed}
    )
    assert window.chart.chart is None  # and the editor deleted
    # Unlocked again (tests/app/test_lock_resume.py), the letter opened for Paul:
    again = LetterEditor(opened, paul, "MARTIN Paul", drafts=window.drafts)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.text.toPlainText() == typed, timeout=5000)
    assert again.choice.currentText() == template
    assert again.status.text() == "The letter you were writing was kept: here it is."
    assert again.edited()  # Escape still asks before dropping it


def test_a_letter_kept_in_the_chart_or_discarded_leaves_no_draft(
    opened: Tasks, window: MainWindow, qtbot: QtBot
):
    paul = _paul(window, qtbot)
    editor = _open_letter(window, qtbot)
    type_text(editor.text, "Certificat")
    editor.save_draft()
    qtbot.waitUntil(lambda: window.drafts.load(letter_draft(paul)) is not None, timeout=5000)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.keep(None)
    qtbot.waitUntil(lambda: window.drafts.load(letter_draft(paul)) is None, timeout=5000)

    editor = _open_letter(window, qtbot)
    assert editor.status.text() == ""  # nothing to restore: the template as filled in
    type_text(editor.text, "Autre lettre")
    editor.save_draft()
    qtbot.waitUntil(lambda: window.drafts.load(letter_draft(paul)) is not None, timeout=5000)
    editor.reject()
    _click(editor.question, "Discard the letter")
    qtbot.waitUntil(lambda: window.drafts.load(letter_draft(paul)) is None, timeout=5000)


def test_the_window_closes_after_a_lock_deleted_its_editor(window: MainWindow, qtbot: QtBot):
    """closeEvent asked a deleted editor whether it was visible: an exception in a Qt
    override, which PySide6 turned into a segfault on quitting."""
    _paul(window, qtbot)
    editor = _open_letter(window, qtbot)
    window.lock()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor), timeout=5000)
    window.close()  # no exception (and no crash)
    assert not window.isVisible()

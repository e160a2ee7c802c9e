"""The letter editor at the keyboard: the text has the focus with its first [blank]
selected, and a letter typed is not dropped by Escape or by another template without
asking. Seen in the real app: the template's list had the focus, so 'Cher confrère…'
typed at once changed the template to 'Certificat médical', and Escape lost the text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.letters import LetterEditor
from desktop.app.tasks import Tasks


def _editor(opened: Tasks, qtbot: QtBot) -> LetterEditor:
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    editor = LetterEditor(opened, pid, "MARTIN Paul")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5000)
    return editor


def test_the_text_has_the_keyboard_with_its_first_blank_selected(opened: Tasks, qtbot: QtBot):
    editor = _editor(opened, qtbot)
    qtbot.waitUntil(editor.text.hasFocus)
    first = editor.text.toPlainText().index("[")
    cursor = editor.text.textCursor()
    assert cursor.selectionStart() == first and cursor.selectedText().startswith("[")
    assert cursor.selectedText().endswith("]")
    qtbot.keyClicks(editor.text, "Dr Petit")  # typing replaces the blank
    assert editor.text.toPlainText()[first:].startswith("Dr Petit")
    assert editor.choice.currentIndex() == 0  # the template did not change


def test_escape_asks_before_dropping_a_typed_letter(opened: Tasks, qtbot: QtBot):
    editor = _editor(opened, qtbot)
    qtbot.keyClick(editor.text, Qt.Key.Key_Escape)  # untouched: it just closes
    assert not editor.isVisible()

    editor = _editor(opened, qtbot)
    qtbot.keyClicks(editor.text, "Cher ami")
    qtbot.keyClick(editor.text, Qt.Key.Key_Escape)
    box = editor.question
    assert box is not None and box.isVisible() and editor.isVisible()
    assert box.text() == "This letter is not kept in the chart. Discard it?"
    _click(box, "Continue writing")
    assert editor.isVisible() and "Cher ami" in editor.text.toPlainText()
    qtbot.keyClick(editor.text, Qt.Key.Key_Escape)
    assert editor.question is not None
    _click(editor.question, "Discard the letter")
    assert not editor.isVisible()


def test_another_template_asks_before_replacing_the_text_typed(opened: Tasks, qtbot: QtBot):
    editor = _editor(opened, qtbot)
    first = editor.current
    assert first is not None and editor.choice.count() > 1
    qtbot.keyClicks(editor.text, "Cher ami")
    editor.choice.setCurrentIndex(1)
    box = editor.question
    assert box is not None and box.isVisible()
    _click(box, "Continue writing")
    assert editor.choice.currentIndex() == 0 and "Cher ami" in editor.text.toPlainText()
    editor.choice.setCurrentIndex(1)
    assert editor.question is not None
    _click(editor.question, "Replace the text")
    qtbot.waitUntil(lambda: editor.current is not None and editor.current is not first)
    assert editor.current is not None
    assert editor.text.toPlainText() == editor.current.text
    assert editor.current.template.name == editor.choice.itemText(1)


def _click(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()

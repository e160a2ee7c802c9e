"""Patient > Letter or certificate…: a template filled in, completed, kept in the chart,
saved as PDF or printed; the template edited for the practice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app.letters import LetterEditor
from desktop.app.paper import documents_folder
from desktop.app.tasks import Tasks
from desktop.practice.store import Practice
from tests.helpers.pdf import pdf_text

SPORT = "Certificat de non contre-indication à la pratique sportive"


def editor_for(tasks: Tasks, patient_id: str, qtbot: QtBot) -> LetterEditor:
    editor = LetterEditor(tasks, patient_id, "MÜLLER Hélène")
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5000)
    return editor


def choose(editor: LetterEditor, qtbot: QtBot, name: str) -> None:
    editor.choice.setCurrentIndex(editor.choice.findText(name))
    qtbot.waitUntil(lambda: editor.current is not None and editor.current.template.name == name)


def test_a_certificate_is_completed_and_saved_as_pdf_and_kept(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    asked: list[str] = []
    out = tmp_path / "sport.pdf"

    def fake(parent: Any, title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    editor = editor_for(rx_tasks, adult, qtbot)
    choose(editor, qtbot, SPORT)
    text = editor.text.toPlainText()
    assert "Hélène MÜLLER" in text and "[sport]" in text
    editor.text.setPlainText(text.replace("[sport]", "la natation"))
    with qtbot.waitSignal(editor.pdf_written, timeout=10_000):
        editor.pdf_button.click()
    assert asked[0].startswith(str(documents_folder() / "certificat-MULLER-"))
    assert "la natation" in pdf_text(out)
    [doc] = rx_practice.chart(adult).documents
    assert doc.title == SPORT and doc.mime == "application/pdf"


def test_a_letter_prints_through_the_printer(
    rx_tasks: Tasks, rx_practice: Practice, adult: str, qtbot: QtBot, tmp_path: Path
):
    editor = editor_for(rx_tasks, adult, qtbot)
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    editor.print_dialog = to_file
    with qtbot.waitSignal(editor.printed, timeout=10_000):
        editor.print_button.click()
    assert "Objet : Courrier d'adressage" in pdf_text(target)
    assert len(rx_practice.chart(adult).documents) == 1


def test_the_template_is_edited_for_the_practice(
    rx_tasks: Tasks, adult: str, qtbot: QtBot
):
    editor = editor_for(rx_tasks, adult, qtbot)
    choose(editor, qtbot, "Certificat médical")
    editor._edit_template()
    template_editor = editor.template_editor
    template_editor.body.setPlainText("Vu ce jour ${patient_name}, en bonne santé.")
    template_editor.save()
    expected = "Vu ce jour Hélène MÜLLER, en bonne santé."
    qtbot.waitUntil(lambda: editor.text.toPlainText() == expected)
    assert editor.choice.currentText() == "Certificat médical"

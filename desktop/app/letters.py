"""Patient > Letter or certificate…: pick a template, complete the filled-in text, then keep
it in the chart (a PDF document), save it as PDF, or print it. The templates themselves
can be edited (the practice's version syncs and replaces the shipped one). The text has
the keyboard, its first [blank] selected; a text typed is not dropped without asking, and
is kept as a draft (every few seconds, and when the app locks) until the letter is kept in
the chart or discarded: the next letter opened for the patient starts from it.

Reads, PDF rendering, file writes and printing run on the store's worker."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.errors import message_for
from desktop.app.paper import (
    ask_pdf_path,
    ask_printer,
    documents_folder,
    printed_on,
    printer_for,
    say_failure,
)
from desktop.app.tasks import Tasks
from desktop.practice import letters
from desktop.practice.drafts import DraftStore, letter_draft
from desktop.practice.letters import Letter, LetterTemplate
from desktop.practice.textfold import paper_name
from desktop.reports.letters import print_letter, render_letter
from desktop.reports.prescription import write_private_durably_or_say

BLANK = re.compile(r"\[[^\[\]\n]+\]")  # "[motif de la consultation]": for the GP to fill in
AUTOSAVE_MS = 3_000  # as the consultation editor's


class TemplateEditor(QDialog):
    """The raw text of a template, with its ${fields}; saved as the practice's version."""

    saved = Signal(str)

    def __init__(self, tasks: Tasks, template: LetterTemplate, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks, self.template = tasks, template
        self.setWindowTitle(self.tr("Template: {0}").format(template.name))
        self.resize(640, 480)
        self.body = QPlainTextEdit(template.body)
        self.body.setObjectName("templateBody")
        self.body.setAccessibleName(self.tr("Template text"))
        fields = QLabel(
            self.tr("Fields filled in: {0}").format(
                ", ".join("${" + f + "}" for f in letters.FIELDS)
            )
        )
        fields.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(fields)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        name, kind, body = self.template.name, self.template.kind, self.body.toPlainText()
        def done(record_id: str) -> None:
            self.saved.emit(record_id)
            self.accept()

        def write(p: Any) -> str:
            return letters.save_template(p, name, kind, body)

        ops.Op(self, self.tasks, write, status=self.error).success(done).changes(
            ops.Changes(sync=True)
        ).run()


def _draft_text(
    draft: dict[str, Any] | None, templates: list[LetterTemplate]
) -> tuple[str, str] | None:
    """(template, text) of a kept draft; its template "" if it no longer exists (the text
    is still what was typed)."""
    if not draft or not isinstance(draft.get("text"), str):
        return None
    template = draft.get("template")
    known = any(t.name == template for t in templates)
    return (str(template) if known else ""), str(draft["text"])


class LetterEditor(QDialog):
    saved = Signal(str)  # the document's id in the chart
    pdf_written = Signal(str)
    printed = Signal(str)

    def __init__(self, tasks: Tasks, patient_id: str, title: str,
                 parent: QWidget | None = None, drafts: DraftStore | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, patient_id
        self.drafts, self.draft_name = drafts, letter_draft(patient_id)
        self._dirty = False  # typed since the draft was last saved
        self.setObjectName("letterEditor")
        self.setWindowTitle(self.tr("Letter or certificate: {0}").format(title))
        self.resize(760, 620)
        self.templates: list[LetterTemplate] = []
        self.current: Letter | None = None
        self.question: QMessageBox | None = None
        self._leaving = False  # the GP chose to drop the text typed
        self.print_dialog: Callable[[QPrinter], bool] = self._ask_printer
        self.choice = QComboBox()
        self.choice.setObjectName("letterTemplate")
        self.choice.setAccessibleName(self.tr("Template"))
        caption = QLabel(self.tr("&Template:"))
        caption.setBuddy(self.choice)
        self.edit_template = QPushButton(self.tr("Edit the template…"))
        self.edit_template.clicked.connect(self._edit_template)
        self.text = QPlainTextEdit()
        self.text.setObjectName("letterText")
        self.text.setAccessibleName(self.tr("Letter text"))
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("Keep in the chart"))
        self.pdf_button = QPushButton(self.tr("Keep and save as PDF…"))
        self.print_button = QPushButton(self.tr("Keep and print…"))
        self.keep_button.clicked.connect(lambda: self.keep(None))
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.print_button.clicked.connect(self._print)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.choice, 1)
        top.addWidget(self.edit_template)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_button, self.pdf_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.text.textChanged.connect(self._touch)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self.reload(restore=True)

    def reload(self, select: str = "", *, restore: bool = False) -> None:
        """The templates, the one ``select``ed shown; with ``restore``, the letter being
        written for this patient when the app locked or closed, if one was kept."""
        drafts, name = (self.drafts, self.draft_name) if restore else (None, "")

        def load(p: Any) -> tuple[list[LetterTemplate], dict[str, Any] | None]:
            return letters.templates(p), drafts.load(name) if drafts is not None else None

        def loaded(found: tuple[list[LetterTemplate], dict[str, Any] | None]) -> None:
            self.templates, draft = found
            kept = _draft_text(draft, self.templates)
            self.choice.blockSignals(True)
            self.choice.clear()
            for t in self.templates:
                self.choice.addItem(t.name)
            self.choice.blockSignals(False)
            wanted = kept[0] if kept else select
            index = max(self.choice.findText(wanted), 0) if wanted else 0
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(index)
            self.choice.blockSignals(False)
            if kept:
                self._fill(index, typed=kept[1])
                self.status.setText(self.tr("The letter you were writing was kept: here it is."))
            else:
                self._chosen(index)

        self.tasks.db(load, on_done=loaded, on_error=self._failed)

    def _touch(self) -> None:
        self._dirty = True

    def save_draft(self) -> None:
        """The text typed, kept as a draft (sealed on disk, on the store's worker)."""
        if not self._dirty or self.drafts is None or self._leaving or not self.edited():
            return
        assert self.current is not None
        self._dirty = False
        drafts, name = self.drafts, self.draft_name
        content = {"template": self.current.template.name, "text": self.text.toPlainText()}
        self.tasks.on_db(lambda: drafts.save(name, content))

    def _drop_draft(self) -> None:
        self._autosave.stop()
        self._leaving = True  # nothing more is saved
        if self.drafts is not None:
            drafts, name = self.drafts, self.draft_name
            self.tasks.on_db(lambda: drafts.discard(name))

    def edited(self) -> bool:
        """Whether the text is no longer the template's as filled in."""
        return self.current is not None and self.text.toPlainText() != self.current.text

    def _chosen(self, index: int) -> None:
        if not 0 <= index < len(self.templates):
            return
        name = self.templates[index].name
        if self.edited() and self.current is not None and self.current.template.name != name:
            before = self.choice.findText(self.current.template.name)

            def keep_typed() -> None:
                self.choice.blockSignals(True)
                self.choice.setCurrentIndex(before)
                self.choice.blockSignals(False)

            self._ask(
                self.tr("The text typed will be replaced by the template \u201c{0}\u201d.").format(
                    name
                ),
                self.tr("Replace the text"),
                lambda: self._fill(index),
                keep_typed,
            )
            return
        self._fill(index)

    def _fill(self, index: int, typed: str | None = None) -> None:
        """The template filled in for the patient; or, ``typed``, the text of a draft of
        a letter from it."""
        name, patient_id = self.templates[index].name, self.patient_id

        def shown(made: Letter) -> None:
            self.current = made
            self.text.setPlainText(made.text if typed is None else typed)
            self._dirty = False
            self._to_first_blank()

        self.tasks.db(lambda p: letters.draft(p, patient_id, name), on_done=shown,
                      on_error=self._failed)

    def _to_first_blank(self) -> None:
        """The keyboard in the text, its first [blank] selected: typing replaces it (the
        template's list had the focus, and a letter typed there changed the template)."""
        cursor = self.text.textCursor()
        found = BLANK.search(self.text.toPlainText())
        if found:
            cursor.setPosition(found.start())
            cursor.setPosition(found.end(), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def reject(self) -> None:
        """Escape or closing the window: a text typed is not dropped without asking."""
        if self.edited() and not self._leaving:
            self._ask(
                self.tr("This letter is not kept in the chart. Discard it?"),
                self.tr("Discard the letter"),
                self._leave,
                None,
            )
            return
        self._drop_draft()
        super().reject()

    def _leave(self) -> None:
        self._drop_draft()
        self.reject()

    def _ask(
        self, text: str, drop: str, on_drop: Callable[[], None], on_back: Callable[[], None] | None
    ) -> None:
        """Drop what was typed (``on_drop``) or go back to it, the default."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(text)
        dropped = box.addButton(drop, QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Continue writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)  # Escape then Enter keeps the work
        box.setEscapeButton(back)

        def answered(button: QAbstractButton) -> None:
            if button is dropped:
                on_drop()
            elif on_back is not None:
                on_back()

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        box.open()

    def _edit_template(self) -> None:
        index = self.choice.currentIndex()
        if not 0 <= index < len(self.templates):
            return
        editor = TemplateEditor(self.tasks, self.templates[index], self)
        name = self.templates[index].name
        editor.saved.connect(lambda _: self.reload(select=name))
        editor.open()
        self.template_editor = editor

    def keep(self, after: Callable[[Any, Letter, bytes], Any] | None,
             on_done: Callable[[Any], None] | None = None) -> None:
        """Keep the letter in the chart, then ``after(practice, letter, pdf)`` on the worker."""
        if self.current is None:
            return
        text, patient_id, chosen = self.text.toPlainText(), self.patient_id, self.current.template
        day = self.current.on

        def work(p: Any) -> tuple[str, Any]:
            made = letters.letter(p, patient_id, chosen, text, day)
            pdf = render_letter(made)
            doc = letters.keep_in_chart(p, patient_id, made, pdf)
            try:
                return doc, after(p, made, pdf) if after is not None else None
            except Exception as exc:  # kept, but the file or the printer failed: say so
                if message_for(exc) is None and not isinstance(exc, OSError):
                    raise
                return doc, exc

        def done(result: tuple[str, Any]) -> None:
            doc, outcome = result
            self.saved.emit(doc)
            if isinstance(outcome, BaseException):
                text = message_for(outcome) or str(outcome)
                self.status.setText(self.tr("Kept in the chart, but: {0}").format(text))
                return  # the buttons stay off: it is kept once
            self._drop_draft()  # kept in the chart: the draft has done its job
            if on_done is not None:
                on_done(outcome)
            self.accept()

        self._busy(True)  # on the store's worker: the letter and its PDF are kept together
        ops.Op(self, self.tasks, work).success(done).failure(self._failed).changes(
            ops.Changes(sync=True)
        ).run()

    def suggested_path(self) -> Path:
        kind = "certificat" if self.current and self.current.template.kind == "certificate" \
            else "courrier"
        family = self.current.patient_family_name if self.current else ""
        return documents_folder() / paper_name(kind, family, dt.date.today())

    def _ask_pdf(self) -> None:
        path = ask_pdf_path(self, self.tr("Save the letter as PDF"), self.suggested_path())
        if path is None:
            return

        def write(p: Any, made: Letter, pdf: bytes) -> str:
            write_private_durably_or_say(path, pdf)
            return str(path)

        self.keep(write, self.pdf_written.emit)

    def _ask_printer(self, printer: QPrinter) -> bool:
        return ask_printer(self, printer)

    def _print(self) -> None:
        printer = printer_for('Courrier')
        if not self.print_dialog(printer):
            self.status.setText(self.tr("Not printed."))
            return
        self._printer = printer

        def paint(p: Any, made: Letter, pdf: bytes) -> str:
            print_letter(printer, made)
            return printed_on(printer)

        self.keep(paint, self.printed.emit)

    def _busy(self, busy: bool) -> None:
        for button in (self.keep_button, self.pdf_button, self.print_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        say_failure(self.status, exc)

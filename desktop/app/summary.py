"""Patient > Medical summary…: the one-page summary, previewed as it will print, then
saved as PDF or printed. Read, rendered, written and printed on the store's worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.paper import (
    ask_pdf_path,
    ask_printer,
    documents_folder,
    printed_on,
    printer_for,
    say_failure,
)
from desktop.app.screen_fit import resize_to_fit
from desktop.app.tasks import Tasks
from desktop.practice.textfold import paper_name
from desktop.reports.prescription import write_private_durably_or_say
from desktop.reports.summary import print_summary, render_summary, summary_of


class SummaryDialog(QDialog):
    pdf_written = Signal(str)
    printed = Signal(str)

    def __init__(self, tasks: Tasks, patient_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.patient_id, self.title = tasks, patient_id, title
        self.setObjectName("summaryDialog")
        self.setWindowTitle(self.tr("Medical summary: {0}").format(title))
        resize_to_fit(self, 720, 800)
        self.html = ""
        self.print_dialog: Callable[[QPrinter], bool] = self._ask_printer
        self.preview = QTextBrowser()
        self.preview.setObjectName("summaryPreview")
        self.preview.setAccessibleName(self.tr("Summary preview"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.print_button.clicked.connect(self._print)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self._busy(True)
        self.family = ""

        def load(p: Any) -> tuple[str, str]:
            return summary_of(p, patient_id), str(p.patient(patient_id).get("family_name") or "")

        tasks.db(load, on_done=self._shown, on_error=self._failed)

    def _shown(self, found: tuple[str, str]) -> None:
        html, self.family = found
        self.html = html
        self.preview.setHtml(html)
        self._busy(False)

    def _ask_pdf(self) -> None:
        suggested = documents_folder() / paper_name("synthese", self.family, dt.date.today())
        path = ask_pdf_path(self, self.tr("Save the summary as PDF"), suggested)
        if path is None:
            return
        html = self.html

        def write(_: Any) -> str:
            write_private_durably_or_say(path, render_summary(html))
            return str(path)

        self._run(write, self.pdf_written.emit)

    def _ask_printer(self, printer: QPrinter) -> bool:
        return ask_printer(self, printer)

    def _print(self) -> None:
        printer = printer_for('Synthèse')
        if not self.print_dialog(printer):
            self.status.setText(self.tr("Not printed."))
            return
        self._printer, html = printer, self.html

        def paint(_: Any) -> str:
            print_summary(printer, html)
            return printed_on(printer)

        self._run(paint, self.printed.emit)

    def _run(self, fn: Callable[[Any], str], then: Callable[[str], None]) -> None:
        def done(result: str) -> None:
            then(result)
            self.accept()

        self._busy(True)  # the PDF or the printer needs no database: the file worker
        ops.Op(self, self.tasks, fn, worker=ops.Worker.FILE).success(done).failure(
            self._failed
        ).run()

    def _busy(self, busy: bool) -> None:
        self.pdf_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        say_failure(self.status, exc)

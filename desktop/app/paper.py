"""What every paper the app makes shares (ordonnance, letter, summary): the folder it is
saved in, the save and print dialogs, and the sentence shown when writing it failed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QWidget

from desktop.app.errors import message_for


def documents_folder() -> Path:
    """The user's documents folder (Qt knows it on every platform), else their home: never
    the program's working directory, where Qt's dialog falls back for a missing folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def ask_pdf_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The save dialog, starting at a name that says what the paper is; None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(suggested),
        QCoreApplication.translate("paper", "PDF documents (*.pdf)"),
    )  # fmt: skip
    return Path(chosen) if chosen else None


def ask_printer(parent: QWidget, printer: QPrinter, title: str = "") -> bool:
    """Qt's print dialog; True when the user chose a printer and accepted."""
    dialog = QPrintDialog(printer, parent)
    if title:
        dialog.setWindowTitle(title)
    return dialog.exec() == QDialog.DialogCode.Accepted


def printer_for(doc_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    return printer


def printed_on(printer: QPrinter) -> str:
    """What the status line names once the worker has painted: the printer, or the file."""
    return printer.printerName() or printer.outputFileName()


def say_failure(status: QLabel, exc: BaseException) -> None:
    """A known failure becomes the status line's sentence; anything else is a bug, raised."""
    text = message_for(exc)
    if text is None:
        raise exc
    status.setText(text)

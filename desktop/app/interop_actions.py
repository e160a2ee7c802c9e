"""The app's ways in and out, hooked into the main window with two calls: the Practice
menu's "Export the practice…" and "Import patients from a CSV…", and the chart's
"Export…". Each opens its dialog (export_dialogs.py, csv_import_wizard.py) owned by the
window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.app.tasks import Tasks


def add_practice_actions(window: QMainWindow, tasks: Tasks, menu: QMenu, before: QAction) -> None:
    """Insert the export and CSV import actions into ``menu``, above ``before``."""
    export = QAction(QCoreApplication.translate("interop", "Export the practice…"), window)
    export.setObjectName("exportPractice")
    export.triggered.connect(lambda: open_practice_export(window, tasks))
    csv = QAction(QCoreApplication.translate("interop", "Import patients from a CSV…"), window)
    csv.setObjectName("importCsv")
    csv.triggered.connect(lambda: open_csv_import(window, tasks))
    menu.insertAction(before, export)
    menu.insertAction(before, csv)
    menu.insertSeparator(before)


def open_practice_export(window: QMainWindow, tasks: Tasks) -> None:
    from desktop.app.export_dialogs import PracticeExportDialog

    dialog = PracticeExportDialog(tasks, window)
    dialog.show()


def open_csv_import(window: QMainWindow, tasks: Tasks) -> None:
    from desktop.app.csv_import_wizard import CsvImportWizard

    dialog = CsvImportWizard(tasks, window)
    dialog.show()


def open_patient_export(window: QMainWindow, tasks: Tasks, patient_id: str, name: str) -> None:
    from desktop.app.export_dialogs import PatientExportDialog

    dialog = PatientExportDialog(tasks, patient_id, name, window)
    dialog.show()

"""Exports from the app: one patient (the archive for the patient, or a FHIR Bundle) from
the chart, and the whole practice (FHIR NDJSON with progress and Cancel, or the plain
SQLite copy after its confirmation) from the Practice menu.

Every export is an action on the database worker (``ops.Op``: it reads the store and
writes the file there, never on the UI thread); progress comes back through a queued
signal into a ``ProgressPanel``. The dialogs only gather a choice and a path.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.progress_panel import ProgressPanel
from desktop.app.tasks import Tasks
from desktop.interop.fhir_export import ExportCancelled


class PathField(QWidget):
    """A path typed or chosen with a file dialog ("Choose…"); ``mode``: a file to
    "save", a file to "open", or a "folder"."""

    chosen = Signal(str)

    def __init__(self, name: str, *, mode: str = "save", pattern: str = "") -> None:
        super().__init__()
        self.mode, self.pattern = mode, pattern
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setAccessibleName(self.tr("Choose: {0}").format(name))
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose)
        self.setFocusProxy(self.edit)

    def _choose(self) -> None:
        start = self.edit.text() or QDir.homePath()
        name = self.edit.accessibleName()
        if self.mode == "folder":
            chosen = QFileDialog.getExistingDirectory(self, name, start)
        elif self.mode == "open":
            chosen, _ = QFileDialog.getOpenFileName(self, name, start, self.pattern)
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, name, start, self.pattern)
        if chosen:
            self.edit.setText(chosen)
            self.chosen.emit(chosen)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class _ExportDialog(QDialog):
    """Shared parts: a form, a progress bar, a status and an error line, Export/Close."""

    progressed = Signal(str, int, int)  # resource type, done, total: emitted on the worker
    exported = Signal(str)  # the path written

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.panel = ProgressPanel(self.tr("Export progress"))
        self.progress, self.status, self.error = self.panel.bar, self.panel.status, self.panel.error
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("export")
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.progressed.connect(self._progressed)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        for widget in (self.panel, self.buttons):
            self.layout_.addWidget(widget)

    def start(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def run(self, fn: Any, path: Path) -> None:
        """The export as one action; the panel shows its progress (no busy cursor: the
        rest of the app stays usable while it runs)."""
        self.panel.started(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        ops.Op(self, self.tasks, fn, cursor=False).success(lambda _: self._done(path)).failure(
            self._failed
        ).run()

    def _progressed(self, kind: str, done: int, total: int) -> None:
        self.panel.counted(done, total, self.tr("Exporting {0}: {1}").format(kind, done))

    def _done(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.panel.finished(self.tr("Exported to {0}").format(path))
        self.exported.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, ExportCancelled):
            self.panel.finished(self.tr("Export cancelled; no file was kept."))
            return
        self.panel.failed(exc)


class PatientExportDialog(_ExportDialog):
    """Chart > Export…: the patient's own copy (zip) or the FHIR Bundle (json)."""

    def __init__(
        self, tasks: Tasks, patient_id: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, "", parent)
        self.setWindowTitle(self.tr("Export the record of {0}").format(name))
        self.patient_id = patient_id
        self.archive = QRadioButton(
            self.tr("Copy for the patient: readable PDF, FHIR file and documents (.zip)")
        )
        self.bundle = QRadioButton(self.tr("FHIR R4 Bundle, for another software (.json)"))
        self.archive.setChecked(True)
        self.path = PathField(self.tr("File"), pattern="*.zip *.json")
        self.form.addRow(self.archive)
        self.form.addRow(self.bundle)
        self.form.addRow(self.tr("File"), self.path)
        warning = QLabel(
            self.tr(
                "The file holds the record in clear. Give it to the patient or to the "
                "software it is for, and do not leave a copy on this computer."
            )
        )
        warning.setWordWrap(True)
        self.form.addRow(warning)
        self.finish_layout()

    def start(self) -> None:
        path = self.path.path()
        if path is None:
            self.error.setText(self.tr("Choose the file to write."))
            return
        pid = self.patient_id
        if self.archive.isChecked():
            from desktop.interop.archive import write_patient_archive

            self.run(lambda p: write_patient_archive(p, pid, path), path)
        else:
            from desktop.interop.fhir_export import write_patient_bundle

            self.run(lambda p: write_patient_bundle(p, pid, path), path)


class PracticeExportDialog(_ExportDialog):
    """Practice > Export the practice…: FHIR NDJSON (a folder) or the plain SQLite copy."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tasks, "", parent)
        self.setWindowTitle(self.tr("Export the practice"))
        self.cancel_event: threading.Event | None = None
        self.fhir = QRadioButton(self.tr("FHIR R4, one NDJSON file per resource type (a folder)"))
        self.sqlite = QRadioButton(self.tr("Plain SQLite database, readable by any tool (a file)"))
        self.fhir.setChecked(True)
        self.folder = PathField(self.tr("Folder"), mode="folder")
        self.file = PathField(self.tr("SQLite file"), pattern="*.sqlite")
        self.cleartext = QCheckBox(
            self.tr(
                "I understand that this copy holds the whole practice in clear: anyone who "
                "gets the file can read every record."
            )
        )
        self.form.addRow(self.fhir)
        self.form.addRow(self.sqlite)
        self.form.addRow(self.tr("Folder"), self.folder)
        self.form.addRow(self.tr("SQLite file"), self.file)
        self.form.addRow(self.cleartext)
        self.cancel_button = QPushButton(self.tr("Cancel the export"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fhir.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.finish_layout()

    def _kind_changed(self, _on: bool = True) -> None:
        fhir = self.fhir.isChecked()
        self.form.setRowVisible(self.folder, fhir)
        self.form.setRowVisible(self.file, not fhir)
        self.form.setRowVisible(self.cleartext, not fhir)

    def start(self) -> None:
        if self.fhir.isChecked():
            folder = self.folder.path()
            if folder is None:
                self.error.setText(self.tr("Choose the folder to write into."))
                return
            from desktop.interop.fhir_export import export_practice

            cancel = self.cancel_event = threading.Event()
            emit = self.progressed.emit
            self.cancel_button.setEnabled(True)
            self.run(lambda p: export_practice(p, folder, progress=emit, cancel=cancel), folder)
            return
        path = self.file.path()
        if path is None:
            self.error.setText(self.tr("Choose the file to write."))
            return
        if not self.cleartext.isChecked():
            self.error.setText(
                self.tr("Tick the box to confirm that the copy will be readable by anyone.")
            )
            return
        from desktop.interop.sqlite_export import export_sqlite

        self.run(lambda p: export_sqlite(p, path), path)

    def cancel(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.cancel_button.setEnabled(False)

    def _done(self, path: Path) -> None:
        self.cancel_event = None
        self.cancel_button.setEnabled(False)
        super()._done(path)

    def _failed(self, exc: BaseException) -> None:
        self.cancel_event = None
        self.cancel_button.setEnabled(False)
        super()._failed(exc)

    def reject(self) -> None:
        self.cancel()
        super().reject()

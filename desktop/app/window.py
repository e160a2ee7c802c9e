"""The main window: patient search on the left, the chart on the right, sync state below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from desktop.app.agenda import AgendaWindow
from desktop.app.chart import ChartView
from desktop.app.conflicts import ConflictsDialog
from desktop.app.consultation import ConsultationEditor
from desktop.app.errors import message_for
from desktop.app.patient_list import PatientList
from desktop.app.preferences import PreferencesDialog, auto_lock_min
from desktop.app.prescription import PrescriptionEditor
from desktop.app.record_dialogs import AddAllergyDialog, AddProblemDialog, IdentityDialog
from desktop.app.remote_settings import RemoteSettingsDialog, sync_interval_min
from desktop.app.sync_status import SyncController, SyncState, SyncStatusLabel
from desktop.app.tasks import Tasks
from desktop.practice.drafts import DraftStore


class _Activity(QObject):
    """Restarts the inactivity timer on every key press or click anywhere in the app."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__(timer)  # dies with the window, so the app never calls a dead filter
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    locked = Signal()
    language_requested = Signal(str)

    def __init__(self, tasks: Tasks, folder: Path, info: dict[str, Any]) -> None:
        super().__init__()
        self.tasks, self.folder, self.info = tasks, folder, info
        self.setWindowTitle(f"Carnet: {info['practice_name']}")
        self.drafts = DraftStore(folder, info["db_key"])
        self.patients = PatientList(tasks)
        self.chart = ChartView()
        split = QSplitter()
        split.addWidget(self.patients)
        split.addWidget(self.chart)
        split.setSizes([600, 760])
        self.setCentralWidget(split)
        self.patients.opened.connect(self.open_chart)
        self.chart.new_consultation.connect(self.new_consultation)
        self.chart.new_prescription.connect(self.new_prescription)
        self.chart.edit_identity.connect(self.edit_identity)
        self.chart.add_problem.connect(lambda pid: self._record_dialog(AddProblemDialog, pid))
        self.chart.add_allergy.connect(lambda pid: self._record_dialog(AddAllergyDialog, pid))

        self.sync_label = SyncStatusLabel()
        self.pending = QLabel()
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sync = SyncController(
            tasks, folder, info["db_key"], info.get("remote"), interval_s=sync_interval_min() * 60
        )
        self.sync.changed.connect(self.sync_label.show_state)
        self._build_menus()
        self._refresh_pending()

        self.idle = QTimer(self, singleShot=True, interval=auto_lock_min() * 60_000)
        self.idle.timeout.connect(self.lock)
        self._activity = _Activity(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self.idle.start()
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.patients.search.setFocus()

    def _build_menus(self) -> None:
        practice = self.menuBar().addMenu(self.tr("&Practice"))
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.sync.sync_now)
        self.sync_action.setEnabled(bool(self.info.get("remote")))
        conflicts = QAction(self.tr("Sync conflicts…"), self)
        conflicts.triggered.connect(self.show_conflicts)
        lock = QAction(self.tr("Lock"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        quit_ = QAction(self.tr("Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        self.agenda_action = QAction(self.tr("Agenda"), self)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+G"))
        self.agenda_action.triggered.connect(self.show_agenda)
        self.remote_action = QAction(self.tr("Sync settings…"), self)
        self.remote_action.triggered.connect(self.show_remote_settings)
        self.preferences_action = QAction(self.tr("Preferences…"), self)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.preferences_action.triggered.connect(self.show_preferences)
        for action in (
            self.agenda_action,
            self.sync_action,
            self.remote_action,
            conflicts,
            self.preferences_action,
            lock,
            quit_,
        ):
            practice.addAction(action)
        search = QAction(self.tr("Find a patient"), self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.focus_search)
        self.addAction(search)
        language = self.menuBar().addMenu(self.tr("&Language"))
        for code, label in (("fr", "Français"), ("en", "English")):
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            language.addAction(action)

    # -- actions -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.patients.search.setFocus()
        self.patients.search.selectAll()

    def open_chart(self, patient_id: str) -> None:
        self.tasks.db(
            lambda p: p.chart(patient_id), on_done=self.chart.show_chart, on_error=self.show_error
        )

    def _title(self) -> str:
        c = self.chart.chart or {}
        return f"{(c.get('family_name') or '').upper()} {c.get('given_names') or ''}"

    def new_consultation(self, patient_id: str) -> None:
        editor = ConsultationEditor(self.tasks, self.drafts, patient_id, self._title())
        editor.saved.connect(lambda _: self._after_write(patient_id))
        editor.show()
        self.editor: QDialog = editor

    def new_prescription(self, patient_id: str) -> None:
        editor = PrescriptionEditor(self.tasks, patient_id, self._title())
        editor.saved.connect(lambda _: self._after_write(patient_id))
        editor.printed.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Prescription printed to {0}").format(path), 8000
            )
        )
        editor.show()
        self.editor = editor

    def edit_identity(self, patient_id: str) -> None:
        if self.chart.chart is None:
            return
        dialog = IdentityDialog(self.tasks, self.chart.chart, self)
        dialog.saved.connect(lambda _: self._after_write(patient_id))
        dialog.show()
        self.editor = dialog

    def _record_dialog(
        self, kind: type[AddProblemDialog] | type[AddAllergyDialog], patient_id: str
    ) -> None:
        dialog = kind(self.tasks, patient_id, self)
        dialog.saved.connect(lambda _: self._after_write(patient_id))
        dialog.show()
        self.editor = dialog

    def _after_write(self, patient_id: str) -> None:
        self.open_chart(patient_id)
        self._refresh_pending()

    def _refresh_pending(self) -> None:
        if not self.info.get("remote"):
            self.tasks.db(
                lambda p: p.pending_count(),
                on_done=lambda n: self.sync_label.show_state(
                    SyncState("not-configured", pending=n)
                ),
            )

    def show_agenda(self) -> None:
        agenda = getattr(self, "agenda", None)
        if agenda is None:
            agenda = AgendaWindow(self.tasks, self._current_patient, self)
            self.agenda: AgendaWindow = agenda
        else:
            agenda.reload()
        agenda.show()
        agenda.raise_()

    def _current_patient(self) -> tuple[str, str] | None:
        if self.chart.chart is None:
            return None
        return str(self.chart.chart["id"]), self._title().strip()

    def show_remote_settings(self) -> None:
        dialog = RemoteSettingsDialog(
            self.tasks, self.info["practice_name"], self.info.get("remote"), self
        )
        dialog.connected.connect(self.remote_connected)
        dialog.show()
        self.remote_dialog = dialog

    def remote_connected(self, url: str, interval_min: int) -> None:
        self.info["remote"] = url
        self.sync.set_remote(url, interval_min * 60)
        self.sync_action.setEnabled(True)

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self)
        dialog.auto_lock_changed.connect(self.set_auto_lock)
        dialog.show()
        self.preferences_dialog = dialog

    def set_auto_lock(self, minutes: int) -> None:
        """A new inactivity delay, counted from now."""
        self.idle.setInterval(minutes * 60_000)
        self.idle.start()

    def show_conflicts(self) -> None:
        dialog = ConflictsDialog(self.tasks)
        dialog.resolved.connect(lambda _: self._reopen_chart())
        dialog.show()
        self.conflicts_dialog = dialog

    def _reopen_chart(self) -> None:
        if self.chart.chart is not None:
            self.open_chart(self.chart.chart["id"])

    def show_error(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        QMessageBox.warning(self, "Carnet", text)

    def lock(self) -> None:
        """Close the practice (the key leaves memory with it) and ask for the passphrase."""
        self.idle.stop()
        self.chart.show_chart(None)
        self.patients.model.set_rows([])
        self.patients.search.clear()
        self.hide()
        self.locked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("window/geometry", self.saveGeometry())
        editor = getattr(self, "editor", None)
        if editor is not None and editor.isVisible():
            editor.close()  # saves its draft
        super().closeEvent(event)

"""The main window: patient search on the left, the chart on the right, sync state below."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.app import interop_actions, ops
from desktop.app.agenda import AgendaWindow
from desktop.app.allergy_dialog import AddAllergyDialog
from desktop.app.chart import ChartView
from desktop.app.confirm import ask
from desktop.app.consultation import ConsultationEditor, open_consultation
from desktop.app.deleted_charts import DeletedChartsDialog
from desktop.app.errors import message_for
from desktop.app.known_practices import folder_account
from desktop.app.new_patient import NewPatientDialog
from desktop.app.patient_list import PatientList
from desktop.app.practice_admin import PracticeAdmin
from desktop.app.preferences import auto_lock_min
from desktop.app.prescription import PrescriptionEditor
from desktop.app.record_dialogs import AddProblemDialog, IdentityDialog
from desktop.app.remote_settings import sync_interval_min
from desktop.app.restore_banner import RestoreBanner
from desktop.app.screen_fit import resize_to_fit
from desktop.app.sync_status import SyncController, SyncStatusLabel
from desktop.app.tasks import Tasks
from desktop.app.undo_bar import UndoBar
from desktop.app.warmup import NOTE_SLICE, NoteIndexer, SearchWarmer
from desktop.app.window_menus import WindowMenus
from desktop.practice import people
from desktop.practice.drafts import DraftStore
from desktop.practice.errors import LoginRefusedError
from desktop.practice.keycache import KeyCache


class _Activity(QObject):
    """Restarts the inactivity timer on every key press or click anywhere in the app."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__(timer)  # dies with the window, so the app never calls a dead filter
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.timer.start()
        return False


class MainWindow(WindowMenus, PracticeAdmin, QMainWindow):
    locked = Signal()
    language_requested = Signal(str)
    closed = Signal()  # the user closed the window: the app quits

    def __init__(self, tasks: Tasks, folder: Path, info: dict[str, Any]) -> None:
        super().__init__()
        self.tasks, self.folder, self.info = tasks, folder, info
        self.place_at_lock: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Carnet: {0}").format(info["practice_name"]))
        self.drafts = DraftStore(folder, info["db_key"])
        self.patients = PatientList(tasks)
        self.chart = ChartView(tasks, self.drafts)
        self.chart.fetcher = self.document_fetch
        self.chart.open_patient.connect(self.open_chart)
        split = QSplitter()
        split.addWidget(self.patients)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 0)  # a wider window widens the chart, not the list
        split.setStretchFactor(1, 1)
        split.setSizes([400, 880])  # at 1280 wide: the list's name, birth date and age
        self.split = split
        self.restore_banner = RestoreBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.restore_banner)
        column.addWidget(split, 1)
        self.setCentralWidget(central)
        self.patients.opened.connect(self.open_chart)
        self.patients.create_requested.connect(self.new_patient)
        self.chart.new_consultation.connect(self.new_consultation)
        self.chart.new_prescription.connect(self.new_prescription)
        self.chart.edit_identity.connect(self.edit_identity)
        self.chart.add_problem.connect(lambda pid: self._record_dialog(AddProblemDialog, pid))
        self.chart.add_allergy.connect(lambda pid: self._record_dialog(AddAllergyDialog, pid))
        self.chart.show_access.connect(self.show_chart_access)
        self.chart.export_record.connect(
            lambda pid: interop_actions.open_patient_export(self, tasks, pid, self._title())
        )

        self.sync_label = SyncStatusLabel()
        self.undo_bar = UndoBar(self)
        self.statusBar().addWidget(self.undo_bar)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sync = SyncController(
            tasks, folder, info["db_key"], info.get("remote"), interval_s=sync_interval_min() * 60
        )
        self.sync.changed.connect(self.sync_label.show_state)
        self.sync.pulled.connect(self._refresh_after_pull)
        if info.get("restoring"):
            self.restore_banner.watch(tasks, self.sync)
            self.restore_banner.completed.connect(self._restore_complete)
        self.conflicts_button = QPushButton()
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setStyleSheet("color: #b00020")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.conflicts_button.hide()
        self.sync.conflicts_changed.connect(self._show_conflict_count)
        self.statusBar().addPermanentWidget(self.conflicts_button)
        self._build_menus()
        self._apply_role()
        self._refresh_pending()
        ops.hub.changed.connect(self._changed)

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
            resize_to_fit(self, 1280, 800)
        self.patients.search.setFocus()
        # The notes waiting for the note index first (after a restore, all of them: its
        # writes would push the warmed pages out of the cache), then the name search's
        # warm-up, so the first keystroke is as fast as the next.
        self.warmer = SearchWarmer(tasks, self)
        self.notes_indexer = NoteIndexer(tasks, self)
        self.notes_indexer.progress.connect(self._notes_indexed)
        self.notes_indexer.finished.connect(self.warmer.start)
        self.notes_indexer.start()

    def _notes_indexed(self, done: int, total: int) -> None:
        """A backlog of notes (a restored practice's) says how far its index is; a note
        search meanwhile finds every note all the same (it indexes the rest first)."""
        if total <= 10 * NOTE_SLICE:
            return
        if done >= total:
            self.statusBar().showMessage(self.tr("The notes are indexed for search."), 5000)
        else:
            self.statusBar().showMessage(
                self.tr("Indexing the notes for search: {0} %").format(done * 100 // total)
            )

    # -- actions -----------------------------------------------------------------------------

    def new_patient(self, name: str) -> None:
        dialog = NewPatientDialog(self.tasks, self, name=name)
        dialog.saved.connect(self._patient_created)
        dialog.show()
        self.editor: QDialog = dialog

    def _patient_created(self, patient_id: str) -> None:
        self.patients.refresh()
        self._after_write(patient_id)

    def delete_patient(self) -> None:
        """A tombstone, never an erasure: undone from the status bar or Deleted charts."""
        chart = self.chart.chart
        if chart is None:
            return
        ask(
            self,
            self.tr("Delete this chart"),
            self.tr(
                "Delete the chart of {0}? It leaves the search and every computer's list; "
                "nothing is erased and it can be restored from Patient > Deleted charts."
            ).format(self._title().strip()),
            yes=self.tr("Delete the chart"),
            no=self.tr("Keep it"),
            on_yes=lambda: self._delete_patient(chart.id),
        )

    def _delete_patient(self, patient_id: str) -> None:

        def undelete() -> None:
            ops.Op(self, self.tasks, lambda p: p.undelete_record("patient", patient_id)).success(
                lambda _: self._patient_created(patient_id)
            ).failure(self.show_error).run()

        def deleted(_: Any) -> None:
            self.chart.show_chart(None)
            self.patients.refresh()
            self._refresh_pending()
            self.undo_bar.offer(self.tr("Chart deleted."), undelete)

        ops.Op(self, self.tasks, lambda p: p.delete_record("patient", patient_id)).success(
            deleted
        ).failure(self.show_error).changes(ops.Changes(sync=True)).run()

    def show_deleted(self) -> None:
        dialog = DeletedChartsDialog(self.tasks, self)
        dialog.restored.connect(self._patient_created)
        dialog.show()
        self.deleted_dialog = dialog

    def close_chart(self) -> None:
        """The start screen again, the keyboard in today's appointments: Enter opens the
        next patient's chart."""
        self.chart.show_chart(None)
        self.chart.start.today.setFocus()  # its rows come from the worker, the next chosen

    def focus_search(self) -> None:
        self.patients.search.setFocus()
        self.patients.search.selectAll()

    def open_chart(self, patient_id: str) -> None:
        self.tasks.db(
            lambda p: p.visible_chart(patient_id),
            on_done=self.chart.show_chart,
            on_error=self.show_error,
        )

    def _title(self) -> str:
        c = self.chart.chart
        if c is None:
            return " "
        return f"{(c.family_name or '').upper()} {c.given_names or ''}"

    def new_consultation(self, patient_id: str) -> None:
        def show(editor: ConsultationEditor) -> None:
            editor.saved.connect(lambda _: self._after_write(patient_id))
            editor.draft_changed.connect(lambda _: self.chart.refresh_draft())
            editor.show()
            self.editor = editor

        born = self.chart.chart.birth_date if self.chart.chart else None
        open_consultation(self, self.tasks, self.drafts, patient_id, self._title(), show, born=born)

    def new_prescription(self, patient_id: str) -> None:
        editor = PrescriptionEditor(self.tasks, patient_id, self._title())
        editor.saved.connect(lambda _: self._after_write(patient_id))
        editor.pdf_written.connect(
            lambda path: self.statusBar().showMessage(
                self.tr("Prescription saved as PDF: {0}").format(path), 8000
            )
        )
        editor.printed.connect(
            lambda printer: self.statusBar().showMessage(
                self.tr("Prescription sent to the printer {0}").format(printer), 8000
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
        self.patients.refresh()  # a new name or birth date shows in the list at once
        self.sync.notify_local_change()

    def _changed(self, changes: ops.Changes) -> None:
        """An action said what it changed (``ops.hub``): what shows it is read again and
        the background sync learns there is something to push. Not while locked."""
        if not self.isVisible():
            return
        if changes.patients:
            self.patients.refresh()
        current = self._current_patient()
        if changes.chart is not None and current is not None and current[0] == changes.chart:
            self.open_chart(changes.chart)
        if changes.sync:
            self.sync.notify_local_change()

    def _refresh_pending(self) -> None:
        self.sync.refresh()

    def _restore_complete(self) -> None:
        self.info["restoring"] = False
        self.statusBar().showMessage(
            self.tr("Restore complete: the practice's whole history is on this computer."),
            15_000,
        )
        self._reopen_chart()  # the chart on screen shows what arrived

    def _refresh_after_pull(self) -> None:
        """Changes from another computer: what is on screen shows them at once."""
        self._reopen_chart()
        if self.patients.search.text().strip():
            self.patients.refresh()
        self.tasks.db(_departures_after_pull, on_done=self._checked_after_pull,
                      on_error=self.show_error)  # fmt: skip

    def _checked_after_pull(self, result: tuple[bytes | None, bool]) -> None:
        """A pull may say that the person logged in here left, or that their locum
        account ended: the window locks at once (their drafts kept, under the new key),
        and the unlock refuses their login with its reason."""
        key, may_stay = result
        if may_stay:
            self._rekeyed(key)
            return
        if key is not None:
            self._follow_key(key)
        folder = self.folder
        self.tasks.on_db(lambda: KeyCache().forget(folder_account(folder)))
        self.lock()

    def _rekeyed(self, key: bytes | None) -> None:
        """A person left (learnt by a pull, or deactivated here): the store changed the
        database key. The drafts were re-sealed; the background sync and the keyring
        follow the new key."""
        if key is None:
            return
        self._follow_key(key)
        folder = self.folder

        def remember() -> None:
            cache, account = KeyCache(), folder_account(folder)
            if cache.load(account) is not None:
                cache.store(account, key)

        self.tasks.on_db(remember)

    def _follow_key(self, key: bytes) -> None:
        self.info["db_key"] = key
        self.sync.db_key = key
        self.drafts = DraftStore(self.folder, key)
        self.chart.drafts = self.drafts

    def _show_conflict_count(self, count: int) -> None:
        self.conflicts_button.setText(
            self.tr("1 sync conflict")
            if count == 1
            else self.tr("{0} sync conflicts").format(count)
        )
        self.conflicts_button.setVisible(count > 0)

    def show_agenda(self) -> None:
        agenda = getattr(self, "agenda", None)
        if agenda is None:
            agenda = AgendaWindow(self.tasks, self._current_patient, self)
            agenda.changed.connect(self.chart.start.reload_when_shown)  # today's list
            agenda.open_chart.connect(self._chart_from_agenda)
            self.agenda: AgendaWindow = agenda
        else:
            agenda.reload()
        agenda.show()
        agenda.raise_()

    def _chart_from_agenda(self, patient_id: str) -> None:
        self.open_chart(patient_id)
        self.raise_()
        self.activateWindow()

    def _current_patient(self) -> tuple[str, str] | None:
        if self.chart.chart is None:
            return None
        return self.chart.chart.id, self._title().strip()

    def document_fetch(self, document_id: str) -> Callable[[], bytes] | None:
        """How the viewer gets a document whose content is not on this computer yet (a
        lazy restore): on the network worker, its own connection fetches, decrypts and
        keeps it. None without a storage."""
        if not self.info.get("remote"):
            return None
        folder, key = self.folder, self.info["db_key"]

        def fetch() -> bytes:
            from desktop.practice.store import Practice
            from desktop.remote import SyncService

            with Practice.open(folder, key=key) as practice:
                return SyncService(practice).document_content(document_id)

        return fetch

    def new_letter(self) -> None:
        from desktop.app.letters import LetterEditor

        current = self._current_patient()
        if current is None:
            self.statusBar().showMessage(self.tr("Open a chart first."), 5000)
            return
        patient_id, title = current
        editor = LetterEditor(self.tasks, patient_id, title, self, drafts=self.drafts)
        editor.saved.connect(lambda _: self._after_write(patient_id))
        editor.show()
        self.editor = editor

    def show_summary(self) -> None:
        from desktop.app.summary import SummaryDialog

        current = self._current_patient()
        if current is None:
            self.statusBar().showMessage(self.tr("Open a chart first."), 5000)
            return
        self.summary_dialog = SummaryDialog(self.tasks, current[0], current[1], self)
        self.summary_dialog.show()

    def show_chart_access(self, patient_id: str) -> None:
        from desktop.app.access_log import ChartAccessDialog

        self.access_dialog = ChartAccessDialog(self.tasks, patient_id, self._title(), self)
        self.access_dialog.show()

    def _reopen_chart(self) -> None:
        if self.chart.chart is not None:
            self.open_chart(self.chart.chart.id)

    def show_error(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        QMessageBox.warning(self, "Carnet", text)

    def place(self) -> dict[str, Any]:
        """Where the GP is (the chart open, the agenda shown), kept from before a lock, so
        that the window built at unlock (or in another language) goes back there."""
        if self.place_at_lock is not None:
            return self.place_at_lock
        agenda = getattr(self, "agenda", None)
        return {
            "patient_id": self.chart.chart.id if self.chart.chart is not None else None,
            "agenda": agenda is not None and shiboken6.isValid(agenda) and agenda.isVisible(),
        }

    def go_back_to(self, place: dict[str, Any]) -> None:
        if place.get("patient_id"):
            self.open_chart(str(place["patient_id"]))
        if place.get("agenda"):
            self.show_agenda()

    def lock(self) -> None:
        """Close the practice (the key leaves memory with it) and ask for the passphrase.

        Every other window goes first (editors, agenda, dialogs: all may show patient
        data); an editor's draft is saved on the db worker before the practice closes."""
        self.place_at_lock = self.place()
        self.idle.stop()
        self.sync.stop()
        self.notes_indexer.stop()
        self.warmer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            save_draft = getattr(widget, "save_draft", None)
            if callable(save_draft):
                save_draft()
            widget.hide()
            widget.deleteLater()
        self.chart.show_chart(None)
        self.patients.clear()
        self.hide()
        self.locked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.sync.stop()
        self.notes_indexer.stop()
        self.warmer.stop()
        editor = getattr(self, "editor", None)
        # A lock deletes the editor's window (deleteLater): a deleted one has nothing to save.
        if editor is not None and shiboken6.isValid(editor) and editor.isVisible():
            editor.close()  # saves its draft
        super().closeEvent(event)
        self.closed.emit()


def _departures_after_pull(p: Any) -> tuple[bytes | None, bool]:
    """On the db worker: (the new database key if a departure learnt by the pull rekeyed
    the database, else None; whether the person logged in here may stay logged in)."""
    key = bytes(p.db_key) if p.enforce_departures() else None
    try:
        people.check_login(p)
    except LoginRefusedError:
        return key, False
    return key, True

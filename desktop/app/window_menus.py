"""The main window's menus (Patient, Practice, Language) and what the logged-in role may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.app import interop_actions

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow

    from desktop.app.chart import ChartView
    from desktop.app.sync_status import SyncController
    from desktop.app.tasks import Tasks

    class _Window(QMainWindow):
        """For the type checker only: what the mixin uses of ``MainWindow`` (at run time
        it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        tasks: Tasks
        info: dict[str, Any]
        sync: SyncController
        chart: ChartView

        language_requested: SignalInstance

        def lock(self) -> None: ...
        def focus_search(self) -> None: ...
        def show_agenda(self) -> None: ...
        def new_patient(self, name: str) -> None: ...
        def delete_patient(self) -> None: ...
        def show_deleted(self) -> None: ...
        def new_letter(self) -> None: ...
        def show_summary(self) -> None: ...
        def close_chart(self) -> None: ...
        def show_repair(self) -> None: ...
        def show_conflicts(self) -> None: ...
        def forget_computer(self) -> None: ...
        def show_remote_settings(self) -> None: ...
        def new_recovery_kit(self) -> None: ...
        def show_preferences(self) -> None: ...
        def show_practice_details(self) -> None: ...
        def show_devices(self) -> None: ...
        def show_access_log(self) -> None: ...
        def show_profile(self) -> None: ...
        def show_users(self) -> None: ...

else:
    _Window = object


class WindowMenus(_Window):
    """Mixed into ``MainWindow``: builds its menu bar once; the actions stay attributes of
    the window (``sync_action``, ``remote_action``...) so the practice's state can enable them."""

    def _build_menus(self) -> None:
        self._build_patient_menu()
        practice = self.menuBar().addMenu(self.tr("&Practice"))
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.sync.sync_now)
        self.sync_action.setEnabled(bool(self.info.get("remote")))
        self.repair_action = QAction(self.tr("Repair the storage…"), self)
        self.repair_action.triggered.connect(self.show_repair)
        self.repair_action.setEnabled(bool(self.info.get("remote")))
        conflicts = QAction(self.tr("Sync conflicts…"), self)
        conflicts.triggered.connect(self.show_conflicts)
        lock = QAction(self.tr("Lock"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        # From any of the app's windows: in an open consultation it did nothing and the
        # note stayed on screen for whoever came to the desk next.
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.triggered.connect(self.lock)
        forget = QAction(self.tr("Forget this computer"), self)
        forget.setToolTip(self.tr("Remove the key remembered in this computer's keyring"))
        forget.triggered.connect(self.forget_computer)
        quit_ = QAction(self.tr("Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        self.agenda_action = QAction(self.tr("Agenda"), self)
        self.agenda_action.setShortcut(QKeySequence("Ctrl+G"))
        self.agenda_action.triggered.connect(self.show_agenda)
        self.remote_action = QAction(self.tr("Sync settings…"), self)
        self.remote_action.triggered.connect(self.show_remote_settings)
        self.kit_action = QAction(self.tr("New recovery kit…"), self)
        self.kit_action.triggered.connect(self.new_recovery_kit)
        self.kit_action.setEnabled(bool(self.info.get("remote")))
        self.preferences_action = QAction(self.tr("Preferences…"), self)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.preferences_action.triggered.connect(self.show_preferences)
        self.practice_details_action = QAction(self.tr("Practice details…"), self)
        self.practice_details_action.triggered.connect(self.show_practice_details)
        self.devices_action = QAction(self.tr("Devices…"), self)
        self.devices_action.triggered.connect(self.show_devices)
        self.devices_action.setEnabled(bool(self.info.get("remote")))
        self.access_log_action = QAction(self.tr("Access log…"), self)
        self.access_log_action.triggered.connect(self.show_access_log)
        self.profile_action = QAction(self.tr("My practitioner profile…"), self)
        self.profile_action.triggered.connect(self.show_profile)
        self.users_action = QAction(self.tr("Users…"), self)
        self.users_action.triggered.connect(self.show_users)
        for action in (
            self.practice_details_action,
            self.profile_action,
            self.users_action,
            self.agenda_action,
            self.sync_action,
            self.remote_action,
            self.kit_action,
            self.repair_action,
            self.devices_action,
            conflicts,
            self.access_log_action,
            self.preferences_action,
            lock,
            forget,
            quit_,
        ):
            practice.addAction(action)
        interop_actions.add_practice_actions(self, self.tasks, practice, before=lock)
        search = QAction(self.tr("Find a patient"), self)
        search.setShortcut(QKeySequence("Ctrl+F"))
        search.triggered.connect(self.focus_search)
        self.addAction(search)
        language = self.menuBar().addMenu(self.tr("&Language"))
        for code, label in (("fr", "Français"), ("en", "English")):
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            language.addAction(action)

    def _apply_role(self) -> None:
        """Hide what the logged-in person's role cannot open (the store refuses it
        anyway, docs/roles.md); only a doctor manages users."""
        clinical = bool(self.info.get("clinical", True))
        self.chart.set_clinical(clinical)
        for action in (
            self.letter_action, self.summary_action, self.profile_action,
            self.access_log_action,
        ):  # fmt: skip
            action.setVisible(clinical)
        # The practice's export holds the clinical content: the store refused it to the
        # secretary only once she had chosen the folder and pressed Export.
        export = self.findChild(QAction, "exportPractice")
        if export is not None:
            export.setVisible(clinical)
        self.users_action.setVisible(bool(self.info.get("manages_users", True)))

    def _build_patient_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("P&atient"))
        new = QAction(self.tr("New patient…"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(lambda: self.new_patient(""))
        self.delete_action = QAction(self.tr("Delete this chart…"), self)
        self.delete_action.triggered.connect(self.delete_patient)
        deleted = QAction(self.tr("Deleted charts…"), self)
        deleted.triggered.connect(self.show_deleted)
        self.letter_action = QAction(self.tr("Letter or certificate…"), self)
        # Beside the chart's Ctrl+Shift+C (consultation) and Ctrl+Shift+O (ordonnance).
        self.letter_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.letter_action.triggered.connect(self.new_letter)
        self.summary_action = QAction(self.tr("Medical summary…"), self)
        self.summary_action.triggered.connect(self.show_summary)
        # Back to the day's appointments for the next patient: nothing else led there
        # from an open chart but a lock.
        self.close_chart_action = QAction(self.tr("Close the chart"), self)
        self.close_chart_action.setShortcut(QKeySequence.StandardKey.Close)  # Ctrl+W
        self.close_chart_action.triggered.connect(self.close_chart)
        for action in (new, self.delete_action, deleted, self.letter_action, self.summary_action,
                       self.close_chart_action):  # fmt: skip
            menu.addAction(action)

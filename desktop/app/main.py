"""The desktop app: first run or unlock, then the main window; lock and language switches
rebuild what they must. Everything slow runs on the workers of desktop.app.tasks."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.app import i18n
from desktop.app.first_run import FirstRunDialog
from desktop.app.known_practices import known_name, remember_name
from desktop.app.restore_wizard import RestoreWizard, Resume
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.window import MainWindow
from desktop.practice.keyfile import KeyFile


class AppController:
    def __init__(self, folder: Path, *, demo_if_empty: bool = True) -> None:
        self.folder, self.demo_if_empty = folder, demo_if_empty
        self.tasks = Tasks()
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None

    def start(self) -> None:
        if KeyFile.exists(self.folder):
            self.ask_unlock(use_remembered=True)
        else:
            first = FirstRunDialog(self.tasks, self.folder)
            first.accepted.connect(self.unlocked)
            first.rejected.connect(QApplication.quit)
            self._show(first)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.show()

    def ask_unlock(self, *, use_remembered: bool = False) -> None:
        """The unlock dialog. A key remembered in the keyring saves typing at start-up
        only: after a lock (Ctrl+L, inactivity) the passphrase is always asked."""
        dialog = UnlockDialog(self.tasks, self.folder, known_name(self.folder))
        dialog.accepted.connect(self.unlocked)
        dialog.rejected.connect(QApplication.quit)
        dialog.restore_unfinished.connect(self.continue_restore)
        self.dialog = dialog
        if not use_remembered:
            self._show(dialog)
            return

        def remembered(opened: bool) -> None:
            if opened:
                dialog.accepted.emit()
            else:
                self._show(dialog)

        dialog.try_remembered(remembered)

    def continue_restore(self, url: str, local_passphrase: str) -> None:
        """The folder holds a restore that did not finish: offer to continue it (it
        never opens as a practice before it is complete)."""
        if self.dialog is not None:
            self.dialog.hide()
        wizard = RestoreWizard(self.tasks, self.folder, resume=Resume(url, local_passphrase))
        wizard.accepted.connect(self.unlocked)
        wizard.rejected.connect(QApplication.quit)
        self._show(wizard)

    def unlocked(self) -> None:
        def facts(p: Any) -> dict[str, Any]:
            from desktop.practice.meta import USABLE
            from desktop.remote import REMOTE_URL, RESTORE_STATE

            return {
                "practice_name": p.practice_record()["name"],
                "restoring": p.meta_value(RESTORE_STATE) == USABLE,
                "db_key": p.db_key,
                "remote": p.meta_value(REMOTE_URL),
                "clinical": p.may_read_clinical,
                "manages_users": p.access.manages_users,
                "user_id": p.user_id,
            }

        self.tasks.db(facts, on_done=self.open_window)

    def open_window(self, info: dict[str, Any]) -> None:
        place = None
        if self.window is not None:  # an unlock or a language switch rebuilds the window
            if self.window.info.get("user_id") == info.get("user_id"):
                place = self.window.place()  # the GP goes back to the chart and agenda they had
            # else someone else took the desk: not into the colleague's chart (nor its
            # audited read in their name), the start screen
            self.window.sync.stop()  # one background sync at a time
            self.window.notes_indexer.stop()  # and one note indexing and warm-up
            self.window.warmer.stop()
            self.window.deleteLater()
        window = MainWindow(self.tasks, self.folder, info)
        remember_name(self.folder, info["practice_name"])  # the next unlock's heading
        window.locked.connect(self.lock)
        window.language_requested.connect(self.switch_language)
        window.closed.connect(QApplication.quit)
        self.window = window
        window.show()
        if place is not None:
            window.go_back_to(place)
        if self.dialog is not None:
            self.dialog.deleteLater()  # the unlock or first-run dialog has done its job
            self.dialog = None

    def lock(self) -> None:
        def close(_: Any = None) -> None:
            if self.tasks.practice is not None:
                self.tasks.practice.close()
                self.tasks.practice = None

        self.tasks.on_db(close, on_done=lambda _: self.ask_unlock())

    def switch_language(self, language: str) -> None:
        QSettings().setValue("language", language)
        i18n.install(language)
        self.unlocked()  # rebuild the window in the new language

    def shutdown(self) -> None:
        self.tasks.shutdown()


def crash_dialog(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A bug: tell the user their work is safe, keep the details (no values) for support."""
    from desktop.errors import crash_report

    exc.__traceback__ = tb
    log = crash_report(exc)
    sys.stderr.write("".join(traceback.format_tb(tb)) + f"{kind.__name__}\n")
    QMessageBox.critical(
        None,
        "Carnet",
        QApplication.translate(
            "crash",
            "Carnet hit an unexpected error ({0}). Everything saved is safe and drafts are "
            "kept. Details for support: {1}",
        ).format(kind.__name__, log or "-"),
    )


def run_app(data_dir: Path, *, demo_if_empty: bool = True) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Carnet")
    app.setApplicationName("Carnet")
    # Between an accepted dialog and the main window (built after the worker opened the
    # practice) no window is visible: Qt's default would quit right there. The app quits
    # when the main window is closed or a first dialog is cancelled, nothing else.
    app.setQuitOnLastWindowClosed(False)
    i18n.install(i18n.chosen_language())
    sys.excepthook = crash_dialog
    controller = AppController(Path(data_dir), demo_if_empty=demo_if_empty)
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()

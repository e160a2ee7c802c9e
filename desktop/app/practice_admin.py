"""The Practice menu's administration: users, sync settings, recovery kit, repair,
devices, access log, practice details, profile, conflicts, preferences, forgetting the key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.app import ops
from desktop.app.confirm import ask
from desktop.app.conflicts import ConflictsDialog
from desktop.app.known_practices import folder_account
from desktop.app.preferences import PreferencesDialog
from desktop.app.recovery_key import RecoveryKeyDialog
from desktop.app.remote_settings import RemoteSettingsDialog
from desktop.app.unlock import KEY_LOGIN
from desktop.practice.keycache import KeyCache

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from desktop.app.sync_status import SyncController
    from desktop.app.tasks import Tasks

    class _Window(QMainWindow):
        """For the type checker only: what the mixin uses of ``MainWindow`` (at run time
        it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        tasks: Tasks
        folder: Path
        info: dict[str, Any]
        sync: SyncController
        idle: QTimer
        sync_action: QAction
        kit_action: QAction
        repair_action: QAction
        devices_action: QAction

        def show_error(self, exc: BaseException) -> None: ...
        def _rekeyed(self, key: bytes | None) -> None: ...
        def _reopen_chart(self) -> None: ...

else:
    _Window = object


class PracticeAdmin(_Window):
    """Mixed into ``MainWindow``: each method opens one admin dialog (kept as an attribute
    of the window, e.g. ``users_dialog``) or runs one admin action, and keeps the window's
    state (sync, auto-lock, the keyring) in step with what it changed."""

    def show_users(self) -> None:
        from desktop.app.users import UsersDialog

        dialog = UsersDialog(self.tasks, self)
        dialog.rekeyed.connect(self._rekeyed)
        dialog.show()
        self.users_dialog = dialog

    def forget_computer(self) -> None:
        folder = self.folder

        def forget() -> bool:
            cache = KeyCache()
            cache.forget(folder_account(folder))
            cache.forget(folder_account(folder) + KEY_LOGIN)
            return cache.available()

        def done(had_keyring: bool) -> None:
            self.statusBar().showMessage(
                self.tr("This computer no longer remembers the practice's key.")
                if had_keyring
                else self.tr("No keyring on this computer: nothing was remembered."),
                8000,
            )

        self.tasks.on_db(forget, on_done=done, on_error=self.show_error)

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
        self.kit_action.setEnabled(True)
        self.repair_action.setEnabled(True)
        self.devices_action.setEnabled(True)

    def new_recovery_kit(self) -> None:
        """A new recovery key for the practice (the old kit stops working), shown until
        its kit is kept; the storage is written on the network worker."""
        ask(
            self,
            self.tr("New recovery kit"),
            self.tr(
                "Make a new recovery kit? The current kit stops opening the practice; "
                "keep the new one safe."
            ),
            yes=self.tr("Make a new kit"),
            no=self.tr("Cancel"),
            on_yes=self._make_recovery_kit,
        )

    def _make_recovery_kit(self) -> None:
        url = str(self.info.get("remote"))

        def make(practice: Any) -> str:  # the network worker, on a connection of its own
            from desktop.remote import SyncService

            return SyncService(practice).new_recovery_key()

        def show(recovery_key: str) -> None:
            box = RecoveryKeyDialog(self.tasks, self.info["practice_name"], url, recovery_key, self)
            box.show()
            self.recovery_box = box

        ops.Op(self, self.tasks, make, worker=ops.Worker.NET).success(show).failure(
            self.show_error
        ).run()

    def show_repair(self) -> None:
        from desktop.app.repair import RepairDialog

        dialog = RepairDialog(self.tasks, self.folder, self.info["db_key"], self)
        dialog.repaired.connect(lambda _report: self.sync.sync_now())
        dialog.show()
        self.repair_dialog = dialog

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self)
        dialog.auto_lock_changed.connect(self.set_auto_lock)
        dialog.show()
        self.preferences_dialog = dialog

    def set_auto_lock(self, minutes: int) -> None:
        """A new inactivity delay, counted from now."""
        self.idle.setInterval(minutes * 60_000)
        self.idle.start()

    def show_devices(self) -> None:
        from desktop.app.devices import DevicesDialog

        self.devices_dialog = DevicesDialog(self.tasks, self.folder, self.info["db_key"], self)
        self.devices_dialog.show()

    def show_access_log(self) -> None:
        from desktop.app.access_log import AccessLogDialog

        self.access_log_dialog = AccessLogDialog(self.tasks, self)
        self.access_log_dialog.show()

    def show_practice_details(self) -> None:
        from desktop.app.practice_details import PracticeDetailsDialog

        self.details_dialog = PracticeDetailsDialog(self.tasks, self)
        self.details_dialog.show()

    def show_profile(self) -> None:
        from desktop.app.practice_details import PractitionerDialog

        def show(user_id: str | None) -> None:
            if user_id:
                self.profile_dialog = PractitionerDialog(self.tasks, user_id, self)
                self.profile_dialog.show()

        self.tasks.db(lambda p: p.user_id, on_done=show, on_error=self.show_error)

    def show_conflicts(self) -> None:
        dialog = ConflictsDialog(self.tasks)
        dialog.resolved.connect(self._conflict_resolved)
        dialog.show()
        self.conflicts_dialog = dialog

    def _conflict_resolved(self, _conflict_id: str) -> None:
        self._reopen_chart()
        self.sync.refresh()

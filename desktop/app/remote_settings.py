"""Practice > Sync settings…: where the practice syncs (folder, WebDAV, S3), a connection
test on the network worker, Connect on the database worker (creating the remote on empty
storage, then the recovery key shown once), and the sync interval (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.errors import CredentialsNotKeptError
from desktop.app.recovery_key import RecoveryKeyDialog
from desktop.app.storage_form import StorageForm, remote_url
from desktop.app.tasks import Tasks
from desktop.remote.credentials import in_environment as credentials_in_environment
from desktop.remote.credentials import remember as remember_credentials

INTERVAL_KEY = "sync/interval_min"
__all__ = ["RemoteSettingsDialog", "remote_url", "sync_interval_min"]


def sync_interval_min() -> int:
    value = QSettings().value(INTERVAL_KEY, 5)
    try:
        return max(1, int(str(value)))
    except ValueError:
        return 5


class RemoteSettingsDialog(QDialog):
    connected = Signal(str, int)  # url, interval in minutes
    recovery_key_shown = Signal(str)

    def __init__(
        self, tasks: Tasks, practice_name: str, current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self.practice_name = tasks, practice_name
        self.setWindowTitle(self.tr("Sync settings"))
        self.storage = StorageForm(tasks)
        self.storage.set_url(current)
        self.outcome = self.storage.outcome
        self.test_button = self.storage.test_button
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_box = QCheckBox(self.tr("Empty storage: set it up for this practice"))
        self.create_box.setChecked(True)
        self.interval = QSpinBox(minimum=1, maximum=240, suffix=" min")
        self.interval.setValue(sync_interval_min())
        form = QFormLayout()
        form.addRow(self.tr("Practice passphrase"), self.passphrase)
        form.addRow("", self.create_box)
        form.addRow(self.tr("Sync every"), self.interval)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.connect_remote)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.storage)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.recovery_box: RecoveryKeyDialog | None = None

    def url(self) -> str:
        return self.storage.url()

    def connect_remote(self) -> None:
        from desktop.remote import set_remote

        url, creds, create = self.url(), self.storage.credentials(), self.create_box.isChecked()
        passphrase = self.passphrase.text()
        if not passphrase:
            self.storage.show_outcome(self.tr("Enter the practice passphrase."), ok=False)
            return
        self.connect_button.setEnabled(False)

        def attach(p: Any) -> str | None:
            if remember_credentials(url, creds) is False and not credentials_in_environment(url):
                raise CredentialsNotKeptError(url)  # the background sync could not sync
            return set_remote(p, url, passphrase=passphrase, create=create, password=creds.password)

        # A move uploads every document: on the network worker and a connection of its
        # own, so the GP's search and charts stay answered meanwhile.
        ops.Op(self, self.tasks, attach, worker=ops.Worker.NET).success(
            lambda key: self._connected(url, key)
        ).failure(self._connect_failed).changes(ops.Changes(sync=True)).run()

    def _connect_failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.storage.show_error(exc)

    def _connected(self, url: str, recovery_key: str | None) -> None:
        QSettings().setValue(INTERVAL_KEY, self.interval.value())
        self.connected.emit(url, self.interval.value())
        if recovery_key:
            self.show_recovery_key(url, recovery_key)
        self.accept()

    def show_recovery_key(self, url: str, recovery_key: str) -> None:
        """The recovery key, once; it stays on screen until the kit is kept."""
        box = RecoveryKeyDialog(
            self.tasks, self.practice_name, url, recovery_key, self.parentWidget()
        )
        self.recovery_box = box
        self.recovery_key_shown.emit(recovery_key)
        box.show()

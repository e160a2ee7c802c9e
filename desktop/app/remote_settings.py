"""Practice > Sync settings…: where the practice syncs (folder, WebDAV, S3), a connection
test on the network worker, Connect on the database worker (creating the remote on empty
storage, then the recovery key shown once), and the sync interval (QSettings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks

INTERVAL_KEY = "sync/interval_min"
KINDS = ("folder", "webdav", "s3")


def remote_url(kind: str, address: str) -> str:
    """The engine's URL for what the user typed: a folder path, a WebDAV https address
    or an S3 bucket/prefix; a full URL is kept as typed."""
    address = address.strip()
    if "://" in address:
        return address
    if kind == "folder":
        return Path(address).expanduser().resolve().as_uri()
    if kind == "webdav":
        return "webdav+https://" + address
    return "s3://" + address


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
        self.kind = QComboBox()
        for kind, label in zip(
            KINDS, (self.tr("Folder"), self.tr("WebDAV"), self.tr("S3")), strict=True
        ):
            self.kind.addItem(label, kind)
        self.address = QLineEdit(current or "")
        self.address.setPlaceholderText(self.tr("folder path, server/path or bucket/prefix"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.create_box = QCheckBox(self.tr("Empty storage: set it up for this practice"))
        self.create_box.setChecked(True)
        self.interval = QSpinBox(minimum=1, maximum=240, suffix=" min")
        self.interval.setValue(sync_interval_min())
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Address"), self.address)
        form.addRow("", self.browse)
        form.addRow(self.tr("Server password"), self.password)
        form.addRow(self.tr("Practice passphrase"), self.passphrase)
        form.addRow("", self.create_box)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow(self.test_button, self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.connect_remote)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.recovery_box: QMessageBox | None = None

    def url(self) -> str:
        return remote_url(str(self.kind.currentData()), self.address.text())

    def _password(self) -> str | None:
        return self.password.text() or None

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Sync folder"))
        if path:
            self.kind.setCurrentIndex(KINDS.index("folder"))
            self.address.setText(path)

    def test_connection(self) -> None:
        from desktop.sync_service import connect

        url, password = self.url(), self._password()
        self.test_button.setEnabled(False)
        self.outcome.setText(self.tr("Testing…"))
        self.tasks.net(
            lambda: connect(url, password=password).check(),
            on_done=lambda _: self._tested(None),
            on_error=self._tested,
        )

    def _tested(self, exc: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        if exc is None:
            self.outcome.setStyleSheet("color:#1b7f1b")
            self.outcome.setText(self.tr("Connection OK"))
            return
        self.outcome.setStyleSheet("color:#c00000")
        self.outcome.setText(message_for(exc) or type(exc).__name__)

    def connect_remote(self) -> None:
        from desktop.sync_service import set_remote

        url, password, create = self.url(), self._password(), self.create_box.isChecked()
        passphrase = self.passphrase.text()
        if not passphrase:
            self.outcome.setStyleSheet("color:#c00000")
            self.outcome.setText(self.tr("Enter the practice passphrase."))
            return
        self.connect_button.setEnabled(False)

        def attach(p: Any) -> str | None:
            return set_remote(p, url, passphrase=passphrase, create=create, password=password)

        self.tasks.db(
            attach, on_done=lambda key: self._connected(url, key), on_error=self._connect_failed
        )

    def _connect_failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self._tested(exc)

    def _connected(self, url: str, recovery_key: str | None) -> None:
        QSettings().setValue(INTERVAL_KEY, self.interval.value())
        self.connected.emit(url, self.interval.value())
        if recovery_key:
            self.show_recovery_key(url, recovery_key)
        self.accept()

    def show_recovery_key(self, url: str, recovery_key: str) -> None:
        """The recovery key, once; the user is asked to print the recovery kit."""
        box = QMessageBox(self.parentWidget())
        box.setWindowTitle(self.tr("Recovery key"))
        box.setText(
            self.tr(
                "Write down or print this recovery key now: it is shown only once, and "
                "without it a lost passphrase means a lost practice.\n\n{0}"
            ).format(recovery_key)
        )
        save = box.addButton(self.tr("Save the recovery kit…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        save.clicked.connect(lambda: self.save_kit(url, recovery_key))
        self.recovery_box = box
        self.recovery_key_shown.emit(recovery_key)
        box.show()

    def save_kit(self, url: str, recovery_key: str, path: str | None = None) -> Path | None:
        from desktop.reports.recovery_kit import write_recovery_kit

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.parentWidget(), self.tr("Recovery kit"), "kit-de-secours.pdf"
            )
        if not path:
            return None
        write_recovery_kit(
            Path(path), practice_name=self.practice_name, remote_url=url, recovery_key=recovery_key
        )
        return Path(path)

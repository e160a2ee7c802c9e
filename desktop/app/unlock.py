"""Unlock: the passphrase (stretched on the worker) or the key remembered in the keyring."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.practice.keycache import KeyCache
from desktop.practice.store import Practice


def keyring_account(folder: Path) -> str:
    """An opaque per-folder account name for the keyring (no patient data)."""
    import hashlib

    return "practice-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]


class UnlockDialog(QDialog):
    restore_unfinished = Signal(str, str)  # remote url, the passphrase that unlocked it

    def __init__(self, tasks: Tasks, folder: Path, practice_name: str) -> None:
        super().__init__()
        self.tasks, self.folder = tasks, folder
        self.setWindowTitle(self.tr("Carnet: unlock"))
        self.setMinimumWidth(420)
        title = QLabel(f"<h2>{practice_name}</h2>")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.remember = QCheckBox(self.tr("Remember on this computer"))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.tasks.on_db(lambda: KeyCache().available(), on_done=self._keyring_checked)

    def _keyring_checked(self, available: bool) -> None:
        """Without a usable keyring the box says so instead of silently doing nothing."""
        if not available:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.remember.setText(self.tr("Remember on this computer (no keyring here)"))

    def try_remembered(self, on_result: Callable[[bool], None]) -> None:
        """Open with the key remembered in the keyring, if any (on the worker: may block)."""

        def attempt() -> bool:
            key = KeyCache().load(keyring_account(self.folder))
            if key is None:
                return False
            self.tasks.practice = Practice.open(self.folder, key=key)
            return True

        self.tasks.on_db(attempt, on_done=on_result, on_error=lambda exc: on_result(False))

    def unlock(self) -> None:
        passphrase, remember = self.passphrase.text(), self.remember.isChecked()
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Unlocking…"))

        def open_it() -> str | None:
            from desktop.remote import REMOTE_URL, RESTORE_STATE

            practice = Practice.open(self.folder, passphrase=passphrase, allow_incomplete=True)
            if practice.meta_value(RESTORE_STATE) == "in-progress":
                url = str(practice.meta_value(REMOTE_URL) or "")
                practice.close()  # half restored: never shown as the practice
                return url
            self.tasks.practice = practice
            if remember:
                KeyCache().store(keyring_account(self.folder), practice.db_key)
            return None

        def opened(unfinished: str | None) -> None:
            if unfinished is None:
                self.accept()
            else:
                self.buttons.setEnabled(True)
                self.error.clear()
                self.restore_unfinished.emit(unfinished, passphrase)

        self.tasks.on_db(open_it, on_done=opened, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message_for(exc) or self.tr("The practice could not be opened."))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

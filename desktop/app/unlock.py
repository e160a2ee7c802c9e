"""Unlock: the passphrase (stretched on the worker) or the key remembered in the keyring."""

from __future__ import annotations

import html
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
from desktop.app.known_practices import folder_account
from desktop.app.tasks import Tasks
from desktop.practice.keycache import KeyCache
from desktop.practice.store import Practice

KEY_LOGIN = "-key-login"
"""Beside the remembered key, in the keyring: the login it opens as (a key remembered
by a doctor never opens as anyone else, nor a secretary's as a doctor)."""
LAST_LOGIN = "-last-login"
"""The last login of this computer, to fill the field: in the keyring, never in a
settings file in clear (a stolen disk would name the practice's people). Without a
keyring, nothing is remembered and the field starts empty."""


class UnlockDialog(QDialog):
    restore_unfinished = Signal(str, str)  # remote url, the passphrase that unlocked it
    upgrading = Signal()  # from the worker: the database is being brought up to date

    def __init__(self, tasks: Tasks, folder: Path, practice_name: str | None) -> None:
        super().__init__()
        self.tasks, self.folder = tasks, folder
        self.setWindowTitle(self.tr("Carnet: unlock"))
        self.setMinimumWidth(420)
        # The practice's name once this computer knows it; never the folder's ("demo").
        heading = practice_name or self.tr("Your practice")
        title = QLabel(f"<h2>{html.escape(heading)}</h2>")
        title.setObjectName("practiceName")
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setPlaceholderText(self.tr("your login (empty: whoever the passphrase opens)"))
        # The hint whole (the French one was cut at 420 px: "…la phrase secr…").
        hint = self.login.fontMetrics().horizontalAdvance(self.login.placeholderText())
        self.login.setMinimumWidth(hint + 24)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.remember = QCheckBox(self.tr("Remember on this computer"))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.upgrading.connect(self._say_upgrading)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
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
        # The login may stay empty (whoever the passphrase opens): the passphrase first.
        self.passphrase.setFocus()
        account = folder_account(folder)

        def keyring_state() -> tuple[bool, str | None]:
            cache = KeyCache()
            return cache.available(), cache.load_text(account + LAST_LOGIN)

        self.tasks.on_db(keyring_state, on_done=self._keyring_checked)

    def _keyring_checked(self, state: tuple[bool, str | None]) -> None:
        """Without a usable keyring the box says so instead of silently doing nothing."""
        available, last = state
        if last and not self.login.text():
            self.login.setText(last)
            self.passphrase.setFocus()
        if not available:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.remember.setText(self.tr("Remember on this computer (no keyring here)"))

    def try_remembered(self, on_result: Callable[[bool], None]) -> None:
        """Open with the key remembered in the keyring, if any (on the worker: may block)."""

        def attempt() -> bool:
            cache, account = KeyCache(), folder_account(self.folder)
            key, login = cache.load(account), cache.load_text(account + KEY_LOGIN)
            if key is None or not login:  # a key that names no login opens nothing
                return False
            self.tasks.practice = Practice.open(
                self.folder, key=key, username=login, on_upgrade=self._upgrade_begins
            )
            return True

        self.tasks.on_db(attempt, on_done=on_result, on_error=lambda exc: on_result(False))

    def _upgrade_begins(self, current: int, target: int) -> None:
        """On the worker, before a schema upgrade: say why the unlock takes longer."""
        self.upgrading.emit()  # queued to the dialog's thread

    def _say(self, text: str, *, failed: bool = False) -> None:
        """A word under the fields: red when the unlock failed, plain while it works."""
        self.error.setStyleSheet("color: #b00020" if failed else "")
        self.error.setText(text)

    def _say_upgrading(self) -> None:
        self._say(
            self.tr(
                "Unlocking… This version of Carnet brings the practice's database up to "
                "date, once: a few seconds, up to a few minutes for a very large practice "
                "that never synced. Do not close Carnet."
            )
        )

    def unlock(self) -> None:
        passphrase, remember = self.passphrase.text(), self.remember.isChecked()
        login = self.login.text().strip() or None
        self.buttons.setEnabled(False)
        self._say(self.tr("Unlocking…"))

        def open_it() -> str | None:
            from desktop.remote import REMOTE_URL, RESTORE_STATE

            practice = Practice.open(
                self.folder,
                passphrase=passphrase,
                username=login,
                allow_incomplete=True,
                on_upgrade=self._upgrade_begins,
            )
            if practice.meta_value(RESTORE_STATE) == "in-progress":
                url = str(practice.meta_value(REMOTE_URL) or "")
                practice.close()  # half restored: never shown as the practice
                return url
            self.tasks.practice = practice
            cache, account = KeyCache(), folder_account(self.folder)
            if practice.login_name:
                cache.store_text(account + LAST_LOGIN, practice.login_name)
            if remember and practice.login_name:
                cache.store(account, practice.db_key)
                cache.store_text(account + KEY_LOGIN, practice.login_name)
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
        self._say(message_for(exc) or self.tr("The practice could not be opened."), failed=True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

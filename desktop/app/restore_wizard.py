"""Restore a practice, or join it as a new device, from the first-run dialog.

The storage form (shared with Sync settings), then one secret that opens the practice
(its passphrase, the recovery key, or an enrollment code made on an enrolled computer),
then this computer's login and passphrase. ``desktop.remote.service.join`` runs on the
database worker; its progress comes back through a queued signal, and Cancel sets the
event it watches. A cancelled or interrupted restore keeps what it downloaded and
continues where it stopped, here or at the next start (``resume``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.errors import FolderNotEmptyError
from desktop.app.progress_panel import ProgressPanel
from desktop.app.storage_form import StorageForm, open_storage
from desktop.app.tasks import Tasks
from desktop.practice.keyfile import KeyFile
from desktop.practice.store import DB_NAME
from desktop.remote import AmbiguousPracticeError, CancelledError, Credentials
from desktop.remote.credentials import remember as remember_credentials

METHODS = ("passphrase", "recovery", "code")
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Resume:
    """An interrupted restore found at start: its storage and the local passphrase that
    just unlocked it."""

    url: str
    local_passphrase: str


def _check_empty(folder: Path) -> None:
    """Refuse, with a sentence the user can act on, a folder holding anything but the
    leftovers of an interrupted restore (join clears or continues those itself)."""
    if KeyFile.exists(folder) or not folder.is_dir():
        return
    if any(not p.name.startswith((DB_NAME, ".tmp-")) for p in folder.iterdir()):
        raise FolderNotEmptyError(folder)


class RestoreWizard(QDialog):
    """Restore (passphrase or recovery key) or join (enrollment code) into ``folder``."""

    progressed = Signal(str, int, int)  # step, done, total: emitted on the worker

    def __init__(
        self,
        tasks: Tasks,
        folder: Path,
        *,
        method: str = "passphrase",
        resume: Resume | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.folder, self.resume = tasks, folder, resume
        # A restore stopped here earlier (cancelled, then the wizard closed): the practice
        # key is already in this folder, only this computer's passphrase is needed.
        self.partial = resume is None and KeyFile.exists(folder)
        self.cancel_event: threading.Event | None = None
        self.setMinimumWidth(560)
        joining = method == "code"
        self.setWindowTitle(
            self.tr("Carnet: join a practice") if joining else self.tr("Carnet: restore a practice")
        )
        intro = QLabel()
        intro.setWordWrap(True)
        if resume is not None or self.partial:
            intro.setText(
                self.tr(
                    "<h3>The restore did not finish</h3><p>What was already downloaded is "
                    "kept on this computer. Continue the restore to download the rest; if "
                    "the storage asks for a password or keys, type them below.</p>"
                )
            )
        else:
            intro.setText(
                self.tr(
                    "<h3>Bring the practice to this computer</h3><p>Carnet downloads the "
                    "practice from its sync storage and decrypts it here. It can take a "
                    "while; if it is interrupted, it continues where it stopped.</p>"
                )
            )

        storage_box = QGroupBox(self.tr("Sync storage"))
        self.storage = StorageForm(tasks)
        storage_layout = QVBoxLayout(storage_box)
        storage_layout.addWidget(self.storage)
        # Shown when the storage holds several practices (their ids: names are
        # encrypted, and the storage says nothing else about them).
        self.practice_row = QWidget()
        self.practice_choice = QComboBox()
        self.practice_choice.setObjectName("practice")
        practice_label = QLabel(self.tr("Practice on this storage"))
        practice_label.setBuddy(self.practice_choice)
        self.practice_choice.setAccessibleName(self.tr("Practice on this storage"))
        practice_layout = QFormLayout(self.practice_row)
        practice_layout.setContentsMargins(0, 0, 0, 0)
        practice_layout.addRow(practice_label, self.practice_choice)
        self.practice_row.hide()
        storage_layout.addWidget(self.practice_row)
        self.storage.address.textChanged.connect(lambda _text: self.practice_row.hide())

        self.secret_box = QGroupBox(self.tr("What opens the practice"))
        self.method = QButtonGroup(self)
        self.use_passphrase = QRadioButton(self.tr("Practice passphrase"))
        self.use_recovery = QRadioButton(self.tr("Recovery key (recovery kit)"))
        self.use_code = QRadioButton(self.tr("Enrollment code"))
        choices = QHBoxLayout()
        for index, button in enumerate((self.use_passphrase, self.use_recovery, self.use_code)):
            self.method.addButton(button, index)
            choices.addWidget(button)
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret_hint = QLabel()
        self.secret_hint.setWordWrap(True)
        secret_layout = QVBoxLayout(self.secret_box)
        secret_layout.addLayout(choices)
        secret_layout.addWidget(self.secret)
        secret_layout.addWidget(self.secret_hint)
        self.method.idToggled.connect(self._toggled)

        self.local_box = QGroupBox(self.tr("On this computer"))
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("optional: your login in the practice"))
        self.local_passphrase = QLineEdit()
        self.local_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        local = QFormLayout(self.local_box)
        local.addRow(self.tr("Your login"), self.login)
        local.addRow(self.tr("Passphrase for this computer"), self.local_passphrase)
        local.addRow(self.tr("Confirm"), self.confirm)

        self.panel = ProgressPanel()
        self.progress, self.status, self.error = self.panel.bar, self.panel.status, self.panel.error
        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(
            self.tr("Continue the restore")
            if resume or self.partial
            else self.tr("Join")
            if joining
            else self.tr("Restore")
        )
        self.restore_button.setObjectName("restore")
        self.restore_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        parts: tuple[QWidget, ...] = (intro, storage_box, self.secret_box, self.local_box)
        for widget in (*parts, self.panel, self.buttons):
            layout.addWidget(widget)
        self.progressed.connect(self._progressed)

        {"passphrase": self.use_passphrase, "recovery": self.use_recovery, "code": self.use_code}[
            method
        ].setChecked(True)
        self._method_changed()
        if resume is not None:
            self.storage.set_url(resume.url)
            self.secret_box.hide()
            self.local_box.hide()
        elif self.partial:
            self.secret_box.hide()
            local.setRowVisible(self.login, False)
            local.setRowVisible(self.confirm, False)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self._method_changed()

    def chosen_method(self) -> str:
        return METHODS[max(0, self.method.checkedId())]

    def _method_changed(self) -> None:
        method = self.chosen_method()
        self.secret.clear()
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Password if method == "passphrase" else QLineEdit.EchoMode.Normal
        )
        self.secret.setPlaceholderText(
            {
                "passphrase": self.tr("the passphrase that opens the practice on its storage"),
                "recovery": self.tr("the recovery key printed on the recovery kit"),
                "code": self.tr("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"),
            }[method]
        )
        self.secret_hint.setText(
            {
                "passphrase": self.tr("To restore the whole practice on a new computer."),
                "recovery": self.tr("When the practice passphrase is lost."),
                "code": self.tr(
                    "Made on an enrolled computer with 'carnet device enroll': single use, "
                    "valid for a short time. This computer never learns the passphrase."
                ),
            }[method]
        )

    # -- running -------------------------------------------------------------------------

    def _problem(self) -> str | None:
        """What the user must fix before anything starts, or None."""
        if not self.storage.address.text().strip():
            return self.tr("Enter the address of the sync storage.")
        if self.resume is not None:
            return None
        if self.partial:
            if not self.local_passphrase.text():
                return self.tr("Enter the passphrase chosen for this computer.")
            return None
        if not self.secret.text().strip():
            return {
                "passphrase": self.tr("Enter the practice passphrase."),
                "recovery": self.tr("Enter the recovery key."),
                "code": self.tr("Enter the enrollment code."),
            }[self.chosen_method()]
        if len(self.local_passphrase.text()) < MIN_PASSPHRASE:
            return self.tr(
                "The passphrase for this computer needs at least {0} characters."
            ).format(MIN_PASSPHRASE)
        if self.local_passphrase.text() != self.confirm.text():
            return self.tr("The two passphrases differ.")
        return None

    def start(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.error.setText(problem)
            return
        url, creds = self.storage.url(), self.storage.credentials()
        method, secret = self.chosen_method(), self.secret.text().strip()
        practice_id = None if self.practice_row.isHidden() else self.practice_choice.currentText()
        if self.resume is not None:
            local, login = self.resume.local_passphrase, None
        else:
            local, login = self.local_passphrase.text(), self.login.text().strip() or None
        cancel = self.cancel_event = threading.Event()
        self._busy(True)
        self.panel.started(self.tr("Connecting to the storage…"))
        self.tasks.on_db(
            lambda: self._restore(url, creds, method, secret, local, login, cancel, practice_id),
            on_done=lambda _: self._restored(),
            on_error=self._failed,
        )

    def _restore(
        self,
        url: str,
        creds: Credentials,
        method: str,
        secret: str,
        local: str,
        login: str | None,
        cancel: threading.Event,
        practice_id: str | None = None,
    ) -> None:
        """On the database worker: join, then keep the typed credentials for the
        background sync (best effort), and hand the open practice to the app."""
        from desktop.remote import join

        _check_empty(self.folder)
        practice = join(
            self.folder,
            url,
            passphrase=secret if method == "passphrase" else None,
            recovery_key=secret if method == "recovery" else None,
            enrollment_code=secret if method == "code" else None,
            local_passphrase=local,
            username=login,
            password=creds.password,
            progress=self.progressed.emit,
            cancel=cancel,
            backend=open_storage(url, creds),
            practice_id=practice_id,
            usable_first=True,  # the window opens; the history streams in at its sync
        )
        self.tasks.practice = practice
        remember_credentials(url, creds)

    def _progressed(self, step: str, done: int, total: int) -> None:
        if step == "pull" and total > 0:
            self.panel.counted(
                done,
                total,
                self.tr("Downloading the practice: {0} of {1} parts").format(done, total),
            )
        elif step == "push":
            self.status.setText(self.tr("Registering this computer…"))
        elif step == "restore" and total > 0:
            self.panel.counted(
                done,
                total,
                self.tr("Downloading what the practice needs to open: {0} of {1} parts").format(
                    done, total
                ),
            )
        elif step == "snapshot" and done == 0:
            self.status.setText(self.tr("Downloading the latest full copy of the practice…"))
        elif step == "index" and done == 0:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Building the search indexes…"))

    def cancel(self) -> None:
        """While it runs: stop at the next step, keeping what was downloaded. Otherwise:
        close the wizard."""
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))
        else:
            super().reject()

    def reject(self) -> None:
        """Escape or the window's close button: the same as Cancel (never leave a restore
        running behind a closed window)."""
        self.cancel()

    def _busy(self, busy: bool) -> None:
        widgets = (self.storage, self.practice_row, self.secret_box, self.local_box)
        for widget in (*widgets, self.restore_button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(True)

    def _restored(self) -> None:
        self.cancel_event = None
        self.status.setText(self.tr("The practice is on this computer."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.cancel_event = None
        self._busy(False)
        started = KeyFile.exists(self.folder)
        if isinstance(exc, AmbiguousPracticeError):
            self.practice_choice.clear()
            self.practice_choice.addItems(exc.practice_ids)
            self.practice_row.show()
            self.practice_choice.setFocus()
            said: str | None = self.tr(
                "This storage holds several practices. Choose the one to bring to this "
                "computer, then click “{0}” again."
            ).format(self.restore_button.text())
        elif isinstance(exc, CancelledError):
            said = self.tr(
                "Restore paused. What was downloaded is kept: click “{0}” to continue "
                "where it stopped, now or the next time Carnet starts."
            ).format(self.tr("Continue the restore"))
        else:
            said = None  # the known error's sentence (a bug: the crash dialog)
        self.panel.failed(exc, said)
        if started:  # what opens the practice is in this computer's database now
            self.restore_button.setText(self.tr("Continue the restore"))
            self.secret_box.setEnabled(False)
            self.local_box.setEnabled(False)

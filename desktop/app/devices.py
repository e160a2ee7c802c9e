"""Practice > Devices…: the practice's computers (name, last active, newest segment,
revoked), "Enroll a device" (a single-use code with its expiry, and its QR code) and
"Revoke" (confirmed, with what a revocation does and does not do, in words). Every call
runs on the network worker with its own connection to the practice, like the sync, and
shows a busy bar meanwhile."""

from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.confirm import ask
from desktop.app.errors import message_for
from desktop.app.tasks import Tasks
from desktop.practice.store import Practice
from desktop.remote import DeviceRow

DEFAULT_MINUTES = 30
MAX_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class Enrollment:
    """A code to type (or scan) on the new device, until ``expires`` (UTC)."""

    code: str
    expires: dt.datetime
    qr_png: bytes


# -- on the network worker ---------------------------------------------------------------


def list_devices(practice: Practice) -> list[DeviceRow]:
    """The rows of 'carnet device list' (DeviceRow)."""
    from desktop.remote import SyncService

    return SyncService(practice).devices()


def enroll(practice: Practice, minutes: int) -> Enrollment:
    """A new enrollment code valid ``minutes``, and its QR code as PNG."""
    from desktop.remote import SyncService

    started = time.time()
    code = SyncService(practice).enroll(minutes=minutes, now=lambda: started)
    png = io.BytesIO()
    segno.make_qr(code, error="m").save(png, kind="png", scale=6, border=2)
    expires = dt.datetime.fromtimestamp(started + minutes * 60, dt.UTC)
    return Enrollment(code, expires, png.getvalue())


def revoke(practice: Practice, device: str, practice_passphrase: str) -> list[str]:
    """Revoke ``device``; returns the staying devices that must join again."""
    from desktop.remote import SyncService

    _, left_out = SyncService(practice).revoke(device, practice_passphrase=practice_passphrase)
    return left_out


# -- the dialog ----------------------------------------------------------------------------


def state_name(state: str) -> str:
    return {
        "this device": QCoreApplication.translate("Devices", "This computer"),
        "revoked": QCoreApplication.translate("Devices", "Revoked"),
        "active": QCoreApplication.translate("Devices", "Active"),
        "no key": QCoreApplication.translate("Devices", "No key published"),
    }.get(state, state)


def revoke_limits() -> str:
    """What a revocation does and does not do (docs/sync-protocol.md, section 9)."""
    return QCoreApplication.translate(
        "Devices",
        "Revoking gives the practice a new key, for every computer but this one. From then "
        "on it cannot read what the practice writes, and what it writes is refused.\n\n"
        "It does not erase anything: the revoked computer keeps what it already holds, "
        "and can still read it. Computers that never published a key must be enrolled "
        "again. Afterwards, check Practice > Devices… on the other computers: a computer "
        "revoked there that you did not revoke means someone else rotated the key.",
    )


class DevicesDialog(QDialog):
    """The device list, enrollment and revocation."""

    revoked = Signal(str)  # device id

    def __init__(
        self, tasks: Tasks, folder: Path, db_key: bytes, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self.folder, self.db_key = tasks, folder, db_key
        self.setWindowTitle(self.tr("Devices"))
        self.rows: list[Any] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Last active"), self.tr("Newest segment"), self.tr("State")]
        )
        self.table.setAccessibleName(self.tr("Devices of the practice"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.busy = QProgressBar()
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.setRange(0, 0)  # busy: the storage gives no measure of these steps
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.enroll_button = QPushButton(self.tr("Enroll a device"))
        self.enroll_button.clicked.connect(self.start_enroll)
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setAccessibleName(self.tr("Enrollment code"))
        self.expiry = QLabel()
        self.qr = QLabel()
        self.qr.setAccessibleName(self.tr("QR code of the enrollment code"))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_box = QWidget()
        code_form = QFormLayout(self.code_box)
        code_label = QLabel(self.tr("&Code:"))
        code_label.setBuddy(self.code)
        code_form.addRow(code_label, self.code)
        code_form.addRow(self.expiry)
        code_form.addRow(self.qr)
        self.code_box.hide()

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.revoke_button = QPushButton(self.tr("Revoke"))
        self.revoke_button.setAccessibleName(self.tr("Revoke the selected device"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.confirm_revoke)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)

        form = QFormLayout()
        minutes_label = QLabel(self.tr("&Valid for:"))
        minutes_label.setBuddy(self.minutes)
        self.minutes.setAccessibleName(self.tr("Valid for (minutes)"))
        inner = self.minutes.findChild(QLineEdit)  # the spin box's own field, named alike
        if inner is not None:
            inner.setAccessibleName(self.minutes.accessibleName())
        form.addRow(minutes_label, self.minutes)
        passphrase_label = QLabel(self.tr("Practice &passphrase (to revoke):"))
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(passphrase_label, self.passphrase)
        actions = QHBoxLayout()
        for button in (self.enroll_button, self.revoke_button, self.refresh_button):
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.code_box)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.confirm_box: Any = None
        self.refresh()

    # -- running on the network worker --------------------------------------------------------

    def _run(self, what: str, fn: Any, on_done: Any) -> None:
        self._set_busy(what)

        def done(result: Any) -> None:
            self._set_busy(None)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(None)
            self.status.setText(message_for(exc) or self.tr("The storage could not be reached."))

        # On the network worker, on a connection of its own: the store stays answered.
        ops.Op(
            self, self.tasks, fn, worker=ops.Worker.NET, opens=(self.folder, self.db_key)
        ).success(done).failure(failed).run()

    def _set_busy(self, what: str | None) -> None:
        self.busy.setVisible(what is not None)
        for button in (self.enroll_button, self.refresh_button):
            button.setEnabled(what is None)
        self.revoke_button.setEnabled(what is None and self._selected() is not None)
        if what is not None:
            self.status.setText(what)

    def refresh(self) -> None:
        self._run(self.tr("Reading the devices…"), list_devices, self._show)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            active = ""
            if row.last_active:
                when = dt.datetime.fromisoformat(row.last_active).astimezone()
                active = when.strftime("%d/%m/%Y %H:%M")
            cells = [row.name or row.device, active, str(row.head), state_name(row.state)]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("{0} devices").format(len(rows)))
        self._selection_changed()

    def _selected(self) -> Any:
        picked = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not picked:
            return None
        row = self.rows[picked[0].row()]
        return None if row.state in ("this device", "revoked") else row

    def _selection_changed(self) -> None:
        self.revoke_button.setEnabled(self._selected() is not None and not self.busy.isVisible())

    # -- enrollment ---------------------------------------------------------------------------

    def start_enroll(self) -> None:
        minutes = self.minutes.value()
        self._run(
            self.tr("Making an enrollment code…"),
            lambda p: enroll(p, minutes),
            self._show_code,
        )

    def _show_code(self, enrollment: Enrollment) -> None:
        self.code.setText(enrollment.code)
        until = enrollment.expires.astimezone().strftime("%d/%m/%Y %H:%M")
        self.expiry.setText(
            self.tr("Valid once, until {0}. Type it (or scan it) on the new computer.").format(
                until
            )
        )
        picture = QPixmap()
        picture.loadFromData(enrollment.qr_png, "PNG")
        self.qr.setPixmap(picture)
        self.code_box.show()
        self.status.setText(self.tr("Enrollment code ready."))
        self.refresh()

    # -- revocation ---------------------------------------------------------------------------

    def confirm_revoke(self) -> None:
        row = self._selected()
        if row is None:
            return
        if not self.passphrase.text():
            self.status.setText(self.tr("Type the practice passphrase to revoke a device."))
            return
        name = row.name or row.device
        self.confirm_box = ask(
            self,
            self.tr("Revoke {0}?").format(name),
            revoke_limits(),
            yes=self.tr("Revoke"),
            no=self.tr("Cancel"),
            on_yes=lambda: self._revoke(row.device, name),
        )

    def _revoke(self, device: str, name: str) -> None:
        passphrase = self.passphrase.text()

        def done(left_out: list[str]) -> None:
            self.passphrase.clear()
            text = self.tr("{0} is revoked.").format(name)
            if left_out:
                text += " " + self.tr("{0} other devices must be enrolled again.").format(
                    len(left_out)
                )
            self.status.setText(text)
            self.revoked.emit(device)
            self.refresh()

        self._run(
            self.tr("Revoking {0}…").format(name),
            lambda p: revoke(p, device, passphrase),
            done,
        )

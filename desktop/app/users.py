"""Practice > Users…: the practice's people (doctors only): add a doctor, a locum with
their last day, or a secretary; change a locum's last day; deactivate a person who left.

Every read and write runs on the store's worker (desktop/practice/people.py; each write is
one action, ``ops.Op``, whose refusal is said in the dialog's message line), whose
rules are the CLI's: one identity per person, only a doctor manages users, a departure
rotates the database key on this computer and reaches the others at their next sync.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.confirm import ask
from desktop.app.errors import message_for
from desktop.app.record_dialogs import WriteDialog
from desktop.app.store_messages import role_label
from desktop.app.tasks import Tasks
from desktop.practice import people
from desktop.practice.people import UserInfo


def _named(widget: QWidget, name: str) -> None:
    """The name on the widget and on a date edit's inner line edit (what has focus)."""
    widget.setAccessibleName(name)
    inner = widget.findChild(QLineEdit) if isinstance(widget, QDateEdit) else None
    if inner is not None:
        inner.setAccessibleName(name)


def _labelled(form: Any, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    _named(widget, text.replace("&", ""))
    form.addRow(label, widget)


class AddUserDialog(WriteDialog):
    """A new person and their login on this computer (their passphrase typed twice)."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Add a user"), parent)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in ("doctor", "locum", "secretary"):
            self.role.addItem(role_label(role), role)
        self.until = QDateEdit(QDate.currentDate().addDays(14))
        self.until.setCalendarPopup(True)
        self.passphrase = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.passphrase, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        _labelled(self.form, self.tr("Login"), self.username)
        _labelled(self.form, self.tr("Name shown"), self.display_name)
        _labelled(self.form, self.tr("Role"), self.role)
        _labelled(self.form, self.tr("Locum's last day"), self.until)
        _labelled(self.form, self.tr("Passphrase"), self.passphrase)
        _labelled(self.form, self.tr("Passphrase again"), self.again)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        self.until.setEnabled(self.role.currentData() == "locum")

    def save(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        role = str(self.role.currentData())
        username, name, passphrase = (
            self.username.text(),
            self.display_name.text(),
            self.passphrase.text(),
        )
        until = self.until.date().toString("yyyy-MM-dd") if role == "locum" else None
        self.write(
            lambda p: people.add_user(
                p, username=username, display_name=name, role=role, passphrase=passphrase,
                until=until,
            )
        )


class UsersDialog(QDialog):
    rekeyed = Signal(bytes)
    """A deactivation moved the database to this new key: whoever holds the old one (the
    window's drafts, the background sync, the keyring cache) must follow it."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.users: list[UserInfo] = []
        self.setWindowTitle(self.tr("Users"))
        self.setMinimumWidth(640)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Users of the practice"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Login"), self.tr("Role"), self.tr("Until"), self.tr("State")]
        )
        self.table.verticalHeader().hide()  # and with it the unnamed corner button
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self.add_user)
        self.until = QDateEdit(QDate.currentDate())
        self.until.setCalendarPopup(True)
        _named(self.until, self.tr("Locum's last day"))
        self.until_button = QPushButton(self.tr("Set the last day"))
        self.until_button.clicked.connect(self.set_until)
        self.deactivate_button = QPushButton(self.tr("Deactivate…"))
        self.deactivate_button.clicked.connect(self.deactivate)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for widget in (self.add_button, self.until, self.until_button, self.deactivate_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        self.tasks.db(people.list_users, on_done=self._show, on_error=self._failed)

    def _show(self, users: list[UserInfo]) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, u in enumerate(users):
            state = (
                self.tr("deactivated")
                if not u.active
                else self.tr("ended")
                if u.expired
                else self.tr("active")
            )
            for col, text in enumerate(
                (u.display_name, u.username, role_label(u.role), u.until or "", state)
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.username)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> UserInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.users[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        user = self.selected()
        is_locum = user is not None and user.role == "locum" and user.active
        self.until.setEnabled(is_locum)
        self.until_button.setEnabled(is_locum)
        self.deactivate_button.setEnabled(user is not None and user.active)
        if is_locum and user is not None and user.until:
            self.until.setDate(QDate.fromString(user.until, "yyyy-MM-dd"))

    def add_user(self) -> None:
        dialog = AddUserDialog(self.tasks, self)
        dialog.saved.connect(lambda _: self.reload())
        dialog.show()
        self.add_dialog = dialog

    def set_until(self) -> None:
        user = self.selected()
        if user is None:
            return
        day = self.until.date().toString("yyyy-MM-dd")
        name, text = user.username, self.tr("The locum's last day is now {0}.").format(day)
        ops.Op(
            self, self.tasks, lambda p: people.set_until(p, name, day), status=self.message
        ).success(lambda _: self._said(text)).changes(ops.Changes(sync=True)).run()

    def deactivate(self) -> None:
        user = self.selected()
        if user is None:
            return
        name, shown = user.username, user.display_name
        self.confirm = ask(
            self,
            self.tr("Deactivate a user"),
            self.tr(
                "{0} will no longer log in: on this computer now, on the others at their next "
                "sync. The database key of this computer is changed, so a copy of the old key "
                "file no longer opens it. A copy of the database they already took stays "
                "readable, and the devices they used can still sync until you revoke them "
                "(Practice > Devices…)."
            ).format(shown),
            yes=self.tr("Deactivate"),
            no=self.tr("Cancel"),
            on_yes=lambda: self._deactivate(name, shown),
        )

    def _deactivate(self, name: str, shown: str) -> None:
        def run(p: Any) -> bytes | None:
            people.deactivate(p, name)
            return bytes(p.db_key) if p.enforce_departures() else None

        text = self.tr("{0} is deactivated. Revoke the devices they used to stop their sync.")
        ops.Op(self, self.tasks, run, status=self.message).success(
            lambda key: self._deactivated(key, text.format(shown))
        ).changes(ops.Changes(sync=True)).run()

    def _deactivated(self, key: bytes | None, text: str) -> None:
        if key is not None:
            self.rekeyed.emit(key)
        self._said(text)

    def _said(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.message.setText(text)

"""Practice > Users…: a doctor adds a secretary and a locum, sets the locum's last day
and deactivates the secretary (confirmed without a nested event loop), all on the
store's worker; every control has a name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app.tasks import Tasks
from desktop.app.users import AddUserDialog, UsersDialog
from desktop.app.window import MainWindow
from desktop.practice import people
from desktop.practice.drafts import DraftStore
from desktop.practice.store import Practice
from tests.helpers.qt import unnamed


def users_of(tasks: Tasks) -> dict[str, people.UserInfo]:
    assert tasks.practice is not None
    return {u.username: u for u in people.list_users(tasks.practice)}


def add(dialog: UsersDialog, qtbot: QtBot, login: str, role: str, passphrase: str) -> None:
    dialog.add_user()
    form = dialog.add_dialog
    assert isinstance(form, AddUserDialog) and unnamed(form) == []
    form.username.setText(login)
    form.display_name.setText(login.title())
    form.role.setCurrentIndex(form.role.findData(role))
    form.passphrase.setText(passphrase)
    form.again.setText(passphrase)
    form.save()
    qtbot.waitUntil(lambda: login in [u.username for u in dialog.users], timeout=10_000)


def test_a_doctor_adds_sets_and_deactivates_users(opened: Tasks, qtbot: QtBot) -> None:
    dialog = UsersDialog(opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.users) == 1, timeout=10_000)
    assert unnamed(dialog) == []
    add(dialog, qtbot, "sylvie", "secretary", "phrase de sylvie")
    add(dialog, qtbot, "remp", "locum", "phrase du remplaçant")
    assert users_of(opened)["remp"].until is not None
    row = [u.username for u in dialog.users].index("remp")
    dialog.table.selectRow(row)
    assert dialog.until_button.isEnabled()
    dialog.until.setDate(dialog.until.date().fromString("2031-05-31", "yyyy-MM-dd"))
    dialog.set_until()
    qtbot.waitUntil(lambda: users_of(opened)["remp"].until == "2031-05-31", timeout=10_000)
    dialog.table.selectRow([u.username for u in dialog.users].index("sylvie"))
    dialog.deactivate()
    box = dialog.confirm
    assert isinstance(box, QMessageBox) and "Devices" in box.text()
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    yes.click()
    # Wait for the dialog's word that the database worker is done (the deactivation
    # rekeys the database): reading the practice from this thread meanwhile raced the
    # rekey's checkpoint ("database table is locked").
    qtbot.waitUntil(lambda: "deactivated" in dialog.message.text(), timeout=10_000)
    assert not users_of(opened)["sylvie"].active
    assert not users_of(opened)["sylvie"].login_here


def test_a_deactivation_here_moves_the_window_to_the_new_key(
    window: MainWindow, opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    """Deactivating rekeys the database; drafts sealed afterwards must open at the next
    start, and the background sync must open the database with the key it now has."""
    old = window.info["db_key"]
    window.show_users()
    dialog = window.users_dialog
    qtbot.waitUntil(lambda: len(dialog.users) == 1, timeout=10_000)
    add(dialog, qtbot, "sylvie", "secretary", "phrase de sylvie")
    dialog.table.selectRow([u.username for u in dialog.users].index("sylvie"))
    dialog.deactivate()
    box = dialog.confirm
    assert isinstance(box, QMessageBox)
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    yes.click()
    qtbot.waitUntil(lambda: window.info["db_key"] != old, timeout=10_000)
    assert opened.practice is not None
    new = opened.practice.db_key
    assert window.info["db_key"] == new and window.sync.db_key == new
    window.drafts.save("consultation draft", {"text": "Toux depuis trois jours"})
    assert DraftStore(practice_dir, new).load("consultation draft") == {
        "text": "Toux depuis trois jours"
    }
    with Practice.open(practice_dir, key=new, departures=False) as again:
        assert again.counts()["patient"] == 3


def test_a_pull_saying_the_person_logged_in_here_left_locks_the_window(
    window: MainWindow, opened: Tasks, qtbot: QtBot
) -> None:
    """Another computer deactivated this login: at the pull that brings it, the window
    locks (the next unlock refuses the login, with its reason); other pulls do not."""
    assert opened.practice is not None
    practice = opened.practice
    locks: list[bool] = []
    window.locked.connect(lambda: locks.append(True))
    window.sync.pulled.emit()  # a pull that changes nothing about this login
    after: list[bool] = []  # the db worker runs in order: this comes after the check
    opened.db(lambda _p: True, on_done=lambda _: after.append(True))
    qtbot.waitUntil(lambda: after == [True], timeout=10_000)
    assert locks == [] and window.isVisible()
    practice.update_record(  # as a pull from the computer where a doctor deactivated it
        "user", str(practice.user_id), {"deactivated_at": "2026-11-30T10:00:00Z"}
    )
    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.sync.pulled.emit()
    assert not window.isVisible()

"""Practice > Appareils… against a real folder storage: the list, an enrollment code with
its expiry and QR code that a new computer joins with, and a confirmed revocation that
says what it does and does not do; every call on the network worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.devices import DevicesDialog
from desktop.app.tasks import Tasks
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from sync.enrollment import parse_enrollment_code
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import unnamed


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Path, bytes, str]]:
    """A practice synced to a folder storage: (its folder, its key, the storage URL)."""
    (tmp_path / "storage").mkdir()
    url = (tmp_path / "storage").as_uri()
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as p:
        set_remote(p, url, passphrase=PASSPHRASE, create=True)
        SyncService(p).sync()
        yield p.folder, p.db_key, url


def rows(dialog: DevicesDialog) -> list[list[str]]:
    t = dialog.table
    return [
        [(cell.text() if (cell := t.item(r, c)) else "") for c in range(t.columnCount())]
        for r in range(t.rowCount())
    ]


def test_enroll_a_computer_from_the_app_then_revoke_it(
    french: None, tasks: Tasks, office: tuple[Path, bytes, str], qtbot: QtBot, tmp_path: Path
):
    folder, key, url = office
    dialog = DevicesDialog(tasks, folder, key)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert rows(dialog)[0][3] == "Cet ordinateur"
    assert not dialog.revoke_button.isEnabled()  # a computer cannot revoke itself
    assert unnamed(dialog) == []

    dialog.minutes.setValue(45)
    dialog.enroll_button.click()
    assert dialog.busy.isVisible() and not dialog.enroll_button.isEnabled()
    qtbot.waitUntil(lambda: bool(dialog.code.text()), timeout=10_000)
    code = dialog.code.text()
    assert len(parse_enrollment_code(code)) == 15
    assert "Valable une fois, jusqu'au" in dialog.expiry.text()
    pixmap = dialog.qr.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() > 100
    assert unnamed(dialog) == []

    with join(tmp_path / "laptop", url, enrollment_code=code, local_passphrase="portable") as lp:
        laptop = lp.device_id
    qtbot.waitUntil(lambda: not dialog.busy.isVisible(), timeout=10_000)
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    index = next(i for i, row in enumerate(dialog.rows) if row.device == laptop)
    assert rows(dialog)[index][3] == "Actif"
    dialog.table.selectRow(index)
    assert dialog.revoke_button.isEnabled()
    dialog.revoke_button.click()  # no passphrase yet: told, nothing asked
    assert dialog.confirm_box is None and "phrase secrète" in dialog.status.text()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.revoke_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()  # asked, without blocking
    assert "n'efface rien" in box.text() and "nouvelle clé" in box.text()
    accept = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    qtbot.waitUntil(
        lambda: "est révoqué" in dialog.status.text() or _revoked(dialog), timeout=20_000
    )
    qtbot.waitUntil(lambda: _revoked(dialog), timeout=20_000)
    assert dialog.passphrase.text() == ""


def _revoked(dialog: DevicesDialog) -> bool:
    return any(r[3] == "Révoqué" for r in rows(dialog))


def test_a_wrong_practice_passphrase_is_a_sentence(
    french: None, tasks: Tasks, office: tuple[Path, bytes, str], qtbot: QtBot, tmp_path: Path
):
    folder, key, url = office
    with Practice.open(folder, key=key) as p:
        code = SyncService(p).enroll()
    join(tmp_path / "laptop", url, enrollment_code=code, local_passphrase="portable").close()
    dialog = DevicesDialog(tasks, folder, key)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    index = next(i for i, row in enumerate(dialog.rows) if row.state == "active")
    dialog.table.selectRow(index)
    dialog.passphrase.setText("pas la bonne")
    dialog.revoke_button.click()
    box = dialog.confirm_box
    accept = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    qtbot.waitUntil(
        lambda: not dialog.busy.isVisible() and "phrase" in dialog.status.text(), timeout=20_000
    )
    assert not _revoked(dialog)

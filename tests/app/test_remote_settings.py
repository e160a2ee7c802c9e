"""Practice > Sync settings…: test the connection, connect a folder remote (created on
empty storage), the recovery key shown once with its kit, and the sync controller told."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.remote_settings import RemoteSettingsDialog, remote_url
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from tests.app.test_app import opened, tasks, type_text, window  # noqa: F401
from tests.conftest import PASSPHRASE


def test_remote_url_from_the_form(tmp_path: Path):
    assert remote_url("folder", str(tmp_path)) == tmp_path.resolve().as_uri()
    assert remote_url("webdav", "dav.example.fr/carnet") == "webdav+https://dav.example.fr/carnet"
    assert remote_url("s3", "bucket/cabinet") == "s3://bucket/cabinet"
    assert remote_url("s3", "file:///x") == "file:///x"


def test_test_connection_shows_the_result(opened: Tasks, tmp_path: Path, qtbot: QtBot):  # noqa: F811
    dialog = RemoteSettingsDialog(opened, "Cabinet des Tilleuls", None)
    qtbot.addWidget(dialog)
    dialog.storage.address.setText(str(tmp_path))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10000)
    assert dialog.outcome.text() == "Connection OK"
    dialog.storage.kind.setCurrentIndex(1)
    dialog.storage.address.setText("not a url at all ://")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10000)
    assert dialog.outcome.text() not in ("", "Connection OK", "Testing…")


def test_connect_shows_the_recovery_key_once_and_tells_the_sync_controller(
    window: MainWindow,  # noqa: F811
    tmp_path: Path,
    qtbot: QtBot,
):
    remote = tmp_path / "remote"
    remote.mkdir()
    assert not window.sync_action.isEnabled()
    window.remote_action.trigger()
    dialog = window.remote_dialog
    dialog.storage.address.setText(str(remote))
    dialog.connect_button.click()
    assert "passphrase" in dialog.outcome.text()  # nothing done without it
    dialog.passphrase.setFocus()
    type_text(dialog.passphrase, PASSPHRASE)
    dialog.interval.setValue(7)
    with qtbot.waitSignal(dialog.recovery_key_shown, timeout=20000) as shown:
        dialog.connect_button.click()
    key = shown.args[0]  # type: ignore[index]
    assert key and dialog.recovery_box is not None and key in dialog.recovery_box.text()
    assert window.sync.remote == remote.resolve().as_uri()
    assert window.sync._timer.isActive() and window.sync._timer.interval() == 7 * 60_000
    assert window.sync_action.isEnabled()
    kit = dialog.save_kit(window.sync.remote, key, str(tmp_path / "kit.pdf"))
    assert kit is not None and kit.read_bytes().startswith(b"%PDF")
    dialog.recovery_box.close()

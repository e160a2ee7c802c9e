"""Practice > Sync settings…: test the connection, connect a folder remote (created on
empty storage), the recovery key shown once with its kit, and the sync controller told."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.app.remote_settings import RemoteSettingsDialog, remote_url
from desktop.app.storage_form import KINDS
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.remote import credentials
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import type_text
from tests.helpers.servers import Server


def test_remote_url_from_the_form(tmp_path: Path):
    assert remote_url("folder", str(tmp_path)) == tmp_path.resolve().as_uri()
    assert remote_url("webdav", "dav.example.fr/carnet") == "webdav+https://dav.example.fr/carnet"
    assert remote_url("s3", "bucket/cabinet") == "s3://bucket/cabinet"
    assert remote_url("s3", "file:///x") == "file:///x"


def test_test_connection_shows_the_result(opened: Tasks, tmp_path: Path, qtbot: QtBot):
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
    window: MainWindow,
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
    assert window.sync.running and window.sync.interval_s == 7 * 60  # the scheduler polls
    assert window.sync_action.isEnabled()
    box = dialog.recovery_box
    box.close()
    assert box.isVisible(), "closed before the key was kept: the only copy would be lost"
    box.save_kit(tmp_path / "kit.pdf")
    qtbot.waitUntil(lambda: box.kept, timeout=20_000)
    assert (tmp_path / "kit.pdf").read_bytes().startswith(b"%PDF")
    box.close()
    assert not box.isVisible()




def s3_form(dialog: RemoteSettingsDialog, server: Server) -> None:
    form = dialog.storage
    form.kind.setCurrentIndex(KINDS.index("s3"))
    assert form.access_key.isVisibleTo(dialog) and not form.password.isVisibleTo(dialog)
    form.address.setText(f"{server.extra['bucket']}/{uuid.uuid4().hex[:8]}")
    form.endpoint.setText(server.base.rstrip("/"))
    form.region.setText("us-east-1")
    form.access_key.setText(server.user)
    form.secret_key.setText(server.password)


@pytest.mark.server
def test_s3_keys_typed_in_the_form_go_to_the_keyring_and_the_background_sync_uses_them(
    window: MainWindow,
    moto_server: Server,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    keyring = MemoryKeyring()
    monkeypatch.setattr(credentials, "credential_cache", lambda: keyring)
    window.remote_action.trigger()
    dialog = window.remote_dialog
    s3_form(dialog, moto_server)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=20_000)
    assert dialog.outcome.text() == "Connection OK"
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.recovery_key_shown, timeout=30_000):
        dialog.connect_button.click()
    url = window.sync.remote
    assert url is not None and url.startswith("s3://") and "endpoint=" in url
    assert keyring.items == {url: f"{moto_server.user}:{moto_server.password}"}
    settings = QSettings()
    assert not any(moto_server.password in str(settings.value(k)) for k in settings.allKeys())
    assert moto_server.password not in url
    window.sync.sync_now()  # the background sync: credentials from the keyring only
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=30_000)
    assert window.sync_label.text().startswith("Synced")
    assert dialog.recovery_box is not None
    dialog.recovery_box.written.setChecked(True)
    dialog.recovery_box.close()


@pytest.mark.server
def test_s3_keys_that_no_keyring_can_keep_are_refused_with_a_sentence(
    window: MainWindow,
    moto_server: Server,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(credentials, "credential_cache", lambda: MemoryKeyring(usable=False))
    window.remote_action.trigger()
    dialog = window.remote_dialog
    s3_form(dialog, moto_server)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20_000)
    assert "no secure keyring" in dialog.outcome.text()
    assert window.sync.remote is None and not window.sync_action.isEnabled()


def test_the_form_reads_back_a_configured_url(opened: Tasks, qtbot: QtBot):
    dialog = RemoteSettingsDialog(
        opened, "Cabinet", "s3://carnet/tilleuls?endpoint=https://s3.fr-par.scw.cloud&region=fr-par"
    )
    qtbot.addWidget(dialog)
    form = dialog.storage
    assert form.current_kind() == "s3" and form.address.text() == "carnet/tilleuls"
    assert form.endpoint.text() == "https://s3.fr-par.scw.cloud" and form.region.text() == "fr-par"
    assert dialog.url() == "s3://carnet/tilleuls?endpoint=https://s3.fr-par.scw.cloud&region=fr-par"
    assert (
        remote_url("webdav", "dr@dav.example.fr/carnet")
        == "webdav+https://dr@dav.example.fr/carnet"
    )

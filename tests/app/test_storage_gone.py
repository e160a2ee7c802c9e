"""A laptop away from the office: the practice's folder storage (a disk, a network share)
is not there. The background sync said, in red, "There is no Carnet practice at this
address … Check the address" to a locum who never typed one; it now says the storage is
not found, that the work is kept on this computer, and how to sync once it is back."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.sync_status import SyncController, SyncStatusLabel
from desktop.app.tasks import Tasks
from desktop.practice.store import Practice
from desktop.remote import SyncService, set_remote
from tests.helpers.practice import PASSPHRASE


def test_a_storage_not_connected_is_said_as_such(tmp_path: Path, qtbot: QtBot) -> None:
    storage = tmp_path / "nas"
    storage.mkdir()
    with Practice.create(
        tmp_path / "laptop", practice_name="Cabinet", username="remp", passphrase=PASSPHRASE
    ) as p:
        set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        SyncService(p).sync()
        folder, key = p.folder, p.db_key
    storage.rename(tmp_path / "nas-unplugged")  # the share is not mounted
    tasks = Tasks()
    try:
        tasks.practice = Practice.open(folder, key=key)
        label = SyncStatusLabel()
        qtbot.addWidget(label)
        controller = SyncController(tasks, folder, key, storage.as_uri())
        controller.changed.connect(label.show_state)
        controller.sync_now()
        qtbot.waitUntil(lambda: "error" in label.text().lower(), timeout=10_000)
        controller.stop()
        said = label.text()
        assert "the sync storage is not found" in said
        assert "Your work is kept on this computer" in said and "F5" in said
        assert "syncs again on its own once it is back" in said
        assert label.toolTip() == said  # whole, if the status bar cuts it off
        assert "Check the address" not in said
    finally:
        tasks.shutdown()

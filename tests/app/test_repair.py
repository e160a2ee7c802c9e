"""The app's Repair: where the sync reports that the storage lost data, the status bar
points to Practice > Repair the storage…; the dialog's Repair button stays disabled until
the person confirms; the repair runs off the UI thread; a fresh restore then works."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.helpers.practice import PASSPHRASE


def on_db(qtbot: QtBot, workers: Tasks, fn: Callable[[Practice], object]) -> None:
    done: list[object] = []
    workers.db(fn, on_done=done.append, on_error=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert not isinstance(done[0], BaseException), done[0]


def add(p: Practice, family: str) -> None:
    p.create_record("patient", {"family_name": family, "birth_date": "1970-01-01"})


def test_repair_from_the_app_after_the_storage_lost_data(
    opened: Tasks,
    practice_dir: Path,
    tmp_path: Path,
    qtbot: QtBot,
):
    storage = tmp_path / "storage"
    storage.mkdir()
    url = storage.as_uri()

    def setup(p: Practice) -> None:
        set_remote(p, url, passphrase=PASSPHRASE, create=True)
        SyncService(p).sync()

    on_db(qtbot, opened, setup)
    shutil.copytree(storage, tmp_path / "yesterday")
    on_db(qtbot, opened, lambda p: (add(p, "Hier"), SyncService(p).sync()))
    shutil.rmtree(storage)
    shutil.copytree(tmp_path / "yesterday", storage)
    on_db(qtbot, opened, lambda p: add(p, "Pendant"))

    info = {
        "practice_name": "Cabinet des Tilleuls",
        "db_key": opened.practice.db_key,  # type: ignore[union-attr]
        "remote": url,
    }
    window = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(window)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: "Repair the storage" in window.sync_label.text(), timeout=20000)
    assert window.repair_action.isEnabled()

    window.repair_action.trigger()
    dialog = window.repair_dialog
    assert not dialog.repair_button.isEnabled()  # nothing without the confirmation
    assert dialog.confirm.accessibleName()
    dialog.confirm.setChecked(True)
    assert dialog.repair_button.isEnabled()
    with qtbot.waitSignal(dialog.repaired, timeout=30000):
        dialog.repair_button.click()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=20000)
    window.sync.stop()  # no sync outcome may arrive after the workers are shut down

    with join(tmp_path / "fresh", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE) as fresh:
        names = {r[0] for r in fresh.conn.execute("SELECT family_name FROM patient")}
        assert {"Hier", "Pendant"} <= names
        assert SyncService(fresh).check(read_data=True).ok

"""The unlock dialog names the practice, never its folder: at the first start after
'carnet demo' it read 'demo' (seen by the fourth GP pass), a locum's laptop after
'carnet join' the folder's name. The carnet commands that put a practice on this computer
leave its name where the app looks; a folder nothing is known of says 'Your practice'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.known_practices import known_name, remember_name
from desktop.app.main import AppController
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from tests.helpers.practice import PASSPHRASE


def carnet(folder: Path, *args: str) -> None:
    """The real command, in its own process (its settings file written and closed)."""
    env = {
        "CARNET_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    import os

    subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(folder), *args],
        env={**os.environ, **env}, check=True, capture_output=True,
    )  # fmt: skip


def heading(controller: AppController, qtbot: QtBot) -> str:
    controller.ask_unlock()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.addWidget(dialog)
    return dialog.findChild(type(dialog.error), "practiceName").text()


def test_carnet_init_and_demo_leave_the_name_for_the_first_unlock(
    tmp_path: Path, qtbot: QtBot
) -> None:
    made = tmp_path / "cabinet"
    carnet(made, "init", "--practice", "Cabinet des <Tilleuls>", "--user", "dr")
    assert known_name(made) == "Cabinet des <Tilleuls>"
    controller = AppController(made)
    assert heading(controller, qtbot) == "<h2>Cabinet des &lt;Tilleuls&gt;</h2>"
    demo = tmp_path / "demo"
    carnet(demo, "demo", "--patients", "3", "--quiet")
    assert known_name(demo) == "Cabinet médical des Tilleuls (démo)"


def test_a_folder_nothing_is_known_of_is_not_named_by_its_path(
    tasks: Tasks, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "demo"
    assert known_name(folder) is None
    dialog = UnlockDialog(tasks, folder, known_name(folder))
    qtbot.addWidget(dialog)
    label = dialog.findChild(type(dialog.error), "practiceName")
    assert label.text() == "<h2>Your practice</h2>" and "demo" not in label.text()
    remember_name(folder, "Cabinet du Parc")  # what the app does at each unlock
    assert known_name(folder) == "Cabinet du Parc"

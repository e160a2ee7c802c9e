"""Unlocking a practice written by an older Carnet upgrades its database first, which can
take minutes for a practice holding millions of unpushed changes: the dialog says so
while it happens, and says nothing of the kind when there is nothing to upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.practice.migrations import SCHEMA_VERSION
from tests.data.make_fixtures import PASSPHRASE

DATA = Path(__file__).parents[1] / "data"


def _unlock(tasks: Tasks, folder: Path, qtbot: QtBot) -> list[tuple[str, str]]:
    """What the dialog said when it told of an upgrade (text, style), once it is open."""
    dialog = UnlockDialog(tasks, folder, "Cabinet Fixture")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("not the passphrase")
    dialog.unlock()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20_000)
    assert "#b00020" in dialog.error.styleSheet()  # a failure is said in red
    said: list[tuple[str, str]] = []
    dialog.upgrading.connect(  # after its own slot
        lambda: said.append((dialog.error.text(), dialog.error.styleSheet()))
    )
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.unlock()
    assert tasks.practice is not None
    tasks.practice.close()
    tasks.practice = None
    return said


def test_the_unlock_says_when_it_upgrades_the_database(
    tasks: Tasks, tmp_path: Path, qtbot: QtBot
) -> None:
    older = tmp_path / "older"
    shutil.copytree(DATA / f"schema-{SCHEMA_VERSION - 1}", older)
    [(said, style)] = _unlock(tasks, older, qtbot)
    assert "brings the practice's database up to date, once" in said
    assert "Do not close Carnet" in said and style == ""  # work going on, not a failure
    assert _unlock(tasks, older, qtbot) == []  # upgraded: the next unlock says nothing

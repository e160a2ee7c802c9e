"""A lock (Ctrl+L) then the passphrase brings the GP back where they were: the same chart
open, the agenda shown again; nothing of it stays on screen while locked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.app.main import AppController
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.window import MainWindow
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open


def _unlock(controller: AppController, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: isinstance(controller.dialog, UnlockDialog), timeout=10_000)
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock()


def _started_on_martin(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> tuple[AppController, MainWindow]:
    """The real app started and unlocked, MARTIN's chart open."""
    opened.practice.close()  # type: ignore[union-attr]
    controller = AppController(practice_dir)
    controller.start()
    _unlock(controller, qtbot)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    window = controller.window
    assert window is not None
    search_and_open(qtbot, window, "martin")
    return controller, window


def test_unlock_goes_back_to_the_chart_and_the_agenda(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    controller, before = _started_on_martin(opened, practice_dir, qtbot)
    patient_id = before.chart.chart.id  # type: ignore[union-attr]
    before.show_agenda()
    qtbot.waitUntil(before.agenda.isVisible)

    before.lock()
    assert not before.isVisible() and before.chart.chart is None
    qtbot.waitUntil(lambda: isinstance(controller.dialog, UnlockDialog), timeout=10_000)
    headings = [label.text() for label in controller.dialog.findChildren(QLabel)]  # type: ignore[union-attr]
    assert any("Cabinet des Tilleuls" in h for h in headings), headings  # not the folder's name
    _unlock(controller, qtbot)
    qtbot.waitUntil(lambda: controller.window is not before and controller.window is not None)
    after = controller.window
    assert after is not None
    qtbot.waitUntil(lambda: after.chart.chart is not None, timeout=5000)
    assert after.chart.chart.id == patient_id  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: getattr(after, "agenda", None) is not None and after.agenda.isVisible())
    after.close()
    controller.shutdown()


def test_unlock_without_a_chart_or_agenda_opens_neither(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    opened.practice.close()  # type: ignore[union-attr]
    controller = AppController(practice_dir)
    controller.start()
    _unlock(controller, qtbot)
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    before = controller.window
    assert before is not None
    before.lock()
    _unlock(controller, qtbot)
    qtbot.waitUntil(lambda: controller.window is not before and controller.window is not None)
    after = controller.window
    assert after is not None
    qtbot.waitUntil(after.isVisible)
    assert after.place() == {"patient_id": None, "agenda": False}
    after.close()
    controller.shutdown()


def test_someone_else_unlocking_starts_on_the_start_screen(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    """The GP locks with a chart open and the secretary unlocks: she was taken into the
    GP's patient's chart (and its agenda), an audited read in her name she never asked
    for. The GP unlocking again still goes back to it."""
    from desktop.practice import people

    people.add_user(opened.practice, username="accueil", display_name="Sophie",  # type: ignore[arg-type]
                    role="secretary", passphrase="phrase de l'accueil")  # fmt: skip
    controller, before = _started_on_martin(opened, practice_dir, qtbot)
    before.show_agenda()
    qtbot.waitUntil(before.agenda.isVisible)
    before.lock()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, UnlockDialog), timeout=10_000)
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.login.setText("accueil")
    dialog.passphrase.setText("phrase de l'accueil")
    dialog.unlock()
    qtbot.waitUntil(lambda: controller.window is not before and controller.window is not None)
    after = controller.window
    assert after is not None
    qtbot.waitUntil(after.isVisible)
    qtbot.waitUntil(lambda: after.chart.pages.currentWidget() is after.chart.start)
    assert after.chart.chart is None
    assert getattr(after, "agenda", None) is None or not after.agenda.isVisible()
    assert after.place() == {"patient_id": None, "agenda": False}
    after.close()
    controller.shutdown()

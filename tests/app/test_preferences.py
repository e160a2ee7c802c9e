"""Practice > Preferences…: the auto-lock delay is kept in QSettings, read by a new main
window, applied at once to the open one, and the window does lock when it runs out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.app.preferences import AUTO_LOCK_KEY, PreferencesDialog, auto_lock_min
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow


@pytest.fixture(autouse=True)
def clean_setting() -> Iterator[None]:
    QSettings().remove(AUTO_LOCK_KEY)
    yield
    QSettings().remove(AUTO_LOCK_KEY)


def test_default_and_bounds():
    assert auto_lock_min() == 10
    QSettings().setValue(AUTO_LOCK_KEY, 0)
    assert auto_lock_min() == 1
    QSettings().setValue(AUTO_LOCK_KEY, "nonsense")
    assert auto_lock_min() == 10


def test_a_new_window_uses_the_saved_delay(
    opened: Tasks,
    practice_dir: Path,
    window: MainWindow,
    qtbot: QtBot,
):
    assert window.idle.interval() == 10 * 60_000
    QSettings().setValue(AUTO_LOCK_KEY, 3)
    other = MainWindow(opened, practice_dir, window.info)
    qtbot.addWidget(other)
    assert other.idle.interval() == 3 * 60_000


def test_changing_the_delay_applies_to_the_open_window(window: MainWindow, qtbot: QtBot):
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert isinstance(dialog, PreferencesDialog) and dialog.auto_lock.value() == 10
    dialog.auto_lock.setValue(25)
    dialog.accept()
    assert QSettings().value(AUTO_LOCK_KEY) in (25, "25") and auto_lock_min() == 25
    assert window.idle.isActive() and window.idle.interval() == 25 * 60_000
    window.preferences_action.trigger()
    window.preferences_dialog.auto_lock.setValue(2)
    window.preferences_dialog.reject()  # Cancel changes nothing
    assert auto_lock_min() == 25 and window.idle.interval() == 25 * 60_000


def test_the_window_locks_when_the_delay_runs_out(window: MainWindow, qtbot: QtBot):
    window.idle.setInterval(50)  # minutes in the dialog; milliseconds here
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.idle.start()
    assert not window.isVisible() and window.chart.chart is None

"""Finds of the fourth GP pass, through the app's widgets."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app.window import MainWindow
from tests.helpers.qt import search_and_open


def test_a_name_and_a_birth_year_find_the_patient(window: MainWindow, qtbot: QtBot):
    """Typed as on the card to tell apart one VINCENT of 16: 'vincent 1964' found nobody."""
    search_and_open(qtbot, window, "paul 1950")
    assert window.chart.chart is not None and window.chart.chart.family_name == "Martin"

"""Fixtures of the widget tests: a task runner, an opened practice, the main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE


@pytest.fixture
def tasks() -> Iterator[Tasks]:
    t = Tasks()
    yield t
    t.shutdown()


@pytest.fixture
def opened(tasks: Tasks, practice_dir: Path) -> Iterator[Tasks]:
    practice = Practice.create(
        practice_dir, practice_name="Cabinet des Tilleuls", username="dr", passphrase=PASSPHRASE
    )
    for family, given, born in (
        ("Müller", "Hélène", "1961-03-12"),
        ("Lœuvre", "Gaëlle", "1975-11-02"),
        ("Martin", "Paul", "1950-01-01"),
    ):
        pid = practice.create_record(
            "patient", {"family_name": family, "given_names": given, "birth_date": born, "sex": "F"}
        )
        if family == "Müller":
            practice.create_record("allergy", {"patient_id": pid, "substance": "Pénicilline"})
            practice.add_consultation(
                pid, reason="Toux", text="Toux sèche", weight_kg=60, height_cm=165
            )
    tasks.practice = practice
    yield tasks


@pytest.fixture
def window(opened: Tasks, practice_dir: Path, qtbot: QtBot) -> MainWindow:
    info = {
        "practice_name": "Cabinet des Tilleuls",
        "db_key": opened.practice.db_key,  # type: ignore[union-attr]
        "remote": None,
    }
    w = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(w)
    w.show()
    return w

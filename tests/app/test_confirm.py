"""A "go ahead anyway?" question answers no to Enter: a GP typing on through a box they
did not expect (delete the chart, book over an appointment) has not said yes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.app.confirm import ask


def _enter(qtbot: QtBot, default_yes: bool) -> list[str]:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[str] = []
    box = ask(
        parent, "Dossier", "Supprimer le dossier ?", yes="Supprimer", no="Garder",
        on_yes=lambda: done.append("yes"), default_yes=default_yes,
    )  # fmt: skip
    box.finished.connect(lambda _: done.append("closed"))
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "closed" in done)
    return done


def test_enter_keeps_what_is_there(qtbot: QtBot) -> None:
    assert _enter(qtbot, default_yes=False) == ["closed"]


def test_a_question_that_only_confirms_what_was_asked_may_default_to_yes(qtbot: QtBot) -> None:
    assert "yes" in _enter(qtbot, default_yes=True)

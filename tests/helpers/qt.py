"""Typing into real widgets (qtbot.keyClicks aborts on non-ASCII), opening a chart, and
finding the controls that have no accessible name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.app.consultation import ConsultationEditor
from desktop.app.window import MainWindow


def type_text(widget: QWidget, text: str) -> None:
    """Key events carrying text (qtbot.keyClicks aborts on non-ASCII: lab notes)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        )


def search_and_open(qtbot: QtBot, w: MainWindow, text: str) -> None:
    w.patients.search.setFocus()
    type_text(w.patients.search, text)
    with qtbot.waitSignal(w.patients.searched, timeout=5000):
        pass
    qtbot.waitUntil(lambda: w.patients.model.rowCount() > 0, timeout=5000)
    qtbot.keyClick(w.patients.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.chart.chart is not None, timeout=5000)


def consultation_opened(qtbot: QtBot, holder: object) -> ConsultationEditor:
    """The consultation editor that ``holder`` (the window or the chart) opens next, asked
    just before: it opens once its draft is read on the worker (a queued reply)."""
    before = getattr(holder, "editor", None)

    def opened() -> bool:
        editor = getattr(holder, "editor", None)
        return isinstance(editor, ConsultationEditor) and editor is not before

    qtbot.waitUntil(opened, timeout=5000)
    editor = getattr(holder, "editor", None)
    assert isinstance(editor, ConsultationEditor)
    qtbot.addWidget(editor)
    return editor


ACTED_ON = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton)


def unnamed(top: QWidget) -> list[str]:
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, ACTED_ON) or not widget.isVisibleTo(top):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing

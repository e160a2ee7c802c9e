"""A sentence and an "Undo" button in the status bar after a reversible action (a chart
deleted, an appointment cancelled), for a few seconds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

SHOWN_MS = 15_000


class UndoBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.button = QPushButton(self.tr("Undo"))
        self.button.setAccessibleName(self.tr("Undo"))
        self.button.clicked.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._action: Callable[[], object] | None = None
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def offer(self, sentence: str, undo: Callable[[], object]) -> None:
        self.label.setText(sentence)
        self._action = undo
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._action = None
        self.hide()

    def _undo(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

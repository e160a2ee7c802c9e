"""Prescription lines to pick from (an earlier prescription to renew, a template): each
one a list item, the lines of the one selected shown below the list, Enter picks it.

A dialog, not a menu: a menu's popup is no child of the application in the
accessibility tree (Qt leaves popups out), so a screen reader's user and the e2e driver
could not reach its items; here each one is a list item, and what it holds is read
before it is picked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.practice.prescriptions import RxLine


class Lines(Protocol):
    @property
    def lines(self) -> Sequence[RxLine]: ...

    @property
    def notes(self) -> str: ...


def lines_text(item: Lines) -> str:
    """One line per drug ("drug — dosage — duration"), then the notes."""
    shown = [
        " — ".join(x for x in (line.drug, line.dosage, line.duration) if x) for line in item.lines
    ]
    if item.notes:
        shown.append(item.notes)
    return "\n".join(shown)


class LinesPicker(QDialog):
    """``chosen(item)`` when the GP picks one (the first is selected at first). The
    texts come translated from the subclass, under its own context."""

    chosen = Signal(object)

    def __init__(
        self,
        items: Sequence[Any],
        labels: Sequence[str],
        *,
        title: str,
        caption: str,
        name: str,
        pick: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(540)
        self.items = list(items)
        label = QLabel(caption)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        label.setBuddy(self.list)
        self.list.addItems(list(labels))
        self.lines = QLabel()
        self.lines.setObjectName("pickedLines")
        self.lines.setWordWrap(True)  # its name is its text: a screen reader reads the lines
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.pick_button = self.buttons.addButton(pick, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._pick)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._show_lines)
        self.list.itemActivated.connect(lambda _: self._pick())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.lines)
        layout.addWidget(self.buttons)
        self.pick_button.setEnabled(bool(self.items))
        if self.items:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Picking is the default (Enter), not Cancel, which Qt would pick otherwise."""
        super().showEvent(event)
        if self.items:
            self.pick_button.setDefault(True)

    def _show_lines(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.lines.setText(lines_text(self.items[row]))

    def _pick(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            self.chosen.emit(self.items[row])
            self.accept()

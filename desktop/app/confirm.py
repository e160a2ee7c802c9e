"""A question with two named buttons that does not block: no nested event loop (a
``QMessageBox.question`` holds the caller, and an accessibility client's click with it,
until it is answered). ``on_yes`` runs only when the user chose ``yes``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    yes: str,
    no: str,
    on_yes: Callable[[], object],
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is accept:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box

"""A question with two named buttons that does not block: no nested event loop (a
``QMessageBox.question`` holds the caller, and an accessibility client's click with it,
until it is answered). ``on_yes`` runs only when the user chose ``yes``.

Enter answers ``no`` unless the caller says otherwise: the questions ask whether to go
ahead anyway (delete a chart, revoke a device, book over another appointment, save an
incomplete ordonnance), and a GP typing on through a box they did not expect must not
have said yes."""

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
    default_yes: bool = False,
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept if default_yes else reject)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is accept:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box

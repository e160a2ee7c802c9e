"""The practice's prescription templates: listed by name with the lines of the one
selected; Enter adds its lines to the editor, and the editor's lines can be saved as a
new one from here.

A dialog, not a menu, for the reason rx_renew.py gives: a menu's popup is out of the
accessibility tree's reach, so neither a screen reader's user nor the e2e driver could
pick a template."""

from __future__ import annotations

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

from desktop.practice.prescriptions import Template


class TemplatesDialog(QDialog):
    """``chosen(Template)`` when the GP uses one; ``save_asked()`` when they ask to save
    the editor's lines as a new template."""

    chosen = Signal(object)
    save_asked = Signal()

    def __init__(self, templates: list[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prescription templates"))
        self.setMinimumWidth(520)
        self.templates = sorted(templates, key=lambda t: t.name.casefold())
        caption = QLabel(self.tr("&Templates:"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Templates"))
        caption.setBuddy(self.list)
        self.list.addItems([t.name for t in self.templates])
        self.lines = QLabel()
        self.lines.setObjectName("templateLines")
        self.lines.setWordWrap(True)  # its name is its text: a screen reader reads the lines
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.use_button = self.buttons.addButton(
            self.tr("Use"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("Save these lines as a template…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._use)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        self.list.currentRowChanged.connect(self._show_lines)
        self.list.itemActivated.connect(lambda _: self._use())
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.lines)
        layout.addWidget(self.buttons)
        self.use_button.setEnabled(bool(self.templates))
        if self.templates:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.lines.setText(
                self.tr("No template yet: write the lines, then save them as a template.")
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Use is the default (Enter), not Cancel, which Qt would pick otherwise."""
        super().showEvent(event)
        (self.use_button if self.templates else self.save_button).setDefault(True)

    def _show_lines(self, row: int) -> None:
        if not 0 <= row < len(self.templates):
            return
        template = self.templates[row]
        lines = [
            " — ".join(x for x in (line.drug, line.dosage, line.duration) if x)
            for line in template.lines
        ]
        if template.notes:
            lines.append(template.notes)
        self.lines.setText("\n".join(lines))

    def _use(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.templates):
            self.chosen.emit(self.templates[row])
            self.accept()

    def _save(self) -> None:
        self.accept()
        self.save_asked.emit()

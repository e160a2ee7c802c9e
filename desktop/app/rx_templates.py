"""The practice's prescription templates: listed by name with the lines of the one
selected; Enter adds its lines to the editor, and the editor's lines can be saved as a
new one from here (a dialog, not a menu: rx_picker.py says why)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop.app.rx_picker import LinesPicker
from desktop.practice.prescriptions import Template


class TemplatesDialog(LinesPicker):
    """``chosen(Template)`` when the GP uses one; ``save_asked()`` when they ask to save
    the editor's lines as a new template."""

    save_asked = Signal()

    def __init__(self, templates: list[Template], parent: QWidget | None = None) -> None:
        ordered = sorted(templates, key=lambda t: t.name.casefold())
        super().__init__(
            ordered,
            [t.name for t in ordered],
            title=QCoreApplication.translate("TemplatesDialog", "Prescription templates"),
            caption=QCoreApplication.translate("TemplatesDialog", "&Templates:"),
            name=QCoreApplication.translate("TemplatesDialog", "Templates"),
            pick=QCoreApplication.translate("TemplatesDialog", "Use"),
            parent=parent,
        )
        self.templates = ordered
        self.use_button = self.pick_button
        self.save_button = self.buttons.addButton(
            QCoreApplication.translate("TemplatesDialog", "Save these lines as a template…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.save_button.clicked.connect(self._save)
        if not ordered:
            self.lines.setText(
                QCoreApplication.translate(
                    "TemplatesDialog",
                    "No template yet: write the lines, then save them as a template.",
                )
            )
            self.save_button.setDefault(True)

    def _save(self) -> None:
        self.accept()
        self.save_asked.emit()

"""The allergy warning shown before a prescription is saved: what matches, and a reason to
prescribe anyway (kept in the prescription), or back to the editor."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.practice.allergies import default_table
from desktop.practice.prescriptions import AllergyHit


def ui_language() -> str:
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


class AllergyWarning(QDialog):
    def __init__(self, hits: list[AllergyHit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allergyWarning")
        self.setWindowTitle(self.tr("Allergy warning"))
        self.setMinimumWidth(460)
        self.hits = hits
        table, language = default_table(), ui_language()
        items = [
            "• "
            + self.tr("{0}: recorded allergy <b>{1}</b> ({2})").format(
                escape(hit.drug), escape(hit.allergy), escape(table.label(hit.why, language))
            )
            for hit in hits
        ]
        headline = QLabel(self.tr("This prescription matches a recorded allergy."))
        headline.setStyleSheet("color:#c00000; font-weight:bold")
        message = QLabel("<br/>".join(items))
        message.setObjectName("allergyMessage")
        message.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setAccessibleName(self.tr("Reason to prescribe anyway"))
        caption = QLabel(self.tr("Reason to prescribe anyway (kept in the prescription):"))
        caption.setBuddy(self.reason)
        self.buttons = QDialogButtonBox()
        self.back = QPushButton(self.tr("Change the prescription"))
        self.anyway = QPushButton(self.tr("Prescribe anyway"))
        self.anyway.setObjectName("prescribeAnyway")
        self.anyway.setEnabled(False)
        self.buttons.addButton(self.back, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.anyway, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda text: self.anyway.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(message)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.back.setFocus()

    def accept(self) -> None:
        if self.reason.text().strip():
            super().accept()

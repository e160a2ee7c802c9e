"""Practice > Preferences…: settings of this computer's app (QSettings), not of the
practice: for now, how long the app waits without a key press or a click before it
locks itself."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

AUTO_LOCK_KEY = "security/auto_lock_min"
DEFAULT_AUTO_LOCK_MIN = 10
MAX_AUTO_LOCK_MIN = 240


def auto_lock_min() -> int:
    """Minutes of inactivity before the app locks (1..240; 10 unless changed)."""
    value = QSettings().value(AUTO_LOCK_KEY, DEFAULT_AUTO_LOCK_MIN)
    try:
        return min(MAX_AUTO_LOCK_MIN, max(1, int(str(value))))
    except ValueError:
        return DEFAULT_AUTO_LOCK_MIN


class PreferencesDialog(QDialog):
    auto_lock_changed = Signal(int)  # minutes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.auto_lock = QSpinBox(minimum=1, maximum=MAX_AUTO_LOCK_MIN)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(auto_lock_min())
        hint = QLabel(
            self.tr(
                "Without a key press or a click for this long, Carnet locks: the practice "
                "closes and its passphrase is asked again. Drafts are kept."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Lock after"), self.auto_lock)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        QSettings().setValue(AUTO_LOCK_KEY, self.auto_lock.value())
        self.auto_lock_changed.emit(self.auto_lock.value())
        super().accept()

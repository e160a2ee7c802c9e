"""The recovery key, shown once: it stays on screen until the recovery kit is saved or
the user says they wrote the key down (a cancelled file dialog used to lose it for good).
The kit's PDF is written on a worker, never on the UI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.errors import message_for
from desktop.app.tasks import Tasks


def kit_file_name(practice_name: str, today: dt.date | None = None) -> str:
    """``kit-de-secours-Cabinet-des-Tilleuls-2026-12-01.pdf``: says what it is."""
    safe = "-".join("".join(c for c in practice_name if c.isalnum() or c in " -").split())
    return f"kit-de-secours-{safe or 'cabinet'}-{(today or dt.date.today()).isoformat()}.pdf"


class RecoveryKeyDialog(QDialog):
    def __init__(
        self,
        tasks: Tasks,
        practice_name: str,
        url: str,
        recovery_key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.practice_name, self.url = tasks, practice_name, url
        self.recovery_key = recovery_key
        self.kept = False  # saved as a kit, or written down
        self.setWindowTitle(self.tr("Recovery key"))
        self.explain = QLabel(
            self.tr(
                "Write down or save this recovery key now: it is shown only once, and "
                "without it a lost passphrase means a lost practice."
            )
        )
        self.explain.setWordWrap(True)
        self.key = QLineEdit(recovery_key)
        self.key.setReadOnly(True)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(recovery_key) + 24)
        self.written = QCheckBox(self.tr("I have written this key down and keep it safe"))
        self.written.toggled.connect(self._update)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save the recovery kit…"))
        self.save_button.clicked.connect(self.choose_file)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.explain, self.key, self.written, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._update()

    def text(self) -> str:
        """What the dialog says, key included (tests, screen readers)."""
        return f"{self.explain.text()}\n\n{self.recovery_key}"

    def _update(self) -> None:
        self.close_button.setEnabled(self.kept or self.written.isChecked())

    def choose_file(self) -> None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = str(Path(documents) / kit_file_name(self.practice_name))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery kit"), suggested, "PDF (*.pdf)"
        )
        if path:
            self.save_kit(Path(path))
        else:
            self.status.setText(self.tr("Not saved: the key stays on screen until it is kept."))

    def save_kit(self, path: Path) -> None:
        """Write the kit's PDF on the worker; the key stays shown until it is written."""
        from desktop.reports.recovery_kit import write_recovery_kit

        name, url, key = self.practice_name, self.url, self.recovery_key
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving the recovery kit…"))

        def saved(_: object) -> None:
            self.kept = True
            self.save_button.setEnabled(True)
            self.status.setText(
                self.tr(
                    "Recovery kit saved to {0}. Print it, keep it safe, then delete the file."
                ).format(path)
            )
            self._update()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(message_for(exc) or self.tr("The kit could not be saved."))

        ops.Op(
            self, self.tasks,
            lambda _: write_recovery_kit(path, practice_name=name, remote_url=url,
                                         recovery_key=key),
            worker=ops.Worker.FILE,
        ).success(saved).failure(failed).run()  # fmt: skip

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()

    def reject(self) -> None:  # Escape
        if self._may_close():
            super().reject()

    def _may_close(self) -> bool:
        if self.kept or self.written.isChecked():
            return True
        self.status.setText(  # the only copy of the key is on this screen
            self.tr("Save the recovery kit, or tick that you wrote the key down, before closing.")
        )
        return False

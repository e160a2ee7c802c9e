"""The progress of a long task in a dialog (an export, a restore): a bar busy until the
work counts its steps, a status line, and an error line where a known failure is said as
its sentence (a bug goes on to the crash dialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.app.errors import message_for


class ProgressPanel(QWidget):
    """``bar``, ``status`` and ``error``, one under the other; the dialog drives them."""

    def __init__(self, bar_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        if bar_name:
            self.bar.setAccessibleName(bar_name)
        self.bar.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color:#c00000")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.bar, self.status, self.error):
            layout.addWidget(widget)

    def started(self, text: str) -> None:
        """The work began: busy (no count yet), ``text`` said, the last error cleared."""
        self.error.clear()
        self.status.setText(text)
        self.bar.setRange(0, 0)
        self.bar.show()

    def counted(self, done: int, total: int, text: str | None = None) -> None:
        """``done`` of ``total`` steps (no total: still busy), and ``text`` if given."""
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text is not None:
            self.status.setText(text)

    def finished(self, text: str = "") -> None:
        self.bar.hide()
        self.status.setText(text)

    def failed(self, exc: BaseException, text: str | None = None) -> None:
        """Stopped by ``exc``: ``text`` if the dialog has its own sentence for it, else
        the known error's; a bug is raised again (the crash dialog)."""
        self.finished()
        said = text if text is not None else message_for(exc)
        if said is None:
            raise exc
        self.error.setText(said)

"""A dialog that lists one section of a chart (its vaccinations, its lab results): titled
with the patient's name, Close and an Add button, each record edited in its own dialog;
after a save the section is read again on the store's worker and ``changed`` tells the
chart. Subclasses lay out ``show_records`` and say which dialog edits a record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from desktop.app.record_dialogs import WriteDialog
from desktop.app.tasks import Tasks
from desktop.practice.models import Chart


class SectionListView(QDialog):
    """The shared frame; ``section`` is the chart's field for the list shown."""

    changed = Signal()
    section = ""

    def __init__(
        self, tasks: Tasks, chart: Chart, title: str, add: str, parent: QWidget | None
    ) -> None:
        """``title`` has a {0} for the patient's name; ``add`` labels the Add button."""
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, chart.id
        self.setWindowTitle(title.format(chart.full_name()))
        self.add_button = QPushButton(add)
        self.add_button.clicked.connect(lambda: self._open(None))
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self.close_buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.dialog: WriteDialog | None = None

    def show_records(self, records: Sequence[Any]) -> None:  # pragma: no cover
        raise NotImplementedError

    def edit_dialog(self, record: Any) -> WriteDialog:  # pragma: no cover
        """The dialog that adds (``record`` None) or edits one record of the section."""
        raise NotImplementedError

    def _open(self, record: Any) -> None:
        dialog = self.edit_dialog(record)
        dialog.saved.connect(lambda _: self.reload())
        dialog.show()
        self.dialog = dialog

    def reload(self) -> None:
        """Read the section again (a view's read, on the store's worker), then show it."""
        patient_id, section = self.patient_id, self.section

        def read(p: Any) -> list[Any]:
            return list(getattr(p.chart(patient_id), section))

        self.tasks.db(read, on_done=self._reloaded)

    def _reloaded(self, records: list[Any]) -> None:
        self.show_records(records)
        self.changed.emit()

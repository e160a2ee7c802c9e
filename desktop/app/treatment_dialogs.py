"""Current treatments and vaccinations of a chart: add, edit, stop (a treatment, with its
date), delete (a tombstone); the full list of vaccinations in a view of its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import DateError, parse_date, show_date
from desktop.app.record_dialogs import EditOrAdd
from desktop.app.tasks import Tasks


class TreatmentDialog(EditOrAdd):
    """A current treatment: drug, dosage, since when; Stop gives it an end date (today
    unless typed), after which the chart lists it among the stopped ones."""

    entity = "treatment"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: dict[str, Any] | None = None,
        today: dt.date | None = None,
    ) -> None:
        title = self.tr("Edit a treatment") if record else self.tr("Add a treatment")
        super().__init__(tasks, patient_id, record, title, parent)
        self.today = today or dt.date.today()
        r = record or {}
        self.add_edit("drug", self.tr("Drug (DCI)"), r.get("drug"))
        self.add_edit("dosage", self.tr("Dosage"), r.get("dosage"))
        self.add_edit("started", self.tr("Started on"), show_date(r.get("started")))
        self.add_edit("stopped", self.tr("Stopped on"), show_date(r.get("stopped")))
        for name in ("started", "stopped"):
            self.edits[name].setPlaceholderText(self.tr("22/06/2026"))
        self.stop_button: QPushButton | None = None
        if record is not None and not record.get("stopped"):
            self.stop_button = self.buttons.addButton(
                self.tr("Stop today"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.stop_button.clicked.connect(self.stop_today)

    def stop_today(self) -> None:
        self.edits["stopped"].setText(show_date(self.today.isoformat()))
        self.save()

    def save(self) -> None:
        fields: dict[str, Any] = self.text_fields()
        for name, label in (("started", self.tr("Started on")), ("stopped", self.tr("Stopped on"))):
            try:
                fields[name] = parse_date(self.edits[name].text(), today=self.today)
            except DateError as exc:
                self.error.setText(self.tr("{0}: {1}").format(label, exc))
                return
        if not fields["drug"]:
            self.error.setText(self.tr("Name the drug."))
            return
        if fields["started"] and fields["stopped"] and fields["stopped"] < fields["started"]:
            self.error.setText(self.tr("A treatment cannot stop before it started."))
            return
        self.write_fields(fields)


class VaccinationDialog(EditOrAdd):
    """A vaccination: the product, the date it was given, its lot number."""

    entity = "vaccination"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: dict[str, Any] | None = None,
    ) -> None:
        title = self.tr("Edit a vaccination") if record else self.tr("Add a vaccination")
        super().__init__(tasks, patient_id, record, title, parent)
        r = record or {}
        self.add_edit("vaccine", self.tr("Vaccine (product)"), r.get("vaccine"))
        self.add_edit("given_on", self.tr("Given on"), show_date(r.get("given_on")))
        self.edits["given_on"].setPlaceholderText(self.tr("22/06/2026"))
        self.add_edit("lot", self.tr("Lot number"), r.get("lot"))

    def save(self) -> None:
        fields: dict[str, Any] = self.text_fields()
        try:
            fields["given_on"] = parse_date(self.edits["given_on"].text())
        except DateError as exc:
            self.error.setText(self.tr("Given on: {0}").format(exc))
            return
        if not fields["vaccine"]:
            self.error.setText(self.tr("Name the vaccine."))
            return
        if not fields["given_on"]:
            self.error.setText(self.tr("Type the date it was given."))
            return
        self.write_fields(fields)


RECORD = Qt.ItemDataRole.UserRole


class VaccinationsView(QDialog):
    """Every vaccination of the chart, newest first; Add, and a double click (or Enter)
    to edit or delete one."""

    changed = Signal()

    def __init__(self, tasks: Tasks, chart: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, str(chart["id"])
        self.records: list[dict[str, Any]] = []
        name = f"{(chart.get('family_name') or '').upper()} {chart.get('given_names') or ''}"
        self.setWindowTitle(self.tr("Vaccinations: {0}").format(name.strip()))
        self.resize(620, 420)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("vaccinations")
        self.table.setAccessibleName(self.tr("Vaccinations"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Vaccine"), self.tr("Lot number")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 300)
        self.table.itemActivated.connect(self._edit)
        self.count = QLabel()
        self.add_button = QPushButton(self.tr("Add a vaccination…"))
        self.add_button.clicked.connect(lambda: self._open(None))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.dialog: VaccinationDialog | None = None
        self.show_records(chart["vaccinations"])

    def show_records(self, records: list[dict[str, Any]]) -> None:
        self.records = sorted(records, key=lambda v: v.get("given_on") or "", reverse=True)
        self.table.setRowCount(len(self.records))
        for row, v in enumerate(self.records):
            for col, text in enumerate(
                (show_date(v.get("given_on")), v.get("vaccine") or "", v.get("lot") or "")
            ):
                item = QTableWidgetItem(text)
                item.setData(RECORD, row)
                self.table.setItem(row, col, item)
        self.count.setText(self.tr("{0} vaccinations").format(len(self.records)))

    def _edit(self, item: QTableWidgetItem) -> None:
        self._open(self.records[int(item.data(RECORD))])

    def _open(self, record: dict[str, Any] | None) -> None:
        dialog = VaccinationDialog(self.tasks, self.patient_id, self, record=record)
        dialog.saved.connect(lambda _: self.reload())
        dialog.show()
        self.dialog = dialog

    def reload(self) -> None:
        patient_id = self.patient_id

        def read(p: Any) -> list[dict[str, Any]]:
            return list(p.chart(patient_id)["vaccinations"])

        self.tasks.db(read, on_done=self._reloaded)

    def _reloaded(self, records: list[dict[str, Any]]) -> None:
        self.show_records(records)
        self.changed.emit()

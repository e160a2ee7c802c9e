"""Current treatments and vaccinations of a chart: add, edit, stop (a treatment, with its
date and reason), delete (a tombstone); a treatment is long-term or a short course; a
vaccination has its dose number, route and site; the full list of vaccinations in a view
of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import DateError, parse_date, show_date, shows_understood
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.record_dialogs import EditOrAdd
from desktop.app.section_list import SectionListView
from desktop.app.tasks import Tasks
from desktop.practice.models import Chart, Treatment, Vaccination

COURSES = (  # the long_term field: not said, long-term, a short course
    (None, QT_TRANSLATE_NOOP("TreatmentDialog", "Not said")),
    (True, QT_TRANSLATE_NOOP("TreatmentDialog", "Long-term treatment")),
    (False, QT_TRANSLATE_NOOP("TreatmentDialog", "Short course")),
)
ROUTES = (  # schema.VACCINATION_ROUTES, as a GP reads them
    (None, QT_TRANSLATE_NOOP("VaccinationDialog", "Not said")),
    ("IM", QT_TRANSLATE_NOOP("VaccinationDialog", "Intramuscular (IM)")),
    ("SC", QT_TRANSLATE_NOOP("VaccinationDialog", "Subcutaneous (SC)")),
    ("ID", QT_TRANSLATE_NOOP("VaccinationDialog", "Intradermal (ID)")),
    ("oral", QT_TRANSLATE_NOOP("VaccinationDialog", "Oral")),
    ("nasal", QT_TRANSLATE_NOOP("VaccinationDialog", "Nasal")),
)


def choice_box(
    name: str, choices: tuple[tuple[Any, str], ...], context: str, value: Any
) -> QComboBox:
    """A combo box of (stored value, English label) choices, on ``value`` (True is not 1)."""
    box = QComboBox()
    box.setObjectName(name)
    for i, (code, label) in enumerate(choices):
        box.addItem(QCoreApplication.translate(context, label), code)
        if code is not None and code == value and type(code) is type(value):
            box.setCurrentIndex(i)
    return box


def route_text(route: str | None) -> str:
    label = dict(ROUTES).get(route)
    return QCoreApplication.translate("VaccinationDialog", label) if label and route else ""


class TreatmentDialog(EditOrAdd):
    """A current treatment: drug, dosage, since when, long-term or a short course; Stop
    gives it an end date (today unless typed) and a reason, after which the chart lists
    it among the stopped ones."""

    entity = "treatment"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: Treatment | None = None,
        today: dt.date | None = None,
    ) -> None:
        title = self.tr("Edit a treatment") if record else self.tr("Add a treatment")
        super().__init__(tasks, patient_id, record, title, parent)
        self.today = today or dt.date.today()
        r = record or Treatment.blank()
        self.add_edit("drug", self.tr("Drug (DCI)"), r.drug)
        self.add_edit("dosage", self.tr("Dosage"), r.dosage)
        self.add_edit("started", self.tr("Started on"), show_date(r.started))
        self.course = choice_box("long_term", COURSES, "TreatmentDialog", r.long_term)
        self.form.addRow(self.tr("Course"), self.course)
        self.add_edit("stopped", self.tr("Stopped on"), show_date(r.stopped))
        self.add_edit("stop_reason", self.tr("Reason for stopping"), r.stop_reason)
        self.edits["stop_reason"].setPlaceholderText(self.tr("side effect, cured, replaced…"))
        for name in ("started", "stopped"):
            self.edits[name].setPlaceholderText(self.tr("22/06/2026"))
            shows_understood(self.edits[name], today=self.today)
        self.stop_button: QPushButton | None = None
        if record is not None and not record.stopped:
            self.stop_button = self.buttons.addButton(
                self.tr("Stop today"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.stop_button.clicked.connect(self.stop_today)

    def stop_today(self) -> None:
        """Today as the end date; the reason, if typed, goes with it."""
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
        if fields["stop_reason"] and not fields["stopped"]:
            self.error.setText(self.tr("A reason for stopping needs the date it stopped."))
            return
        fields["long_term"] = self.course.currentData()
        self.write_fields(fields)


class VaccinationDialog(EditOrAdd):
    """A vaccination: the product, the date it was given (today for a new one, as most are
    given in the consultation), its lot number, which dose it was (1, 2, a booster…), the
    route and the site of the injection."""

    entity = "vaccination"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: Vaccination | None = None,
        today: dt.date | None = None,
    ) -> None:
        title = self.tr("Edit a vaccination") if record else self.tr("Add a vaccination")
        super().__init__(tasks, patient_id, record, title, parent)
        self.today = today or dt.date.today()
        r = record or Vaccination.blank()
        self.add_edit("vaccine", self.tr("Vaccine (product)"), r.vaccine)
        self.add_edit("given_on", self.tr("Given on"), show_date(r.given_on))
        self.edits["given_on"].setPlaceholderText(self.tr("22/06/2026"))
        shows_understood(self.edits["given_on"], today=self.today)
        if record is None:
            self.edits["given_on"].setText(show_date(self.today.isoformat()))
        self.add_edit("lot", self.tr("Lot number"), r.lot)
        self.add_edit("dose_number", self.tr("Dose number"), r.dose_number)
        self.edits["dose_number"].setPlaceholderText(self.tr("1, 2, 3…"))
        self.route = choice_box("route", ROUTES, "VaccinationDialog", r.route)
        self.form.addRow(self.tr("Route"), self.route)
        self.add_edit("site", self.tr("Injection site"), r.site)
        self.edits["site"].setPlaceholderText(self.tr("left deltoid"))

    def save(self) -> None:
        fields: dict[str, Any] = self.text_fields()
        try:
            fields["given_on"] = parse_date(self.edits["given_on"].text(), today=self.today)
        except DateError as exc:
            self.error.setText(self.tr("Given on: {0}").format(exc))
            return
        if not fields["vaccine"]:
            self.error.setText(self.tr("Name the vaccine."))
            return
        if not fields["given_on"]:
            self.error.setText(self.tr("Type the date it was given."))
            return
        dose = fields["dose_number"]
        if dose is not None:
            if not dose.isdigit() or not 1 <= int(dose) <= 20:
                self.error.setText(self.tr("The dose number is a whole number: 1, 2, 3…"))
                return
            fields["dose_number"] = int(dose)
        fields["route"] = self.route.currentData()
        self.write_fields(fields)


RECORD = Qt.ItemDataRole.UserRole


class VaccinationsView(SectionListView):
    """Every vaccination of the chart, newest first; Add, and a double click (or Enter)
    to edit or delete one."""

    section = "vaccinations"

    def __init__(self, tasks: Tasks, chart: Chart, parent: QWidget | None = None):
        super().__init__(
            tasks, chart, self.tr("Vaccinations: {0}"), self.tr("Add a vaccination…"), parent
        )
        self.records: list[Vaccination] = []
        self.resize(620, 420)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("vaccinations")
        self.table.setAccessibleName(self.tr("Vaccinations"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"), self.tr("Vaccine"), self.tr("Lot number"), self.tr("Dose"),
                self.tr("Route"), self.tr("Site"),
            ]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 300)
        self.table.itemActivated.connect(self._edit)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        layout.addWidget(self.close_buttons)
        self.show_records(chart.vaccinations)

    def show_records(self, records: Sequence[Vaccination]) -> None:
        self.records = sorted(records, key=lambda v: v.given_on or "", reverse=True)
        self.table.setRowCount(len(self.records))
        for row, v in enumerate(self.records):
            dose = v.dose_number
            cells = (
                show_date(v.given_on), v.vaccine or "", v.lot or "",
                "" if dose is None else str(dose), route_text(v.route), v.site or "",
            )  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RECORD, row)
                self.table.setItem(row, col, item)
        self.count.setText(self.tr("{0} vaccinations").format(len(self.records)))

    def _edit(self, item: QTableWidgetItem) -> None:
        self._open(self.records[int(item.data(RECORD))])

    def edit_dialog(self, record: Vaccination | None) -> VaccinationDialog:
        return VaccinationDialog(self.tasks, self.patient_id, self, record=record)

"""Who opened or changed a chart, when, from which computer: the chart's "Chart access"
list and Practice > Access log (filter by person, patient and dates; a patient's log
exported as CSV for their right of access, GDPR art. 15). Every device's audit, synced;
every read and the export run on the database worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.errors import message_for
from desktop.app.export_dialogs import PathField
from desktop.app.patient_picker import PatientPicker, patient_label
from desktop.app.tasks import Tasks
from desktop.practice.audit_query import AccessEntry, AccessFilter
from desktop.practice.errors import NotFoundError


def action_names() -> dict[str, str]:
    """The audit's actions in the user's words."""
    return {
        "read": QCoreApplication.translate("AccessLog", "Opened"),
        "create": QCoreApplication.translate("AccessLog", "Created"),
        "update": QCoreApplication.translate("AccessLog", "Changed"),
        "delete": QCoreApplication.translate("AccessLog", "Deleted"),
        "undelete": QCoreApplication.translate("AccessLog", "Restored"),
        "export-access": QCoreApplication.translate("AccessLog", "Access log exported"),
        "export-fhir": QCoreApplication.translate("AccessLog", "Exported (FHIR)"),
        "export-sqlite": QCoreApplication.translate("AccessLog", "Exported (SQLite)"),
        "export-pdf": QCoreApplication.translate("AccessLog", "Exported (PDF)"),
    }


def record_names() -> dict[str, str]:
    return {
        "patient": QCoreApplication.translate("AccessLog", "Identity"),
        "consultation": QCoreApplication.translate("AccessLog", "Consultation"),
        "consultation_version": QCoreApplication.translate("AccessLog", "Consultation"),
        "prescription": QCoreApplication.translate("AccessLog", "Prescription"),
        "prescription_version": QCoreApplication.translate("AccessLog", "Prescription"),
        "document": QCoreApplication.translate("AccessLog", "Document"),
        "problem": QCoreApplication.translate("AccessLog", "Problem"),
        "allergy": QCoreApplication.translate("AccessLog", "Allergy"),
        "treatment": QCoreApplication.translate("AccessLog", "Treatment"),
        "vaccination": QCoreApplication.translate("AccessLog", "Vaccination"),
    }


def local_time(at: str) -> str:
    """A UTC ISO time in this computer's time zone, to the minute."""
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


def csv_header() -> list[str]:
    return [
        QCoreApplication.translate("AccessLog", "Time (UTC)"),
        QCoreApplication.translate("AccessLog", "Person"),
        QCoreApplication.translate("AccessLog", "Action"),
        QCoreApplication.translate("AccessLog", "Record"),
        QCoreApplication.translate("AccessLog", "Computer"),
    ]


class AccessTable(QTableWidget):
    """Entries, newest first: when, who, (patient), what, on which computer."""

    def __init__(self, name: str, with_patient: bool) -> None:
        super().__init__(0, 5 if with_patient else 4)
        self.with_patient = with_patient
        heads = [
            QCoreApplication.translate("AccessLog", "When"),
            QCoreApplication.translate("AccessLog", "Who"),
            QCoreApplication.translate("AccessLog", "What"),
            QCoreApplication.translate("AccessLog", "Computer"),
        ]
        if with_patient:
            heads.insert(2, QCoreApplication.translate("AccessLog", "Patient"))
        self.setHorizontalHeaderLabels(heads)
        self.setAccessibleName(name)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()

    def show_entries(self, entries: list[AccessEntry], patients: dict[str, str]) -> None:
        actions, records = action_names(), record_names()
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            what = actions.get(e.action, e.action)
            if e.entity and e.entity in records:
                what = QCoreApplication.translate("AccessLog", "{0}: {1}").format(
                    what, records[e.entity]
                )
            cells = [local_time(e.at), e.user_name, what, e.device_name]
            if self.with_patient:
                cells.insert(2, patients.get(e.patient_id or "", ""))
            for col, text in enumerate(cells):
                self.setItem(row, col, QTableWidgetItem(text))
        self.resizeColumnsToContents()

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests, and a screen reader's view)."""
        return [
            [(cell.text() if (cell := self.item(r, c)) else "") for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class ChartAccessDialog(QDialog):
    """The chart's "Chart access": who opened or changed it, when, from which computer."""

    def __init__(self, tasks: Tasks, patient_id: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, patient_id
        self.setWindowTitle(self.tr("Chart access: {0}").format(title))
        self.table = AccessTable(self.tr("Chart access"), with_patient=False)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        self.export = PatientExport(tasks, self)
        self.export.set_patient(patient_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.export)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self.refresh()

    def refresh(self) -> None:
        pid = self.patient_id
        self.tasks.db(lambda p: p.chart_access(pid), on_done=self._show, on_error=self._failed)

    def _show(self, entries: list[AccessEntry]) -> None:
        self.table.show_entries(entries, {})
        self.status.setText(
            self.tr("{0} entries, from every computer of the practice").format(len(entries))
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc) or type(exc).__name__)


class PatientExport(QWidget):
    """A path and "Export for the patient": the patient's access log as CSV, written on
    the database worker."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.patient_id: str | None = None
        self.path = PathField(self.tr("Access log file (CSV)"), pattern="CSV (*.csv)")
        self.button = QPushButton(self.tr("Export for the patient"))
        self.button.setAccessibleName(self.tr("Export the patient's access log"))
        self.button.clicked.connect(self.run)
        self.button.setEnabled(False)
        self.result = QLabel()
        self.result.setWordWrap(True)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path.edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)

    def set_patient(self, patient_id: str | None) -> None:
        self.patient_id = patient_id
        self.button.setEnabled(patient_id is not None)

    def run(self) -> None:
        path, pid = self.path.path(), self.patient_id
        if pid is None:
            return
        if path is None:
            self.result.setText(self.tr("Choose the file to write first."))
            return
        header, actions = csv_header(), action_names()
        self.button.setEnabled(False)
        self.result.setText(self.tr("Writing…"))

        def done(count: int) -> None:
            self.button.setEnabled(True)
            self.result.setText(self.tr("{0} entries written to {1}").format(count, path.name))

        def failed(exc: BaseException) -> None:
            self.button.setEnabled(True)
            self.result.setText(message_for(exc) or type(exc).__name__)

        ops.Op(
            self, self.tasks, lambda p: p.export_access_log(pid, path, header, actions)
        ).success(done).failure(failed).run()


class AccessLogDialog(QDialog):
    """Practice > Access log: every device's audit, filtered by person, patient, dates."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(self.tr("Access log"))
        self.user = QComboBox()
        self.user.addItem(self.tr("Everyone"), None)
        self.patient = PatientPicker(tasks, self)
        self.patient.chosen.connect(self._patient_chosen)
        self.clear_patient = QPushButton(self.tr("All patients"))
        self.clear_patient.clicked.connect(self._all_patients)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.user.currentIndexChanged.connect(lambda _i: self.refresh())
        form = QFormLayout()
        for text, field in (
            (self.tr("&Person:"), self.user),
            (self.tr("&From:"), self.since),
            (self.tr("&To:"), self.until),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            inner = field.findChild(QLineEdit)  # a date edit's own field, named the same
            if inner is not None:
                inner.setAccessibleName(label.text().replace("&", "").rstrip(" :"))
        patient_row = QHBoxLayout()
        patient_row.addWidget(self.patient, 1)
        patient_row.addWidget(self.clear_patient, 0, Qt.AlignmentFlag.AlignTop)
        patient_label_ = QLabel(self.tr("P&atient:"))
        patient_label_.setBuddy(self.patient.search)
        form.addRow(patient_label_, patient_row)
        self.table = AccessTable(self.tr("Access log entries"), with_patient=True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export = PatientExport(tasks, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.export)
        layout.addWidget(buttons)
        self.resize(900, 600)
        self._patient_id: str | None = None
        self._generation = 0
        self.tasks.db(lambda p: p.users(), on_done=self._show_users)
        self.refresh()

    def _show_users(self, users: list[dict[str, Any]]) -> None:
        for u in users:
            self.user.addItem(str(u.get("display_name") or u.get("username") or u["id"]), u["id"])
        self.user.setAccessibleName(self.tr("Person"))

    def _patient_chosen(self, patient_id: str) -> None:
        self._patient_id = patient_id
        self.export.set_patient(patient_id)
        self.refresh()

    def _all_patients(self) -> None:
        self._patient_id = None
        self.patient.search.clear()
        self.export.set_patient(None)
        self.refresh()

    def current_filter(self) -> AccessFilter:
        return AccessFilter(
            user_id=self.user.currentData(),
            patient_id=self._patient_id,
            since=self.since.date().toString("yyyy-MM-dd"),
            until=self.until.date().toString("yyyy-MM-dd"),
        )

    def refresh(self) -> None:
        f = self.current_filter()
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Loading…"))

        def load(p: Any) -> tuple[list[AccessEntry], dict[str, str]]:
            entries = p.access_log(f)
            names = {}
            for pid in {e.patient_id for e in entries if e.patient_id}:
                try:
                    names[pid] = patient_label(p.patient(pid))
                except NotFoundError:  # a chart not held here: its id only
                    names[pid] = pid
            return entries, names

        def show(result: tuple[list[AccessEntry], dict[str, str]]) -> None:
            if generation != self._generation:
                return  # a newer filter is on its way
            entries, names = result
            self.table.show_entries(entries, names)
            self.status.setText(self.tr("{0} entries").format(len(entries)))

        self.tasks.db(
            load,
            on_done=show,
            on_error=lambda exc: self.status.setText(message_for(exc) or type(exc).__name__),
        )

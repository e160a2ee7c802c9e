"""Structured lab results: one entered per dialog (analyte, value or text, unit, reference
range as numbers or as the lab's text, the day of the sample, the report it came with);
the chart shows each analyte's latest value, and a view lists every analyte with its
history, newest first, each result's report one click away in the viewer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import DateError, parse_date, show_date, shows_understood
from desktop.app.document_viewer import DocumentViewer, Fetch
from desktop.app.numbers import NumberError, parse_number, show_number
from desktop.app.record_dialogs import EditOrAdd
from desktop.app.section_list import SectionListView
from desktop.app.tasks import Tasks
from desktop.practice.models import Chart, Document, LabResult

RECORD = Qt.ItemDataRole.UserRole


def value_text(r: LabResult) -> str:
    """ "13,2 g/dL" or the lab's text ("négatif")."""
    if r.value is not None:
        return f"{show_number(r.value)} {r.unit or ''}".strip()
    return str(r.value_text or "")


def range_text(r: LabResult) -> str:
    """ "12–16", "< 5", "> 60" or the lab's own text."""
    low, high = r.ref_low, r.ref_high
    if low is not None and high is not None:
        return f"{show_number(low)}–{show_number(high)}"
    if high is not None:
        return f"< {show_number(high)}"
    if low is not None:
        return f"> {show_number(low)}"
    return str(r.ref_text or "")


def flag(r: LabResult) -> str:
    """ "↑" above the range, "↓" below it, "" within it or without one."""
    value, low, high = r.value, r.ref_low, r.ref_high
    if value is None:
        return ""
    if high is not None and value > high:
        return "↑"
    if low is not None and value < low:
        return "↓"
    return ""


def by_analyte(results: Sequence[LabResult]) -> dict[str, list[LabResult]]:
    """Each analyte's results, newest first; analytes in alphabetical order, named with
    a capital ("Hémoglobine" and "hémoglobine" typed on two days are one)."""
    groups: dict[str, list[LabResult]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in results:
        name = (r.analyte or "").strip()
        key = name.casefold()
        names.setdefault(key, name[:1].upper() + name[1:])
        groups[key].append(r)
    return {
        names[k]: sorted(groups[k], key=lambda r: (r.taken_on or "", r.id), reverse=True)
        for k in sorted(groups)
    }


def latest_items(results: Sequence[LabResult]) -> list[tuple[LabResult, str]]:
    """(the newest result, "Hémoglobine 13,2 g/dL ↓ (10/02/2026)") for each analyte."""
    out = []
    for name, rows in by_analyte(results).items():
        r = rows[0]
        shown = " ".join(p for p in (name, value_text(r), flag(r)) if p)
        out.append((r, f"{shown} ({show_date(r.taken_on)})"))
    return out


class LabResultDialog(EditOrAdd):
    """One result: a number with its unit (or a text), its reference range, its day."""

    entity = "lab_result"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: LabResult | None = None,
        today: dt.date | None = None,
        documents: Sequence[Document] | None = None,
    ) -> None:
        title = self.tr("Edit a lab result") if record else self.tr("Add a lab result")
        super().__init__(tasks, patient_id, record, title, parent)
        self.today = today or dt.date.today()
        r = record or LabResult.blank()
        value = show_number(r.value) if r.value is not None else r.value_text
        self.add_edit("analyte", self.tr("Analyte"), r.analyte)
        self.edits["analyte"].setPlaceholderText(self.tr("Hémoglobine, TSH, HbA1c…"))
        self.add_edit("value", self.tr("Result"), value)
        self.edits["value"].setPlaceholderText(self.tr("13,2 or négatif"))
        self.add_edit("unit", self.tr("Unit"), r.unit)
        self.add_edit("ref_low", self.tr("Reference range: low"), _number(r.ref_low))
        self.add_edit("ref_high", self.tr("Reference range: high"), _number(r.ref_high))
        self.add_edit("ref_text", self.tr("Reference range as the lab wrote it"), r.ref_text)
        self.add_edit("taken_on", self.tr("Sample taken on"), show_date(r.taken_on))
        self.edits["taken_on"].setPlaceholderText(self.tr("22/06/2026"))
        shows_understood(self.edits["taken_on"], today=self.today)
        if record is None:
            self.edits["taken_on"].setText(show_date(self.today.isoformat()))
        self.report = QComboBox()
        self.report.setObjectName("document_id")
        self.report.addItem(self.tr("None"), None)
        for d in documents or []:
            when = show_date(d.received_at)
            self.report.addItem(f"{d.title or ''} ({when})", d.id)
        self.report.setCurrentIndex(max(self.report.findData(r.document_id), 0))
        self.form.addRow(self.tr("Report it came with"), self.report)

    def save(self) -> None:
        typed = self.text_fields()
        fields: dict[str, Any] = {
            "analyte": typed["analyte"], "unit": typed["unit"], "ref_text": typed["ref_text"],
        }  # fmt: skip
        if not fields["analyte"]:
            self.error.setText(self.tr("Name the analyte."))
            return
        try:
            fields["taken_on"] = parse_date(self.edits["taken_on"].text(), today=self.today)
        except DateError as exc:
            self.error.setText(self.tr("Sample taken on: {0}").format(exc))
            return
        if not fields["taken_on"]:
            self.error.setText(self.tr("Type the day the sample was taken."))
            return
        result = typed["value"]
        if not result:
            self.error.setText(self.tr("Type the result."))
            return
        try:
            fields["value"], fields["value_text"] = parse_number(result), None
        except NumberError:  # a qualitative result, kept as the lab wrote it
            fields["value"], fields["value_text"] = None, result
        for name, label in (
            ("ref_low", self.tr("Reference range: low")),
            ("ref_high", self.tr("Reference range: high")),
        ):
            try:
                fields[name] = parse_number(typed[name] or "")
            except NumberError:
                self.error.setText(self.tr("{0}: type a number such as 3,5.").format(label))
                return
        fields["document_id"] = self.report.currentData()
        low, high = fields["ref_low"], fields["ref_high"]
        if low is not None and high is not None and low > high:
            self.error.setText(self.tr("The low end of the range is above the high end."))
            return
        self.write_fields(fields)


def _number(value: float | None) -> str | None:
    return None if value is None else show_number(value)


class LabResultsView(SectionListView):
    """Every analyte of the chart (its latest value beside it) and, for the one chosen,
    its history: date, result, range, flag. Add, and Enter on a row to edit it."""

    section = "lab_results"

    def __init__(
        self,
        tasks: Tasks,
        chart: Chart,
        parent: QWidget | None = None,
        fetch_for: Callable[[Document], Fetch | None] | None = None,
    ):
        super().__init__(
            tasks, chart, self.tr("Lab results: {0}"), self.tr("Add a lab result…"), parent
        )
        self.fetch_for = fetch_for
        self.documents: list[Document] = list(chart.documents)
        self.groups: dict[str, list[LabResult]] = {}
        self.viewer: DocumentViewer | None = None
        self.resize(760, 440)
        self.analytes = QListWidget()
        self.analytes.setObjectName("analytes")
        self.analytes.setAccessibleName(self.tr("Analytes"))
        self.analytes.currentRowChanged.connect(self._show_history)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("history")
        self.history.setAccessibleName(self.tr("History of the analyte"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Result"), self.tr("Reference range"), self.tr("Flag")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()  # row numbers say nothing (and its corner button)
        self.history.itemActivated.connect(self._edit)
        self.history.currentCellChanged.connect(lambda *_: self._report_chosen())
        self.report_button = QPushButton(self.tr("Open the report"))
        self.report_button.setToolTip(self.tr("Show the report this result came with."))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.open_report)
        self.close_buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        panes = QHBoxLayout()
        panes.addWidget(self.analytes, 1)
        panes.addWidget(self.history, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Choose an analyte to see its history.")))
        layout.addLayout(panes)
        layout.addWidget(self.close_buttons)
        self.show_records(chart.lab_results)

    def show_records(self, records: Sequence[LabResult]) -> None:
        chosen = self.analytes.currentItem()
        keep = chosen.data(RECORD) if chosen is not None else None
        self.groups = by_analyte(records)
        self.analytes.clear()
        for name, rows in self.groups.items():
            latest = rows[0]
            shown = " ".join(p for p in (name, value_text(latest), flag(latest)) if p)
            item = QListWidgetItem(shown)
            item.setData(RECORD, name)
            self.analytes.addItem(item)
        names = list(self.groups)
        if names:
            self.analytes.setCurrentRow(names.index(keep) if keep in names else 0)
        else:
            self.history.setRowCount(0)

    def _show_history(self, row: int) -> None:
        if row < 0:
            return
        rows = list(self.groups.values())[row]
        self.history.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (show_date(r.taken_on), value_text(r), range_text(r), flag(r))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RECORD, r.id)
                self.history.setItem(i, col, item)
        if rows:
            self.history.setCurrentCell(0, 0)
        self._report_chosen()

    def _selected(self) -> LabResult | None:
        item = self.history.item(self.history.currentRow(), 0)
        record_id = item.data(RECORD) if item is not None else None
        found = [r for rows in self.groups.values() for r in rows if r.id == record_id]
        return found[0] if found else None

    def _report_of(self, result: LabResult | None) -> Document | None:
        wanted = result.document_id if result is not None else None
        return next((d for d in self.documents if wanted and d.id == wanted), None)

    def _report_chosen(self) -> None:
        self.report_button.setEnabled(self._report_of(self._selected()) is not None)

    def open_report(self) -> None:
        """The selected result's report, in the viewer (from memory, as everywhere)."""
        document = self._report_of(self._selected())
        if document is not None:
            fetch = self.fetch_for(document) if self.fetch_for is not None else None
            viewer = DocumentViewer(self.tasks, document, self, fetch=fetch)
            viewer.show()
            self.viewer = viewer

    def _edit(self, item: QTableWidgetItem) -> None:
        record_id = item.data(RECORD)
        found = [r for rows in self.groups.values() for r in rows if r.id == record_id]
        if found:
            self._open(found[0])

    def edit_dialog(self, record: LabResult | None) -> LabResultDialog:
        return LabResultDialog(
            self.tasks, self.patient_id, self, record=record, documents=self.documents
        )

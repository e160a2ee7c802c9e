"""A patient's chart: identity header (allergies in red), summary, consultations with their
versions, prescriptions, documents, appointments. Data comes from one audited read.

Files dropped on the chart (or picked with "+ Document") are attached, their title, kind
and date asked for each; a document in the summary opens in the in-app viewer (both in
chart_documents.py, mixed in).

With no chart open the pane shows the start screen (today's appointments, recent charts).
A consultation draft kept for this patient is shown above the timeline, one click from
being resumed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.allergy_dialog import AllergyArea, AllergyDialog
from desktop.app.allergy_status import real_allergies
from desktop.app.chart_documents import ChartDocuments, Fetcher
from desktop.app.chart_html import appointments_html, consultation_html
from desktop.app.consultation import ConsultationEditor, draft_name, open_consultation
from desktop.app.dates import show_date
from desktop.app.document_viewer import DocumentViewer
from desktop.app.documents_view import DocumentsView
from desktop.app.flow_layout import FlowLayout
from desktop.app.growth import GrowthView
from desktop.app.lab_results import LabResultDialog, LabResultsView
from desktop.app.record_dialogs import EditOrAdd, ProblemDialog, WriteDialog
from desktop.app.start_screen import StartScreen
from desktop.app.tasks import Tasks
from desktop.app.treatment_dialogs import TreatmentDialog, VaccinationDialog, VaccinationsView
from desktop.app.vitals import bmi
from desktop.practice.audit_query import AccessEntry
from desktop.practice.drafts import DraftStore
from desktop.practice.models import Chart, Row

__all__ = ["ChartView", "bmi"]

DIALOGS: dict[str, Callable[..., EditOrAdd]] = {  # (tasks, patient_id, parent, record=)
    "problem": ProblemDialog,
    "allergy": AllergyDialog,
    "treatment": TreatmentDialog,
    "vaccination": VaccinationDialog,
    "lab_result": LabResultDialog,
}


class ChartView(AllergyArea, ChartDocuments, QWidget):
    new_consultation = Signal(str)
    new_prescription = Signal(str)
    edit_identity = Signal(str)
    add_problem = Signal(str)
    add_allergy = Signal(str)
    open_patient = Signal(str)  # from the start screen
    draft_checked = Signal(bool)  # after each check: whether a draft exists
    export_record = Signal(str)
    show_access = Signal(str)  # "Chart access": who opened or changed it

    def __init__(self, tasks: Tasks | None = None, drafts: DraftStore | None = None) -> None:
        super().__init__()
        self.tasks, self.drafts = tasks, drafts
        self.chart: Chart | None = None
        self.practitioner_names: dict[str, str] = {}  # user id -> name, for appointments
        self.dialog: WriteDialog | None = None
        self._newest: str | None = None  # the timeline's top entry when last shown
        self.vaccinations_view: VaccinationsView | None = None
        self.documents_view: DocumentsView | None = None
        self.lab_view: LabResultsView | None = None
        self.growth_view: GrowthView | None = None
        self.viewer: DocumentViewer | None = None
        self.attaching: list[Path] = []  # files still to ask about, one dialog at a time
        # Set by the main window when the practice has a storage: a document's content
        # not yet on this computer (a lazy restore) is fetched from there.
        self.fetcher: Fetcher | None = None
        self.setAcceptDrops(True)
        self.header = QLabel()
        self.header.setObjectName("chartHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.consult_button = QPushButton(self.tr("New consultation"))
        self.rx_button = QPushButton(self.tr("New prescription"))
        self.consult_button.clicked.connect(lambda: self._emit(self.new_consultation))
        self.rx_button.clicked.connect(lambda: self._emit(self.new_prescription))
        for button, keys in (
            (self.consult_button, QKeySequence("Ctrl+Shift+C")),
            (self.rx_button, QKeySequence("Ctrl+Shift+O")),
        ):
            button.setShortcut(keys)  # active while the chart shows the button
            button.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
        self.identity_button = QPushButton(self.tr("Identity…"))
        self.problem_button = QPushButton(self.tr("+ Problem"))
        self.problem_button.setAccessibleName(self.tr("Add a problem"))
        self.allergy_button = QPushButton(self.tr("+ Allergy"))
        self.allergy_button.setAccessibleName(self.tr("Add an allergy"))
        # "Asked: none known", a statement of its own (never read into an empty list).
        self.none_known_button = QPushButton(self.tr("No known allergy"))
        self.none_known_button.setAccessibleName(self.tr("Record no known allergy"))
        self.none_known_button.setToolTip(
            self.tr(
                "The patient was asked and knows of no allergy: recorded with today's date "
                "and your name. Adding an allergy ends it; clicking it in the summary "
                "withdraws it."
            )
        )
        self.none_known_button.clicked.connect(self.record_none_known)
        self.stamps: dict[str, AccessEntry | None] = {}  # statement id -> who, when
        if tasks is not None:
            with contextlib.suppress(RuntimeError):  # the workers are stopped: the app quits
                tasks.db(practitioner_names, on_done=self._names_known)
        self.treatment_button = QPushButton(self.tr("+ Treatment"))
        self.treatment_button.setAccessibleName(self.tr("Add a treatment"))
        self.vaccination_button = QPushButton(self.tr("+ Vaccination"))
        self.vaccination_button.setAccessibleName(self.tr("Add a vaccination"))
        self.treatment_button.clicked.connect(lambda: self._open_record("treatment", None))
        self.vaccination_button.clicked.connect(lambda: self._open_record("vaccination", None))
        self.identity_button.clicked.connect(lambda: self._emit(self.edit_identity))
        self.problem_button.clicked.connect(lambda: self._emit(self.add_problem))
        self.allergy_button.clicked.connect(lambda: self._emit(self.add_allergy))
        self.lab_button = QPushButton(self.tr("+ Lab result"))
        self.lab_button.setAccessibleName(self.tr("Add a lab result"))
        self.lab_button.clicked.connect(lambda: self._open_record("lab_result", None))
        self.document_button = QPushButton(self.tr("+ Document"))
        self.document_button.setAccessibleName(self.tr("Attach a document"))
        self.document_button.setToolTip(
            self.tr("Attach a PDF or an image; files can also be dropped on the chart.")
        )
        self.document_button.clicked.connect(self._pick_documents)
        self.documents_button = QPushButton(self.tr("Documents…"))
        self.documents_button.setAccessibleName(self.tr("The chart's documents"))
        self.documents_button.clicked.connect(self.show_documents)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self._emit(self.export_record))
        self.access_button = QPushButton(self.tr("Chart access…"))
        self.access_button.setAccessibleName(self.tr("Chart access"))
        self.access_button.clicked.connect(lambda: self._emit(self.show_access))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.consult_button)
        top.addWidget(self.rx_button)
        edits = FlowLayout()
        for button in (
            self.identity_button,
            self.problem_button,
            self.allergy_button,
            self.none_known_button,
            self.treatment_button,
            self.vaccination_button,
            self.lab_button,
            self.document_button,
            self.documents_button,
            self.export_button,
            self.access_button,
        ):
            edits.addWidget(button)
        self.draft_label = QLabel()
        self.draft_label.setObjectName("draftNotice")
        self.draft_label.setStyleSheet("background:#fff4c2; padding:4px")
        self.draft_button = QPushButton(self.tr("Resume the draft"))
        self.draft_button.clicked.connect(lambda: self._emit(self.new_consultation))
        draft_row = QHBoxLayout()
        draft_row.addWidget(self.draft_label, 1)
        draft_row.addWidget(self.draft_button)
        self.draft_box = QWidget()
        self.draft_box.setLayout(draft_row)
        self.draft_box.hide()
        # Said, not only hidden: a secretary saw a blank page and no reason for it.
        self.role_note = QLabel(
            self.tr(
                "The medical content of this chart is not shown: your role does not open it. "
                "Appointments are in the agenda (Ctrl+G)."
            )
        )
        self.role_note.setObjectName("roleNote")
        self.role_note.setWordWrap(True)
        self.role_note.hide()
        # The front desk's reason to open a chart: when the patient is expected.
        self.desk_appointments = QLabel()
        self.desk_appointments.setObjectName("deskAppointments")
        self.desk_appointments.setWordWrap(True)
        self.desk_appointments.hide()
        self.summary = QTextBrowser()
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName(self.tr("Chart summary"))
        self.summary.setOpenLinks(False)
        self.summary.anchorClicked.connect(self._open_link)
        self.summary.setToolTip(self.tr("Click an entry to edit, stop or delete it."))
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("Timeline"))
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Entry"), self.tr("Versions")])
        self.timeline.setColumnWidth(0, 150)
        columns = self.timeline.header()  # the entry takes the room; the versions stay in view
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.currentItemChanged.connect(self._show_entry)
        self.amend_button = QPushButton(self.tr("Amend…"))
        self.amend_button.setToolTip(
            self.tr("Write a new version of this consultation; the signed one stays readable.")
        )
        self.amend_button.setEnabled(False)
        self.amend_button.clicked.connect(self.amend_selected)
        # Enter or a double click on a consultation opens it to amend, as the button does
        # (they did nothing: a GP at the keyboard had to Tab to the button).
        self.timeline.itemActivated.connect(self._entry_activated)
        self.editor: ConsultationEditor | None = None
        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setAccessibleName(self.tr("Entry detail"))
        split = QSplitter()
        split.addWidget(self.summary)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.timeline)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_row = QHBoxLayout()
        detail_row.addStretch(1)
        detail_row.addWidget(self.amend_button)
        detail_layout.addLayout(detail_row)
        detail_layout.addWidget(self.detail)
        right.addWidget(detail_box)
        split.addWidget(right)
        split.setSizes([320, 600])
        self.clinical_split = split
        self.clinical = True
        self.chart_page = chart_page = QWidget()
        layout = QVBoxLayout(chart_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(edits)
        layout.addWidget(self.draft_box)
        layout.addWidget(self.role_note)
        layout.addWidget(self.desk_appointments)
        layout.addWidget(split, 1)
        # Takes the room only when the clinical panes are hidden (a secretary): the
        # header and its buttons then stay at the top instead of floating mid-window.
        layout.addStretch()
        self.start = StartScreen(tasks)
        self.start.opened.connect(self.open_patient)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start)
        self.pages.addWidget(chart_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.show_chart(None)

    def _names_known(self, names: dict[str, str]) -> None:
        """The practitioners' names came from the worker: the appointments say whose."""
        if not shiboken6.isValid(self):
            return
        self.practitioner_names = names
        if self.chart is not None:
            self.desk_appointments.setText(appointments_html(self.chart, names))
            self.show_allergy_area(self.chart)

    def set_clinical(self, clinical: bool) -> None:
        """A role without clinical access (a secretary) sees identity and agenda only:
        the clinical buttons, summary, timeline and entry are not shown at all, nor lab
        results and documents (clinical to the store, which refused them once typed)."""
        self.clinical = clinical
        for widget in (
            self.consult_button,
            self.rx_button,
            self.problem_button,
            self.allergy_button,
            self.none_known_button,
            self.treatment_button,
            self.vaccination_button,
            self.lab_button,
            self.document_button,
            self.documents_button,
            self.export_button,
            self.access_button,  # which charts colleagues opened: for clinicians only
            self.clinical_split,
        ):
            widget.setVisible(clinical)
        self.role_note.setVisible(not clinical)
        self.desk_appointments.setVisible(not clinical)
        if not clinical:
            self.draft_box.hide()

    def _emit(self, signal: Any) -> None:
        if self.chart is not None:
            signal.emit(self.chart.id)

    def show_chart(self, chart: Chart | None) -> None:
        previous = self.chart
        self.chart = chart
        for button in (
            self.consult_button,
            self.rx_button,
            self.identity_button,
            self.problem_button,
            self.allergy_button,
            self.treatment_button,
            self.vaccination_button,
            self.lab_button,
            self.document_button,
            self.documents_button,
            self.export_button,
            self.access_button,
        ):
            button.setEnabled(chart is not None)
        # Refused while an allergy is recorded (the store refuses it too).
        self.none_known_button.setEnabled(
            chart is not None and not real_allergies(chart.allergies)
        )
        selected = self._selected_key()
        self.timeline.clear()
        self.detail.clear()
        self.amend_button.setEnabled(False)
        if chart is None:
            self.header.clear()
            self.summary.clear()
            self.draft_box.hide()
            self.pages.setCurrentWidget(self.start)
            self.start.reload_when_shown()
            return
        self.pages.setCurrentWidget(self.chart_page)
        self.start.seen = chart.id  # back on the day's list, the next appointment is offered
        self.desk_appointments.setText(appointments_html(chart, self.practitioner_names))
        view = self.documents_view
        if view is not None and view.isVisible() and view.patient_id == chart.id:
            view.show_records(chart.documents)
        self.show_allergy_area(chart)
        entries: list[tuple[str, QTreeWidgetItem]] = []
        for consult in chart.consultations:
            label = (
                consult.current.summary()
                if consult.current is not None
                else self.tr("(content still arriving)")
            )
            versions = str(len(consult.versions))
            if consult.concurrent_versions:
                versions += " ⚠"
            when = consult.started_at or ""
            item = QTreeWidgetItem([f"{show_date(when)} {when[11:16]}", label, versions])
            item.setData(0, Qt.ItemDataRole.UserRole, ("consultation", consult))
            entries.append((when, item))
        for rx in chart.prescriptions:
            lines = rx.current.lines if rx.current is not None else None
            drugs = ", ".join(line.get("drug", "") for line in lines or [])
            when = rx.prescribed_at or ""
            item = QTreeWidgetItem(
                [f"{show_date(when)} {when[11:16]}", "℞ " + drugs, str(len(rx.versions))]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, ("prescription", rx))
            entries.append((when, item))
        # Newest first, by the ISO date.
        for _, item in sorted(entries, key=lambda e: e[0], reverse=True):
            self.timeline.addTopLevelItem(item)
        # The newest entry is shown (a consultation just saved is there), unless the user
        # was reading an older one of the same chart: that one stays.
        same = previous is not None and previous.id == chart.id
        if same and selected and selected != self._newest:
            self._select(selected)
        elif (top := self.timeline.topLevelItem(0)) is not None:
            self.timeline.setCurrentItem(top)
        self._newest = self._selected_key()
        self.refresh_draft()

    def _selected_key(self) -> str | None:
        item = self.timeline.currentItem()
        if item is None:
            return None
        return str(item.data(0, Qt.ItemDataRole.UserRole)[1].id)

    def _select(self, record_id: str) -> None:
        for i in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole)[1].id == record_id:
                self.timeline.setCurrentItem(item)
                return

    def reload(self) -> None:
        """Read the open chart again (after an edit made from the chart itself)."""
        if self.tasks is None or self.chart is None:
            return
        patient_id = self.chart.id
        self.tasks.db(lambda p: p.visible_chart(patient_id), on_done=self._reloaded)

    def _reloaded(self, chart: Chart) -> None:
        if self.chart is not None and self.chart.id == chart.id:
            self.show_chart(chart)

    def refresh_draft(self) -> None:
        """Show whether a consultation draft is kept for the open patient (read on the
        worker: the draft is a file, sealed)."""
        if self.tasks is None or self.drafts is None or self.chart is None or not self.clinical:
            return
        patient_id, drafts = self.chart.id, self.drafts
        with contextlib.suppress(RuntimeError):  # the workers are stopped: the app quits
            self.tasks.on_db(
                lambda: drafts.load(draft_name(patient_id)),
                on_done=lambda draft: self._show_draft(patient_id, draft),
            )

    def _show_draft(self, patient_id: str, draft: dict[str, Any] | None) -> None:
        if self.chart is None or self.chart.id != patient_id:
            return
        self.draft_box.setVisible(bool(draft))
        if draft:
            about = (draft.get("reason") or (draft.get("text") or "").split("\n")[0])[:60]
            if about:
                text = self.tr("A consultation draft is kept for this patient: “{0}”.")
                self.draft_label.setText(text.format(escape(about)))
            else:
                self.draft_label.setText(self.tr("A consultation draft is kept for this patient."))
        self.draft_checked.emit(bool(draft))

    def _open_link(self, url: QUrl) -> None:
        """An entry clicked in the summary: its edit dialog (delete there too); the
        vaccinations' link: their full list."""
        kind, _, record_id = url.toString().partition(":")
        kind = kind.replace("-", "_")  # "lab-result": a URL scheme cannot hold "_"
        if self.chart is None or self.tasks is None:
            return
        if kind == "vaccinations":
            view = VaccinationsView(self.tasks, self.chart, self)
            view.changed.connect(self.reload)
            view.show()
            self.vaccinations_view = view
            return
        if kind == "growth":
            growth = GrowthView(self.chart, self)
            growth.show()
            self.growth_view = growth
            return
        if kind == "lab_results":
            lab = LabResultsView(self.tasks, self.chart, self, fetch_for=self.fetch_for)
            lab.changed.connect(self.reload)
            lab.show()
            self.lab_view = lab
            return
        if kind == "no_known_allergy":
            self.withdraw_none_known(record_id)
            return
        if kind == "document":
            found = [d for d in self.chart.documents if d.id == record_id]
            if found:
                self.open_document(found[0])
            return
        record = self.chart.find(kind, record_id) if kind in DIALOGS else None
        if record is not None:
            self._open_record(kind, record)

    def _open_record(self, kind: str, record: Row | None) -> None:
        if self.chart is None or self.tasks is None:
            return
        dialog_type = DIALOGS[kind]
        extra = {"documents": self.chart.documents} if kind == "lab_result" else {}
        dialog = dialog_type(self.tasks, self.chart.id, self, record=record, **extra)
        dialog.saved.connect(lambda _: self.reload())
        dialog.show()
        self.dialog = dialog

    def _show_entry(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        kind, entry = item.data(0, Qt.ItemDataRole.UserRole)
        self.detail.setHtml(consultation_html(kind, entry))
        # A note not on this computer yet cannot be amended: a version written without
        # its parent would stand beside it as a concurrent one once it arrives.
        self.amend_button.setEnabled(kind == "consultation" and entry.current is not None)

    def _entry_activated(self, *_: Any) -> None:
        if self.amend_button.isEnabled():  # a consultation whose note is here
            self.amend_selected()

    def amend_selected(self) -> None:
        """A new version of the selected consultation, in the editor (never overwritten)."""
        item = self.timeline.currentItem()
        if item is None or self.chart is None or self.tasks is None or self.drafts is None:
            return
        kind, entry = item.data(0, Qt.ItemDataRole.UserRole)
        if kind != "consultation":
            return
        c = self.chart

        def show(editor: ConsultationEditor) -> None:
            editor.saved.connect(lambda _: self.reload())
            editor.show()
            self.editor = editor

        open_consultation(
            self,
            self.tasks,
            self.drafts,
            c.id,
            c.full_name(),
            show,
            amend=entry,
            born=c.birth_date,
        )


def practitioner_names(p: Any) -> dict[str, str]:
    """On the worker: user id -> the name the agenda shows, for every person."""
    return {str(u["id"]): str(u.get("display_name") or u.get("username") or "") for u in p.users()}

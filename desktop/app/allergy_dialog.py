"""An allergy or intolerance of the chart, added, edited or deleted; and the chart's
allergy area, mixed into ``ChartView``: the statement "no known allergy" recorded from its
button and shown with who recorded it and when (allergy_status.py holds the store's side).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QWidget

from desktop.app import ops
from desktop.app.allergy_status import (
    NONE_KNOWN,
    add_allergy,
    record_none_known,
    stated_by,
    withdraw_none_known,
)
from desktop.app.allergy_status import statement as standing_statement
from desktop.app.chart_html import header_html, summary_html
from desktop.app.confirm import ask
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.record_dialogs import EditOrAdd
from desktop.app.tasks import Tasks
from desktop.practice.audit_query import AccessEntry
from desktop.practice.models import Allergy, Chart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser

    class _ChartView(QWidget):
        """For the type checker only: what the mixin uses of ``ChartView`` (at run time
        it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        tasks: Tasks | None
        chart: Chart | None
        header: QLabel
        summary: QTextBrowser
        stamps: dict[str, AccessEntry | None]
        practitioner_names: dict[str, str]

        def reload(self) -> None: ...

else:
    _ChartView = object


SEVERITIES = (
    QT_TRANSLATE_NOOP("AllergyDialog", "mild"),
    QT_TRANSLATE_NOOP("AllergyDialog", "moderate"),
    QT_TRANSLATE_NOOP("AllergyDialog", "severe"),
    QT_TRANSLATE_NOOP("AllergyDialog", "life-threatening (anaphylaxis)"),
)


class AllergyDialog(EditOrAdd):
    """An allergy or intolerance: substance or drug class, reaction, severity (shown in
    the chart header)."""

    entity = "allergy"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: Allergy | None = None,
    ) -> None:
        title = self.tr("Edit an allergy") if record else self.tr("Add an allergy")
        super().__init__(tasks, patient_id, record, title, parent)
        r = record or Allergy.blank()
        self.add_edit("substance", self.tr("Substance or drug class"), r.substance)
        self.add_edit("reaction", self.tr("Reaction"), r.reaction)
        self.severity = QComboBox()
        self.severity.setEditable(True)
        self.severity.addItem("")
        for label in SEVERITIES:
            self.severity.addItem(self.tr(label))
        self.severity.setCurrentText(r.severity or "")
        self.form.addRow(self.tr("Severity"), self.severity)
        self.kind = QComboBox()
        for code, label in (
            ("allergy", self.tr("Allergy")),
            ("intolerance", self.tr("Intolerance")),
        ):
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(self.kind.findData(r.kind or "allergy"), 0))
        self.form.addRow(self.tr("Kind"), self.kind)
        self.ends = QLabel()  # a new allergy ends the chart's "no known allergy": said so
        self.ends.setObjectName("endsStatement")
        self.ends.setWordWrap(True)
        self.ends.hide()
        self.form.addRow(self.ends)
        if record is None:
            tasks.db(
                lambda p: bool(p.records("allergy", patient_id=patient_id, kind=NONE_KNOWN)),
                on_done=self._statement_found,
            )

    def _statement_found(self, found: bool) -> None:
        if found:
            self.ends.setText(
                self.tr("The chart says “no known allergy”: saving this allergy ends that.")
            )
            self.ends.show()

    def save(self) -> None:
        fields: dict[str, Any] = self.text_fields()
        if not fields["substance"]:
            self.error.setText(self.tr("Name the substance."))
            return
        fields["severity"] = self.severity.currentText().strip() or None
        fields["kind"] = self.kind.currentData()
        if self.record is None:  # with the end of a "no known allergy", in one transaction
            fields["patient_id"] = self.patient_id
            self.write(lambda p: add_allergy(p, fields))
            return
        self.write_fields(fields)


AddAllergyDialog = AllergyDialog


class AllergyArea(_ChartView):
    """Mixed into ``ChartView``: its header and summary, with who recorded "no known
    allergy" and when, and the statement's button."""

    def show_allergy_area(self, chart: Chart) -> None:
        """Header and summary; the statement's stamp once the audit says it (read on the
        worker, once per statement)."""
        said = standing_statement(chart.allergies)
        stamp = self.stamps.get(said.id) if said is not None else None
        self.header.setText(header_html(chart, stamp))
        self.summary.setHtml(summary_html(chart, stamp, self.practitioner_names))
        if said is None or said.id in self.stamps or self.tasks is None:
            return
        self.stamps[said.id] = None  # asked once, until it answers

        def stamped(entry: AccessEntry | None) -> None:
            if entry is None:  # its audit entry has not arrived yet: asked again next time
                self.stamps.pop(said.id, None)
                return
            self.stamps[said.id] = entry
            if self.chart is chart:
                self.header.setText(header_html(chart, entry))
                self.summary.setHtml(summary_html(chart, entry, self.practitioner_names))

        try:
            self.tasks.db(lambda p: stated_by(p, said), on_done=stamped)
        except RuntimeError:  # the workers are stopped: the app quits
            return

    def record_none_known(self) -> None:
        """Record "no known allergy" (refused by the store while an allergy is recorded)."""
        if self.chart is None or self.tasks is None:
            return
        patient_id = self.chart.id
        ops.Op(self, self.tasks, lambda p: record_none_known(p, patient_id)).success(
            self._none_known_done
        ).changes(ops.Changes(sync=True)).run()

    def withdraw_none_known(self, record_id: str) -> None:
        """The statement clicked in the summary: asked, then ended (a deletion, kept in the
        chart's history and the audit, as any): the chart says again that allergies
        are not documented."""
        if self.chart is None or self.tasks is None:
            return
        said = standing_statement(self.chart.allergies)
        if said is None or said.id != record_id:
            return
        patient_id, tasks = self.chart.id, self.tasks

        def withdraw() -> None:
            ops.Op(self, tasks, lambda p: withdraw_none_known(p, patient_id, record_id)).success(
                lambda _: self.reload()
            ).changes(ops.Changes(sync=True)).run()

        self.withdraw_box = ask(
            self,
            self.tr("No known allergy"),
            self.tr(
                "Withdraw “no known allergy” from this chart? It will say again that "
                "allergies are not documented. The statement stays in the chart's history."
            ),
            yes=self.tr("Withdraw"),
            no=self.tr("Keep it"),
            on_yes=withdraw,
        )

    def _none_known_done(self, record_id: str) -> None:
        if not record_id:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(
                    self.tr("An allergy is recorded for this patient: “no known allergy” was not."),
                    10_000,
                )
        self.reload()

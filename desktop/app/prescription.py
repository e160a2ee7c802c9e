"""Writing a prescription: drugs completed by DCI and brand, renewal of a previous one,
templates, an allergy check before saving, then saved, saved as PDF, or printed.

Everything that reads or writes (the chart, the drug list, the save, the PDF, the
pages sent to the printer) runs on the store's worker; the dialog only gathers lines.
Nothing says "printed" until the pages went to the printer. The drug search is
`rx_drug_search.DrugSearch`, the checks and the three ways to save `rx_saving.RxSaving`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QCompleter,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.allergy_status import real_allergies, statement
from desktop.app.paper import say_failure
from desktop.app.rx_dialogs import AllergyWarning
from desktop.app.rx_drug_search import DrugSearch
from desktop.app.rx_lines import LinesTable
from desktop.app.rx_renew import Earlier, RenewDialog
from desktop.app.rx_saving import RxSaving
from desktop.app.rx_templates import TemplatesDialog
from desktop.app.tasks import Tasks
from desktop.practice import practitioners, prescriptions
from desktop.practice.allergies import default_table
from desktop.practice.drugs import Drug, DrugIndex
from desktop.practice.prescriptions import CHILD_UNDER_YEARS, RxLine


def _load(p: Any, patient_id: str) -> dict[str, Any]:
    """What the editor shows: the patient, allergies, measures, earlier prescriptions,
    the practice's templates (one audited chart read)."""
    chart = p.chart(patient_id)
    default_table()  # read once here, so the UI thread's allergy marks find it cached
    weight, height = prescriptions.latest_measures(chart)
    earlier = [
        Earlier(
            str(item.prescribed_at or ""),
            prescriptions.lines_of(item.current),
            str(item.current.notes or ""),
        )
        for item in chart.prescriptions
        if item.current is not None
    ]
    current = [
        RxLine(t.drug, t.dosage or "", long_term=True)
        for t in chart.treatments
        if t.drug and not t.stopped
    ]
    if current:  # a renewal of what the patient takes, first
        earlier.insert(0, Earlier("", current, current=True))
    return {
        "patient": prescriptions.patient_on_paper(chart.identity()),
        "allergies": [a.substance for a in real_allergies(chart.allergies) if a.substance],
        # Asked and none known, or never asked: the header says which (never silence).
        "none_known": statement(chart.allergies) is not None,
        "weight": weight,
        "height": height,
        "earlier": earlier,
        "templates": prescriptions.templates(p),
        "missing": practitioners.missing_mentions(
            practitioners.practice_details(p), practitioners.prescriber(p, p.user_id)
        ),
    }


class PrescriptionEditor(DrugSearch, RxSaving, QDialog):
    saved = Signal(str)  # the prescription's id
    pdf_written = Signal(str)  # the PDF's path
    printed = Signal(str)  # the printer's name, once the pages were sent to it

    def __init__(
        self, tasks: Tasks, patient_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self.patient_id = tasks, patient_id
        self.setObjectName("prescriptionEditor")
        self.setWindowTitle(self.tr("Prescription: {0}").format(title))
        self.resize(1100, 580)
        self.saved_id: str | None = None
        self.info: dict[str, Any] = {}
        self._index: DrugIndex | None = None  # opened, used and closed on the worker only
        self._hits: dict[str, Drug] = {}
        self.warning: AllergyWarning | None = None
        self.incomplete_question: Any = None  # lines without posology or duration
        self.print_dialog: Callable[[QPrinter], bool] = self._ask_printer
        self._leaving = False  # the GP chose to discard the lines
        self.discard_question: QMessageBox | None = None

        self.patient = QLabel(self.tr("Loading the chart…"))
        self.patient.setObjectName("rxPatient")
        self.patient.setWordWrap(True)
        self.drug_search = QLineEdit()
        self.drug_search.setObjectName("drugSearch")
        self.drug_search.setPlaceholderText(self.tr("amoxicilline, Doliprane…"))
        self.drug_search.setAccessibleName(self.tr("Drug (DCI or brand)"))
        search_label = QLabel(self.tr("&Drug (DCI or brand):"))
        search_label.setBuddy(self.drug_search)
        self.drug_model = QStringListModel(self)
        self.completer = QCompleter(self.drug_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(15)
        self.drug_search.setCompleter(self.completer)
        self.completer.activated.connect(self._picked)
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._search)
        self.drug_search.textEdited.connect(lambda _: self._search_timer.start())
        self.drug_search.returnPressed.connect(self._add_typed)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self._add_typed)

        self.table = LinesTable()
        self.weight_box = self._spin(self.tr("Weight (kg)"), 0, 300, 1, "weight")
        self.height_box = self._spin(self.tr("Height (cm)"), 0, 250, 0, "height")
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        notes_label = QLabel(self.tr("&Notes:"))
        notes_label.setBuddy(self.notes)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        # Its own line, kept while the editor is open: in the status line, the first
        # letter typed in the drug field replaced it ("11 propositions…") unread.
        self.mentions = QLabel()
        self.mentions.setObjectName("missingMentions")
        self.mentions.setWordWrap(True)
        self.mentions.setStyleSheet("color: #8a5a00")
        self.mentions.hide()

        remove = QPushButton(self.tr("Remove the line"))
        remove.clicked.connect(self.table.remove_current)
        # The earlier prescriptions in a dialog of their own (rx_renew.py: a menu's
        # items are out of a screen reader's reach).
        self.renew_button = QPushButton(self.tr("Renew…"))
        self.renew_button.setToolTip(self.tr("Renew an earlier prescription of this patient"))
        self.renew_button.clicked.connect(self.ask_renewal)
        self.renew_dialog: RenewDialog | None = None
        # The practice's templates, in a dialog of their own too (rx_templates.py).
        self.templates_button = QPushButton(self.tr("Templates…"))
        self.templates_button.setToolTip(
            self.tr("Add the lines of a template, or save these lines as one")
        )
        self.templates_button.clicked.connect(self.ask_template)
        self.templates: list[prescriptions.Template] = []
        self.templates_dialog: TemplatesDialog | None = None
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("pdf")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.save_button.clicked.connect(lambda: self.start(self._save_only))
        self.pdf_button.clicked.connect(lambda: self.start(self._save_pdf))
        self.print_button.clicked.connect(lambda: self.start(self._save_print))

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.drug_search, 1)
        search_row.addWidget(add)
        measures = QHBoxLayout()
        for spin in (self.weight_box, self.height_box):
            caption = QLabel(spin.accessibleName() + " :")
            caption.setBuddy(spin)
            measures.addWidget(caption)
            measures.addWidget(spin)
        measures.addWidget(notes_label)
        measures.addWidget(self.notes, 1)
        buttons = QHBoxLayout()
        for tool in (remove, self.renew_button, self.templates_button):
            buttons.addWidget(tool)
        buttons.addStretch(1)
        for button in (self.save_button, self.pdf_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.patient)
        layout.addWidget(self.mentions)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(measures)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.finished.connect(self._close_index)
        self.reload()

    def _spin(self, name: str, low: float, high: float, decimals: int, key: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(key)
        spin.setAccessibleName(name)
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setSpecialValueText("—")  # 0: not given
        return spin

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        patient_id = self.patient_id
        self.tasks.db(lambda p: _load(p, patient_id), on_done=self._loaded, on_error=self._failed)

    def _loaded(self, info: dict[str, Any]) -> None:
        self.info = info
        pt = info["patient"]
        age = pt.age_on(dt.date.today())
        text = f"<b>{pt.family_name.upper()} {pt.given_names}</b>"
        if age is not None:
            text += " · " + self.tr("{0} years").format(age)
        if info["allergies"]:
            text += (
                " · <span style='color:#c00000'><b>"
                + self.tr("Allergies: {0}").format(", ".join(info["allergies"]))
                + "</b></span>"
            )
        elif info.get("none_known"):
            known = self.tr("No known allergy")
            text += f" · <span style='color:#1d6b2f'><b>{known}</b></span>"
        else:
            unknown = self.tr("Allergies not documented")
            text += f" · <i style='color:#8a5a00'>{unknown}</i>"
        self.patient.setText(text)
        if self.is_child() and info["weight"] and not self.weight_box.value():
            self.weight_box.setValue(float(info["weight"]))
            self.height_box.setValue(float(info["height"] or 0))
        self._fill_renew_menu(info["earlier"])
        self._keep_templates(info["templates"])
        missing = info.get("missing")
        self.mentions.setText("⚠ " + self.missing_text(missing) if missing else "")
        self.mentions.setVisible(bool(missing))

    def missing_text(self, missing: list[str]) -> str:
        """The mentions the law requires on the paper that are not filled in yet, and where."""
        names = {
            "name": self.tr("your name"),
            "qualification": self.tr("your qualification"),
            "rpps": self.tr("your RPPS number"),
            "address": self.tr("the address"),
            "phone": self.tr("the phone number"),
        }
        return self.tr(
            "This ordonnance will lack {0}, which the law requires: fill them in "
            "Practice > My practitioner profile… or Practice > Practice details…"
        ).format(", ".join(names[m] for m in missing))

    def is_child(self) -> bool:
        pt = self.info.get("patient")
        age = pt.age_on(dt.date.today()) if pt is not None else None
        return age is not None and age < CHILD_UNDER_YEARS

    def _fill_renew_menu(self, earlier: list[Earlier]) -> None:
        self.renew_button.setEnabled(bool(earlier))

    def ask_renewal(self) -> None:
        """The earlier prescriptions, the newest chosen: Enter renews it."""
        dialog = RenewDialog(self.info.get("earlier") or [], self)
        dialog.chosen.connect(lambda past: self.renew(past.lines, past.notes))
        dialog.open()
        self.renew_dialog = dialog

    def renew(self, lines: list[RxLine], notes: str = "") -> None:
        """The earlier prescription's lines and notes, for today (weight and height from
        the chart)."""
        self.table.set_lines(list(lines))
        if notes and not self.notes.text().strip():
            self.notes.setText(notes)
        self.status.setText(self.tr("Renewed: check the lines, then save or print."))
        self.mark_allergies()

    def _keep_templates(self, templates: list[prescriptions.Template]) -> None:
        self.templates = list(templates)

    def ask_template(self) -> None:
        """The practice's templates, the first chosen: Enter adds its lines."""
        dialog = TemplatesDialog(self.templates, self)
        dialog.chosen.connect(self.use_template)
        dialog.save_asked.connect(self._ask_template_name)
        dialog.open()
        self.templates_dialog = dialog

    def use_template(self, template: prescriptions.Template) -> None:
        for line in template.lines:
            self.table.add(line)
        if template.notes and not self.notes.text():
            self.notes.setText(template.notes)

    def _ask_template_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Template"), self.tr("Template name:"))
        if ok and name.strip():
            self.save_template(name.strip())

    def save_template(self, name: str) -> None:
        lines = self._lines_or_say()
        if lines is None:
            return
        notes = self.notes.text().strip()

        def write(p: Any) -> list[prescriptions.Template]:
            prescriptions.save_template(p, name, lines, notes)
            return prescriptions.templates(p)

        def done(templates: list[prescriptions.Template]) -> None:
            self._keep_templates(templates)
            self.status.setText(self.tr("Template \u201c{0}\u201d saved.").format(name))

        ops.Op(self, self.tasks, write).success(done).failure(self._failed).changes(
            ops.Changes(sync=True)
        ).run()

    def reject(self) -> None:
        """Escape or closing the window: lines not saved are not dropped without asking."""
        if self.saved_id is None and not self._leaving and self.table.rowCount() > 0:
            self._ask_discard()
            return
        super().reject()

    def _ask_discard(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the prescription"))
        box.setText(self.tr("This prescription is not saved. Discard it?"))
        discard = box.addButton(
            self.tr("Discard the prescription"), QMessageBox.ButtonRole.DestructiveRole
        )
        back = box.addButton(self.tr("Continue writing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)  # Escape then Enter keeps the work
        box.setEscapeButton(back)

        def answered(button: QAbstractButton) -> None:
            if button is discard:
                self._leaving = True
                self.reject()

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.discard_question = box
        box.open()

    def _busy(self, busy: bool) -> None:
        for button in (self.save_button, self.pdf_button, self.print_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        say_failure(self.status, exc)

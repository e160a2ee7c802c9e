"""Small chart edits: the patient's identity or a problem (antécédent), added, edited,
resolved or deleted (a tombstone: the chart's history keeps it, undoable). An allergy's
dialog, on the same ``EditOrAdd``, is in allergy_dialog.py.

Each dialog only gathers fields; the write is one action (``ops.Op``) on the store's worker
and the dialog closes when the store has accepted it (a refusal stays on screen as a
sentence)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.dates import DateError, parse_date, show_date, shows_understood
from desktop.app.diagnosis_completer import Cim10Completer
from desktop.app.errors import message_for
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.identity_text import nir_disagrees, show_nir, show_phone
from desktop.app.tasks import Tasks
from desktop.practice.models import Chart, Problem, Row

IDENTITY_FIELDS = (
    "family_name",
    "birth_name",
    "given_names",
    "birth_date",
    "nir",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "referring_gp",
)


class WriteDialog(QDialog):
    """A form whose Save writes on the store's worker: Save and Cancel, an error line,
    closed (``saved``) once the store has accepted the write; a refusal stays on screen
    as a sentence and Save comes back. Subclasses build ``form`` and define ``save``."""

    saved = Signal(str)

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(title)
        self.setMinimumWidth(460)  # room for a French label and what is typed beside it
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color:#c00000")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_shortcut)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Tab follows the form as it reads, then the buttons; typing starts in the first
        field (the buttons, built first, would otherwise take the first keystrokes)."""
        if not getattr(self, "_tabs_ordered", False):
            self._tabs_ordered = True
            chain = [*form_focus_chain(self.form), *button_row(self.buttons)]
            for before, after in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(before, after)
            focused = self.focusWidget()
            fields = chain[: len(chain) - len(self.buttons.buttons())]
            if fields and (
                focused is None or not any(focused is f or f.isAncestorOf(focused) for f in fields)
            ):
                fields[0].setFocus(Qt.FocusReason.TabFocusReason)
        super().showEvent(event)

    def _save_shortcut(self) -> None:
        if self.buttons.isEnabled():  # not while a save is on its way
            self.save()

    def write(self, fn: Callable[[Any], str]) -> None:
        """``fn(practice)`` (returns the record id) as one action on the store's worker;
        it announces something to sync (``saved`` tells the opener what to read again)."""
        self.buttons.setEnabled(False)
        ops.Op(self, self.tasks, fn).success(self._done).failure(self._failed).changes(
            ops.Changes(sync=True)
        ).run()

    def _done(self, record_id: str) -> None:
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.buttons.setEnabled(True)
        self.error.setText(text)


def _tab_stops(widget: QWidget) -> list[QWidget]:
    """The widget if Tab stops on it, else its descendants that Tab stops on."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
        return [widget]
    return [
        w
        for w in widget.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not w.isWindow()
        and not w.isHidden()
    ]


def form_focus_chain(form: QFormLayout) -> list[QWidget]:
    """The fields of ``form`` a Tab stops on, top to bottom (the order a GP reads them)."""
    chain: list[QWidget] = []
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            item = form.itemAt(row, role)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                chain.extend(_tab_stops(widget))
    return chain


def button_row(buttons: QDialogButtonBox) -> list[QAbstractButton]:
    """The buttons of ``buttons`` left to right, as laid out on this platform."""
    return sorted((b for b in buttons.buttons() if b.isVisibleTo(buttons)), key=lambda b: b.x())


class _RecordDialog(WriteDialog):
    """A form of line edits; subclasses say which fields and what Save writes."""

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, title, parent)
        self.edits: dict[str, QLineEdit] = {}

    def add_edit(self, field: str, label: str, value: Any = None) -> QLineEdit:
        edit = QLineEdit("" if value is None else str(value))
        edit.setObjectName(field)
        # Never squeezed by a long label (the lab result's): room for a typed value and
        # the example beside it ("Hémoglobine, TSH, HbA1c…").
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 36)
        self.form.addRow(label, edit)
        self.edits[field] = edit
        return edit

    def text_fields(self) -> dict[str, str | None]:
        return {k: (e.text().strip() or None) for k, e in self.edits.items()}


class IdentityDialog(_RecordDialog):
    """Edit the identity; only the fields that changed are written (one change each).
    The birth date is typed and shown as dd/mm/yyyy."""

    def __init__(self, tasks: Tasks, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Edit identity"), parent)
        self.patient_id: str = chart.id
        identity = chart.identity()
        self.before = {f: identity[f] for f in (*IDENTITY_FIELDS, "sex")}
        labels = {
            "family_name": self.tr("Family name"),
            "birth_name": self.tr("Birth name"),
            "given_names": self.tr("Given names"),
            "birth_date": self.tr("Birth date (dd/mm/yyyy)"),
            "nir": self.tr("Social security number"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "address": self.tr("Address"),
            "postal_code": self.tr("Postal code"),
            "city": self.tr("City"),
            "referring_gp": self.tr("Referring GP"),
        }
        for field in IDENTITY_FIELDS:
            value = identity[field]
            self.add_edit(
                field, labels[field], show_date(value) if field == "birth_date" else value
            )
        self.edits["birth_date"].setPlaceholderText(self.tr("22/06/1941"))
        shows_understood(self.edits["birth_date"])
        self.sex = QComboBox()
        sexes = (("F", self.tr("Female")), ("M", self.tr("Male")), ("U", self.tr("Unknown")))
        for code, label in sexes:
            self.sex.addItem(label, code)
        index = self.sex.findData(chart.sex or "U")
        self.sex.setCurrentIndex(max(index, 0))
        self.form.insertRow(3, self.tr("Sex"), self.sex)
        for name, shown in (("nir", show_nir), ("phone", show_phone)):
            edit = self.edits[name]
            edit.setText(shown(edit.text()))  # read in groups, typed any way
            edit.editingFinished.connect(lambda e=edit, f=shown: e.setText(f(e.text())))
        self._sex_from_nir_only = False  # the sex shown was guessed from the NIR typed
        self.sex.activated.connect(lambda _: setattr(self, "_sex_from_nir_only", False))
        self.edits["nir"].textEdited.connect(self._sex_from_nir)
        self._nir_doubt_shown = False  # said once; a second save keeps the number
        for edit in (self.edits["nir"], self.edits["birth_date"]):
            edit.textEdited.connect(self._nir_doubt_gone)
        self.sex.currentIndexChanged.connect(self._nir_doubt_gone)

    def _nir_doubt_gone(self, *_: Any) -> None:
        self._nir_doubt_shown = False

    def nir_doubt(self) -> str | None:
        """Once, why the NIR may be someone else's (its sex or birth month and year are
        not the ones typed), translated; None when it agrees or was already said."""
        if self._nir_doubt_shown:
            return None
        try:
            born: str | None = parse_date(self.edits["birth_date"].text())
        except DateError:
            born = None
        says = nir_disagrees(self.edits["nir"].text(), self.sex.currentData(), born)
        if says is None:
            return None
        self._nir_doubt_shown = True
        holder, when = says
        if holder == "M":
            text = self.tr(
                "This social security number is a man's, born in {0}: not the sex or birth "
                "date typed. Is it the patient's own number, not the insured person's? Save "
                "again to keep it."
            )
        elif holder == "F":
            text = self.tr(
                "This social security number is a woman's, born in {0}: not the sex or birth "
                "date typed. Is it the patient's own number, not the insured person's? Save "
                "again to keep it."
            )
        else:
            text = self.tr(
                "This social security number is of someone born in {0}: not the birth date "
                "typed. Is it the patient's own number, not the insured person's? Save again "
                "to keep it."
            )
        return text.format(when)

    def _sex_from_nir(self, text: str) -> None:
        """A NIR starts with 1 (man) or 2 (woman): a sex still unknown follows it."""
        first = text.strip()[:1]
        if first in ("1", "2") and (self.sex.currentData() == "U" or self._sex_from_nir_only):
            self.sex.setCurrentIndex(self.sex.findData("M" if first == "1" else "F"))
            self._sex_from_nir_only = True

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the chart, the birth date typed the French way as
        ISO (a text that is no date is passed on as typed: the store refuses it in words)."""
        now: dict[str, Any] = {**self.text_fields(), "sex": self.sex.currentData()}
        try:
            now["birth_date"] = parse_date(self.edits["birth_date"].text())
        except DateError:
            now["birth_date"] = self.edits["birth_date"].text().strip()
        for name, shown in (("nir", show_nir), ("phone", show_phone)):
            if now.get(name) and now[name] == shown(self.before.get(name)):
                now[name] = self.before.get(name)  # only shown in groups: not a change
        return {k: v for k, v in now.items() if v != (self.before.get(k) or None)}

    def date_problem(self) -> str | None:
        """Why the birth date typed is not one (translated), or None."""
        try:
            parse_date(self.edits["birth_date"].text())
        except DateError as exc:
            return self.tr("Birth date: {0}").format(exc)
        return None

    def save(self) -> None:
        problem = self.date_problem() or self.nir_doubt()
        if problem:
            self.error.setText(problem)
            return
        fields = self.changes()
        if not fields:
            self.reject()
            return
        if not fields.get("family_name", True):
            self.error.setText(self.tr("The family name cannot be empty."))
            return
        patient_id = self.patient_id

        def update(p: Any) -> str:
            p.update_record("patient", patient_id, fields)
            return patient_id

        self.write(update)


PROBLEM_KINDS = (
    ("medical", QT_TRANSLATE_NOOP("ProblemDialog", "Medical")),
    ("surgical", QT_TRANSLATE_NOOP("ProblemDialog", "Surgical")),
    ("family", QT_TRANSLATE_NOOP("ProblemDialog", "Family")),
    ("obstetric", QT_TRANSLATE_NOOP("ProblemDialog", "Obstetric")),
    ("other", QT_TRANSLATE_NOOP("ProblemDialog", "Other")),
)


def _same(typed: Any, stored: Any) -> bool:
    """Whether a field typed in a form is what the chart holds ("" and None alike; a
    yes/no False is an answer, not an empty field)."""
    if isinstance(typed, bool) or isinstance(stored, bool):
        return typed is stored or (typed is not None and typed == stored)
    return bool(typed == (stored or None))


class EditOrAdd(_RecordDialog):
    """A record of the chart, new (``record`` None) or existing: then only the changed
    fields are written, and Delete leaves a tombstone after a confirmation."""

    entity = ""

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        record: Row | None,
        title: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(tasks, title, parent)
        self.patient_id, self.record = patient_id, record
        self.delete_button: QPushButton | None = None
        if record is not None:
            self.delete_button = self.buttons.addButton(
                self.tr("Delete…"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self.ask_delete)
        self.confirm: QMessageBox | None = None

    def write_fields(self, fields: dict[str, Any]) -> None:
        entity, record = self.entity, self.record
        if record is None:
            fields = {**fields, "patient_id": self.patient_id}
            self.write(lambda p: str(p.create_record(entity, fields)))
            return
        changed = {k: v for k, v in fields.items() if not _same(v, record.field(k))}
        if not changed:
            self.reject()
            return
        record_id = record.id

        def update(p: Any) -> str:
            p.update_record(entity, record_id, changed)
            return record_id

        self.write(update)

    def ask_delete(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(self.tr("Delete this entry from the chart?"))
        box.setInformativeText(self.tr("It stays in the chart's history and can be restored."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(self.delete)
        self.confirm = box
        box.open()

    def delete(self) -> None:
        assert self.record is not None
        entity, record_id = self.entity, self.record.id

        def tombstone(p: Any) -> str:
            p.delete_record(entity, record_id)
            return record_id

        self.write(tombstone)


class ProblemDialog(EditOrAdd):
    """A problem or history entry: label, CIM-10 code (completed from the code or the
    words typed), kind, since when, resolved when (dates as 22/06/1941, 06/1941 or 1941)."""

    entity = "problem"

    def __init__(
        self,
        tasks: Tasks,
        patient_id: str,
        parent: QWidget | None = None,
        record: Problem | None = None,
    ) -> None:
        title = self.tr("Edit a problem") if record else self.tr("Add a problem")
        super().__init__(tasks, patient_id, record, title, parent)
        r = record or Problem.blank()
        self.add_edit("label", self.tr("Problem"), r.label)
        self.add_edit("cim10", self.tr("CIM-10 code"), r.cim10)
        self.edits["label"].setPlaceholderText(self.tr("a diagnosis, or a CIM-10 code: J02…"))
        self.cim10 = Cim10Completer(tasks, self.edits["label"], self.edits["cim10"])
        self.kind = QComboBox()
        for code, label in PROBLEM_KINDS:
            self.kind.addItem(self.tr(label), code)
        self.kind.setCurrentIndex(max(self.kind.findData(r.kind or "medical"), 0))
        self.form.addRow(self.tr("Kind"), self.kind)
        self.add_edit("onset", self.tr("Since (dd/mm/yyyy, mm/yyyy or yyyy)"), show_date(r.onset))
        self.add_edit("resolved", self.tr("Resolved on"), show_date(r.resolved))
        for name in ("onset", "resolved"):
            self.edits[name].setPlaceholderText(self.tr("1975, 06/1975 or 22/06/1975"))
            shows_understood(self.edits[name], partial=True)

    def fields(self) -> dict[str, Any]:
        """What Save writes; DateError (a sentence naming the field) for a wrong date."""
        fields: dict[str, Any] = {**self.text_fields(), "kind": self.kind.currentData()}
        for name, label in (("onset", self.tr("Since")), ("resolved", self.tr("Resolved on"))):
            try:
                fields[name] = parse_date(self.edits[name].text(), partial=True)
            except DateError as exc:
                raise DateError(self.tr("{0}: {1}").format(label, exc)) from None
        return fields

    def save(self) -> None:
        try:
            fields = self.fields()
        except DateError as exc:
            self.error.setText(str(exc))
            return
        if not fields["label"]:
            self.error.setText(self.tr("Describe the problem."))
            return
        if fields["onset"] and fields["resolved"] and fields["resolved"] < fields["onset"]:
            self.error.setText(self.tr("The problem cannot be resolved before it began."))
            return
        self.write_fields(fields)


AddProblemDialog = ProblemDialog

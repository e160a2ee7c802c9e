"""Saving a prescription: its lines checked (renewals, a child's weight, allergies on the
worker, with a reason to go on), then saved, saved as PDF, or printed with the save."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.app import ops
from desktop.app.confirm import ask
from desktop.app.errors import message_for
from desktop.app.paper import ask_pdf_path, ask_printer, documents_folder, printed_on, printer_for
from desktop.app.rx_dialogs import AllergyWarning
from desktop.practice import prescriptions
from desktop.practice.prescriptions import AllergyHit, RxLine
from desktop.reports.prescription import pdf_name, print_ordonnance, write_ordonnance

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QLabel, QLineEdit

    from desktop.app.rx_lines import LinesTable
    from desktop.app.tasks import Tasks
    from desktop.practice.drugs import DrugIndex

    class _Editor(QDialog):
        """For the type checker only: what the mixin uses of ``PrescriptionEditor`` (at
        run time it is ``object``; lupdate needs these stubs outside the mixin's body)."""

        saved: SignalInstance
        pdf_written: SignalInstance
        printed: SignalInstance
        tasks: Tasks
        patient_id: str
        saved_id: str | None
        info: dict[str, Any]
        table: LinesTable
        weight_box: QDoubleSpinBox
        height_box: QDoubleSpinBox
        notes: QLineEdit
        status: QLabel
        warning: AllergyWarning | None
        incomplete_question: Any
        print_dialog: Callable[[QPrinter], bool]

        def is_child(self) -> bool: ...
        def _drugs(self, p: Any) -> DrugIndex: ...
        def _busy(self, busy: bool) -> None: ...
        def _failed(self, exc: BaseException) -> None: ...

else:
    _Editor = object

Then = Callable[[list[RxLine]], None]


class RxSaving(_Editor):
    """Mixed into ``PrescriptionEditor``: ``start(then)`` checks the lines, then ``then``
    is one of the three ways out (save, PDF, print); the prescription is saved once."""

    def _bad_renewals(self, bad: ValueError) -> None:
        self.status.setText(self.tr("Line {0}: renewals are a number (0 to 12).").format(bad))

    def _lines_or_say(self) -> list[RxLine] | None:
        """The table's lines; None, with the reason in the status line, if there are
        none or a renewal count is not a number."""
        try:
            lines = self.table.lines()
        except ValueError as bad:
            self._bad_renewals(bad)
            return None
        if not lines:
            self.status.setText(self.tr("Add at least one drug."))
            return None
        return lines

    def start(self, then: Then, *, incomplete_confirmed: bool = False) -> None:
        """Check the lines (and allergies, on the worker), then ``then(lines)``."""
        if self.saved_id is not None:
            then([])
            return
        lines = self._lines_or_say()
        if lines is None:
            return
        if self.is_child() and not self.weight_box.value():
            self.status.setText(
                self.tr("Enter the child's weight: it is printed on a child's prescription.")
            )
            self.weight_box.setFocus()
            return
        lacking = self._what_lines_lack(lines)
        if lacking and not incomplete_confirmed:
            self.incomplete_question = ask(
                self,
                self.windowTitle(),
                self.tr("{0} The ordonnance must say them. Save it anyway?").format(lacking),
                yes=self.tr("Save anyway"),
                no=self.tr("Complete the lines"),
                on_yes=lambda: self.start(then, incomplete_confirmed=True),
            )
            return
        patient_id = self.patient_id

        def check(p: Any) -> tuple[list[RxLine], list[AllergyHit]]:
            index = self._drugs(p)
            ready = [prescriptions.completed(line, index.resolve(line.drug)) for line in lines]
            return ready, prescriptions.check_allergies(p, patient_id, ready)

        self._busy(True)
        self.tasks.db(
            check, on_done=lambda found: self._checked(found, then), on_error=self._failed
        )

    def _what_lines_lack(self, lines: list[RxLine]) -> str:
        """What the law asks of each line and it lacks (R.5132-3: the posology, and the
        duration or the number of boxes), in one sentence; "" when nothing. A renewal of
        the current treatments comes without a duration: the GP adds it."""
        said = []
        for number, line in enumerate(lines, 1):
            if not line.dosage:
                said.append(self.tr("Line {0} ({1}) has no posology.").format(number, line.drug))
            if not line.duration and not line.quantity:
                said.append(
                    self.tr("Line {0} ({1}) has no duration nor number of boxes.").format(
                        number, line.drug
                    )
                )
        return " ".join(said)

    def _checked(self, found: tuple[list[RxLine], list[AllergyHit]], then: Then) -> None:
        lines, hits = found
        self.table.set_lines(lines)  # what will print: a brand shows as its DCI
        open_hits = [hit for hit in hits if not hit.overridden]
        if not open_hits:
            then(lines)
            return
        self._busy(False)
        warning = AllergyWarning(open_hits, self)
        self.warning = warning

        def anyway() -> None:
            reason = warning.reason.text().strip()
            forced = list(lines)
            for hit in open_hits:
                forced[hit.line] = dataclasses.replace(
                    forced[hit.line], allergy=hit.allergy, override_reason=reason
                )
            self.table.set_lines(forced)
            self._busy(True)
            then(forced)

        warning.accepted.connect(anyway)
        warning.rejected.connect(
            lambda: self.status.setText(self.tr("Not saved: change the prescription."))
        )
        warning.open()

    def _measures(self) -> tuple[float | None, float | None]:
        return (self.weight_box.value() or None, self.height_box.value() or None)

    def _write(
        self,
        lines: list[RxLine],
        after: Callable[[Any, str], Any] | None = None,
        on_done: Callable[[Any], None] | None = None,
    ) -> None:
        """Save (unless already saved), then ``after(practice, id)`` on the worker."""
        patient_id, saved = self.patient_id, self.saved_id
        weight, height = self._measures()
        notes = self.notes.text().strip() or None

        def work(p: Any) -> tuple[str, Any]:
            rx = saved or prescriptions.add(
                p, patient_id, lines, notes=notes, weight_kg=weight, height_cm=height
            )
            if after is None:
                return rx, None
            try:
                return rx, after(p, rx)
            except Exception as exc:  # saved, but the paper failed: say so, keep the id
                if message_for(exc) is None and not isinstance(exc, OSError):
                    raise
                return rx, exc

        def done(result: tuple[str, Any]) -> None:
            rx, outcome = result
            if self.saved_id is None:
                self.saved_id = rx
                self.saved.emit(rx)
                self.table.setEnabled(False)
            self._busy(False)
            if isinstance(outcome, BaseException):
                text = message_for(outcome) or str(outcome)
                self.status.setText(self.tr("Saved, but: {0}").format(text))
                return
            if on_done is not None:
                on_done(outcome)

        # The store's worker: the prescription and its paper go together (saved once).
        ops.Op(self, self.tasks, work).success(done).failure(self._failed).changes(
            ops.Changes(sync=True)
        ).run()

    def _save_only(self, lines: list[RxLine]) -> None:
        self._write(lines, on_done=lambda _: self.accept())

    def suggested_path(self) -> Path:
        pt = self.info.get("patient")
        return documents_folder() / pdf_name(pt.family_name if pt else "", dt.date.today())

    def _save_pdf(self, lines: list[RxLine]) -> None:
        self._busy(False)
        path = ask_pdf_path(self, self.tr("Save the prescription as PDF"), self.suggested_path())
        if path is None:
            self.status.setText(self.tr("No file chosen: nothing was saved."))
            return
        self._busy(True)

        def pdf(p: Any, rx: str) -> str:
            write_ordonnance(path, prescriptions.ordonnance(p, rx))
            return str(path)

        def written(where: str) -> None:
            self.pdf_written.emit(where)
            self.accept()

        self._write(lines, pdf, written)

    def _ask_printer(self, printer: QPrinter) -> bool:
        return ask_printer(self, printer, self.tr("Print the prescription"))

    def _save_print(self, lines: list[RxLine]) -> None:
        self._busy(False)
        printer = printer_for("Ordonnance")
        if not self.print_dialog(printer):
            self.status.setText(self.tr("Not printed."))
            return
        self._printer = printer  # alive until the worker has painted on it
        self._busy(True)

        def paint(p: Any, rx: str) -> str:
            print_ordonnance(printer, prescriptions.ordonnance(p, rx))
            return printed_on(printer)

        def sent(name: str) -> None:
            self.printed.emit(name)
            self.accept()

        self._write(lines, paint, sent)

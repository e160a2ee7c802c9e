"""Completion from the CIM-10 table: a problem's label and code (:class:`Cim10Completer`),
and the consultation's diagnoses (:class:`DiagnosisCompleter`), where the
diagnosis being typed (after the last ";") is looked up by code or words, accents aside,
and choosing a line writes it as "Label (CODE)", the form the note parses, keeping the
diagnoses typed before it. Free text stays allowed."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.app.tasks import Tasks
from desktop.practice import cim10


class Cim10Completer(QObject):
    """Completes a problem's label or CIM-10 code while it is typed (code or words, accents
    aside); choosing a line fills both fields. The table is read once, on the worker."""

    table: list[cim10.Cim10Code] | None = None  # shared by every dialog of the app

    def __init__(self, tasks: Tasks, label: QLineEdit, code: QLineEdit) -> None:
        super().__init__(label)
        self.label, self.code = label, code
        self.found: list[cim10.Cim10Code] = []
        self.model = QStringListModel(self)
        self.completers: list[QCompleter] = []
        for edit in (label, code):
            completer = QCompleter(self.model, edit)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.activated.connect(self._chosen)
            edit.setCompleter(completer)
            edit.textEdited.connect(lambda text, c=completer: self._typed(text, c))
            self.completers.append(completer)
        Cim10Completer.load_table(tasks)

    @staticmethod
    def load_table(tasks: Tasks) -> None:
        """Read the table on the worker once for the app (the consultation's diagnoses
        use it too)."""
        if Cim10Completer.table is None:
            # Kept by the class, not this completer: its dialog may be gone when it comes.
            tasks.on_db(cim10.load, on_done=_keep_cim10, on_error=lambda exc: None)

    def _typed(self, text: str, completer: QCompleter) -> None:
        self.found = cim10.search(Cim10Completer.table or [], text)
        self.model.setStringList([cim10.shown(c) for c in self.found])
        if self.found:
            completer.complete()

    def _chosen(self, line: str) -> None:
        for chosen in self.found:
            if cim10.shown(chosen) == line:
                # After the line edit's own handler, which puts the whole line in it.
                QTimer.singleShot(0, lambda c=chosen: self._fill(c))
                return

    def _fill(self, chosen: cim10.Cim10Code) -> None:
        self.label.setText(chosen.label)
        self.code.setText(chosen.code)


def _keep_cim10(table: list[cim10.Cim10Code]) -> None:
    Cim10Completer.table = table


def split_last(text: str) -> tuple[str, str]:
    """ "Angine (J02.9); hyperten" -> ("Angine (J02.9); ", "hyperten"): the diagnoses
    before the one being typed (with their separator), and that one."""
    head, sep, last = text.rpartition(";")
    if not sep:
        return "", text.lstrip()
    return head.rstrip() + "; ", last.lstrip()


class DiagnosisCompleter(QObject):
    """Completes the last diagnosis of a "; "-separated line edit. The completer is only
    attached to the edit (setWidget), so the edit never replaces its whole text with the
    line chosen: ``_chosen`` writes the diagnosis in the note's own form."""

    def __init__(self, tasks: Tasks, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.found: list[cim10.Cim10Code] = []
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, edit)
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated.connect(self._chosen)
        edit.textEdited.connect(self._typed)
        Cim10Completer.load_table(tasks)  # the problem dialog's table, read once

    def _typed(self, text: str) -> None:
        _, last = split_last(text[: self.edit.cursorPosition()])
        self.found = cim10.search(Cim10Completer.table or [], last)
        self.model.setStringList([cim10.shown(c) for c in self.found])
        if self.found:
            self.completer.complete()
        elif (popup := self.completer.popup()) is not None:
            popup.hide()

    def _chosen(self, line: str) -> None:
        for chosen in self.found:
            if cim10.shown(chosen) == line:
                head, _ = split_last(self.edit.text())
                self.edit.setText(f"{head}{chosen.label} ({chosen.code})")
                self.edit.setFocus()
                return

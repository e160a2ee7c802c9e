"""The consultation's diagnoses completed from the CIM-10 table while they are typed: the
diagnosis being typed (after the last ";") is looked up by code or words, accents aside,
and choosing a line writes it as "Label (CODE)", the form the note parses, keeping the
diagnoses typed before it. Free text stays allowed."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.app.record_dialogs import Cim10Completer
from desktop.app.tasks import Tasks
from desktop.practice import cim10


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

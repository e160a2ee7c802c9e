"""A new patient: the identity form, a check for the same person entered twice (the INS
traits: birth name, first given name, birth date, sex), then one write on the store's
worker. The dialog closes when the store has accepted the patient (``saved`` carries the
new id) and the window opens the chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop.app.dates import DateError, parse_date
from desktop.app.patient_list import patient_label
from desktop.app.record_dialogs import IdentityDialog
from desktop.app.tasks import Tasks
from desktop.practice import models


class NewPatientDialog(IdentityDialog):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(tasks, models.chart({"id": ""}, {}), parent)
        self.setWindowTitle(self.tr("New patient"))
        self.setAccessibleName(self.tr("New patient"))
        family, given, born = split_query(name)
        self.edits["family_name"].setText(family)
        self.edits["given_names"].setText(given)
        self.edits["birth_date"].setText(born)
        self.confirmed_duplicates = False
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Create"))
        for edit in self.edits.values():
            edit.textEdited.connect(self._traits_changed)
        self.sex.currentIndexChanged.connect(self._traits_changed)

    def _traits_changed(self, *_: Any) -> None:
        """An edited identity is checked again for duplicates."""
        if self.confirmed_duplicates:
            self.confirmed_duplicates = False
            self.save_button.setText(self.tr("Create"))
            self.error.clear()

    def save(self) -> None:
        fields = {k: v for k, v in self.changes().items() if v is not None}
        if not fields.get("family_name"):
            self.error.setText(self.tr("The family name cannot be empty."))
            return
        doubt = self.nir_doubt()
        if doubt:
            self.error.setText(doubt)
            return
        check = not self.confirmed_duplicates

        def create(p: Any) -> str:
            if check:
                twins = p.same_identity(fields)
                if twins:
                    raise _DuplicateError(twins)
            return str(p.create_record("patient", fields))

        self.write(create)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, _DuplicateError):
            super()._failed(exc)
            return
        self.buttons.setEnabled(True)
        names = "; ".join(patient_label(r) for r in exc.rows[:3])
        self.error.setText(
            self.tr(
                "A patient with the same birth name, first given name, birth date and sex "
                "already exists: {0}. Open their chart instead, or create this one anyway."
            ).format(names)
        )
        self.confirmed_duplicates = True
        self.save_button.setText(self.tr("Create anyway"))


def split_query(query: str) -> tuple[str, str, str]:
    """A search typed as "Dupré Anne 12/03/1961" (or 12031961): family name, given names
    and the birth date as typed; the first word is the family name, a date is the birth date."""
    words, born = [], ""
    for word in query.split():
        try:
            is_date = not born and parse_date(word) is not None
        except DateError:
            is_date = False
        if is_date:
            born = word
        else:
            words.append(word)
    return (words[0] if words else ""), " ".join(words[1:]), born


class _DuplicateError(Exception):
    """Raised on the worker when the INS traits match live patients (never logged)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__("same identity")
        self.rows = rows

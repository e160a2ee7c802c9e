"""Practice > Cabinet…: the practice's details, and each practitioner's profile (RPPS,
qualification, address, phone, email, locum), as the ordonnance prints them.

Both load and save on the store's worker (desktop/practice/practitioners.py); the writes
go through the store's one write path, so they sync to every computer of the practice.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop.app.record_dialogs import WriteDialog
from desktop.app.tasks import Tasks
from desktop.practice import practitioners
from desktop.practice.practitioners import Practitioner


class _FieldsDialog(WriteDialog):
    """Line edits named by field, each with a label that is its buddy (and its name)."""

    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None) -> None:
        super().__init__(tasks, title, parent)
        self.edits: dict[str, QLineEdit] = {}
        self.loaded: dict[str, Any] = {}

    def add_edit(self, field: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(field)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(placeholder)
        caption = QLabel(label)
        caption.setBuddy(edit)
        self.form.addRow(caption, edit)
        self.edits[field] = edit
        return edit

    def fill(self, values: dict[str, Any]) -> None:
        self.loaded = values
        for field, edit in self.edits.items():
            edit.setText(str(values.get(field) or ""))
        self.buttons.setEnabled(True)

    def changed(self) -> dict[str, str]:
        """Only what the user changed: one journalled change per field, no churn."""
        return {
            field: edit.text().strip()
            for field, edit in self.edits.items()
            if edit.text().strip() != str(self.loaded.get(field) or "")
        }

    def checked(self, values: dict[str, str]) -> str | None:
        """A translated sentence for the first bad value, else None."""
        if values.get("rpps") and not re.fullmatch(r"[0-9]{11}", values["rpps"]):
            return self.tr("The RPPS number has 11 digits.")
        if values.get("email") and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["email"]):
            return self.tr("The email address looks wrong (name@domain.fr).")
        if values.get("phone") and not re.fullmatch(r"\+?[0-9 .()-]{6,20}", values["phone"]):
            return self.tr("The phone number may hold only digits, spaces and + . - ( ).")
        return None


class PracticeDetailsDialog(_FieldsDialog):
    """The practice: name, address, phone, email, FINESS (printed on every page)."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Practice details"), parent)
        self.setObjectName("practiceDetails")
        self.add_edit("name", self.tr("Practice name"))
        self.add_edit("address", self.tr("Address"), self.tr("12 Linden Street"))
        self.add_edit("postal_code", self.tr("Postal code"))
        self.add_edit("city", self.tr("City"))
        self.add_edit("phone", self.tr("Phone"), "04 78 12 34 56")
        self.add_edit("email", self.tr("Email"))
        self.add_edit("finess", self.tr("FINESS number (optional)"))
        self.buttons.setEnabled(False)
        tasks.db(
            lambda p: asdict(practitioners.practice_details(p)),
            on_done=self.fill,
            on_error=self._failed,
        )

    def save(self) -> None:
        values = self.changed()
        if "name" in values and not values["name"]:
            self.error.setText(self.tr("The practice needs a name."))
            return
        problem = self.checked(values)
        if problem:
            self.error.setText(problem)
            return

        def write(p: Any) -> str:
            practitioners.set_practice_details(p, values)
            return str(p.practice_id)

        self.write(write)


class PractitionerDialog(_FieldsDialog):
    """A practitioner's professional identity; for a locum, whom they replace."""

    def __init__(self, tasks: Tasks, user_id: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, self.tr("Practitioner profile"), parent)
        self.setObjectName("practitionerProfile")
        self.user_id = user_id
        self.add_edit("title", self.tr("Title"), "Dr")
        self.add_edit("given_names", self.tr("Given names"))
        self.add_edit("family_name", self.tr("Family name"))
        self.add_edit("qualification", self.tr("Qualification"), self.tr("Doctor of medicine"))
        self.add_edit("specialty", self.tr("Specialty"), self.tr("General practice"))
        self.add_edit("rpps", self.tr("RPPS number"), "10101234567")
        self.add_edit("am_number", self.tr("Health insurance number (optional)"))
        self.add_edit("address", self.tr("Address (if not the practice's)"))
        self.add_edit("postal_code", self.tr("Postal code"))
        self.add_edit("city", self.tr("City"))
        self.add_edit("phone", self.tr("Phone (if not the practice's)"))
        self.add_edit("email", self.tr("Email"))
        self.locum = QCheckBox(self.tr("Locum (remplaçant)"))
        self.locum.setObjectName("locum")
        self.form.addRow("", self.locum)
        self.replaces = QComboBox()
        self.replaces.setObjectName("replaces")
        self.replaces.setAccessibleName(self.tr("Replaces"))
        caption = QLabel(self.tr("Replaces"))
        caption.setBuddy(self.replaces)
        self.form.addRow(caption, self.replaces)
        self.locum.toggled.connect(self.replaces.setEnabled)
        self.replaces.setEnabled(False)
        self.buttons.setEnabled(False)

        def load(p: Any) -> tuple[dict[str, Any], list[Practitioner]]:
            me = practitioners.profile(p, user_id)
            others = [o for o in practitioners.practitioners(p) if o.user_id != user_id]
            return asdict(me), others

        tasks.db(load, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, found: tuple[dict[str, Any], list[Practitioner]]) -> None:
        me, others = found
        self.replaces.clear()
        self.replaces.addItem(self.tr("(nobody)"), "")
        for other in others:
            self.replaces.addItem(other.full_name or other.id, other.id)
        index = self.replaces.findData(me.get("replaces_id") or "")
        self.replaces.setCurrentIndex(max(index, 0))
        self.locum.setChecked(bool(me.get("locum")))
        self.fill(me)

    def save(self) -> None:
        values: dict[str, Any] = self.changed()
        problem = self.checked(values)
        if problem:
            self.error.setText(problem)
            return
        if self.locum.isChecked() != bool(self.loaded.get("locum")):
            values["locum"] = self.locum.isChecked()
        replaces = self.replaces.currentData() if self.locum.isChecked() else ""
        if (replaces or "") != (self.loaded.get("replaces_id") or ""):
            values["replaces_id"] = replaces or ""
        user_id = self.user_id
        self.write(lambda p: practitioners.set_profile(p, user_id, values))

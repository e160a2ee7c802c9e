"""Writing a consultation: reason, free text or SOAP, vitals (BMI computed, implausible
values flagged, "38,5" and "38.5" both accepted), diagnoses (completed from CIM-10). The
draft is saved every few seconds and on close; Cancel asks whether to keep or discard it;
Ctrl+S saves.

The editor opens through ``open_consultation``: its draft is read and decrypted on the
database worker first, and the editor is built already filled (never filled after it
shows, which lost the first keystrokes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.dates import show_datetime
from desktop.app.diagnosis_completer import DiagnosisCompleter
from desktop.app.errors import message_for
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.screen_fit import resize_to_fit
from desktop.app.tasks import Tasks
from desktop.app.vitals import VITALS, VitalsForm, plausibility_warnings, young_child
from desktop.practice.drafts import DraftStore, amendment_draft, consultation_draft
from desktop.practice.models import Consultation

AUTOSAVE_MS = 3_000
SOAP = (
    ("soap_s", QT_TRANSLATE_NOOP("ConsultationEditor", "S (subjective)")),
    ("soap_o", QT_TRANSLATE_NOOP("ConsultationEditor", "O (objective)")),
    ("soap_a", QT_TRANSLATE_NOOP("ConsultationEditor", "A (assessment)")),
    ("soap_p", QT_TRANSLATE_NOOP("ConsultationEditor", "P (plan)")),
)


def draft_name(patient_id: str) -> str:
    """The name of a patient's consultation draft in the DraftStore."""
    return consultation_draft(patient_id)


# A CIM-10 code in brackets at the end of a diagnosis: "(J02.9)", "[I10]", "(j45.0".
_CODED = re.compile(
    r"(?P<label>.*?)\s*[(\[]\s*(?P<code>[A-Za-z]\d{2}(?:\.?[0-9A-Za-z+]{1,4})?)\s*[)\]]?"
)


def parse_diagnoses(text: str) -> list[dict[str, str | None]]:
    """ "Angine (J02.9); HTA (I10)" -> [{label, cim10}, ...]; the code is optional, and
    only a code in the last brackets is one: "Hypertension essentielle (primitive) (I10)"
    keeps its label whole, "Angine (virale)" is all label."""
    out: list[dict[str, str | None]] = []
    for part in text.split(";"):
        part = part.strip()
        coded = _CODED.fullmatch(part)
        if coded and coded["label"].strip():
            out.append({"label": coded["label"].strip(), "cim10": coded["code"].upper()})
        elif part:
            out.append({"label": part, "cim10": None})
    return out


def diagnoses_text(diagnoses: list[dict[str, Any]] | None) -> str:
    return "; ".join(
        d["label"] + (f" ({d['cim10']})" if d.get("cim10") else "") for d in diagnoses or []
    )


def _content(consultation: Consultation) -> dict[str, Any]:
    """The current version's fields by name (empty while not on this computer): what an
    amendment starts from, and compares with."""
    current = consultation.current
    return current.fields() if current is not None else {}


class ConsultationEditor(QDialog):
    saved = Signal(str)  # consultation id
    draft_changed = Signal(str)  # patient id: a draft was kept or discarded

    def __init__(
        self,
        tasks: Tasks,
        drafts: DraftStore,
        patient_id: str,
        title: str,
        amend: Consultation | None = None,
        *,
        draft: dict[str, Any] | None,
        born: str | None = None,
    ) -> None:
        """A new consultation, or with ``amend`` (a chart's consultation entry) a new
        version of that one, started from its current text (the old stays readable).
        ``draft`` is the kept draft, already loaded (``open_consultation`` reads it on the
        worker); required, so no caller forgets it and lets the autosave overwrite it."""
        super().__init__()
        self.tasks, self.drafts, self.patient_id = tasks, drafts, patient_id
        self.amended = amend
        if amend is None:
            self.draft_name = draft_name(patient_id)
            self.setWindowTitle(self.tr("New consultation: {0}").format(title))
        else:
            self.draft_name = amendment_draft(amend.id)
            self.setWindowTitle(
                self.tr("Amend the consultation of {0}: {1}").format(
                    show_datetime(amend.started_at), title
                )
            )
        resize_to_fit(self, 780, 680)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.text.setAccessibleName(self.tr("Free text"))
        self.soap = {k: QPlainTextEdit() for k, _ in SOAP}
        soap_page = QWidget()
        soap_form = QFormLayout(soap_page)
        for key, label in SOAP:
            self.soap[key].setObjectName(key)
            self.soap[key].setAccessibleName(self.tr(label))
            soap_label = QLabel(self.tr(label))
            soap_label.setBuddy(self.soap[key])
            soap_form.addRow(soap_label, self.soap[key])
        for note in (self.text, *self.soap.values()):
            note.setTabChangesFocus(True)  # Tab goes on to the vitals, never a tab character
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Free text"))
        self.tabs.addTab(soap_page, self.tr("SOAP"))
        # Off the Tab chain (Ctrl+Tab switches pages): Tab from the reason lands in the note.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.vitals = VitalsForm()
        self.vitals.changed.connect(self._touch)
        self.diagnoses = QLineEdit()
        self.diagnoses.setObjectName("diagnoses")
        self.diagnoses.setPlaceholderText(
            self.tr("Diagnoses, separated by ';': type words or a CIM-10 code to be offered one")
        )
        self.cim10 = DiagnosisCompleter(tasks, self.diagnoses)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        for button in self.buttons.buttons():  # Enter in a field never saves (Ctrl+S does)
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        form = QFormLayout()
        reason_label = QLabel(self.tr("&Reason"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        diagnoses_label = QLabel(self.tr("&Diagnoses"))
        diagnoses_label.setBuddy(self.diagnoses)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.vitals)
        bottom = QFormLayout()
        bottom.addRow(diagnoses_label, self.diagnoses)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._dirty = False
        self._saved = False
        self._discarded = False
        self.draft_question: QMessageBox | None = None
        for line in (self.reason, self.diagnoses):
            line.textChanged.connect(self._touch)
        for text in (self.text, *self.soap.values()):
            text.textChanged.connect(self._touch)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        if amend is not None:
            self._fill(_content(amend))
        if draft:
            self._fill(draft)
            self.status.setText(self.tr("Draft restored."))
        # A head circumference is asked of a young child only (of the day of the note).
        on = dt.date.fromisoformat(amend.started_at[:10]) if amend and amend.started_at else None
        self.vitals.offer_child_vitals(young_child(born, on or dt.date.today()))

    # -- content ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        content: dict[str, Any] = {
            "reason": self.reason.text().strip() or None,
            # Line breaks are the note's structure: keep them, trim only the ends.
            "text": self.text.toPlainText().strip() or None,
        }
        for key, edit in self.soap.items():
            content[key] = edit.toPlainText().strip() or None
        content.update(self.vitals.values())
        content["diagnoses"] = parse_diagnoses(self.diagnoses.text()) or None
        return content

    def has_content(self) -> bool:
        """Something typed that would be lost: for an amendment, a change to the version
        it started from (opened and closed unchanged, it asked to keep a draft)."""
        content = self.values()
        if self.amended is not None and not self.vitals.errors():
            before = _content(self.amended)
            return any(content[k] != before.get(k) for k in content)
        return any(v is not None for v in content.values()) or bool(self.vitals.errors())

    def _touch(self) -> None:
        self._dirty = True

    # -- drafts -----------------------------------------------------------------------------

    def _draft_content(self) -> dict[str, Any]:
        content = self.values()
        # What was typed in a vital, even when it is not a number yet, is kept.
        content["vitals_typed"] = {n: e.text() for n, e in self.vitals.edits.items()}
        return content

    def save_draft(self) -> None:
        if self._dirty and not self._saved and not self._discarded:
            self._dirty = False
            content, name = self._draft_content(), self.draft_name
            self.tasks.on_db(lambda: self.drafts.save(name, content))

    def _fill(self, draft: dict[str, Any]) -> None:
        """Show a draft or a version's content in the fields."""
        self.reason.setText(draft.get("reason") or "")
        self.text.setPlainText(draft.get("text") or "")
        for key, edit in self.soap.items():
            edit.setPlainText(draft.get(key) or "")
        self.vitals.set_values(draft)
        for name, typed in (draft.get("vitals_typed") or {}).items():
            if name in self.vitals.edits and isinstance(typed, str):
                self.vitals.edits[name].setText(typed)
        self.diagnoses.setText(diagnoses_text(draft.get("diagnoses")))
        if any(draft.get(k) for k in self.soap) and not draft.get("text"):
            self.tabs.setCurrentIndex(1)
        self._dirty = False

    def cancel(self) -> None:
        """Cancel (or Escape): with something typed, ask whether to keep the draft."""
        if not self.has_content():
            self._discard_and_close()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Cancel the consultation"))
        box.setText(self.tr("This consultation is not saved. Keep it as a draft?"))
        box.setInformativeText(
            self.tr("A kept draft comes back when you amend this consultation again.")
            if self.amended is not None
            else self.tr(
                "A kept draft comes back when you open a new consultation for this patient."
            )
        )
        self.keep_button = box.addButton(
            self.tr("Keep the draft"), QMessageBox.ButtonRole.AcceptRole
        )
        self.discard_button = box.addButton(
            self.tr("Discard the draft"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.back_button = box.addButton(
            self.tr("Continue writing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(self.keep_button)
        box.buttonClicked.connect(self._answered)
        self.draft_question = box
        box.open()

    def _answered(self, button: QAbstractButton) -> None:
        if button is self.keep_button:
            self._dirty = True  # write it now, even if the autosave just ran
            self.close()
        elif button is self.discard_button:
            self._discard_and_close()

    def _discard_and_close(self) -> None:
        self._discarded = True
        self._autosave.stop()
        name = self.draft_name
        self.tasks.on_db(
            lambda: self.drafts.discard(name),
            on_done=lambda _: self.draft_changed.emit(self.patient_id),
        )
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
            self.focusWidget(), QLineEdit
        ):
            self.focusNextChild()  # Enter after the reason moves on, as Tab does
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing the window (or the app, or a lock) keeps the draft: nothing typed is lost."""
        self._autosave.stop()
        if not self._saved and not self._discarded:
            if self._dirty:
                self._dirty = False
                content, name = self._draft_content(), self.draft_name
                try:
                    self.tasks.on_db(
                        lambda: self.drafts.save(name, content),
                        on_done=lambda _: self.draft_changed.emit(self.patient_id),
                    )
                except RuntimeError:  # the workers are stopped (the app is quitting):
                    self.drafts.save(name, content)  # a small file, written here, not lost
            else:
                self.draft_changed.emit(self.patient_id)
        super().closeEvent(event)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return  # a save is on its way
        problems = self.vitals.errors()
        if problems:
            self.status.setText(
                self.tr("Not saved: correct the vitals first.") + " " + " ".join(problems)
            )
            return
        content = self.values()
        if not (content["text"] or content["reason"] or any(content[k] for k in self.soap)):
            self.status.setText(self.tr("Write a reason or a note first."))
            return
        amended = self.amended
        if amended is not None:
            before = _content(amended)
            if all(content[k] == before.get(k) for k in content):
                self.status.setText(self.tr("Nothing was changed: no new version to save."))
                return
        self.buttons.setEnabled(False)
        patient, name, drafts = self.patient_id, self.draft_name, self.drafts

        def write(p: Any) -> str:
            if amended is not None:
                p.revise_consultation(amended.id, **content)
                cid = amended.id
            else:
                cid, _ = p.add_consultation(patient, **content)
            drafts.discard(name)
            return str(cid)

        ops.Op(self, self.tasks, write).success(self._done).failure(self._failed).changes(
            ops.Changes(sync=True)
        ).run()

    def _done(self, consultation_id: str) -> None:
        self._saved = True
        self.saved.emit(consultation_id)
        self.draft_changed.emit(self.patient_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(message_for(exc) or self.tr("Not saved; your draft is kept."))


def open_consultation(
    parent: QWidget,
    tasks: Tasks,
    drafts: DraftStore,
    patient_id: str,
    title: str,
    on_open: Callable[[ConsultationEditor], object],
    *,
    amend: Consultation | None = None,
    born: str | None = None,
) -> None:
    """Open the editor once its draft is read and decrypted on the database worker (after
    any draft save queued there), built already filled: no keystroke lands in an editor
    that a late draft would overwrite. Nothing opens if ``parent`` was hidden meanwhile
    (a lock)."""
    name = draft_name(patient_id) if amend is None else amendment_draft(amend.id)

    def loaded(draft: dict[str, Any] | None) -> None:
        if parent.isVisible():
            on_open(
                ConsultationEditor(tasks, drafts, patient_id, title, amend, draft=draft, born=born)
            )

    ops.Op(parent, tasks, lambda _: drafts.load(name)).success(loaded).run()


__all__ = [
    "VITALS",
    "ConsultationEditor",
    "diagnoses_text",
    "draft_name",
    "open_consultation",
    "parse_diagnoses",
    "plausibility_warnings",
]

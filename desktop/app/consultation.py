"""Writing a consultation: reason, free text or SOAP, vitals (BMI computed, implausible
values flagged), diagnoses. The draft is saved every few seconds and on close."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.chart import bmi
from desktop.app.errors import message_for
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.tasks import Tasks
from desktop.practice.drafts import DraftStore

AUTOSAVE_MS = 3_000
# (field, label, minimum, maximum, plausible low, plausible high, decimals)
VITALS = (
    ("weight_kg", QT_TRANSLATE_NOOP("ConsultationEditor", "Weight (kg)"), 0, 400, 0.5, 250, 1),
    ("height_cm", QT_TRANSLATE_NOOP("ConsultationEditor", "Height (cm)"), 0, 250, 30, 220, 0),
    ("bp_sys", QT_TRANSLATE_NOOP("ConsultationEditor", "BP systolic"), 0, 320, 70, 250, 0),
    ("bp_dia", QT_TRANSLATE_NOOP("ConsultationEditor", "BP diastolic"), 0, 220, 35, 140, 0),
    ("pulse", QT_TRANSLATE_NOOP("ConsultationEditor", "Pulse"), 0, 300, 30, 200, 0),
    (
        "temperature_c",
        QT_TRANSLATE_NOOP("ConsultationEditor", "Temperature (°C)"),
        0,
        45,
        34,
        42.5,
        1,
    ),
    ("spo2", QT_TRANSLATE_NOOP("ConsultationEditor", "SpO2 (%)"), 0, 100, 70, 100, 0),
)


def plausibility_warnings(values: dict[str, float | None]) -> list[str]:
    out = []
    for name, label, _, _, low, high, _ in VITALS:
        value = values.get(name)
        if value is not None and not low <= value <= high:
            out.append(f"{label}: {value:g}?")
    sys_, dia = values.get("bp_sys"), values.get("bp_dia")
    if sys_ is not None and dia is not None and dia >= sys_:
        out.append("BP: diastolic above systolic?")
    return out


class ConsultationEditor(QDialog):
    saved = Signal(str)  # consultation id

    def __init__(self, tasks: Tasks, drafts: DraftStore, patient_id: str, title: str) -> None:
        super().__init__()
        self.tasks, self.drafts, self.patient_id = tasks, drafts, patient_id
        self.draft_name = f"consultation:{patient_id}"
        self.setWindowTitle(self.tr("New consultation: {0}").format(title))
        self.resize(760, 640)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.soap = {k: QPlainTextEdit() for k in ("soap_s", "soap_o", "soap_a", "soap_p")}
        soap_page = QWidget()
        soap_form = QFormLayout(soap_page)
        for key, label in zip(self.soap, ("S", "O", "A", "P"), strict=True):
            soap_form.addRow(label, self.soap[key])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Free text"))
        self.tabs.addTab(soap_page, self.tr("SOAP"))
        self.vitals: dict[str, QDoubleSpinBox | QSpinBox] = {}
        grid = QGridLayout()
        for i, (name, label, low, high, _, _, decimals) in enumerate(VITALS):
            box: QDoubleSpinBox | QSpinBox
            if decimals:
                box = QDoubleSpinBox()
                box.setDecimals(decimals)
            else:
                box = QSpinBox()
            box.setRange(low, high)
            box.setSpecialValueText("—")  # the minimum (0) means "not measured"
            box.setObjectName(name)
            box.valueChanged.connect(self._vitals_changed)
            self.vitals[name] = box
            grid.addWidget(QLabel(self.tr(label)), i // 4 * 2, i % 4)
            grid.addWidget(box, i // 4 * 2 + 1, i % 4)
        self.bmi = QLabel()
        self.bmi.setObjectName("bmi")
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setStyleSheet("color: #b36b00")
        self.diagnoses = QLineEdit()
        self.diagnoses.setPlaceholderText(
            self.tr("Diagnoses, separated by ';' (CIM-10 in brackets)")
        )
        self.status = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.close)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(grid)
        layout.addWidget(self.bmi)
        layout.addWidget(self.warnings)
        layout.addWidget(self.diagnoses)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._dirty = False
        self._saved = False
        for line in (self.reason, self.diagnoses):
            line.textChanged.connect(self._touch)
        for text in (self.text, *self.soap.values()):
            text.textChanged.connect(self._touch)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self._restore_draft()

    # -- content ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        content: dict[str, Any] = {
            "reason": self.reason.text().strip() or None,
            "text": self.text.toPlainText().strip() or None,
        }
        for key, edit in self.soap.items():
            content[key] = edit.toPlainText().strip() or None
        for name, box in self.vitals.items():
            content[name] = box.value() if box.value() > box.minimum() else None
        diagnoses = []
        for part in self.diagnoses.text().split(";"):
            label, _, code = part.strip().partition("(")
            if label.strip():
                diagnoses.append({"label": label.strip(), "cim10": code.strip(" )") or None})
        content["diagnoses"] = diagnoses or None
        return content

    def _vitals_changed(self) -> None:
        self._touch()
        v = self.values()
        b = bmi(v.get("weight_kg"), v.get("height_cm"))
        self.bmi.setText(self.tr("BMI: {0}").format(b) if b else "")
        self.warnings.setText("  ".join(plausibility_warnings(v)))

    def _touch(self) -> None:
        self._dirty = True

    # -- drafts -----------------------------------------------------------------------------

    def save_draft(self) -> None:
        if self._dirty and not self._saved:
            self._dirty = False
            content = self.values()
            self.tasks.on_db(lambda: self.drafts.save(self.draft_name, content))

    def _restore_draft(self) -> None:
        draft = self.drafts.load(self.draft_name)
        if not draft:
            return
        self.reason.setText(draft.get("reason") or "")
        self.text.setPlainText(draft.get("text") or "")
        for key, edit in self.soap.items():
            edit.setPlainText(draft.get(key) or "")
        for name, box in self.vitals.items():
            if draft.get(name) is not None:
                box.setValue(draft[name])
        self.diagnoses.setText(
            "; ".join(
                d["label"] + (f" ({d['cim10']})" if d.get("cim10") else "")
                for d in draft.get("diagnoses") or []
            )
        )
        self.status.setText(self.tr("Draft restored."))
        self._dirty = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._autosave.stop()
        self.save_draft()
        super().closeEvent(event)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        content = self.values()
        if not (content["text"] or content["reason"] or any(content[k] for k in self.soap)):
            self.status.setText(self.tr("Write a reason or a note first."))
            return
        self.buttons.setEnabled(False)
        patient = self.patient_id

        def write(p: Any) -> str:
            cid, _ = p.add_consultation(patient, **content)
            self.drafts.discard(self.draft_name)
            return str(cid)

        self.tasks.db(write, on_done=self._done, on_error=self._failed)

    def _done(self, consultation_id: str) -> None:
        self._saved = True
        self.saved.emit(consultation_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(message_for(exc) or self.tr("Not saved; your draft is kept."))

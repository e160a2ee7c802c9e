"""The vital signs of a consultation: what is measured, in which unit, what is possible
and what is plausible; a form of labelled fields that accepts "38,5" and "38.5", a unit
typed after the number ("98 %", "37°5"), a blood pressure as one "130/80" or "13/8" (as a
French GP says it), refuses what is not a number (never rounded silently) and flags
implausible values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.numbers import NumberError, parse_number, show_number

Number = float | int


@dataclass(frozen=True, slots=True)
class Vital:
    name: str  # the consultation_version field
    label: str  # English source, translated in context "vitals"
    short: str  # the abbreviation in a note ("T", "TA"), translated too
    unit: str
    low: float  # possible range: outside it the value is refused
    high: float
    plausible_low: float  # outside this range it is flagged, and kept
    plausible_high: float
    integer: bool


VITALS = (
    Vital("weight_kg", QT_TRANSLATE_NOOP("vitals", "Weight (kg)"),
          QT_TRANSLATE_NOOP("vitals", "Weight"), "kg", 0.3, 400, 0.5, 250, False),
    Vital("height_cm", QT_TRANSLATE_NOOP("vitals", "Height (cm)"),
          QT_TRANSLATE_NOOP("vitals", "Height"), "cm", 20, 250, 30, 220, False),
    Vital("bp_sys", QT_TRANSLATE_NOOP("vitals", "BP systolic (mmHg)"),
          QT_TRANSLATE_NOOP("vitals", "BP"), "mmHg", 30, 320, 70, 250, True),
    Vital("bp_dia", QT_TRANSLATE_NOOP("vitals", "BP diastolic (mmHg)"),
          QT_TRANSLATE_NOOP("vitals", "BP"), "mmHg", 10, 220, 35, 140, True),
    Vital("pulse", QT_TRANSLATE_NOOP("vitals", "Pulse (/min)"),
          QT_TRANSLATE_NOOP("vitals", "Pulse"), "/min", 10, 300, 30, 200, True),
    Vital("temperature_c", QT_TRANSLATE_NOOP("vitals", "Temperature (°C)"),
          QT_TRANSLATE_NOOP("vitals", "Temperature"), "°C", 25, 45, 34, 42.5, False),
    Vital("spo2", QT_TRANSLATE_NOOP("vitals", "SpO2 (%)"),
          QT_TRANSLATE_NOOP("vitals", "SpO2"), "%", 20, 100, 70, 100, True),
    # Schema 3: a child's head circumference (a newborn's is about 35 cm, an adult's 55).
    Vital("head_circumference_cm", QT_TRANSLATE_NOOP("vitals", "Head circumference (cm)"),
          QT_TRANSLATE_NOOP("vitals", "HC"), "cm", 15, 75, 25, 62, False),
)  # fmt: skip
BY_NAME = {v.name: v for v in VITALS}


_BP_PAIR = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)\s*(?:mmhg|cmhg)?\s*$", re.I)
_UNITS = {  # what may follow a vital's number, lower case, longest first
    "kg": ("kg",), "cm": ("cm",), "mmHg": ("mmhg",), "/min": ("/min", "/mn", "bpm"),
    "°C": ("°c", "°"), "%": ("%",),
}  # fmt: skip
_DEGREES = re.compile(r"^(\d+)\s*°\s*(\d+)$")  # "37°5": 37,5 °C, as it is said


def blood_pressure_pair(text: str) -> tuple[int, int] | None:
    """ "130/80" -> (130, 80); "13/8" or "12,5/8" in cmHg, as French GPs say it ->
    (130, 80), (125, 80); anything else None."""
    match = _BP_PAIR.match(text)
    if match is None:
        return None
    systolic, diastolic = (float(g.replace(",", ".")) for g in match.groups())
    if systolic < 30:  # centimetres of mercury
        systolic, diastolic = systolic * 10, diastolic * 10
    return round(systolic), round(diastolic)


def typed_number(v: Vital, text: str) -> Number | None:
    """What was typed for ``v`` as a number: the unit typed after it is allowed ("98 %",
    "77,5 kg", "38,7 °C", "37°5"); NumberError otherwise, as parse_number says."""
    shown = text.strip()
    for unit in _UNITS.get(v.unit, ()):
        if shown.lower().endswith(unit):
            shown = shown[: -len(unit)].rstrip()
            break
    if v.unit == "°C":
        shown = _DEGREES.sub(r"\1,\2", shown)
    return parse_number(shown, integer=v.integer)


def _tr(text: str) -> str:
    return QCoreApplication.translate("vitals", text)


def plausibility_warnings(values: dict[str, Number | None]) -> list[str]:
    """Translated sentences for values that are possible but unusual (kept as typed)."""
    out = []
    for v in VITALS:
        value = values.get(v.name)
        if value is None or not v.low <= value <= v.high:
            continue  # nothing typed, or impossible: VitalsForm.errors() says it, once
        if not v.plausible_low <= value <= v.plausible_high:
            out.append(
                QCoreApplication.translate("vitals", "{0}: {1} is unusual, check it.").format(
                    _tr(v.label), show_number(value)
                )
            )
    sys_, dia = values.get("bp_sys"), values.get("bp_dia")
    if sys_ is not None and dia is not None and dia >= sys_:
        out.append(
            QCoreApplication.translate(
                "vitals", "BP: the diastolic is not below the systolic, check it."
            )
        )
    return out


def vitals_summary(values: dict[str, object]) -> list[str]:
    """One short French-looking item per measured value: "TA 135/85 mmHg", "T 38,5 °C"."""
    out = []
    sys_, dia = values.get("bp_sys"), values.get("bp_dia")
    if sys_ is not None or dia is not None:
        out.append(
            QCoreApplication.translate("vitals", "BP {0}/{1} mmHg").format(
                show_number(sys_) or "?",  # type: ignore[arg-type]
                show_number(dia) or "?",  # type: ignore[arg-type]
            )
        )
    for v in VITALS:
        value = values.get(v.name)
        if v.name in ("bp_sys", "bp_dia") or not isinstance(value, int | float):
            continue
        out.append(f"{_tr(v.short)} {show_number(value)} {v.unit}")
    return out


def bmi(weight_kg: object, height_cm: object) -> float | None:
    if not isinstance(weight_kg, int | float) or not isinstance(height_cm, int | float):
        return None
    if not weight_kg or not height_cm:
        return None
    return round(weight_kg / (height_cm / 100) ** 2, 1)


CHILD_VITALS = ("head_circumference_cm",)
"""Measured on young children only: offered for a patient under CHILD_YEARS, or of an
unknown age, or when the note being amended has one."""
CHILD_YEARS = 6


def young_child(born: str | None, on: dt.date) -> bool:
    """Under CHILD_YEARS on that day; True when the birth date is unknown (ask, not hide)."""
    try:
        birth = dt.date.fromisoformat(born or "")
    except ValueError:
        return True
    return (on.year, on.month, on.day) < (birth.year + CHILD_YEARS, birth.month, birth.day)


class VitalsForm(QWidget):
    """One line edit per vital, each named by its label (buddy) for screen readers and
    the end-to-end tests; ``errors()`` lists what cannot be saved as typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, v in enumerate(VITALS):
            edit = QLineEdit()
            edit.setObjectName(v.name)
            edit.setAccessibleName(_tr(v.label))
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self._changed)
            if v.name == "bp_sys":
                edit.editingFinished.connect(self._split_blood_pressure)
            label = QLabel(_tr(v.label))
            label.setBuddy(edit)
            grid.addWidget(label, i // 4 * 2, i % 4)
            grid.addWidget(edit, i // 4 * 2 + 1, i % 4)
            self.edits[v.name] = edit
            self.labels[v.name] = label
        self.bmi = QLabel()
        self.bmi.setObjectName("bmi")
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b36b00")
        self.problems = QLabel()
        self.problems.setObjectName("vitalErrors")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c00000")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.bmi)
        layout.addWidget(self.warnings)
        layout.addWidget(self.problems)

    def offer_child_vitals(self, offered: bool) -> None:
        """Show the fields of CHILD_VITALS, or hide those that hold nothing."""
        for name in CHILD_VITALS:
            shown = offered or bool(self.edits[name].text())
            self.edits[name].setVisible(shown)
            self.labels[name].setVisible(shown)

    def _split_blood_pressure(self) -> None:
        """ "130/80" or "13/8" typed in the systolic, the diastolic empty: both filled."""
        pair = blood_pressure_pair(self.edits["bp_sys"].text())
        if pair is not None and not self.edits["bp_dia"].text().strip():
            self.edits["bp_dia"].setText(str(pair[1]))
            self.edits["bp_sys"].setText(str(pair[0]))

    def _texts(self) -> dict[str, str]:
        """Each field's text, a "130/80" in the systolic read as both (saved at once)."""
        texts = {name: edit.text() for name, edit in self.edits.items()}
        pair = blood_pressure_pair(texts["bp_sys"])
        if pair is not None and not texts["bp_dia"].strip():
            texts["bp_sys"], texts["bp_dia"] = str(pair[0]), str(pair[1])
        return texts

    def _read(self) -> tuple[dict[str, Number | None], list[str]]:
        return self._read_marked()[:2]

    def _read_marked(self) -> tuple[dict[str, Number | None], list[str], set[str]]:
        """The values, the sentences against them, and the fields that are not numbers."""
        values: dict[str, Number | None] = {}
        problems: list[str] = []
        refused: set[str] = set()
        texts = self._texts()
        for v in VITALS:
            try:
                value = typed_number(v, texts[v.name])
            except NumberError as exc:
                problems.append(
                    QCoreApplication.translate("vitals", "{0}: {1}").format(_tr(v.label), exc)
                )
                values[v.name] = None
                refused.add(v.name)
                continue
            if value is not None and not v.low <= value <= v.high:
                problems.append(
                    QCoreApplication.translate(
                        "vitals", "{0}: {1} is outside what can be measured ({2} to {3})."
                    ).format(
                        _tr(v.label), show_number(value), show_number(v.low), show_number(v.high)
                    )
                )
            values[v.name] = value
        return values, problems, refused

    def values(self) -> dict[str, Number | None]:
        """What was typed, as numbers (None where empty or not a number)."""
        return self._read()[0]

    def errors(self) -> list[str]:
        """Why the values cannot be saved as typed (translated), or []."""
        return self._read()[1]

    def set_values(self, values: dict[str, object]) -> None:
        for v in VITALS:
            value = values.get(v.name)
            self.edits[v.name].setText(show_number(value) if isinstance(value, int | float) else "")

    def _changed(self) -> None:
        values, problems, refused = self._read_marked()
        b = bmi(values.get("weight_kg"), values.get("height_cm"))
        self.bmi.setText(
            QCoreApplication.translate("vitals", "BMI: {0}").format(show_number(b)) if b else ""
        )
        self.warnings.setText("  ".join(plausibility_warnings(values)))
        self.problems.setText("  ".join(problems))
        for v in VITALS:  # the field a sentence is about is marked: red refused, orange unusual
            self.edits[v.name].setStyleSheet(_mark(v, values.get(v.name), v.name in refused))
        self.changed.emit()


def _mark(v: Vital, value: Number | None, refused: bool) -> str:
    """The style of a vital's field: a red frame when it cannot be saved, orange when
    unusual, none otherwise."""
    if refused:
        return "border: 2px solid #c00000"
    if value is None:
        return ""
    if not v.low <= value <= v.high:
        return "border: 2px solid #c00000"
    if not v.plausible_low <= value <= v.plausible_high:
        return "border: 2px solid #b36b00"
    return ""

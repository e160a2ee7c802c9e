"""Vitals typed as a French GP writes them: a blood pressure as one "130/80" or "13/8"
(centimetres of mercury) in the systolic field, a unit after the number ("98 %",
"77,5 kg", "37°5"). Seen in the real app: "13/8" and "98 %" were refused as "not a
number", in red, in the middle of a consultation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app.vitals import BY_NAME, VitalsForm, blood_pressure_pair, typed_number


@pytest.mark.parametrize(
    ("typed", "pair"),
    [("130/80", (130, 80)), ("13/8", (130, 80)), ("12,5/8", (125, 80)),
     (" 14 / 9 ", (140, 90)), ("135/85 mmHg", (135, 85)), ("130", None), ("13/", None),
     ("a/b", None)],
)  # fmt: skip
def test_a_blood_pressure_pair(typed: str, pair: tuple[int, int] | None) -> None:
    assert blood_pressure_pair(typed) == pair


@pytest.mark.parametrize(
    ("vital", "typed", "value"),
    [("spo2", "98 %", 98), ("spo2", "98%", 98), ("weight_kg", "77,5 kg", 77.5),
     ("temperature_c", "38,7 °C", 38.7), ("temperature_c", "38,7°", 38.7),
     ("temperature_c", "37°5", 37.5), ("pulse", "92/min", 92), ("pulse", "92 bpm", 92),
     ("height_cm", "182 cm", 182), ("bp_sys", "130 mmHg", 130)],
)  # fmt: skip
def test_a_unit_typed_after_the_number_is_allowed(vital: str, typed: str, value: float) -> None:
    assert typed_number(BY_NAME[vital], typed) == value


def test_what_is_still_not_a_number_is_refused(qtbot: QtBot) -> None:
    form = VitalsForm()
    qtbot.addWidget(form)
    form.edits["spo2"].setText("98 kg")  # another vital's unit
    form.edits["pulse"].setText("9 2")
    assert len(form.errors()) == 2
    assert "border" in form.edits["spo2"].styleSheet()


def test_13_8_typed_in_the_systolic_fills_both_fields(qtbot: QtBot) -> None:
    form = VitalsForm()
    qtbot.addWidget(form)
    form.show()
    systolic = form.edits["bp_sys"]
    systolic.setFocus()
    qtbot.keyClicks(systolic, "13/8")
    assert form.errors() == [] and form.values()["bp_sys"] == 130  # saved at once: both
    assert form.values()["bp_dia"] == 80
    assert systolic.styleSheet() == ""  # not marked red while typed
    qtbot.keyClick(systolic, Qt.Key.Key_Return)  # done with the field: both written out
    assert (systolic.text(), form.edits["bp_dia"].text()) == ("130", "80")
    assert form.errors() == []


def test_a_pair_beside_a_diastolic_already_typed_is_not_guessed(qtbot: QtBot) -> None:
    form = VitalsForm()
    qtbot.addWidget(form)
    form.edits["bp_dia"].setText("85")
    form.edits["bp_sys"].setText("13/8")
    form.edits["bp_sys"].editingFinished.emit()
    assert form.edits["bp_dia"].text() == "85" and len(form.errors()) == 1

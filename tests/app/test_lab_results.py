"""Lab results entered from the chart (a number with its range, or the lab's text), the
latest value of each analyte in the summary, and each analyte's history in its view."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.lab_results import LabResultDialog, LabResultsView, by_analyte, flag
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.models import LabResult
from desktop.practice.store import Practice
from tests.helpers.pdf import made_pdf
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import search_and_open


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_results_entered_then_latest_in_the_summary_and_history_in_the_view(
    french: None, window: MainWindow, practice_dir: Path, opened: Tasks, qtbot: QtBot
):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    p.create_record(
        "lab_result",
        {"patient_id": pid, "analyte": "Hémoglobine", "value": 13.5, "unit": "g/dL",
         "ref_low": 12.0, "ref_high": 16.0, "taken_on": "2025-06-01"},
    )  # fmt: skip
    search_and_open(qtbot, window, "paul")
    window.chart.lab_button.click()
    add = window.chart.dialog
    assert isinstance(add, LabResultDialog)
    add.edits["analyte"].setText("hémoglobine")  # same analyte, however typed
    add.edits["value"].setText("11,2")
    add.edits["unit"].setText("g/dL")
    add.edits["ref_low"].setText("12")
    add.edits["ref_high"].setText("16")
    add.edits["taken_on"].setText("10/02/2026")
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: len(window.chart.chart.lab_results) == 2, timeout=5000)  # type: ignore[union-attr]
    window.chart.lab_button.click()
    text = window.chart.dialog
    assert isinstance(text, LabResultDialog)
    text.edits["analyte"].setText("Antigène SARS-CoV-2")
    text.edits["value"].setText("négatif")
    text.edits["taken_on"].setText("11/02/2026")
    with qtbot.waitSignal(text.saved, timeout=5000):
        text.save()
    qtbot.waitUntil(lambda: len(window.chart.chart.lab_results) == 3, timeout=5000)  # type: ignore[union-attr]
    summary = window.chart.summary.toPlainText()
    assert "Résultats biologiques" in summary
    assert "Antigène SARS-CoV-2 négatif (11/02/2026)" in summary
    assert "Hémoglobine 11,2 g/dL ↓ (10/02/2026)" in summary  # the latest only
    assert "13,5" not in summary

    window.chart.summary.anchorClicked.emit(QUrl("lab-results:all"))
    view = window.chart.lab_view
    assert isinstance(view, LabResultsView)
    assert [view.analytes.item(i).text() for i in range(view.analytes.count())] == [
        "Antigène SARS-CoV-2 négatif",
        "Hémoglobine 11,2 g/dL ↓",
    ]
    view.analytes.setCurrentRow(1)
    history = [
        [view.history.item(r, c).text() for c in range(4)] for r in range(view.history.rowCount())
    ]
    assert history == [
        ["10/02/2026", "11,2 g/dL", "12–16", "↓"],
        ["01/06/2025", "13,5 g/dL", "12–16", ""],
    ]
    newest = window.chart.chart.lab_results[0]  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl(f"lab-result:{newest.id}"))
    edit = window.chart.dialog
    assert isinstance(edit, LabResultDialog) and edit.record is not None
    assert edit.edits["value"].text() == "négatif"
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        stored = {r.value_text or r.value for r in fresh.chart(pid).lab_results}
        assert stored == {13.5, 11.2, "négatif"}


def test_a_result_without_analyte_or_with_a_reversed_range_is_said(
    french: None, opened: Tasks, qtbot: QtBot
):
    p = opened.practice
    assert p is not None
    dialog = LabResultDialog(opened, p.search_patients("martin")[0]["id"])
    qtbot.addWidget(dialog)
    dialog.edits["value"].setText("5")
    dialog.save()
    assert "analyse" in dialog.error.text().lower()
    dialog.edits["analyte"].setText("TSH")
    dialog.edits["ref_low"].setText("4")
    dialog.edits["ref_high"].setText("0,4")
    dialog.save()
    assert "borne basse" in dialog.error.text()
    dialog.edits["ref_high"].setText("bas")
    dialog.save()
    assert "nombre" in dialog.error.text()
    assert dialog.buttons.isEnabled()


def test_flags_and_grouping():
    def r(i: str, analyte: str, value: float | None, day: str) -> LabResult:
        return replace(LabResult.blank(), id=i, analyte=analyte, value=value, ref_low=1.0,
                       ref_high=2.0, taken_on=day)  # fmt: skip

    assert [flag(r("a", "K", v, "")) for v in (0.5, 1.5, 2.5, None)] == ["↓", "", "↑", ""]
    groups = by_analyte([r("1", "Kaliémie", 1, "2026-01-01"), r("2", "kaliémie", 2, "2026-02-01")])
    assert list(groups) == ["Kaliémie"]
    assert [x.id for x in groups["Kaliémie"]] == ["2", "1"]


def test_a_result_comes_with_its_report_opened_in_the_viewer(
    window: MainWindow, opened: Tasks, qtbot: QtBot
):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    report = p.add_document(
        pid, made_pdf([["Ferritine : 8"]]), title="Bilan", filename="bilan.pdf",
        mime="application/pdf", kind="result",
    )  # fmt: skip
    search_and_open(qtbot, window, "paul")
    window.chart.lab_button.click()
    add = window.chart.dialog
    assert isinstance(add, LabResultDialog)
    add.edits["analyte"].setText("Ferritine")
    add.edits["value"].setText("8")
    add.edits["unit"].setText("µg/L")
    add.report.setCurrentIndex(add.report.findData(report))
    with qtbot.waitSignal(add.saved, timeout=5000):
        add.save()
    qtbot.waitUntil(lambda: bool(window.chart.chart.lab_results), timeout=5000)  # type: ignore[union-attr]
    assert window.chart.chart.lab_results[0].document_id == report  # type: ignore[union-attr]
    window.chart.summary.anchorClicked.emit(QUrl("lab-results:all"))
    view = window.chart.lab_view
    assert isinstance(view, LabResultsView) and view.report_button.isEnabled()
    view.report_button.click()
    viewer = view.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.pdf.pageCount() == 1, timeout=10000)


def test_the_lab_result_fields_are_not_squeezed_by_their_labels(
    french: None, opened: Tasks, qtbot: QtBot
) -> None:
    """The long label of the range as the lab wrote it left every field ~120 px wide:
    "Hémoglobine, TS…", the example cut off (seen in the real app)."""
    p = opened.practice
    assert p is not None
    dialog = LabResultDialog(opened, p.search_patients("martin")[0]["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    analyte = dialog.edits["analyte"]
    example = analyte.fontMetrics().horizontalAdvance(analyte.placeholderText())
    assert analyte.width() > example + 12  # the example whole, with the frame's margins

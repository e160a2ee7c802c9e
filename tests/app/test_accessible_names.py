
"""Every control a person acts on has a name in the accessibility tree: what a screen
reader says, and what the end-to-end suite finds widgets by. A field's name comes from
the label that is its buddy, or from setAccessibleName."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.app.consultation import ConsultationEditor
from desktop.app.first_run import FirstRunDialog
from desktop.app.new_patient import NewPatientDialog
from desktop.app.restore_wizard import RestoreWizard
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.window import MainWindow
from desktop.practice.drafts import DraftStore
from tests.helpers.qt import unnamed


def test_the_main_window_and_its_editors_name_every_control(
    window: MainWindow, opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    pid = opened.practice.search_patients("muller")[0]["id"]  # type: ignore[union-attr]
    editor = ConsultationEditor(
        opened,
        DraftStore(practice_dir, opened.practice.db_key),
        pid,
        "MÜLLER Hélène",  # type: ignore[union-attr]
        draft=None,
    )
    qtbot.addWidget(editor)
    new = NewPatientDialog(opened, window)
    qtbot.addWidget(new)
    for top in (window, editor, new):
        top.show()
        assert unnamed(top) == [], type(top).__name__


def test_the_first_dialogs_name_every_control(tasks: Tasks, tmp_path: Path, qtbot: QtBot) -> None:
    first = FirstRunDialog(tasks, tmp_path / "new")
    unlock = UnlockDialog(tasks, tmp_path / "new", "Cabinet")
    wizard = RestoreWizard(tasks, tmp_path / "other", method="passphrase")
    for top in (first, unlock, wizard):
        qtbot.addWidget(top)
        top.show()
        assert unnamed(top) == [], type(top).__name__


def test_an_unlabelled_field_is_reported(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    top = QWidget()
    qtbot.addWidget(top)
    form = QFormLayout(top)
    named, bare = QLineEdit(), QLineEdit()
    bare.setObjectName("bare")
    form.addRow("Température (°C)", named)  # the row's label is the field's buddy
    form.addRow(QLabel("Pouls"), bare)  # a label beside it, not its buddy
    top.show()
    assert unnamed(top) == ["QLineEdit 'bare'"]


def test_the_chart_dialogs_name_every_control(
    window: MainWindow, opened: Tasks, tmp_path: Path, qtbot: QtBot
) -> None:
    """The documents (attach, list, viewer), lab results, growth and the record dialogs
    with their new fields: every control has a name."""
    import datetime as dt

    from desktop.app.document_attach import AttachDocumentDialog
    from desktop.app.document_viewer import DocumentViewer
    from desktop.app.documents_view import DocumentsView
    from desktop.app.growth import GrowthView
    from desktop.app.lab_results import LabResultDialog, LabResultsView
    from desktop.app.record_dialogs import ProblemDialog
    from desktop.app.treatment_dialogs import TreatmentDialog, VaccinationDialog

    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    p.add_document(pid, b"\x89PNG not really", title="Photo", filename="p.png")
    p.create_record("lab_result", {"patient_id": pid, "analyte": "TSH", "value": 2.1})
    p.add_consultation(pid, started_at=f"{dt.date.today().year - 1}-01-01T10:00", weight_kg=9.0)
    chart = p.chart(pid)
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    tops = (
        AttachDocumentDialog(opened, pid, path),
        DocumentsView(opened, chart),
        DocumentViewer(opened, chart.documents[0]),
        LabResultDialog(opened, pid, documents=chart.documents),
        LabResultsView(opened, chart),
        GrowthView(chart),
        ProblemDialog(opened, pid),
        TreatmentDialog(opened, pid, record=None),
        VaccinationDialog(opened, pid),
    )
    for top in tops:
        qtbot.addWidget(top)
        top.show()
        assert unnamed(top) == [], type(top).__name__

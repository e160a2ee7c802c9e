"""The app's ways in and out, through their real widgets over a real practice: the chart's
Export…, Practice > Export the practice… (FHIR with progress, the SQLite copy behind its
confirmation), and the CSV import wizard (preview, mapping, dry run, import)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.app.csv_import_wizard import CsvImportWizard
from desktop.app.export_dialogs import PatientExportDialog, PracticeExportDialog
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import type_text


@pytest.fixture
def tasks(practice_dir: Path) -> Iterator[Tasks]:
    t = Tasks()
    practice = Practice.create(
        practice_dir, practice_name="Cabinet des Tilleuls", username="dr", passphrase=PASSPHRASE
    )
    pid = practice.create_record(
        "patient",
        {"family_name": "Müller", "given_names": "Hélène", "birth_date": "1961-03-12", "sex": "F"},
    )
    practice.add_consultation(pid, reason="Toux", text="Toux sèche", weight_kg=60)
    t.practice = practice
    yield t
    t.shutdown()


@pytest.fixture
def window(tasks: Tasks, practice_dir: Path, qtbot: QtBot) -> MainWindow:
    info = {"practice_name": "Cabinet des Tilleuls", "db_key": b"", "remote": None}
    w = MainWindow(tasks, practice_dir, info)
    qtbot.addWidget(w)
    w.show()
    return w


def _patient_id(tasks: Tasks) -> str:
    practice = tasks.practice
    assert practice is not None
    return str(practice.search_patients("muller")[0]["id"])


def _open_dialog(kind: type[QWidget]) -> QWidget:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(found) == 1
    return found[0]


def test_chart_export_writes_the_patients_archive(
    window: MainWindow, tasks: Tasks, qtbot: QtBot, tmp_path: Path
) -> None:
    pid = _patient_id(tasks)
    window.open_chart(pid)
    qtbot.waitUntil(lambda: window.chart.chart is not None, timeout=5000)
    window.chart.export_button.click()
    dialog = _open_dialog(PatientExportDialog)
    assert isinstance(dialog, PatientExportDialog)
    assert dialog.path.edit.accessibleName()
    out = tmp_path / "copie.zip"
    dialog.path.edit.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "copie.zip" in dialog.status.text(), timeout=20_000)
    with zipfile.ZipFile(out) as zf:
        assert {"dossier.pdf", "dossier-fhir.json"} <= set(zf.namelist())
    dialog.bundle.setChecked(True)
    dialog.path.edit.setText(str(tmp_path / "one.json"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "one.json" in dialog.status.text(), timeout=20_000)
    assert json.loads((tmp_path / "one.json").read_text("utf-8"))["resourceType"] == "Bundle"


def test_practice_export_from_the_menu_fhir_then_sqlite_behind_its_box(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    action = window.findChild(QAction, "exportPractice")
    assert action is not None
    action.trigger()
    dialog = _open_dialog(PracticeExportDialog)
    assert isinstance(dialog, PracticeExportDialog)
    dialog.folder.edit.setText(str(tmp_path / "fhir"))
    dialog.export_button.click()
    qtbot.waitUntil(
        lambda: "fhir" in dialog.status.text() and dialog.export_button.isEnabled(), timeout=20_000
    )
    assert (tmp_path / "fhir" / "Patient.ndjson").is_file()

    dialog.sqlite.setChecked(True)
    out = tmp_path / "plain.sqlite"
    dialog.file.edit.setText(str(out))
    dialog.export_button.click()
    assert "Tick the box" in dialog.error.text() and not out.exists()
    dialog.cleartext.setChecked(True)
    dialog.export_button.click()
    qtbot.waitUntil(out.exists, timeout=20_000)
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT family_name FROM patient").fetchone() == ("Müller",)


def test_csv_wizard_previews_maps_dry_runs_and_imports(
    window: MainWindow, tasks: Tasks, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "NOM;PRENOM;SEXE;DATE NAISSANCE;Remarque\r\n"
        "Lefèvre;Zoé;F;03/04/1962;x\r\n"
        "Müller;Hélène;F;12/03/1961;déjà là\r\n"
        "Bœuf;Noël;H;31/02/1990;date impossible\r\n".encode("cp1252")
    )
    action = window.findChild(QAction, "importCsv")
    assert action is not None
    action.trigger()
    wizard = _open_dialog(CsvImportWizard)
    assert isinstance(wizard, CsvImportWizard)
    wizard.path.edit.setText(str(path))
    wizard.read_button.click()
    qtbot.waitUntil(lambda: wizard.table is not None, timeout=5000)
    assert "Windows-1252" in wizard.detected.text()
    assert wizard.preview.item(1, 0).text() == "Lefèvre"
    assert wizard.preview.item(3, 0).text() == "Bœuf"
    # Guessed from the French column names; "Remarque" is not imported.
    assert wizard.mapping() == {
        "NOM": "family_name", "PRENOM": "given_names", "SEXE": "sex",
        "DATE NAISSANCE": "birth_date",
    }  # fmt: skip
    combo = wizard.combos[0]
    assert combo.accessibleName()
    wizard.set_field("SEXE", "")
    wizard.set_field("SEXE", "sex")
    wizard.dry_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=5000)
    report = wizard.report.toPlainText()
    assert "1 to create, 1 duplicates" in report and "1 refused" in report
    assert "Line 4: refused" in report
    assert not wizard.import_button.isEnabled()  # a refused row: nothing until confirmed
    wizard.skip_refused.setChecked(True)
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(window.patients.searched, timeout=5000):
        type_text(window.patients.search, "lefevre")  # the window's list: nobody yet
    assert window.patients.model.rowCount() == 0
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as signal:
        wizard.import_button.click()
    assert signal.args == [1]
    assert tasks.practice is not None
    assert [p["family_name"] for p in tasks.practice.search_patients("lefevre")] == ["Lefèvre"]
    # The import announced new patients: the window's list shows them, unasked.
    qtbot.waitUntil(lambda: window.patients.model.rowCount() == 1, timeout=5000)

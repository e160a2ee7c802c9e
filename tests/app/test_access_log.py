"""The chart's "Accès au dossier" and Practice > Journal d'accès, as a GP reads them: who
opened or changed the chart, when, from which computer (every device's synced audit),
filters, and the patient's access log written as CSV off the UI thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.access_log import AccessLogDialog, ChartAccessDialog
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.changes import Change, Stamp
from sync.ports import Cursor
from tests.helpers.qt import search_and_open, unnamed


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def other_device_read(p: Practice, pid: str) -> None:
    """A read of the chart on another computer, as its segment brings it."""
    with p.transaction():
        p.set_meta("device_name", "PC-bureau")
        p.set_meta("device_names", json.dumps({"dev-other": "PC-accueil"}))
    entry = ["2026-01-02T09:30:00.000+00:00", p.user_id, "read", "patient", pid, "dev-other", "h"]
    change = Change("audit", "dev-other/1", Stamp(1, "dev-other"), {"a": entry})
    StoreReplica(p.session).apply_segment("dev-other", Cursor(1, "x"), [change])


def patient_id(tasks: Tasks, name: str) -> str:
    assert tasks.practice is not None
    return str(tasks.practice.search_patients(name)[0]["id"])


def test_the_chart_lists_who_opened_it_where_in_french(french: None, opened: Tasks, qtbot: QtBot):
    pid = patient_id(opened, "muller")
    assert opened.practice is not None
    opened.practice.chart(pid)
    other_device_read(opened.practice, pid)
    dialog = ChartAccessDialog(opened, pid, "MÜLLER Hélène", None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 3, timeout=5000)
    rows = dialog.table.texts()
    assert rows[-1][0] == "02/01/2026 " + rows[-1][0][-5:]  # local time, oldest last
    assert rows[-1][2:] == ["Ouvert : Identité", "PC-accueil"]
    assert any(r[2].startswith("Ouvert") and r[3] == "PC-bureau" for r in rows)
    assert any(r[2].startswith("Créé") for r in rows)  # the chart's creation
    assert dialog.windowTitle() == "Accès au dossier : MÜLLER Hélène"
    dialog.show()
    assert unnamed(dialog) == []


def test_the_access_log_filters_and_exports_for_a_patient(
    french: None, opened: Tasks, qtbot: QtBot, tmp_path: Path
):
    pid = patient_id(opened, "muller")
    assert opened.practice is not None
    opened.practice.chart(patient_id(opened, "martin"))
    other_device_read(opened.practice, pid)
    dialog = AccessLogDialog(opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.user.count() > 1 and dialog.table.rowCount() > 0, timeout=5000)
    names = {r[2] for r in dialog.table.texts()}
    assert {"MARTIN Paul  01/01/1950", "MÜLLER Hélène  12/03/1961"} <= names
    assert unnamed(dialog) == []
    # the 2026-01-02 read from the other computer is outside the last 30 days
    assert not any(r[4] == "PC-accueil" for r in dialog.table.texts())
    dialog.since.setDate(dialog.since.date().fromString("2026-01-01", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: any(r[4] == "PC-accueil" for r in dialog.table.texts()), timeout=5000)
    # one patient: the export becomes possible, and writes the CSV on the worker
    assert not dialog.export.button.isEnabled()
    dialog.patient.chosen.emit(pid)
    qtbot.waitUntil(
        lambda: {r[2] for r in dialog.table.texts()} == {"MÜLLER Hélène  12/03/1961"}, timeout=5000
    )
    out = tmp_path / "acces.csv"
    dialog.export.path.edit.setText(str(out))
    dialog.export.button.click()
    qtbot.waitUntil(
        lambda: "écrites" in dialog.export.result.text() or "entr" in dialog.export.result.text(),
        timeout=5000,
    )
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Heure (UTC),Personne,Action,Dossier,Ordinateur"
    assert any("PC-accueil" in line and "Ouvert" in line for line in lines[1:])
    assert len(lines) - 1 == dialog.table.rowCount()
    # filter by person: nobody else wrote here
    dialog.user.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.status.text().endswith("entrées"), timeout=5000)


def test_the_chart_access_button_opens_the_list(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "martin")
    qtbot.waitUntil(lambda: window.chart.access_button.isEnabled(), timeout=5000)
    window.chart.access_button.click()
    qtbot.waitUntil(lambda: window.access_dialog.table.rowCount() >= 2, timeout=5000)
    assert window.access_log_action.text() == "Access log…"

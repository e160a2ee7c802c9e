"""The desktop app, driven through its real widgets (offscreen) over a real encrypted
practice: first run, unlock, search and chart, consultation, prescription PDF, drafts,
conflicts, sync status, language, and a UI that never waits for the network."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.app import i18n, warmup
from desktop.app.allergy_dialog import AddAllergyDialog
from desktop.app.conflicts import ConflictsDialog
from desktop.app.consultation import open_consultation, plausibility_warnings
from desktop.app.first_run import FirstRunDialog, strength
from desktop.app.main import AppController
from desktop.app.prescription import PrescriptionEditor
from desktop.app.record_dialogs import AddProblemDialog, IdentityDialog
from desktop.app.sync_status import SyncController, SyncStatusLabel
from desktop.app.tasks import Tasks
from desktop.app.unlock import UnlockDialog
from desktop.app.window import MainWindow
from desktop.practice import search
from desktop.practice.drafts import DraftStore
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.backends.base import UnreachableError
from sync.changes import Change, Stamp
from sync.ports import Cursor
from tests.helpers.practice import PASSPHRASE
from tests.helpers.qt import consultation_opened, search_and_open, type_text
from tests.helpers.servers import require_or_skip


def test_first_run_creates_a_practice(tasks: Tasks, tmp_path: Path, qtbot: QtBot):
    dialog = FirstRunDialog(tasks, tmp_path / "new")
    qtbot.addWidget(dialog)
    dialog.practice_name.setText("Cabinet Neuf")
    dialog.doctor.setText("dr")
    dialog.passphrase.setText("une phrase assez longue")
    dialog.confirm.setText("une phrase différente")
    dialog.create_button.click()
    assert "differ" in dialog.error.text()
    dialog.confirm.setText("une phrase assez longue")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.create_button.click()
    assert tasks.practice is not None
    assert tasks.practice.practice_record()["name"] == "Cabinet Neuf"


def test_strength_meter():
    assert strength("abc")[0] < strength("correct horse battery staple")[0]


def test_unlock_wrong_then_right(opened: Tasks, practice_dir: Path, qtbot: QtBot):
    opened.practice.close()  # type: ignore[union-attr]
    opened.practice = None
    dialog = UnlockDialog(opened, practice_dir, "Cabinet")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("pas la bonne")
    dialog.unlock()
    qtbot.waitUntil(lambda: "passphrase" in dialog.error.text().lower(), timeout=10_000)
    assert opened.practice is None
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.unlock()
    assert opened.practice is not None


def test_accented_search_and_enter_opens_the_chart(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "hélène mü")
    assert window.chart.chart.family_name == "Müller"  # type: ignore[union-attr]
    header = window.chart.header.text()
    assert "MÜLLER" in header and "Pénicilline" in header and "#c00000" in header
    assert window.chart.timeline.topLevelItemCount() == 1


def run_search(qtbot: QtBot, w: MainWindow, text: str) -> list[str]:
    w.patients.search.clear()
    with qtbot.waitSignal(w.patients.searched, timeout=5000):
        type_text(w.patients.search, text)
    return [r["family_name"] for r in w.patients.model.rows]


def test_birth_date_as_typed_and_arrow_keys(window: MainWindow, qtbot: QtBot):
    assert run_search(qtbot, window, "12/03/1961") == ["Müller"]
    assert run_search(qtbot, window, "m") == ["Martin", "Müller"]
    assert window.patients.table.currentIndex().row() == 0
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Down)
    assert window.patients.table.currentIndex().row() == 1
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chart.chart is not None, timeout=5000)
    assert window.chart.chart.family_name == "Müller"  # type: ignore[union-attr]


def test_write_and_save_a_consultation(
    window: MainWindow, practice_dir: Path, qtbot: QtBot, opened: Tasks
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    window.new_consultation(pid)
    editor = consultation_opened(qtbot, window)
    editor.reason.setText("Lombalgie")
    type_text(editor.text, "Lombalgie aiguë après effort, pas de signe de gravité.")
    editor.vitals.edits["weight_kg"].setText("80")
    editor.vitals.edits["height_cm"].setText("180")
    assert editor.vitals.bmi.text().endswith("24.7")
    editor.vitals.edits["bp_sys"].setText("300")
    assert "BP systolic" in editor.vitals.warnings.text()
    editor.vitals.edits["bp_sys"].setText("130")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    qtbot.waitUntil(lambda: window.chart.timeline.topLevelItemCount() == 1, timeout=5000)
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        version = fresh.chart(pid).consultations[0].current
        assert version.text.startswith("Lombalgie aiguë")
        assert (version.weight_kg, version.bp_sys) == (80, 130)


def test_edit_identity_and_add_problem_and_allergy(
    window: MainWindow, practice_dir: Path, qtbot: QtBot
):
    search_and_open(qtbot, window, "paul")
    pid = window.chart.chart.id  # type: ignore[union-attr]
    qtbot.mouseClick(window.chart.allergy_button, Qt.MouseButton.LeftButton)
    allergy: AddAllergyDialog = window.editor  # type: ignore[assignment]
    allergy.buttons.accepted.emit()
    assert "substance" in allergy.error.text()  # nothing written without a substance
    allergy.edits["substance"].setFocus()
    type_text(allergy.edits["substance"], "Aspirine")
    with qtbot.waitSignal(allergy.saved, timeout=5000):
        allergy.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "Aspirine" in window.chart.header.text(), timeout=5000)

    qtbot.mouseClick(window.chart.problem_button, Qt.MouseButton.LeftButton)
    problem: AddProblemDialog = window.editor  # type: ignore[assignment]
    problem.edits["label"].setText("Hypertension artérielle")
    problem.edits["cim10"].setText("I10")
    with qtbot.waitSignal(problem.saved, timeout=5000):
        problem.buttons.accepted.emit()

    qtbot.mouseClick(window.chart.identity_button, Qt.MouseButton.LeftButton)
    identity: IdentityDialog = window.editor  # type: ignore[assignment]
    assert identity.edits["family_name"].text() == "Martin"
    identity.edits["city"].setText("Besançon")
    assert identity.changes() == {"city": "Besançon"}
    with qtbot.waitSignal(identity.saved, timeout=5000):
        identity.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.chart.chart.city == "Besançon", timeout=5000)  # type: ignore[union-attr]

    with Practice.open(practice_dir, passphrase=PASSPHRASE) as fresh:
        chart = fresh.chart(pid)
        assert [a.substance for a in chart.allergies] == ["Aspirine"]
        assert [(x.label, x.cim10) for x in chart.problems] == [
            ("Hypertension artérielle", "I10")
        ]
        assert chart.city == "Besançon"


def test_draft_survives_closing_the_editor(opened: Tasks, practice_dir: Path, qtbot: QtBot):
    drafts = DraftStore(practice_dir, opened.practice.db_key)  # type: ignore[union-attr]
    pid = opened.practice.search_patients("martin")[0]["id"]  # type: ignore[union-attr]
    parent, shown = QWidget(), []
    qtbot.addWidget(parent)
    parent.show()
    open_consultation(parent, opened, drafts, pid, "MARTIN Paul", shown.append)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    editor = shown[0]
    qtbot.addWidget(editor)
    assert editor.text.toPlainText() == ""  # no draft yet
    type_text(editor.text, "Début de note très importante")
    editor.close()
    qtbot.waitUntil(lambda: drafts.load(f"consultation:{pid}") is not None, timeout=5000)
    stored = b"".join(p.read_bytes() for p in (practice_dir / "drafts").iterdir())
    assert b"importante" not in stored  # sealed, not plaintext
    open_consultation(parent, opened, drafts, pid, "MARTIN Paul", shown.append)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    again = shown[1]
    qtbot.addWidget(again)
    assert again.text.toPlainText() == "Début de note très importante"
    assert "restored" in again.status.text().lower()


def test_prescription_saved_as_pdf_has_the_patient_name(
    opened: Tasks, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
):
    if not shutil.which("pdftotext"):
        require_or_skip("pdftotext (poppler-utils) is needed to read the PDF")
    from PySide6.QtWidgets import QFileDialog

    from desktop.practice.prescriptions import RxLine

    pid = opened.practice.search_patients("muller")[0]["id"]  # type: ignore[union-attr]
    out = tmp_path / "ordonnance.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    editor = PrescriptionEditor(opened, pid, "MÜLLER Hélène")
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: bool(editor.info))
    editor.table.add(RxLine("Paracétamol 1 g", "1 cp matin et soir", "6 jours", "1 boîte"))
    with qtbot.waitSignal(editor.pdf_written, timeout=10_000):
        editor.pdf_button.click()
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "MÜLLER Hélène" in text and "Paracétamol 1 g" in text and "Cabinet des Tilleuls" in text
    rx = opened.practice.chart(pid).prescriptions  # type: ignore[union-attr]
    assert rx[0].current.lines[0]["drug"] == "Paracétamol 1 g"


def test_resolve_a_conflict_in_the_dialog(opened: Tasks, qtbot: QtBot):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    created = StoreReplica(p.session).pending_changes(0, 1000)[2].change.stamp
    p.update_record("patient", pid, {"phone": "06 ici"})
    mine = StoreReplica(p.session).pending_changes(0, 1000)[-1].change.stamp
    theirs = Change(
        "patient",
        pid,
        Stamp(mine.hlc + 10, "dev-other"),
        {"phone": "06 là-bas"},
        {"phone": created},
    )
    StoreReplica(p.session).apply_segment("dev-other", Cursor(1, "x"), [theirs])
    dialog = ConflictsDialog(opened)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.table.item(0, 2).text().startswith("06 ici\n")
    assert dialog.table.item(0, 3).text().startswith("06 là-bas\n")
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.keep_local.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    assert p.patient(pid)["phone"] == "06 ici"


def test_status_bar_follows_the_sync_state(opened: Tasks, practice_dir: Path, qtbot: QtBot):
    outcome: dict[str, Any] = {"fail": True}

    def run() -> str:
        if outcome["fail"]:
            raise UnreachableError("connection refused")
        return "ok"

    label = SyncStatusLabel()
    qtbot.addWidget(label)
    controller = SyncController(opened, practice_dir, b"k" * 32, "file:///nowhere", run=run)
    controller.changed.connect(label.show_state)
    controller.sync_now()
    qtbot.waitUntil(lambda: "Offline" in label.text() or "attente" in label.text(), timeout=5000)
    outcome["fail"] = False
    controller.sync_now()
    qtbot.waitUntil(lambda: "Synced" in label.text() or "Synchronisé" in label.text(), timeout=5000)
    controller.stop()


def test_the_ui_keeps_responding_while_a_sync_is_stalled(window: MainWindow, qtbot: QtBot):
    stalled, release = threading.Event(), threading.Event()

    def stalled_request() -> None:  # a server that accepted the request and says nothing
        stalled.set()
        release.wait(30)

    window.sync.info = None
    window.sync._run = stalled_request
    window.sync.remote = "webdav+http://user@127.0.0.1:9/slow"
    window.sync.sync_now()
    assert stalled.wait(5)
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)  # the event loop runs
    search_and_open(qtbot, window, "martin")  # and the database worker still answers
    assert window.sync.busy
    assert "Sync" in window.sync_label.text()
    release.set()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=5000)
    timer.stop()


def test_switching_language(window: MainWindow, qtbot: QtBot, opened: Tasks, practice_dir: Path):
    i18n.install("fr")
    try:
        french = MainWindow(opened, practice_dir, window.info)
        qtbot.addWidget(french)
        menus = [a.text() for a in french.menuBar().actions()]
        assert "&Cabinet" in menus and "&Langue" in menus
        assert french.patients.search.placeholderText().startswith("Nom")
    finally:
        i18n.install("en")
    english = MainWindow(opened, practice_dir, window.info)
    qtbot.addWidget(english)
    assert "&Practice" in [a.text() for a in english.menuBar().actions()]


def test_vitals_plausibility():
    assert plausibility_warnings({"temperature_c": 44.0})
    assert plausibility_warnings({"bp_sys": 80.0, "bp_dia": 90.0})
    assert not plausibility_warnings({"spo2": 97.0, "pulse": 70.0})


def test_app_controller_unlocks_into_the_main_window(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
):
    opened.practice.close()  # type: ignore[union-attr]
    controller = AppController(practice_dir)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock()
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000
    )
    controller.window.close()  # type: ignore[union-attr]
    controller.shutdown()


def test_after_a_lock_the_passphrase_is_asked_even_when_the_key_is_remembered(
    opened: Tasks, practice_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
):
    key = opened.practice.db_key  # type: ignore[union-attr]
    opened.practice.close()  # type: ignore[union-attr]
    monkeypatch.setattr("desktop.app.unlock.KeyCache.load", lambda self, account: key)
    monkeypatch.setattr("desktop.app.unlock.KeyCache.load_text", lambda self, account: "dr")
    monkeypatch.setattr("desktop.app.unlock.KeyCache.available", lambda self: True)
    controller = AppController(practice_dir)
    controller.start()  # start-up: the remembered key saves typing
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000
    )
    window = controller.window
    assert window is not None
    window.lock()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, UnlockDialog), timeout=10_000)
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert not window.isVisible() and controller.tasks.practice is None
    controller.shutdown()


def test_without_a_keyring_the_remember_box_says_so(
    opened: Tasks, practice_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("desktop.app.unlock.KeyCache.available", lambda self: False)
    dialog = UnlockDialog(opened, practice_dir, "Cabinet")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.remember.isEnabled(), timeout=5000)
    assert "keyring" in dialog.remember.text()


def test_the_status_bar_counts_what_a_gp_understands(qtbot: QtBot):
    import datetime as dt

    from desktop.app.sync_status import SyncState

    label = SyncStatusLabel()
    qtbot.addWidget(label)
    since = dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC)
    label.show_state(SyncState("offline", pending=92_812, charts=3, at=since))
    assert "3 charts changed" in label.text() and "92" not in label.text()
    assert since.astimezone().strftime("%H:%M") in label.text()
    label.show_state(SyncState("offline", pending=92_812, charts=None, at=since))
    assert "92,812 changes" in label.text()
    label.show_state(SyncState("not-configured", pending=2, charts=0))
    assert "practice settings changed" in label.text()


def test_after_shutdown_late_work_is_dropped_not_a_crash():
    tasks = Tasks()
    tasks.shutdown()
    late = tasks.db(lambda p: p.pending_count(), on_done=lambda _: None)
    assert late.cancelled()


def test_the_search_warms_up_after_unlock_without_holding_a_search(
    window: MainWindow, qtbot: QtBot
):
    # A search typed while the warm-up runs is answered; then the warm-up finishes.
    assert run_search(qtbot, window, "mart") == ["Martin"]
    qtbot.waitUntil(lambda: window.warmer.progress.done, timeout=10_000)
    assert window.warmer.progress.rows > 0 and not window.warmer.running


def test_notes_a_restore_left_unindexed_are_indexed_after_unlock_then_names_warm(
    opened: Tasks, practice_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
):
    """A restore leaves every note to the note index's catch-up: the window indexes them
    a slice at a time, says how far it is, and warms the name search after; a note
    search meanwhile finds every note."""
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    for i in range(40):
        p.add_consultation(pid, reason="Angine", text=f"Angine érythémateuse {i}")
    with p.transaction():
        search.rebuild(p.conn, notes=False)  # what a restore's last step leaves
    assert p.notes_pending() == 41
    monkeypatch.setattr(warmup, "NOTE_SLICE", 2)
    info = {"practice_name": "Cabinet", "db_key": p.db_key, "remote": None}
    w = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(w)
    seen: list[tuple[int, int]] = []
    w.notes_indexer.progress.connect(lambda done, total: seen.append((done, total)))
    w.show()
    qtbot.waitUntil(lambda: w.warmer.progress.done, timeout=10_000)  # after the notes
    assert p.notes_pending() == 0
    assert len(seen) >= 20 and seen[-1] == (41, 41)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(p.search_notes("erythemateuse", 100)) == 40

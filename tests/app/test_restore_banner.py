"""The band above the charts while a restore streams the practice's history in: shown
from the start, counting the parts as the sync reports them, gone only once the
practice's own state says complete (desktop.app.restore_banner)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app.sync_status import SyncState
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.meta import USABLE
from desktop.remote import RESTORE_STATE


def set_state(opened: Tasks, value: str) -> None:
    def put(p: object) -> None:
        with p.transaction():  # type: ignore[attr-defined]
            p.set_meta(RESTORE_STATE, value)  # type: ignore[attr-defined]

    opened.db(put).result(timeout=10)


def test_the_band_counts_the_parts_and_goes_only_when_the_restore_is_complete(
    opened: Tasks, practice_dir: Path, qtbot: QtBot
) -> None:
    set_state(opened, USABLE)
    info = {
        "practice_name": "Cabinet des Tilleuls",
        "db_key": opened.practice.db_key,  # type: ignore[union-attr]
        "remote": None,
        "restoring": True,
    }
    w = MainWindow(opened, practice_dir, info)
    qtbot.addWidget(w)
    w.show()
    banner = w.restore_banner
    assert banner.isVisible() and "history is still arriving" in banner.text()

    w.sync.restore_progress.emit(3, 10)
    assert "3 of 10 parts" in banner.text()

    # A sync ends while the restore is still usable only: the band stays.
    answered: list[bool] = []
    w.sync.changed.emit(SyncState("synced"))
    # The database worker is first in, first out: once a marker queued after the
    # band's question is answered on the UI thread, so was the question.
    opened.db(lambda _p: True, on_done=answered.append)
    qtbot.waitUntil(lambda: bool(answered))
    assert banner.isVisible()

    # The sync that pulled the rest marked it complete: the band goes, the bar says so.
    set_state(opened, "complete")
    with qtbot.waitSignal(banner.completed, timeout=5000):
        w.sync.changed.emit(SyncState("synced"))
    assert not banner.isVisible()
    assert "Restore complete" in w.statusBar().currentMessage()


def test_a_complete_practice_shows_no_band(window: MainWindow) -> None:
    assert not window.restore_banner.isVisible()


def test_a_consultation_whose_note_is_still_arriving_says_so_and_cannot_be_amended(
    window: MainWindow, opened: Tasks, qtbot: QtBot
) -> None:
    from tests.helpers.qt import search_and_open

    def head_only(p: object) -> None:
        (martin,) = [r for r in p.records("patient") if r["family_name"] == "Martin"]  # type: ignore[attr-defined]
        p.import_records(  # type: ignore[attr-defined]
            [("consultation", "01a20000-0000-7000-8000-000000000001",
              {"patient_id": martin["id"], "started_at": "2001-05-04T10:00", "deleted": False})]
        )  # fmt: skip

    opened.db(head_only).result(timeout=10)
    search_and_open(qtbot, window, "martin")
    item = window.chart.timeline.topLevelItem(0)
    assert "content still arriving" in item.text(1)
    window.chart.timeline.setCurrentItem(item)
    assert "not on this computer yet" in window.chart.detail.toPlainText()
    assert not window.chart.amend_button.isEnabled()

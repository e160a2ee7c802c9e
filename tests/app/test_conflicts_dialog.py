"""The conflicts dialog as a GP reads it: the patient's name, the field in words, both
values, when and on which computer each was written, and a Close button."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.conflicts import ConflictsDialog
from desktop.app.tasks import Tasks
from desktop.practice.conflict_view import DEVICE_NAMES
from desktop.practice.replica import StoreReplica
from sync.changes import Change, Stamp
from sync.ports import Cursor


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_conflict_in_words_with_when_and_where(french: None, opened: Tasks, qtbot: QtBot):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    created = StoreReplica(p.session).pending_changes(0, 1000)[2].change.stamp
    with p.transaction():
        p.set_meta("device_name", "Portable-Dr")
        p.set_meta(DEVICE_NAMES, json.dumps({"dev-other": "PC-accueil"}))
    p.update_record("patient", pid, {"phone": "06 11 11 11 11"})
    mine = StoreReplica(p.session).pending_changes(0, 1000)[-1].change.stamp
    theirs = Change(
        "patient", pid, Stamp(mine.hlc + 10, "dev-other"), {"phone": "06 22 22 22 22"},
        {"phone": created},
    )  # fmt: skip
    StoreReplica(p.session).apply_segment("dev-other", Cursor(1, "x"), [theirs])
    dialog = ConflictsDialog(opened)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    today = dt.date.today().strftime("%d/%m/%Y")
    assert dialog.table.item(0, 0).text() == "MARTIN Paul"
    assert dialog.table.item(0, 1).text() == "Téléphone"
    here, there = dialog.table.item(0, 2).text(), dialog.table.item(0, 3).text()
    assert here.startswith("06 11 11 11 11\nécrite le " + today)
    assert here.endswith("sur cet ordinateur (Portable-Dr)")
    assert there.startswith("06 22 22 22 22\nécrite le " + today)
    assert there.endswith("sur PC-accueil")
    dialog.show()
    close = dialog.close_buttons.buttons()[0]
    assert close.text() == "&Fermer" or "Fermer" in close.text()
    close.click()
    assert not dialog.isVisible()

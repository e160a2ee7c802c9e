"""Practice > Cabinet… and the practitioner profile: loaded and saved on the worker,
through the store's write path (so journalled for sync), with sentences for bad values."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app.practice_details import PracticeDetailsDialog, PractitionerDialog
from desktop.app.tasks import Tasks
from desktop.practice import practitioners
from desktop.practice.store import Practice


def test_practice_details_load_and_save_only_what_changed(
    rx_tasks: Tasks, rx_practice: Practice, qtbot: QtBot
):
    dialog = PracticeDetailsDialog(rx_tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.edits["city"].text() == "Lyon")
    assert dialog.edits["name"].accessibleName() == "Practice name"
    before = rx_practice.pending_count()
    dialog.edits["phone"].setText("04 78 99 99 99")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    assert practitioners.practice_details(rx_practice).phone == "04 78 99 99 99"
    assert rx_practice.pending_count() == before + 1  # one change, to be synced


def test_bad_values_stay_on_screen_as_a_sentence(rx_tasks: Tasks, qtbot: QtBot):
    dialog = PracticeDetailsDialog(rx_tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    dialog.edits["email"].setText("cabinet.fr")
    dialog.buttons.accepted.emit()
    assert "email" in dialog.error.text()
    dialog.edits["email"].setText("")
    dialog.edits["name"].setText(" ")
    dialog.buttons.accepted.emit()
    assert "name" in dialog.error.text()


def test_a_locum_profile_names_whom_they_replace(
    rx_tasks: Tasks, rx_practice: Practice, qtbot: QtBot
):
    locum = rx_practice.create_record(
        "user", {"username": "remp", "display_name": "Paul Leroy", "role": "locum"}
    )
    dialog = PractitionerDialog(rx_tasks, locum)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.replaces.count() == 2)
    assert dialog.locum.isChecked()  # the login's role
    # the login's display name, split (never "Dr PAUL LEROY" as a family name)
    assert dialog.edits["given_names"].text() == "Paul"
    assert dialog.edits["family_name"].text() == "Leroy"
    dialog.edits["rpps"].setText("123")
    dialog.buttons.accepted.emit()
    assert "RPPS" in dialog.error.text()
    dialog.edits["rpps"].setText("10109876543")
    dialog.edits["given_names"].setText("Paul")
    dialog.edits["family_name"].setText("Leroy")
    dialog.replaces.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    me = practitioners.prescriber(rx_practice, locum)
    assert me.practitioner.rpps == "10109876543" and me.practitioner.locum
    assert me.replaces is not None and me.replaces.full_name == "Dr Jeanne MARTIN"

"""The agenda window, driven through its widgets over a real encrypted practice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QPointF, Qt, QTime
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import i18n
from desktop.app.agenda import (
    ROWS,
    AgendaWindow,
    Cell,
    lay_out,
    proposed_start,
    row_for,
    rows_spanned,
)
from desktop.app.appointment import AppointmentDialog
from desktop.app.tasks import Tasks
from desktop.app.window import MainWindow
from desktop.practice.models import Appointment
from tests.helpers.qt import search_and_open, type_text

DAY = QDate(2026, 3, 4)  # a Wednesday


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def _agenda(opened: Tasks, qtbot: QtBot, patient: tuple[str, str] | None) -> AgendaWindow:
    agenda = AgendaWindow(opened, lambda: patient)
    qtbot.addWidget(agenda)
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.day = DAY
        agenda.reload()
    agenda.show()
    return agenda


def book_in_the_past(dialog: AppointmentDialog) -> None:
    """Save, asked first whether to book in the past (DAY is), and say yes."""
    dialog.buttons.accepted.emit()
    box = dialog.past_question
    assert box is not None and box.isVisible() and "in the past" in box.text()
    box.buttons()[0].click()  # "Book anyway", the first (accept) button


def _book(opened: Tasks, starts_at: str, status: str = "booked") -> str:
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    return p.create_record(
        "appointment",
        {"patient_id": pid, "starts_at": starts_at, "duration_min": 15, "status": status},
    )


def test_row_for_maps_times_to_the_grid():
    assert row_for("2026-03-04T08:00") == 0
    assert row_for("2026-03-04T09:20") == 5
    assert row_for("2026-03-04T07:45") is None
    assert row_for("2026-03-04T20:00") is None


def test_day_and_week_views_and_navigation(opened: Tasks, qtbot: QtBot):
    _book(opened, "2026-03-04T09:00")
    _book(opened, "2026-03-06T10:30")
    agenda = _agenda(opened, qtbot, None)
    assert agenda.grid.columnCount() == 1
    item = agenda.grid.item(4, 0)
    assert item is not None and "MARTIN" in item.text()
    assert agenda.grid.item(10, 0) is None
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.week_view.setChecked(True)
    assert agenda.grid.columnCount() == 7
    assert agenda.days()[0] == QDate(2026, 3, 2)  # Monday
    assert agenda.grid.item(4, 2) is not None and agenda.grid.item(10, 4) is not None
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        qtbot.mouseClick(agenda.next_button, Qt.MouseButton.LeftButton)
    assert agenda.days()[0] == QDate(2026, 3, 9)
    assert agenda.appointments == []
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        qtbot.mouseClick(agenda.prev_button, Qt.MouseButton.LeftButton)
    assert len(agenda.appointments) == 2
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        qtbot.mouseClick(agenda.today_button, Qt.MouseButton.LeftButton)
    assert QDate.currentDate() in agenda.days()


def test_create_move_and_cancel_an_appointment(
    opened: Tasks,
    practice_dir: Path,
    qtbot: QtBot,
):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("lœuvre")[0]["id"]
    agenda = _agenda(opened, qtbot, (pid, "LŒUVRE Gaëlle"))
    agenda.grid.setCurrentCell(6, 0)  # 09:30
    qtbot.mouseClick(agenda.new_button, Qt.MouseButton.LeftButton)
    dialog = agenda.dialog
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.fields()["starts_at"] == "2026-03-04T09:30"
    dialog.reason.setText("Renouvellement")
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        book_in_the_past(dialog)
    item = agenda.grid.item(6, 0)
    assert item is not None and "LŒUVRE Gaëlle (Renouvellement)" in item.text()

    agenda.grid.setCurrentCell(6, 0)
    qtbot.mouseClick(agenda.move_button, Qt.MouseButton.LeftButton)
    move = agenda.dialog
    assert isinstance(move, AppointmentDialog) and move is not dialog
    move.start.setDateTime(QDateTime.fromString("2026-03-04T11:00", "yyyy-MM-ddTHH:mm"))
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        book_in_the_past(move)
    assert agenda.grid.item(6, 0) is None
    assert agenda.grid.item(12, 0) is not None

    agenda.grid.setCurrentCell(12, 0)
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.cancel_selected(confirm=False)
    moved = agenda.grid.item(12, 0)
    assert moved is not None and moved.font().strikeOut()

    rows = opened.db(lambda q: q.chart(pid).appointments).result(timeout=5)
    assert [(r.starts_at, r.status, r.reason) for r in rows] == [
        ("2026-03-04T11:00", "cancelled", "Renouvellement")
    ]
    assert rows[0].practitioner_id == p.user_id


def test_book_any_patient_from_the_agenda_by_typing(opened: Tasks, qtbot: QtBot):
    agenda = _agenda(opened, qtbot, None)  # no chart open
    agenda.grid.setCurrentCell(8, 0)  # 10:00
    qtbot.mouseClick(agenda.new_button, Qt.MouseButton.LeftButton)
    dialog = agenda.dialog
    assert isinstance(dialog, AppointmentDialog)
    dialog.buttons.accepted.emit()
    assert "patient" in dialog.error.text().lower()  # nothing written without one
    dialog.picker.search.setFocus()
    with qtbot.waitSignal(dialog.picker.searched, timeout=5000):
        type_text(dialog.picker.search, "loeuvre")  # no accent typed
    assert dialog.picker.matches.item(0).text().startswith("LŒUVRE Gaëlle")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.patient_id is not None
    qtbot.waitUntil(lambda: dialog.practitioner.count() > 0, timeout=5000)
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        book_in_the_past(dialog)
    item = agenda.grid.item(8, 0)
    assert item is not None and "10:00 LŒUVRE Gaëlle" in item.text()


def test_ctrl_g_opens_the_agenda_for_the_open_chart(window: MainWindow, qtbot: QtBot):
    search_and_open(qtbot, window, "paul")
    assert window.agenda_action.shortcut() == QKeySequence("Ctrl+G")
    window.agenda_action.trigger()
    agenda = window.agenda
    qtbot.waitUntil(lambda: agenda.isVisible() and agenda.title.text() != "", timeout=5000)
    assert window._current_patient() == (window.chart.chart.id, "MARTIN Paul")  # type: ignore[union-attr]
    agenda.close()


def test_rows_spanned_and_every_appointment_its_own_cell():
    assert [rows_spanned(m) for m in (15, 20, 45, 60, None, "x")] == [1, 2, 3, 4, 1, 1]

    def at(start: str, status: str = "booked") -> Appointment:
        return replace(Appointment.blank(), starts_at=f"2026-03-04T{start}", id=start + status,
                       status=status)  # fmt: skip

    a, b, c, d = at("08:45"), at("09:05"), at("10:00"), at("10:10")
    a, b = replace(a, duration_min=20), replace(b, duration_min=20)
    gone = at("10:00", "cancelled")
    late = replace(at("10:25"), duration_min=20)
    over = at("10:30")  # while 10:25 runs: a double booking
    cells = lay_out([(0, 3, 5, a), (0, 4, 6, b), (0, 8, 9, gone), (0, 8, 9, c), (0, 8, 9, d),
                     (0, 9, 11, late), (0, 10, 11, over), (1, 46, 50, a)])  # fmt: skip
    assert cells == [
        Cell(0, 0, 3, 4, a),  # 08:45 for 20 min ends its cell where 09:05 begins
        Cell(0, 0, 4, 6, b),
        Cell(0, 0, 8, 9, c),  # the same quarter hour: side by side, booked first
        Cell(0, 0, 9, 11, late),  # its whole 20 minutes: the 10:30 overlaps it
        Cell(0, 1, 8, 9, d),
        Cell(0, 1, 10, 11, over),
        Cell(0, 2, 8, 9, gone),
        Cell(1, 0, 46, ROWS, a),  # clipped at 20:00
    ]


def test_an_appointment_spans_the_rows_of_its_duration(opened: Tasks, qtbot: QtBot):
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    ids = {}
    for start, minutes, status in (
        ("09:00", 45, "booked"),
        ("09:30", 15, "booked"),  # overlaps the one before: beside it
        ("14:00", 20, "cancelled"),
        ("19:30", 60, "booked"),  # runs past 20:00
    ):
        ids[start] = p.create_record(
            "appointment",
            {
                "patient_id": pid,
                "starts_at": f"2026-03-04T{start}",
                "duration_min": minutes,
                "status": status,
            },
        )
    agenda = _agenda(opened, qtbot, None)
    grid = agenda.grid
    nine = row_for("2026-03-04T09:00")
    assert nine is not None and grid.rowSpan(nine, 0) == 3
    item = grid.item(nine, 0)
    assert item is not None and "09:00" in item.text() and "09:30" not in item.text()
    half_past = grid.item(nine + 2, 1)  # within the 09:00's 45 minutes: beside it
    assert half_past is not None and half_past.text().startswith("09:30 MARTIN Paul")
    two = row_for("2026-03-04T14:00")
    assert two is not None and grid.rowSpan(two, 0) == 2
    cancelled = grid.item(two, 0)
    assert cancelled is not None and cancelled.font().strikeOut()
    late = row_for("2026-03-04T19:30")
    assert late is not None and grid.rowSpan(late, 0) == ROWS - late == 2
    grid.setCurrentCell(nine, 0)
    assert agenda.selected() is not None and agenda.selected().id == ids["09:00"]  # type: ignore[union-attr]
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.week_view.setChecked(True)  # spans are redrawn, not left over
    assert grid.rowSpan(nine, 2) == 3 and grid.rowSpan(nine, 0) == 1


def test_french_day_names(french: None, opened: Tasks, qtbot: QtBot):
    agenda = _agenda(opened, qtbot, None)
    assert agenda.grid.horizontalHeaderItem(0).text() == "mercredi 04/03"
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.week_view.setChecked(True)
    headers = [agenda.grid.horizontalHeaderItem(i).text() for i in range(7)]
    assert headers[0] == "lundi 02/03" and headers[6] == "dimanche 08/03"


def test_cancel_asks_then_undo_brings_it_back(french: None, opened: Tasks, qtbot: QtBot):
    record_id = _book(opened, "2026-03-04T09:00")
    agenda = _agenda(opened, qtbot, None)
    agenda.grid.setCurrentCell(4, 0)
    qtbot.mouseClick(agenda.cancel_button, Qt.MouseButton.LeftButton)
    box = agenda.confirm
    assert box is not None and "MARTIN Paul" in box.text() and "09:00" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    status = lambda: opened.db(lambda p: p.get("appointment", record_id)["status"]).result(5)  # noqa: E731
    assert status() == "booked"
    qtbot.mouseClick(agenda.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.confirm.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert status() == "cancelled"
    assert agenda.undo_button.isVisible() and "annulé" in agenda.notice.text()
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.undo_button.click()
    assert status() == "booked"
    item = agenda.grid.item(4, 0)
    assert item is not None and not item.font().strikeOut()


def test_move_by_drag_and_drop(opened: Tasks, qtbot: QtBot):
    record_id = _book(opened, "2026-03-04T09:00")
    agenda = _agenda(opened, qtbot, None)
    agenda.grid.setCurrentCell(4, 0)
    target = agenda.grid.visualItemRect(agenda.grid.item(4, 0)).center()
    target.setY(agenda.grid.rowViewportPosition(10) + 3)  # the 10:30 row
    mime = agenda.grid.mimeData([agenda.grid.item(4, 0)])
    drop = QDropEvent(
        QPointF(target), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.grid.dropEvent(drop)
    row = opened.db(lambda p: p.get("appointment", record_id)).result(5)
    assert (row["starts_at"], row["duration_min"]) == ("2026-03-04T10:30", 15)
    assert agenda.grid.item(10, 0) is not None and agenda.grid.item(4, 0) is None


def test_one_column_per_practitioner_and_a_filter(opened: Tasks, qtbot: QtBot):
    p = opened.practice
    assert p is not None
    locum = p.create_record(
        "user", {"username": "remp", "display_name": "Dr Remplaçante", "role": "locum"}
    )
    mine = _book(opened, "2026-03-04T09:00")
    pid = p.search_patients("muller")[0]["id"]
    theirs = p.create_record(
        "appointment",
        {"patient_id": pid, "practitioner_id": locum, "starts_at": "2026-03-04T09:00",
         "duration_min": 15, "status": "booked"},
    )  # fmt: skip
    p.update_record("appointment", mine, {"practitioner_id": p.user_id})
    agenda = _agenda(opened, qtbot, None)
    qtbot.waitUntil(lambda: agenda.grid.columnCount() == 2, timeout=5000)
    headers = [agenda.grid.horizontalHeaderItem(i).text() for i in range(2)]
    assert headers[0].endswith("Dr Remplaçante") and headers[1].endswith("dr")
    assert "MÜLLER" in agenda.grid.item(4, 0).text()
    assert "MARTIN" in agenda.grid.item(4, 1).text()
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.practitioner_filter.setCurrentIndex(agenda.practitioner_filter.findData(locum))
    assert agenda.grid.columnCount() == 1
    assert "MÜLLER" in agenda.grid.item(4, 0).text()
    assert theirs in {a.id for a in agenda.appointments}


def test_a_new_appointment_is_proposed_at_the_next_quarter_hour():
    day = QDate(2026, 12, 1)
    at = QDateTime(day, QTime(14, 35, 20))
    assert proposed_start(day, at) == "2026-12-01T14:45"
    assert proposed_start(day, QDateTime(day, QTime(14, 45))) == "2026-12-01T14:45"
    assert proposed_start(day, QDateTime(day, QTime(23, 50))) == "2026-12-02T00:00"
    assert proposed_start(QDate(2026, 12, 3), at) == "2026-12-03T08:00"  # another day shown


def test_the_agenda_proposes_the_next_quarter_hour_when_no_cell_is_chosen(
    opened: Tasks, qtbot: QtBot
):
    agenda = AgendaWindow(opened, lambda: None)
    qtbot.addWidget(agenda)
    agenda.show()
    agenda.new_appointment()
    assert agenda.dialog is not None
    start = QDateTime.fromString(agenda.dialog.fields()["starts_at"], "yyyy-MM-ddTHH:mm")
    now = QDateTime.currentDateTime()
    assert now.addSecs(-60) <= start <= now.addSecs(15 * 60)
    assert start.time().minute() % 15 == 0


def test_a_whole_date_and_time_typed_over_the_start_is_taken(opened: Tasks, qtbot: QtBot):
    dialog = AppointmentDialog(
        opened, patient_id="p", patient_name="MARTIN Paul", starts_at="2026-12-01T14:45"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.start.setFocus()
    dialog.start.selectAll()  # Ctrl+A
    qtbot.keyClicks(dialog.start, "02/12/2026 09:30")
    assert dialog.fields()["starts_at"] == "2026-12-02T09:30"
    dialog.start.selectAll()
    qtbot.keyClicks(dialog.start, "10h15")  # a time alone: the same day
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.start.text() == "02/12/2026 10:15"
    dialog.start.setText("31/02/2026 09:30")
    dialog.buttons.accepted.emit()
    assert "date and a time" in dialog.error.text()


def test_escape_closes_the_agenda(opened: Tasks, qtbot: QtBot):
    agenda = AgendaWindow(opened, lambda: None)
    qtbot.addWidget(agenda)
    agenda.show()
    qtbot.waitExposed(agenda)
    agenda.activateWindow()
    qtbot.waitUntil(agenda.isActiveWindow)
    qtbot.keyClick(agenda.grid, Qt.Key.Key_Escape)
    assert not agenda.isVisible()


def test_appointments_of_one_quarter_hour_each_have_a_cell_to_open_and_cancel(
    french: None, opened: Tasks, qtbot: QtBot
):
    """08:45 for 20 minutes then 09:05, and two booked at 10:00 and 10:10, were shown in
    one cell each, joined by ' / ': the GP could not tell them apart nor open each (the
    demo's day does this every morning). Now each is a cell of its own."""
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    ids = {
        start: p.create_record(
            "appointment",
            {
                "patient_id": pid,
                "starts_at": f"2026-03-04T{start}",
                "duration_min": 20,
                "status": "booked",
                "reason": reason,
            },
        )  # fmt: skip
        for start, reason in (
            ("08:45", "Suivi"),
            ("09:05", "Vaccination"),
            ("10:00", "Certificat"),
            ("10:10", "Résultats"),
        )  # fmt: skip
    }
    agenda = _agenda(opened, qtbot, None)
    grid = agenda.grid
    assert grid.columnCount() == 2  # 10:00 and 10:10 side by side
    assert grid.horizontalHeaderItem(0).text() == "mercredi 04/03"
    assert grid.horizontalHeaderItem(1).text() == ""  # the same day's second lane
    assert grid.horizontalHeaderItem(1).toolTip() == "mercredi 04/03"
    texts = {
        grid.item(r, c).text(): (r, c)
        for r in range(ROWS) for c in range(2) if grid.item(r, c) is not None
    }  # fmt: skip
    assert texts == {
        "08:45 MARTIN Paul (Suivi)": (3, 0),
        "09:05 MARTIN Paul (Vaccination)": (4, 0),
        "10:00 MARTIN Paul (Certificat)": (8, 0),
        "10:10 MARTIN Paul (Résultats)": (8, 1),
    }
    grid.setFocus()
    grid.setCurrentCell(8, 1)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter opens the one selected
    assert agenda.dialog is not None and agenda.dialog.appointment is not None
    assert agenda.dialog.appointment.id == ids["10:10"]
    agenda.dialog.close()

    grid.setCurrentCell(4, 0)
    qtbot.mouseClick(agenda.cancel_button, Qt.MouseButton.LeftButton)
    box = agenda.confirm
    assert box is not None and "09:05" in box.text()
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        box.button(QMessageBox.StandardButton.Yes).click()
    status = lambda rid: opened.db(lambda p: p.get("appointment", rid)["status"]).result(5)  # noqa: E731
    assert (status(ids["08:45"]), status(ids["09:05"])) == ("booked", "cancelled")
    # New appointment in the second lane: that lane's day and practitioner.
    grid.setCurrentCell(9, 1)
    assert agenda.selected_start() == "2026-03-04T10:15"


def test_booking_over_the_practitioners_booked_time_asks_first(
    french: None, opened: Tasks, qtbot: QtBot
):
    """A secretary booked 10:30 for Dr Martin over BLANCHARD's 10:25 of 20 minutes: no
    word, and the grid then drew the 10:25 one row high, as if it ended at 10:30."""
    p = opened.practice
    assert p is not None
    pid = p.search_patients("martin")[0]["id"]
    other = p.search_patients("muller")[0]["id"]
    p.create_record("appointment", {
        "patient_id": pid, "practitioner_id": p.user_id, "starts_at": "2031-03-04T10:25",
        "duration_min": 20, "status": "booked",
    })  # fmt: skip
    agenda = _agenda(opened, qtbot, (other, "MÜLLER Hélène"))
    dialog = AppointmentDialog(
        opened, patient_id=other, patient_name="MÜLLER Hélène", starts_at="2031-03-04T10:30",
        parent=agenda,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.practitioner.count() > 0, timeout=5000)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.overlap_question is not None, timeout=5000)
    box = dialog.overlap_question
    assert "MARTIN Paul à 10:25 (20 min)" in box.text() and "quand même" in box.text()
    box.buttons()[1].click()  # "Change the time": nothing written
    dialog.start.setText("04/03/2031 10:45")  # once the 10:25 is over: no question
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    starts = sorted(a["starts_at"] for a in p.records("appointment"))
    assert starts == ["2031-03-04T10:25", "2031-03-04T10:45"]


def test_a_drop_onto_a_booked_time_asks_first(french: None, opened: Tasks, qtbot: QtBot):
    moved = _book(opened, "2026-03-04T09:00")
    _book(opened, "2026-03-04T10:30")
    agenda = _agenda(opened, qtbot, None)

    def drop_on_half_past_ten() -> None:
        agenda.grid.setCurrentCell(4, 0)
        target = agenda.grid.visualItemRect(agenda.grid.item(4, 0)).center()
        target.setY(agenda.grid.rowViewportPosition(10) + 3)
        mime = agenda.grid.mimeData([agenda.grid.item(4, 0)])
        agenda.grid.dropEvent(QDropEvent(
            QPointF(target), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ))  # fmt: skip

    start = lambda: opened.db(lambda p: p.get("appointment", moved)["starts_at"]).result(5)  # noqa: E731
    agenda.confirm = None
    drop_on_half_past_ten()
    qtbot.waitUntil(lambda: agenda.confirm is not None, timeout=5000)
    assert "a déjà MARTIN Paul à 10:30 (15 min)" in agenda.confirm.text()
    agenda.confirm.buttons()[1].click()  # left where it was
    assert start() == "2026-03-04T09:00"
    agenda.confirm = None
    drop_on_half_past_ten()
    qtbot.waitUntil(lambda: agenda.confirm is not None, timeout=5000)
    with qtbot.waitSignal(agenda.loaded, timeout=5000):
        agenda.confirm.buttons()[0].click()  # moved anyway
    assert start() == "2026-03-04T10:30"


def test_the_patients_chart_opens_from_the_agenda_and_today_opens_on_the_time_of_day(
    opened: Tasks, qtbot: QtBot
):
    """Enter opens the appointment itself; the GP also wants the patient's chart. And at
    16:00 a laptop's grid showed 08:00 to 13:15."""
    record_id = _book(opened, "2026-03-04T09:00")
    agenda = _agenda(opened, qtbot, None)
    agenda.grid.setCurrentCell(4, 0)
    with qtbot.waitSignal(agenda.open_chart, timeout=5000) as opened_chart:
        agenda.chart_button.click()
    booked = opened.db(lambda p: p.get("appointment", record_id)).result(5)
    assert opened_chart.args == [booked["patient_id"]]
    agenda.resize(1000, 500)
    agenda._scroll_to(16 * 60)
    assert agenda.grid.rowAt(0) == row_for("2026-03-04T15:30")  # half an hour before
    agenda._scroll_to(7 * 60)
    assert agenda.grid.rowAt(0) == 0

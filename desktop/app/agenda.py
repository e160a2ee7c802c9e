"""The agenda: a day or a week of appointments on a grid of 15-minute rows, 08:00-20:00.

Reads with Practice.appointments_between and writes (create, move, cancel) on the
database worker; the grid cell of an appointment holds its id (UserRole)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.appointment import AppointmentDialog
from desktop.app.errors import message_for
from desktop.app.tasks import Tasks

FIRST_MINUTE, LAST_MINUTE, STEP = 8 * 60, 20 * 60, 15
ROWS = (LAST_MINUTE - FIRST_MINUTE) // STEP

CurrentPatient = Callable[[], "tuple[str, str] | None"]


def slot_time(row: int) -> str:
    minute = FIRST_MINUTE + row * STEP
    return f"{minute // 60:02d}:{minute % 60:02d}"


def row_for(starts_at: str) -> int | None:
    """The grid row of an ISO start time, or None outside 08:00-20:00."""
    hours, minutes = int(starts_at[11:13]), int(starts_at[14:16])
    minute = hours * 60 + minutes
    if not FIRST_MINUTE <= minute < LAST_MINUTE:
        return None
    return (minute - FIRST_MINUTE) // STEP


def rows_spanned(duration_min: Any) -> int:
    """Rows an appointment covers: its duration in 15-minute rows, at least one."""
    try:
        minutes = int(duration_min or STEP)
    except (TypeError, ValueError):
        minutes = STEP
    return max(1, -(-minutes // STEP))


Placed = tuple[int, int, int, dict[str, Any]]  # column, first row, end row (excluded), appt


def overlapping_groups(placed: list[Placed]) -> list[tuple[int, int, int, list[dict[str, Any]]]]:
    """Per column, appointments whose rows overlap become one group (first row, end row
    clipped to the grid, appointments in start order): a grid cell can hold one item."""
    groups: list[tuple[int, int, int, list[dict[str, Any]]]] = []
    for col, row, end, a in sorted(placed, key=lambda p: (p[0], p[1], p[3]["starts_at"])):
        if groups and groups[-1][0] == col and row < groups[-1][2]:
            g_col, g_row, g_end, members = groups[-1]
            groups[-1] = (g_col, g_row, max(g_end, min(end, ROWS)), [*members, a])
        else:
            groups.append((col, row, min(end, ROWS), [a]))
    return groups


class AgendaWindow(QWidget):
    loaded = Signal()
    changed = Signal()

    def __init__(
        self, tasks: Tasks, current_patient: CurrentPatient, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.tasks, self.current_patient = tasks, current_patient
        self.setWindowTitle(self.tr("Agenda"))
        self.day = QDate.currentDate()
        self.week_mode = False
        self.appointments: list[dict[str, Any]] = []
        self.dialog: AppointmentDialog | None = None

        self.day_view = QRadioButton(self.tr("Day"))
        self.week_view = QRadioButton(self.tr("Week"))
        self.day_view.setChecked(True)
        self.week_view.toggled.connect(self.set_week_mode)
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.today)
        self.title = QLabel()
        nav = QHBoxLayout()
        for w in (self.day_view, self.week_view, self.prev_button, self.today_button):
            nav.addWidget(w)
        nav.addWidget(self.next_button)
        nav.addWidget(self.title, 1)

        self.grid = QTableWidget(ROWS, 1)
        self.grid.setVerticalHeaderLabels([slot_time(r) for r in range(ROWS)])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.cellDoubleClicked.connect(lambda *_: self.move_selected())

        self.new_button = QPushButton(self.tr("New appointment…"))
        self.move_button = QPushButton(self.tr("Move…"))
        self.cancel_button = QPushButton(self.tr("Cancel the appointment"))
        self.new_button.clicked.connect(self.new_appointment)
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c00000")
        actions = QHBoxLayout()
        for b in (self.new_button, self.move_button, self.cancel_button):
            actions.addWidget(b)
        actions.addWidget(self.error, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.grid)
        layout.addLayout(actions)
        self.resize(900, 700)
        self.reload()

    # -- the days shown ----------------------------------------------------------------------

    def days(self) -> list[QDate]:
        if not self.week_mode:
            return [self.day]
        monday = self.day.addDays(1 - self.day.dayOfWeek())
        return [monday.addDays(i) for i in range(7)]

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        self.reload()

    def go(self, direction: int) -> None:
        self.day = self.day.addDays(direction * (7 if self.week_mode else 1))
        self.reload()

    def today(self) -> None:
        self.day = QDate.currentDate()
        self.reload()

    def reload(self) -> None:
        days = self.days()
        start = days[0].toString("yyyy-MM-dd") + "T00:00"
        end = days[-1].addDays(1).toString("yyyy-MM-dd") + "T00:00"
        self.tasks.db(
            lambda p: p.appointments_between(start, end),
            on_done=lambda rows: self._show(days, rows),
            on_error=self._failed,
        )

    def _show(self, days: list[QDate], rows: list[dict[str, Any]]) -> None:
        if days != self.days():
            return  # the user navigated meanwhile; a newer reload is on its way
        self.appointments = rows
        self.grid.clearContents()
        self.grid.setColumnCount(len(days))
        self.grid.setHorizontalHeaderLabels([d.toString("ddd dd/MM") for d in days])
        self.grid.clearSpans()
        column = {d.toString("yyyy-MM-dd"): i for i, d in enumerate(days)}
        placed: list[Placed] = []
        for a in rows:
            row, col = row_for(a["starts_at"]), column.get(a["starts_at"][:10])
            if row is not None and col is not None:
                placed.append((col, row, row + rows_spanned(a.get("duration_min")), a))
        for col, first_row, end, group in overlapping_groups(placed):
            self._place(col, first_row, end, group)
        first, last = days[0].toString("dd/MM/yyyy"), days[-1].toString("dd/MM/yyyy")
        self.title.setText(first if first == last else f"{first} – {last}")
        self.error.clear()
        self.loaded.emit()

    def _place(self, col: int, row: int, end: int, group: list[dict[str, Any]]) -> None:
        """One cell for appointments that overlap, spanning the rows they take; the
        first one still booked is the cell's (selected, moved, cancelled)."""
        texts = []
        for a in group:
            name = f"{(a.get('patient_family_name') or '').upper()} " + (
                a.get("patient_given_names") or ""
            )
            text = f"{a['starts_at'][11:16]} {name.strip()}"
            if a.get("reason"):
                text += f" ({a['reason']})"
            texts.append(text)
        item = QTableWidgetItem(" / ".join(texts))
        item.setToolTip("\n".join(texts))
        item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        live = [a for a in group if a.get("status") != "cancelled"]
        item.setData(Qt.ItemDataRole.UserRole, str((live or group)[0]["id"]))  # str: no PyObject
        if not live:
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            item.setForeground(QBrush(QColor("#888888")))
        else:
            item.setBackground(QBrush(QColor("#dbe9f7")))
        self.grid.setItem(row, col, item)
        if end - row > 1:
            self.grid.setSpan(row, col, end - row, 1)

    # -- actions -------------------------------------------------------------------------------

    def selected(self) -> dict[str, Any] | None:
        item = self.grid.currentItem()
        if item is None:
            return None
        record_id = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.appointments if a["id"] == record_id), None)

    def selected_start(self) -> str:
        row = max(self.grid.currentRow(), 0)
        col = max(self.grid.currentColumn(), 0)
        days = self.days()
        day = days[min(col, len(days) - 1)]
        return f"{day.toString('yyyy-MM-dd')}T{slot_time(row)}"

    def new_appointment(self) -> None:
        patient = self.current_patient()
        if patient is None:
            self.error.setText(
                self.tr("Open a patient's chart first, then create the appointment.")
            )
            return
        patient_id, name = patient
        self._open(
            AppointmentDialog(
                self.tasks,
                patient_id=patient_id,
                patient_name=name,
                starts_at=self.selected_start(),
                parent=self,
            )
        )

    def move_selected(self) -> None:
        a = self.selected()
        if a is None:
            self.error.setText(self.tr("Select an appointment first."))
            return
        name = (
            f"{(a.get('patient_family_name') or '').upper()} {a.get('patient_given_names') or ''}"
        )
        self._open(
            AppointmentDialog(
                self.tasks,
                patient_id=a["patient_id"],
                patient_name=name.strip(),
                starts_at=a["starts_at"],
                appointment=a,
                parent=self,
            )
        )

    def _open(self, dialog: AppointmentDialog) -> None:
        dialog.saved.connect(lambda _: self._after_write())
        dialog.show()
        self.dialog = dialog

    def cancel_selected(self, confirm: bool = True) -> None:
        a = self.selected()
        if a is None:
            self.error.setText(self.tr("Select an appointment first."))
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Agenda"), self.tr("Cancel this appointment?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        record_id = str(a["id"])
        self.tasks.db(
            lambda p: p.update_record("appointment", record_id, {"status": "cancelled"}),
            on_done=lambda _: self._after_write(),
            on_error=self._failed,
        )

    def _after_write(self) -> None:
        self.changed.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.error.setText(text)

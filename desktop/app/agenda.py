"""The agenda: a day or a week of appointments on a grid of 15-minute rows, 08:00-20:00,
one column per day (or, for one day, per practitioner), French day names.

Reads with Practice.appointments_between and writes (create for any patient, move by
drag and drop or by typing the time, cancel after a confirmation, and undo) on the
database worker, each write one action (``ops.Op``). Every appointment has a cell of its
own, which holds its id (UserRole): two whose times overlap, or that start in the same
quarter hour, sit side by side, the column split in lanes (``lay_out``); Enter or a
double click opens it, Open the chart its patient's chart. Booking or moving onto a time
the practitioner already has booked asks first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import ops
from desktop.app.appointment import AppointmentDialog, already_booked, overlapping
from desktop.app.confirm import ask
from desktop.app.errors import message_for
from desktop.app.screen_fit import resize_to_fit
from desktop.app.tasks import Tasks
from desktop.practice.models import Appointment

FIRST_MINUTE, LAST_MINUTE, STEP = 8 * 60, 20 * 60, 15
ROWS = (LAST_MINUTE - FIRST_MINUTE) // STEP

CurrentPatient = Callable[[], "tuple[str, str] | None"]
Done = Callable[[Any], object]


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


def proposed_start(day: QDate, now: QDateTime) -> str:
    """The next quarter hour from ``now`` when ``day`` is today, else 08:00 that day (ISO)."""
    if day != now.date():
        return f"{day.toString('yyyy-MM-dd')}T08:00"
    seconds = now.time().msecsSinceStartOfDay() // 1000
    return now.addSecs(-seconds % 900).toString("yyyy-MM-ddTHH:mm")


def rows_spanned(duration_min: Any) -> int:
    """Rows an appointment covers: its duration in 15-minute rows, at least one."""
    try:
        minutes = int(duration_min or STEP)
    except (TypeError, ValueError):
        minutes = STEP
    return max(1, -(-minutes // STEP))


Placed = tuple[int, int, int, Appointment]  # column, first row, end row (excluded), appt


@dataclass(frozen=True, slots=True)
class Cell:
    """Where an appointment is drawn: its lane of its column, rows [row, end)."""

    column: int
    lane: int
    row: int
    end: int
    appointment: Appointment


def _span_min(a: Appointment) -> tuple[int, int]:
    """(start, end) of an appointment in minutes of its day."""
    at = a.starts_at or ""
    try:
        start = int(at[11:13]) * 60 + int(at[14:16])
        minutes = max(1, int(a.duration_min or STEP))
    except (TypeError, ValueError):
        start, minutes = 0, STEP
    return start, start + minutes


def lay_out(placed: list[Placed]) -> list[Cell]:
    """A cell for each appointment, none shared. One that begins when the one before has
    ended, in the row that one's last quarter hour rounds into, ends that one's cell at
    its row (08:45 for 20 minutes then 09:05: one row each). Appointments whose times
    overlap (a double booking: 10:25 for 20 minutes and 10:30), or that start in the
    same row, take lanes side by side. Booked before cancelled in a row; clipped at 20:00."""
    cells: list[Cell] = []
    lanes: dict[int, list[list[Cell]]] = {}
    order = sorted(
        placed, key=lambda p: (p[0], p[1], p[3].status == "cancelled", p[3].starts_at or "")
    )
    for col, row, end, a in order:
        cell = Cell(col, 0, row, min(end, ROWS), a)
        column = lanes.setdefault(col, [])
        free = next((i for i, lane in enumerate(column) if lane[-1].end <= row), None)
        if free is None:  # only rounding makes them meet: the earlier one's cell ends here
            begins = _span_min(a)[0]
            free = next(
                (
                    i
                    for i, lane in enumerate(column)
                    if lane[-1].row < row and _span_min(lane[-1].appointment)[1] <= begins
                ),
                None,
            )
            if free is not None:
                column[free][-1] = replace(column[free][-1], end=row)
        if free is None:
            free = len(column)
            column.append([])
        column[free].append(replace(cell, lane=free))
    for column in lanes.values():
        cells += [c for lane in column for c in lane]
    return sorted(cells, key=lambda c: (c.column, c.lane, c.row))


@dataclass(frozen=True, slots=True)
class Column:
    day: QDate
    practitioner_id: str | None  # None: every practitioner's appointments
    header: str


class AgendaGrid(QTableWidget):
    """The grid; an appointment dragged onto another cell asks to move there (the grid
    itself never moves items: the agenda writes, then redraws from the store)."""

    dropped = Signal(int, int)  # row, column of the drop

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)  # nothing removed on drop

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        index = self.indexAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if index.isValid():
            self.dropped.emit(index.row(), index.column())


class AgendaWindow(QWidget):
    loaded = Signal()
    changed = Signal()
    open_chart = Signal(str)  # the patient id of the appointment selected

    def __init__(
        self, tasks: Tasks, current_patient: CurrentPatient, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.tasks, self.current_patient = tasks, current_patient
        self.setWindowTitle(self.tr("Agenda"))
        self.day = QDate.currentDate()
        self.week_mode = False
        self.appointments: list[Appointment] = []
        self.practitioners: list[dict[str, Any]] = []
        self.shown_columns: list[Column] = []
        self.lane_columns: list[int] = []  # per grid column, its index in shown_columns
        self.dialog: AppointmentDialog | None = None
        self.confirm: QMessageBox | None = None
        self.undo: tuple[str, str] | None = None  # (appointment id, status before)
        self._scrolled = False  # today's grid scrolled to the time of day, once

        self.day_view = QRadioButton(self.tr("Day"))
        self.week_view = QRadioButton(self.tr("Week"))
        self.day_view.setChecked(True)
        self.week_view.toggled.connect(self.set_week_mode)
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setAccessibleName(self.tr("Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.today)
        self.practitioner_filter = QComboBox()
        self.practitioner_filter.setObjectName("practitionerFilter")
        self.practitioner_filter.setAccessibleName(self.tr("Practitioner"))
        self.practitioner_filter.addItem(self.tr("All practitioners"), None)
        self.practitioner_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.title = QLabel()
        nav = QHBoxLayout()
        for w in (self.day_view, self.week_view, self.prev_button, self.today_button):
            nav.addWidget(w)
        nav.addWidget(self.next_button)
        nav.addWidget(self.practitioner_filter)
        nav.addWidget(self.title, 1)

        self.grid = AgendaGrid(ROWS, 1)
        self.grid.setObjectName("agendaGrid")
        self.grid.setAccessibleName(self.tr("Appointments"))
        self.grid.setVerticalHeaderLabels([slot_time(r) for r in range(ROWS)])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.activated.connect(lambda _: self.move_selected())  # Enter, double click
        self.grid.itemSelectionChanged.connect(self._current_follows_selection)
        self.grid.dropped.connect(self.move_to)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.new_button = QPushButton(self.tr("New appointment…"))
        self.move_button = QPushButton(self.tr("Move…"))
        self.cancel_button = QPushButton(self.tr("Cancel the appointment"))
        # The patient's chart from their appointment: Enter opens the appointment itself.
        self.chart_button = QPushButton(self.tr("Open the chart"))
        self.chart_button.setToolTip(self.tr("The chart of the selected appointment's patient"))
        self.chart_button.clicked.connect(self.open_selected_chart)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the cancellation (Ctrl+Z)"))
        self.undo_button.hide()
        self.new_button.clicked.connect(self.new_appointment)
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.undo_button.clicked.connect(self.undo_cancel)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_cancel)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c00000")
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        actions = QHBoxLayout()
        for b in (self.new_button, self.move_button, self.cancel_button, self.chart_button):
            actions.addWidget(b)
        actions.addWidget(self.notice)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.error, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.grid)
        layout.addLayout(actions)
        resize_to_fit(self, 1240, 860)  # the week as wide as the screen allows
        self.tasks.db(lambda p: p.users(), on_done=self._show_practitioners)
        self.reload()

    # -- the days and columns shown ------------------------------------------------------------

    def days(self) -> list[QDate]:
        if not self.week_mode:
            return [self.day]
        monday = self.day.addDays(1 - self.day.dayOfWeek())
        return [monday.addDays(i) for i in range(7)]

    def columns(self) -> list[Column]:
        """One per day; a single day with every practitioner shown: one per practitioner."""
        chosen = self.practitioner_filter.currentData()
        locale = QLocale()
        days = self.days()
        if not self.week_mode and chosen is None and len(self.practitioners) > 1:
            day = locale.toString(days[0], "dddd dd/MM")
            return [
                Column(days[0], u["id"], f"{day} — {u.get('display_name') or u['username']}")
                for u in self.practitioners
            ]
        return [Column(d, chosen, locale.toString(d, "dddd dd/MM")) for d in days]

    def _show_practitioners(self, users: list[dict[str, Any]]) -> None:
        if not shiboken6.isValid(self.practitioner_filter):
            return  # closed by a lock while the list was on the worker
        self.practitioners = [u for u in users if u.get("role") in ("doctor", "locum")]
        self.practitioner_filter.blockSignals(True)
        for u in self.practitioners:
            self.practitioner_filter.addItem(u.get("display_name") or u["username"], u["id"])
        self.practitioner_filter.blockSignals(False)
        if len(self.practitioners) > 1:
            self.reload()

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        self.reload()

    def go(self, direction: int) -> None:
        self.day = self.day.addDays(direction * (7 if self.week_mode else 1))
        self.reload()

    def today(self) -> None:
        self.day = QDate.currentDate()
        self._scrolled = False  # back to the time of day
        self.reload()

    def reload(self) -> None:
        columns = self.columns()
        start = columns[0].day.toString("yyyy-MM-dd") + "T00:00"
        end = columns[-1].day.addDays(1).toString("yyyy-MM-dd") + "T00:00"
        self.tasks.db(
            lambda p: p.appointments_between(start, end),
            on_done=lambda rows: self._show(columns, rows),
            on_error=self._failed,
        )

    def _column_of(self, columns: list[Column], a: Appointment) -> int | None:
        day = (a.starts_at or "")[:10]
        for i, c in enumerate(columns):
            if c.day.toString("yyyy-MM-dd") != day:
                continue
            if c.practitioner_id is None or c.practitioner_id == a.practitioner_id:
                return i
        # An appointment of nobody shown (no practitioner, or a departed one) stays visible.
        if len({c.practitioner_id for c in columns}) > 1:
            known = {c.practitioner_id for c in columns}
            if a.practitioner_id not in known:
                return next(
                    (i for i, c in enumerate(columns) if c.day.toString("yyyy-MM-dd") == day),
                    None,
                )
        return None

    def _show(self, columns: list[Column], rows: list[Appointment]) -> None:
        if not shiboken6.isValid(self.practitioner_filter):
            return  # the agenda was closed by a lock while its reload was on the worker
        if columns != self.columns():
            return  # the user navigated meanwhile; a newer reload is on its way
        self.appointments = rows
        placed: list[Placed] = []
        for a in rows:
            row, col = row_for(a.starts_at or ""), self._column_of(columns, a)
            if row is not None and col is not None:
                placed.append((col, row, row + rows_spanned(a.duration_min), a))
        cells = lay_out(placed)
        lanes = [
            1 + max((c.lane for c in cells if c.column == i), default=0)
            for i in range(len(columns))
        ]
        self.shown_columns = columns
        self.lane_columns = [i for i, n in enumerate(lanes) for _ in range(n)]
        first_lane = [sum(lanes[:i]) for i in range(len(columns))]
        self.grid.clearContents()
        self.grid.clearSpans()
        self.grid.setColumnCount(len(self.lane_columns))
        for at, i in enumerate(self.lane_columns):  # a column's other lanes: under its header
            header = QTableWidgetItem(columns[i].header if first_lane[i] == at else "")
            header.setToolTip(columns[i].header)
            self.grid.setHorizontalHeaderItem(at, header)
        for cell in cells:
            self._place(first_lane[cell.column] + cell.lane, cell)
        days = self.days()
        first, last = days[0].toString("dd/MM/yyyy"), days[-1].toString("dd/MM/yyyy")
        self.title.setText(first if first == last else f"{first} – {last}")
        self.error.clear()
        if not self._scrolled and QDate.currentDate() in days:
            self._scrolled = True  # once: the GP's own scrolling is kept after
            self._scroll_to(QDateTime.currentDateTime().time().msecsSinceStartOfDay() // 60_000)
        self.loaded.emit()

    def _scroll_to(self, minute: int) -> None:
        """Today's grid opens on the time of day, half an hour before it at the top (a
        laptop's grid shows five hours: 08:00 to 13:15 at four in the afternoon)."""
        row = max(0, min(ROWS - 1, (minute - FIRST_MINUTE) // STEP - 2))
        self.grid.scrollTo(
            self.grid.model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
        )

    def _place(self, grid_column: int, cell: Cell) -> None:
        """The appointment's own cell, spanning the rows it takes."""
        a = cell.appointment
        text = f"{(a.starts_at or '')[11:16]} {a.patient_name()}"
        if a.reason:
            text += f" ({a.reason})"
        if a.status == "cancelled":
            text += " " + self.tr("[cancelled]")
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        item.setData(Qt.ItemDataRole.UserRole, a.id)  # str: no PyObject
        if a.status == "cancelled":
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            item.setForeground(QBrush(QColor("#888888")))
        else:
            item.setBackground(QBrush(QColor("#dbe9f7")))
        self.grid.setItem(cell.row, grid_column, item)
        if cell.end - cell.row > 1:
            self.grid.setSpan(cell.row, grid_column, cell.end - cell.row, 1)

    # -- actions -------------------------------------------------------------------------------

    def selected(self) -> Appointment | None:
        item = self.grid.currentItem()
        if item is None:
            return None
        record_id = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.appointments if a.id == record_id), None)

    def _current_follows_selection(self) -> None:
        """A cell selected without the keyboard (a screen reader, AT-SPI) becomes the
        current one too, which Enter opens and Move and Cancel act on."""
        chosen = self.grid.selectedIndexes()
        if chosen and chosen[0] != self.grid.currentIndex():
            self.grid.setCurrentIndex(chosen[0])

    def _with_selected(self, then: Callable[[Appointment], None]) -> None:
        """``then(appointment)`` for the selected cell's appointment, else a word why not."""
        a = self.selected()
        if a is None:
            self.error.setText(self.tr("Select an appointment first."))
            return
        then(a)

    def _cell_start(self, row: int, col: int) -> tuple[str, str | None]:
        """(ISO start, practitioner of the column or None) of a grid cell."""
        columns = self.shown_columns or self.columns()
        lanes = self.lane_columns or list(range(len(columns)))
        column = columns[lanes[min(max(col, 0), len(lanes) - 1)]]
        return f"{column.day.toString('yyyy-MM-dd')}T{slot_time(max(row, 0))}", (
            column.practitioner_id
        )

    def selected_start(self) -> str:
        return self._cell_start(self.grid.currentRow(), self.grid.currentColumn())[0]

    def new_appointment(self) -> None:
        """At the cell chosen in the grid, else at the next quarter hour (today) or at
        08:00 (another day shown)."""
        patient = self.current_patient()
        starts_at, practitioner = self._cell_start(
            self.grid.currentRow(), self.grid.currentColumn()
        )
        if not self.grid.selectedIndexes():
            starts_at = proposed_start(self.day, QDateTime.currentDateTime())
        self._open(
            AppointmentDialog(
                self.tasks,
                patient_id=patient[0] if patient else None,
                patient_name=patient[1] if patient else "",
                starts_at=starts_at,
                practitioner_id=practitioner,
                parent=self,
            )
        )

    def open_selected_chart(self) -> None:
        self._with_selected(lambda a: self.open_chart.emit(str(a.patient_id)))

    def move_selected(self) -> None:
        self._with_selected(self._move)

    def _move(self, a: Appointment) -> None:
        self._open(
            AppointmentDialog(
                self.tasks,
                patient_id=str(a.patient_id),
                patient_name=a.patient_name(),
                starts_at=a.starts_at or "",
                appointment=a,
                parent=self,
            )
        )

    def move_to(self, row: int, col: int) -> None:
        """The selected appointment dropped on a cell: it starts there (and, in a column
        of one practitioner, is theirs); its duration is kept."""
        a = self.selected()
        if a is None or a.status == "cancelled":
            return
        starts_at, practitioner = self._cell_start(row, col)
        fields: dict[str, Any] = {}
        if starts_at != a.starts_at:
            fields["starts_at"] = starts_at
        if practitioner and practitioner != a.practitioner_id:
            fields["practitioner_id"] = practitioner
        if not fields:
            return
        record_id, minutes = a.id, int(a.duration_min or STEP)
        start = dt.datetime.fromisoformat(starts_at)
        end = start + dt.timedelta(minutes=minutes)
        whose = fields.get("practitioner_id") or a.practitioner_id

        def move() -> None:
            self._write(lambda p: p.update_record("appointment", record_id, fields))

        def answer(others: list[Appointment]) -> None:
            if not shiboken6.isValid(self.grid):
                return  # the agenda was closed by a lock while the worker looked
            if not others:
                move()
                return
            name = next(
                (u.get("display_name") or u["username"] for u in self.practitioners
                 if u["id"] == whose),
                "",
            )  # fmt: skip
            self.confirm = ask(
                self, self.tr("Agenda"), already_booked(name, others, dropped=True),
                yes=self.tr("Move anyway"), no=self.tr("Leave it where it was"), on_yes=move,
            )  # fmt: skip

        self.tasks.db(
            lambda p: overlapping(p, whose, start, end, record_id), on_done=answer,
            on_error=self._failed,
        )  # fmt: skip

    def _open(self, dialog: AppointmentDialog) -> None:
        dialog.saved.connect(lambda _: self._after_write())
        dialog.show()
        self.dialog = dialog

    def cancel_selected(self, confirm: bool = True) -> None:
        """Cancel the selected appointment, after a confirmation; Undo brings it back."""
        self._with_selected(lambda a: self._cancel_asked(a, confirm))

    def _cancel_asked(self, a: Appointment, confirm: bool) -> None:
        if a.status == "cancelled":
            self.error.setText(self.tr("This appointment is already cancelled."))
            return
        if not confirm:
            self._cancel(a)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Agenda"))
        box.setText(
            self.tr("Cancel the appointment of {0} at {1}?").format(
                a.patient_name(), (a.starts_at or "")[11:16]
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._cancel(a))
        self.confirm = box
        box.open()

    def _cancel(self, a: Appointment) -> None:
        record_id, before = a.id, str(a.status or "booked")
        label = self.tr("Appointment of {0} at {1} cancelled.").format(
            a.patient_name(), (a.starts_at or "")[11:16]
        )

        def done(_: Any) -> None:
            self.undo = (record_id, before)
            self.notice.setText(label)
            self.undo_button.show()
            self._after_write()

        self._write(
            lambda p: p.update_record("appointment", record_id, {"status": "cancelled"}), done
        )

    def undo_cancel(self) -> None:
        if self.undo is None:
            return
        record_id, before = self.undo
        self.undo = None
        self.undo_button.hide()
        self.notice.setText(self.tr("Cancellation undone."))
        self._write(lambda p: p.update_record("appointment", record_id, {"status": before}))

    def _write(self, fn: Callable[[Any], object], done: Done | None = None) -> None:
        """One agenda action on the store's worker; a refusal is said in the error line."""
        ops.Op(self, self.tasks, fn, status=self.error).success(
            done or (lambda _: self._after_write())
        ).changes(ops.Changes(agenda=True, sync=True)).run()

    def _after_write(self) -> None:
        self.changed.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        if text is None:
            raise exc
        self.error.setText(text)

"""What the right pane shows when no chart is open: today's appointments and the charts
opened lately, each a double click (or Enter) away from its chart. A doctor or a locum
sees their own appointments (and those booked for nobody in particular); anyone else,
the secretary at the desk, sees the whole practice's, each with its practitioner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import show_date
from desktop.app.tasks import Tasks
from desktop.practice.models import Appointment
from desktop.practice.recent import recent_charts
from desktop.practice.roles import CLINICAL_ROLES

PATIENT_ID = Qt.ItemDataRole.UserRole


def person(row: dict[str, Any]) -> str:
    family = row.get("family_name") or ""
    return f"{family.upper()} {row.get('given_names') or ''}".strip()


class StartScreen(QWidget):
    opened = Signal(str)  # patient id
    loaded = Signal()

    def __init__(self, tasks: Tasks | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.seen: str | None = None  # the last chart shown: the next appointment is chosen
        self.hint = QLabel(self.tr("<i>Search for a patient and press Enter.</i>"))
        self.today_label = QLabel()
        self.today = QListWidget()
        self.today.setObjectName("todayAppointments")
        self.today.setAccessibleName(self.tr("Today's appointments"))
        self.today_label.setBuddy(self.today)
        self.recent_label = QLabel(self.tr("<b>Recently opened &charts</b>"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentCharts")
        self.recent.setAccessibleName(self.tr("Recently opened charts"))
        self.recent_label.setBuddy(self.recent)
        for widget in (self.today, self.recent):
            widget.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.today_label)
        layout.addWidget(self.today, 3)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 2)

    def clear(self) -> None:
        self.today.clear()
        self.recent.clear()

    def reload_when_shown(self) -> None:
        """Reload on the next turn of the event loop if still on screen: a lock that
        shows this page on its way out (then hides the window) reads nothing."""
        self.clear()
        QTimer.singleShot(0, self._reload_if_visible)

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Back to the main window (from the agenda, say): what changed is shown."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._reload_if_visible()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.today.count():
            self.reload_when_shown()  # back on screen after an unlock

    def reload(self) -> None:
        if self.tasks is None:
            return
        day = dt.date.today()
        start, end = f"{day.isoformat()}T00:00", f"{(day + dt.timedelta(days=1)).isoformat()}T00:00"

        def read(p: Any) -> tuple[list[Appointment], list[dict[str, Any]], dict[str, str] | None]:
            found = p.appointments_between(start, end)
            clinician = p.role is None or p.role in CLINICAL_ROLES  # None: its creator
            if clinician and p.user_id:  # theirs, not a colleague's day
                mine = [a for a in found if a.practitioner_id in (p.user_id, None)]
                return mine, recent_charts(p), None
            names = {str(u["id"]): str(u.get("display_name") or u.get("username") or "")
                     for u in p.users()}  # fmt: skip
            return found, recent_charts(p), names

        self.tasks.db(read, on_done=lambda result: self._show(day, *result), on_error=self._failed)

    def _show(
        self,
        day: dt.date,
        appointments: list[Appointment],
        recent: list[dict[str, Any]],
        practitioners: dict[str, str] | None,
    ) -> None:
        """``practitioners`` None: the clinician's own day; else every appointment, each
        followed by its practitioner's name."""
        if practitioners is None:
            title = self.tr("<b>&Your appointments today</b> ({0})")
        else:
            title = self.tr("<b>&Today's appointments</b> ({0})")
        self.today_label.setText(title.format(show_date(day.isoformat())))
        self.today.clear()
        for a in appointments:
            text = f"{(a.starts_at or '')[11:16]}  {a.patient_name()}"
            if a.reason:
                text += f" — {a.reason}"
            who = (practitioners or {}).get(str(a.practitioner_id or ""))
            if who:
                text += f" · {who}"
            if a.status == "cancelled":
                text += "  " + self.tr("(cancelled)")
            self._add(self.today, text, a.patient_id)
        if not appointments:
            self._add(self.today, self.tr("No appointment today."), None)
        else:
            self.today.setCurrentRow(next_row(appointments, self.seen))
        self.recent.clear()
        for r in recent:
            born = show_date(r.get("birth_date"))
            self._add(self.recent, f"{person(r)}  {born}".strip(), r["id"])
        if not recent:
            self._add(self.recent, self.tr("No chart opened yet."), None)
        self.loaded.emit()

    @staticmethod
    def _add(widget: QListWidget, text: str, patient_id: str | None) -> None:
        item = QListWidgetItem(text)
        if patient_id:
            item.setData(PATIENT_ID, str(patient_id))
        else:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        patient_id = item.data(PATIENT_ID)
        if patient_id:
            self.opened.emit(str(patient_id))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RuntimeError):
            return  # the practice was closed meanwhile (a lock)
        raise exc


def next_row(appointments: list[Appointment], seen: str | None) -> int:
    """The appointment to offer first: the one after the last of the patient just seen
    (Enter then opens the next patient), else the first not cancelled."""
    rows = [i for i, a in enumerate(appointments) if a.patient_id == seen]
    start = rows[-1] + 1 if rows else 0
    for i in range(start, len(appointments)):
        if appointments[i].status != "cancelled":
            return i
    return min(start, len(appointments) - 1)

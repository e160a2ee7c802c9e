"""Search-as-you-type over the whole practice: the query runs in SQL on the worker; the
model holds only the page of rows it returned (no proxy model over 100,000 rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.tasks import Tasks

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DEBOUNCE_MS = 120


def age(birth_date: str | None, today: dt.date | None = None) -> str:
    if not birth_date:
        return ""
    born, today = dt.date.fromisoformat(birth_date), today or dt.date.today()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def display_date(iso: str | None) -> str:
    if not iso:
        return ""
    from PySide6.QtCore import QDate, QLocale

    return QLocale().toString(
        QDate.fromString(iso[:10], "yyyy-MM-dd"), QLocale.FormatType.ShortFormat
    )


class PatientModel(QAbstractTableModel):
    COLUMNS = (  # translated in headerData; marked here so that lupdate sees them
        QT_TRANSLATE_NOOP("PatientModel", "Name"),
        QT_TRANSLATE_NOOP("PatientModel", "Birth date"),
        QT_TRANSLATE_NOOP("PatientModel", "Age"),
        QT_TRANSLATE_NOOP("PatientModel", "Sex"),
        QT_TRANSLATE_NOOP("PatientModel", "Phone"),
        QT_TRANSLATE_NOOP("PatientModel", "City"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            from PySide6.QtCore import QCoreApplication

            return QCoreApplication.translate("PatientModel", self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        name = f"{(row['family_name'] or '').upper()} {row['given_names'] or ''}".strip()
        if row.get("birth_name"):
            name += f" ({row['birth_name']})"
        values = (
            name,
            display_date(row["birth_date"]),
            age(row["birth_date"]),
            row["sex"] or "",
            row["phone"] or "",
            row["city"] or "",
        )
        return values[index.column()]


class PatientList(QWidget):
    """A search box over a results table; Enter (or a double click) opens the chart."""

    opened = Signal(str)  # patient id
    searched = Signal(int)  # number of results shown, after each completed search

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self.tasks = tasks
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Name, birth date (12/03/1961), phone or NIR"))
        self.search.setClearButtonEnabled(True)
        self.model = PatientModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setColumnHidden(5, True)  # the city: in the chart, not worth the width
        self.table.setWordWrap(False)
        self.table.activated.connect(self._open_index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self.open_current)
        self._generation = 0
        self.search.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        """Up/Down in the search box move the selection in the list (keyboard first)."""
        from PySide6.QtCore import QEvent

        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rows:
                current = self.table.currentIndex().row()
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(len(self.model.rows) - 1, current + step))
                self.table.selectRow(row)
                return True
        return False

    def _run(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.search.text()

        def show(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return  # a newer keystroke's search will answer
            self.model.set_rows(rows)
            if rows:
                self.table.selectRow(0)
            self.searched.emit(len(rows))

        self.tasks.db(lambda p: p.search_patients(query, 100), on_done=show)

    def refresh(self) -> None:
        self._run()

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)
        elif self.model.rows:
            self.opened.emit(self.model.rows[0]["id"])

    def _open_index(self, index: QModelIndex) -> None:
        self.opened.emit(self.model.rows[index.row()]["id"])

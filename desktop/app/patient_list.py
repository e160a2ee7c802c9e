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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.dates import age_text, show_date
from desktop.app.i18n import QT_TRANSLATE_NOOP
from desktop.app.identity_text import birth_name_shown, show_phone
from desktop.app.tasks import Tasks

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DEBOUNCE_MS = 120
SHOWN = 100  # rows a search shows; one more is asked to know whether there are more


def age(birth_date: str | None, today: dt.date | None = None) -> str:
    if not birth_date:
        return ""
    born, today = dt.date.fromisoformat(birth_date), today or dt.date.today()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def patient_label(row: dict[str, Any]) -> str:
    """ "MARTIN Hélène, 12/03/1961": how a patient is named in lists and messages."""
    name = f"{(row.get('family_name') or '').upper()} {row.get('given_names') or ''}".strip()
    return f"{name}, {show_date(row.get('birth_date'))}"


def sex_letter(sex: str | None) -> str:
    """The patient list's Sex column: one letter, "U" (unknown) read as "I" (indéterminé,
    the INS word) in French."""
    from PySide6.QtCore import QCoreApplication

    if sex == "F":
        return QCoreApplication.translate("PatientModel", "F", "sex: female")
    if sex == "M":
        return QCoreApplication.translate("PatientModel", "M", "sex: male")
    if sex == "U":
        return QCoreApplication.translate("PatientModel", "U", "sex: unknown")
    return ""


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
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            # The whole name, birth name included, when the narrow column cuts it off.
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        name = f"{(row['family_name'] or '').upper()} {row['given_names'] or ''}".strip()
        born_as = birth_name_shown(row.get("sex"), row["family_name"], row.get("birth_name"))
        if born_as:  # "(née LE CORRE)", as the chart's header says it
            name += f" ({born_as})"
        values = (
            name,
            show_date(row["birth_date"]),
            age_text(row["birth_date"]),  # "18 mois" under two years
            sex_letter(row["sex"]),
            show_phone(row["phone"]),
            row["city"] or "",
        )
        return values[index.column()]


class PatientList(QWidget):
    """A search box over a results table; Enter (or a double click) opens the chart."""

    opened = Signal(str)  # patient id
    searched = Signal(int)  # number of results shown, after each completed search
    create_requested = Signal(str)  # "New patient", with the name typed in the search box

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self.tasks = tasks
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Name, birth date (12/03/1961), phone or NIR"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a patient"))
        self.new_button = QPushButton(self.tr("New patient"))
        self.new_button.setToolTip(self.tr("Create a patient (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.create_requested.emit(""))
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.create_button = QPushButton()
        self.create_button.clicked.connect(
            lambda: self.create_requested.emit(self.search.text().strip())
        )
        self.create_button.hide()
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
        self.table.setAccessibleName(self.tr("Patients"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        found = QHBoxLayout()
        found.addWidget(self.status, 1)
        found.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(found)
        layout.addWidget(self.table)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self.open_current)
        self._generation = 0
        self._asked: str | None = None  # the text of the last search sent to the worker
        self._shown: str = ""  # the text whose results the list shows
        self._open_when_shown = False  # Enter came before this text's results
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

    def _typed(self, _: str) -> None:
        self._open_when_shown = False  # typing on after Enter: not that search's patient
        self._timer.start()

    def _run(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.search.text()
        self._asked = query

        def show(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return  # a newer keystroke's search will answer
            more = len(rows) > SHOWN
            rows = rows[:SHOWN]
            self.model.set_rows(rows)
            if rows:
                self.table.selectRow(0)
            self._show_status(query.strip(), len(rows), more)
            self._shown = query
            self.searched.emit(len(rows))
            if self._open_when_shown:
                self._open_when_shown = False
                self.open_current()

        if not query.strip():
            self.model.set_rows([])
            self._show_status("", 0, False)
            self._shown = query
            return
        self.tasks.db(lambda p: p.search_patients(query, SHOWN + 1), on_done=show)

    def _show_status(self, query: str, count: int, more: bool) -> None:
        if not query:
            self.status.clear()
        elif more:
            self.status.setText(self.tr("{0}+ results, refine the search").format(SHOWN))
        elif count == 0:
            self.status.setText(self.tr("No patient"))
        else:
            self.status.setText(
                self.tr("1 result") if count == 1 else self.tr("{0} results").format(count)
            )
        self.create_button.setVisible(bool(query) and count == 0)
        self.create_button.setText(self.tr("Create «{0}»").format(query))

    def refresh(self) -> None:
        self._run()

    def clear(self) -> None:
        """Empty the box and the list without searching (the practice may be closing)."""
        self._timer.stop()
        self._generation += 1  # a search already on the worker answers to nobody
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_rows([])
        self._show_status("", 0, False)
        self._shown, self._open_when_shown = "", False

    def open_current(self) -> None:
        """The selected patient of the results of the text in the box. Enter typed before
        they are in (the list still shows the previous search, a GP typing fast) opens
        from them once they come, never a patient of the previous search."""
        if self.search.text() != self._shown:
            self._open_when_shown = True
            if self._timer.isActive() or self._asked != self.search.text():
                self._timer.stop()
                self._run()
            return
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)
        elif self.model.rows:
            self.opened.emit(self.model.rows[0]["id"])

    def _open_index(self, index: QModelIndex) -> None:
        self.opened.emit(self.model.rows[index.row()]["id"])

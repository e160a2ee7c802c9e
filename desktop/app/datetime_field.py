"""A date and time typed as a GP types them: "02/12/2026 09:30", "2/12/26 9h30",
"02122026 0930", or a time alone ("14h15": the date already shown stays). A line edit, not
a QDateTimeEdit: that one types into one section at a time, so a whole date and time
typed over a selection changed only the time."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QLineEdit, QWidget

SHOWN = "dd/MM/yyyy HH:mm"
_DATE = r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})|(\d{2})(\d{2})(\d{4})"
_TIME = r"(\d{1,2})(?:[:hH](\d{2})?)?|(\d{2})(\d{2})"
_FULL = re.compile(rf"^\s*(?:{_DATE})(?:\s+(?:{_TIME}))?\s*$")
_TIME_ONLY = re.compile(rf"^\s*(?:{_TIME})\s*$")


def parse_datetime(text: str, default_day: QDate) -> QDateTime | None:
    """The date and time typed (a time alone is on ``default_day``; a date alone at
    08:00), or None when the text is not one."""
    if m := _FULL.match(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        years = int(year) + (2000 if len(year) == 2 else 0)
        date = QDate(years, int(month), int(day))
        hour, minute = _time_parts(m.groups()[6:])
    elif m := _TIME_ONLY.match(text):
        date = default_day
        hour, minute = _time_parts(m.groups())
    else:
        return None
    time = QTime(hour, minute) if hour is not None else QTime(8, 0)
    if not date.isValid() or not time.isValid():
        return None
    return QDateTime(date, time)


def _time_parts(groups: tuple[str | None, ...]) -> tuple[int | None, int]:
    hour, minute, packed_hour, packed_minute = groups
    if packed_hour is not None:
        return int(packed_hour), int(packed_minute or 0)
    if hour is None:
        return None, 0
    return int(hour), int(minute or 0)


class DateTimeField(QLineEdit):
    """Shows ``dd/MM/yyyy HH:mm``; :meth:`dateTime` is what is typed, or None."""

    def __init__(self, value: QDateTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = value
        self.setPlaceholderText("02/12/2026 09:30")
        self.setDateTime(value)
        self.editingFinished.connect(self._tidy)
        self.textEdited.connect(self._remember)

    def setDateTime(self, value: QDateTime) -> None:  # noqa: N802 - QDateTimeEdit's name
        self._last = value
        self.setText(value.toString(SHOWN))

    def dateTime(self) -> QDateTime | None:  # noqa: N802 - QDateTimeEdit's name
        return parse_datetime(self.text(), self._last.date())

    def _remember(self, _text: str) -> None:
        """A whole date and time typed is the day a time typed alone next belongs to."""
        value = self.dateTime()
        if value is not None:
            self._last = value

    def _tidy(self) -> None:
        """What was typed, shown the one way (a time alone gets its date)."""
        value = self.dateTime()
        if value is not None:
            self.setDateTime(value)

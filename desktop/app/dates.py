"""Dates as a French GP types and reads them: "22/06/1941", "22-6-41", "22061941",
"220641", "22 juin 1941" or "1941-06-22" for a day; "06/1941", "juin 1941" and "1941" for
a month or a year where the chart allows it (an antécédent "since 1975"). Everything is
shown as dd/mm/yyyy; ages under two years in months (a paediatric dose depends on it)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from desktop.practice.textfold import fold

_DAY = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$")
_PACKED = re.compile(r"^(\d{2})(\d{2})(\d{4}|\d{2})$")
_NAMED = re.compile(r"^(?:(\d{1,2})(?:er)?\s+)?([^\W\d_]+)\.?\s+(\d{4}|\d{2})$")
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
          "septembre", "octobre", "novembre", "decembre")  # folded  # fmt: skip
_MONTH = re.compile(r"^(\d{1,2})[/.\- ](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class DateError(ValueError):
    """Not a date; ``str()`` is a translated sentence with an example."""


def _full_year(two_digits: int, today: dt.date) -> int:
    """ "41" -> 1941, "05" -> 2005: a date in a chart is in the past."""
    year = 2000 + two_digits
    return year if year <= today.year else year - 100


def _month(name: str) -> int | None:
    """ "juin", "Févr", "sept" -> 6, 2, 9: a French month, whole or cut (3 letters at
    least, and only one month starting so: "jui" could be June or July)."""
    folded = fold(name)
    found = [i for i, m in enumerate(MONTHS, 1) if len(folded) >= 3 and m.startswith(folded)]
    return found[0] if len(found) == 1 else None


def parse_date(text: str, *, partial: bool = False, today: dt.date | None = None) -> str | None:
    """The ISO form of a typed date ("1941-06-22"; with ``partial`` also "1941-06" or
    "1941"); "" -> None. Anything else, an impossible day (31/02) or a date after
    ``today`` raises DateError with a sentence saying what to type."""
    today = today or dt.date.today()
    text = text.strip()
    if not text:
        return None
    year: int
    month: int | None = None
    day: int | None = None
    if m := _DAY.match(text) or _PACKED.match(text):
        day, month = int(m[1]), int(m[2])
        year = int(m[3]) if len(m[3]) == 4 else _full_year(int(m[3]), today)
    elif m := _ISO.match(text):
        year, month = int(m[1]), int(m[2])
        day = int(m[3]) if m[3] else None
    elif (m := _NAMED.match(text)) and (named := _month(m[2])):
        month, day = named, int(m[1]) if m[1] else None
        year = int(m[3]) if len(m[3]) == 4 else _full_year(int(m[3]), today)
    elif m := _MONTH.match(text):
        year, month = int(m[2]), int(m[1])
    elif m := _YEAR.match(text):
        year = int(m[1])
    else:
        raise DateError(_example(text, partial))
    if day is None and not partial:
        raise DateError(
            QCoreApplication.translate(
                "dates", "“{0}”: the day, month and year are needed (for example 22/06/1941)."
            ).format(text)
        )
    try:
        first = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise DateError(
            QCoreApplication.translate("dates", "“{0}” is not a date of the calendar.").format(text)
        ) from None
    if year < 1850 or first > today:
        raise DateError(
            QCoreApplication.translate("dates", "“{0}” is in the future or too long ago.").format(
                text
            )
        )
    if day is not None:
        return first.isoformat()
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def _example(text: str, partial: bool) -> str:
    if partial:
        return QCoreApplication.translate(
            "dates", "“{0}” is not a date: type 22/06/1941, 06/1941 or 1941."
        ).format(text)
    return QCoreApplication.translate(
        "dates", "“{0}” is not a date: type it as 22/06/1941."
    ).format(text)


def shows_understood(
    edit: QLineEdit, *, partial: bool = False, today: dt.date | None = None
) -> None:
    """Once typed (Tab, Enter, the focus elsewhere), the date as understood, dd/mm/yyyy:
    "5/3/85" -> 05/03/1985, "5 mars 85" -> 05/03/1985, so a two-digit year or a day and
    month read the other way round is seen before saving. What is not a date stays as
    typed: saving says why."""

    def tidy() -> None:
        try:
            iso = parse_date(edit.text(), partial=partial, today=today)
        except DateError:
            return
        if iso and show_date(iso) != edit.text():
            edit.setText(show_date(iso))

    edit.editingFinished.connect(tidy)


def show_date(iso: str | None) -> str:
    """ "1941-06-22" -> "22/06/1941"; "1941-06" -> "06/1941"; "1941" -> "1941"; a
    datetime shows its date; None or "" -> ""."""
    if not iso:
        return ""
    parts = iso[:10].split("-")
    return "/".join(reversed(parts))


def show_datetime(iso: str | None) -> str:
    """ "2026-12-01T09:30" -> "01/12/2026 09:30"."""
    if not iso:
        return ""
    time = iso[11:16]
    return f"{show_date(iso)} {time}".strip()


def age_text(birth_iso: str | None, today: dt.date | None = None) -> str:
    """ "85 years" from two years on, "18 months" under two years, "12 days" under one
    month (translated); "" without a full birth date."""
    if not birth_iso or len(birth_iso) < 10:
        return ""
    try:
        born = dt.date.fromisoformat(birth_iso[:10])
    except ValueError:
        return ""
    today = today or dt.date.today()
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months >= 24:
        years = months // 12
        return QCoreApplication.translate("dates", "{0} years").format(years)
    if months >= 1:
        return (
            QCoreApplication.translate("dates", "{0} month")
            if months == 1
            else QCoreApplication.translate("dates", "{0} months")
        ).format(months)
    days = (today - born).days
    return (
        QCoreApplication.translate("dates", "{0} day")
        if days <= 1
        else QCoreApplication.translate("dates", "{0} days")
    ).format(days)


def born_text(sex: str | None, date_iso: str | None) -> str:
    """ "née le 22/06/1941" for a woman, "né le …" for a man, "né(e) le …" otherwise."""
    if not date_iso:
        return ""
    date = show_date(date_iso)
    if sex == "F":
        return QCoreApplication.translate("dates", "born on {0}", "female").format(date)
    if sex == "M":
        return QCoreApplication.translate("dates", "born on {0}", "male").format(date)
    return QCoreApplication.translate("dates", "born on {0}", "unknown sex").format(date)


def birth_name_text(sex: str | None, birth_name: str) -> str:
    """ "née DUPONT" / "né DUPONT": the birth name after the used name."""
    if sex == "F":
        return QCoreApplication.translate("dates", "born {0}", "female").format(birth_name)
    if sex == "M":
        return QCoreApplication.translate("dates", "born {0}", "male").format(birth_name)
    return QCoreApplication.translate("dates", "born {0}", "unknown sex").format(birth_name)

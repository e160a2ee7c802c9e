"""Numbers as a French GP types and reads them: "38,5" and "38.5" are the same value,
anything else is refused with a sentence (never rounded or truncated silently), and values
are shown in the UI's locale ("38,5", "58,1")."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

_NUMBER = re.compile(r"^\s*(\d+)(?:[.,](\d+))?\s*$")


class NumberError(ValueError):
    """The text is not a number of the expected kind; ``str()`` is a translated sentence."""


def parse_number(text: str, *, integer: bool = False) -> float | int | None:
    """ "38,5" or "38.5" -> 38.5; "" -> None (not measured); "38,5,2", "abc" or, with
    ``integer``, "72,5" -> NumberError. A whole number with ``integer`` comes back an int."""
    if not text.strip():
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise NumberError(
            QCoreApplication.translate("numbers", "“{0}” is not a number.").format(text.strip())
        )
    whole, fraction = match.groups()
    if integer:
        if fraction and fraction.strip("0"):
            raise NumberError(
                QCoreApplication.translate("numbers", "“{0}”: a whole number is expected.").format(
                    text.strip()
                )
            )
        return int(whole)
    return float(f"{whole}.{fraction or 0}")


def show_number(value: float | int | None) -> str:
    """38.5 -> "38,5" in French ("38.5" in English); 58.0 -> "58"; None -> ""."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return QLocale().toString(int(value))
    text = QLocale().toString(float(value), "f", 2)
    zero, point = QLocale().zeroDigit(), QLocale().decimalPoint()
    return text.rstrip(zero).rstrip(point)

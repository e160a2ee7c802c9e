"""Values between Python and SQL: conversion by field type, and validation of input.

Callers (the CLI, the app, importers) hand in strings or Python values; :func:`validate`
checks the names against the schema and coerces each value to its field's type before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from stdnum import exceptions as stdnum_errors
from stdnum.fr import nir as stdnum_nir

from desktop.practice import errors
from desktop.practice.schema import SEX_VALUES, Entity

compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""json.dumps(value, ensure_ascii=False, separators=(",", ":")) without building an
encoder per call (a third less time per value on a restore's millions of fields)."""

CONVERTED = frozenset({"json", "bool"})
"""Field types whose Python value differs from the SQL one (see :func:`to_sql`)."""


def to_sql(entity: Entity, name: str, value: Any) -> Any:
    kind = entity.field(name).type
    if value is None:
        return None
    if kind == "json":
        return compact_json(value)
    if kind == "bool":
        return 1 if value else 0
    return value


FROM_SQL: Mapping[str, Callable[[Any], Any]] = {"json": json.loads, "bool": bool}
"""How a non-NULL SQL value of each converted field type becomes its Python value."""


def from_sql(entity: Entity, name: str, value: Any) -> Any:
    if value is None:
        return None
    convert = FROM_SQL.get(entity.field(name).type)
    return value if convert is None else convert(value)


def validate(entity: Entity, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check names and coerce values (strings from the CLI) to the field's type."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            kind = entity.field(name).type
        except KeyError:
            known = ", ".join(entity.field_names)
            raise errors.InvalidInputError(
                f"{entity.name} has no field '{name}'; known fields: {known}"
            ) from None
        if value is None or (isinstance(value, str) and value == "" and kind != "text"):
            out[name] = None
            continue
        try:
            out[name] = _coerce(kind, value)
        except (ValueError, TypeError):
            raise errors.InvalidInputError(
                f"field '{name}' of {entity.name} expects a {kind} value"
                + (" (YYYY-MM-DD)" if kind == "date" else "")
                + (" (YYYY, YYYY-MM or YYYY-MM-DD)" if kind == "pdate" else "")
            ) from None
        if kind == "text" and isinstance(out[name], str):
            out[name] = without_controls(out[name], one_line="name" in name)
    if entity.name == "patient" and out.get("sex") not in (None, *SEX_VALUES):
        raise errors.InvalidInputError("sex must be F, M or U")
    if entity.name == "patient" and out.get("nir"):
        out["nir"] = checked_nir(out["nir"])
    if entity.name == "patient" and "family_name" in out and not (out["family_name"] or "").strip():
        # One rule for every write (add, edit, import), not only the CLI's 'patient add'.
        raise errors.InvalidInputError("the family name must not be empty")
    return out


def checked_nir(text: str) -> str:
    """The social security number without spaces: 13 digits, or 13 and the key, which
    must match (a typo in a NIR is a claim refused, or another person's record)."""
    number = stdnum_nir.compact(text)
    try:
        if len(number) == 13:
            stdnum_nir.validate(number + stdnum_nir.calc_check_digits(number))
        else:
            stdnum_nir.validate(number)
    except stdnum_errors.InvalidChecksum:
        raise errors.InvalidInputError(
            "the key of the NIR does not match its first 13 digits"
        ) from None
    except stdnum_errors.ValidationError:
        raise errors.InvalidInputError(
            "a NIR is 13 digits and a 2-digit key (1 or 2, year, month, place, order, key)"
        ) from None
    return number


_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def without_controls(text: str, *, one_line: bool) -> str:
    """``text`` without control characters (ESC clears a terminal, CR forges a line, BEL
    rings): CR LF and lone CR become LF; in a one-line field (names) LF and TAB become a
    space. They would otherwise travel to every device by sync."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    if one_line:
        text = " ".join(text.replace("\t", " ").split("\n"))
    return text


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    if "\x00" in value:
        raise ValueError
    value.encode("utf-8")  # a lone surrogate cannot be stored: UnicodeEncodeError
    return value


def _date(value: Any) -> str:
    return dt.date.fromisoformat(str(value)).isoformat()


def _partial_date(value: Any) -> str:
    """A date, a month (YYYY-MM) or a year (YYYY): what a patient remembers."""
    text = str(value)
    if len(text) == 10:
        return dt.date.fromisoformat(text).isoformat()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        return dt.date(int(text[:4]), int(text[5:]), 1).isoformat()[:7]
    if len(text) == 4 and text.isdigit():
        return text
    raise ValueError(text)


def _datetime(value: Any) -> str:
    return dt.datetime.fromisoformat(str(value)).isoformat(timespec="minutes")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError
    return int(value)


def _real(value: Any) -> float:
    return float(value)


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        if value.lower() in ("1", "true", "yes", "oui"):
            return True
        if value.lower() in ("0", "false", "no", "non"):
            return False
        raise ValueError
    return bool(value)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_COERCE: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "date": _date,
    "pdate": _partial_date,
    "datetime": _datetime,
    "int": _int,
    "real": _real,
    "bool": _bool,
    "json": _json,
}
"""One coercion per schema kind; each raises TypeError or ValueError on a value that
cannot be of its kind."""


def _coerce(kind: str, value: Any) -> Any:
    coerce = _COERCE.get(kind)
    if coerce is None:
        raise ValueError(kind)
    return coerce(value)

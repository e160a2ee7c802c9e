"""``carnet import csv``: patients from another software's CSV export.

Three steps the CLI and the app's wizard share: :func:`read_table` (encoding and
separator detected), :func:`plan_import` (the dry run: rows to create, duplicates on the
INS traits, rows refused and why), :func:`run_import` (ONE transaction: all or nothing).

Encoding detection, documented: UTF-8 if the bytes decode as UTF-8 (a BOM is dropped);
otherwise Windows-1252, the encoding of French Windows software, unless the bytes hold
one of the five values Windows-1252 leaves undefined, then Latin-1. (Latin-1 and
Windows-1252 differ only in 0x80-0x9F, which Latin-1 text never uses: C1 controls.)
Messages name lines and columns, never a value: values are patient data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdnum.fr import nir as stdnum_nir

from desktop.practice import bulk_reads, errors
from desktop.practice.schema import ENTITIES
from desktop.practice.store import Practice
from desktop.practice.values import validate
from sync.changes import new_id

FIELDS = tuple(n for n in ENTITIES["patient"].field_names if n != "deleted")
ALIASES = {"given_name": "given_names", "first_name": "given_names", "last_name": "family_name"}
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_SEXES = {
    "f": "F", "femme": "F", "feminin": "F", "female": "F", "2": "F",
    "m": "M", "h": "M", "homme": "M", "masculin": "M", "male": "M", "1": "M",
    "u": "U", "i": "U", "inconnu": "U", "indetermine": "U", "": None,
}  # fmt: skip
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
PREVIEW_ROWS = 5


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number in the file, cells)
    encoding: str
    separator: str


@dataclass(frozen=True)
class Refused:
    line: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    line: int
    existing_id: str | None  # a patient already in the practice...
    same_as_line: int | None  # ...or an earlier row of the same file


@dataclass(frozen=True)
class Plan:
    create: tuple[tuple[int, dict[str, Any]], ...]
    duplicates: tuple[Duplicate, ...]
    refused: tuple[Refused, ...]
    encoding: str
    separator: str
    rows: int = 0
    mapping: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "encoding": self.encoding,
            "separator": self.separator,
            "to_create": len(self.create),
            "duplicates": [d.__dict__ for d in self.duplicates],
            "refused": [r.__dict__ for r in self.refused],
        }


def detect_encoding(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    return "latin-1" if _CP1252_UNDEFINED & set(data) else "cp1252"


def _separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") >= first.count(",") else ","


def read_table(path: Path, *, encoding: str | None = None, separator: str | None = None) -> Table:
    """The whole file as a header and rows (10,000 rows are a few MB)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise errors.InvalidInputError(f"cannot read {path} ({exc.strerror})") from exc
    encoding = encoding or detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise errors.InvalidInputError(
            f"{Path(path).name} is not in the {encoding} encoding; try another --encoding"
        ) from None
    if separator is not None and len(separator) != 1:
        raise errors.UsageError("the separator must be one character, like ';' or ','")
    separator = separator or _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = tuple(c.strip() for c in next(reader))
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, tuple(cells)))
    except StopIteration:
        raise errors.InvalidInputError(f"{Path(path).name} is empty") from None
    except csv.Error as exc:
        raise errors.InvalidInputError(
            f"{Path(path).name} line {reader.line_num} is not valid CSV ({exc})"
        ) from None
    return Table(header, tuple(rows), encoding, separator)


def parse_mapping(text: str) -> dict[str, str]:
    """'Nom=family_name,Prénom=given_names' -> {column: field}."""
    mapping: dict[str, str] = {}
    for pair in (p for p in text.split(",") if p.strip()):
        column, sep, name = pair.partition("=")
        name = ALIASES.get(name.strip(), name.strip())
        if not sep or not column.strip() or not name:
            raise errors.UsageError(f"--mapping expects COLUMN=field pairs, got '{pair.strip()}'")
        if name not in FIELDS:
            raise errors.UsageError(f"'{name}' is not a patient field; fields: {', '.join(FIELDS)}")
        mapping[column.strip()] = name
    if "family_name" not in mapping.values():
        raise errors.UsageError("the mapping must give a column for family_name")
    return mapping


def fold(text: str | None) -> str:
    """Case, accents and spacing folded, as the INS traits are compared."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("'", " ").split())


def ins_traits(fields: Mapping[str, Any]) -> tuple[str, str, str, str] | None:
    """(birth name, first given name, birth date, sex), or None when one is missing."""
    birth = fold(fields.get("birth_name") or fields.get("family_name"))
    given = fold(fields.get("given_names")).split(" ")[0]
    born, sex = fields.get("birth_date"), fields.get("sex")
    if not (birth and given and born and sex):
        return None
    return birth, given, str(born), str(sex)


def _date(value: str) -> str:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def _birth_date_cell(value: str, column: str) -> str:
    if not value:
        return value
    try:
        return _date(value)
    except ValueError:
        raise ValueError(
            f"the birth date (column '{column}') is not a date like 31/12/1960"
        ) from None


def _sex_cell(value: str, column: str) -> str | None:
    if fold(value) not in _SEXES:
        raise ValueError(f"the sex (column '{column}') is not F, M, H or U")
    return _SEXES[fold(value)]


def _nir_cell(value: str, column: str) -> str:
    if not value:
        return value
    value = stdnum_nir.compact(value)
    if not stdnum_nir.is_valid(value):
        raise ValueError(f"the NIR (column '{column}') is not valid (length or key)")
    return str(value)


_CELLS: dict[str, Callable[[str, str], str | None]] = {
    "birth_date": _birth_date_cell,
    "sex": _sex_cell,
    "nir": _nir_cell,
}
"""The fields whose cell is read, not taken as written: (cell, column) -> value, or
ValueError naming the column."""


def _row_fields(
    header: tuple[str, ...], cells: tuple[str, ...], mapping: Mapping[str, str]
) -> dict[str, Any]:
    """The mapped values of one row; ValueError(reason) when one is unusable."""
    if len(cells) != len(header):
        raise ValueError(f"{len(cells)} columns where the header has {len(header)}")
    raw = dict(zip(header, (c.strip() for c in cells), strict=True))
    fields: dict[str, Any] = {}
    for column, name in mapping.items():
        read = _CELLS.get(name)
        value = raw[column] if read is None else read(raw[column], column)
        fields[name] = value or None
    return _patient_fields(fields)


def _patient_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A row's fields as a patient record: a family name, a sex (U when not given), a
    known INS status, and the schema's checks."""
    if not fields.get("family_name"):
        raise ValueError("no family name")
    if fields.get("sex") is None:
        fields["sex"] = "U"
    if fields.get("ins_status") not in (None, "provisoire", "recuperee", "validee", "qualifiee"):
        raise ValueError("the INS status is not provisoire, recuperee, validee or qualifiee")
    try:
        return validate(ENTITIES["patient"], fields)
    except errors.InvalidInputError as exc:
        raise ValueError(str(exc)) from None


def check_columns(table: Table, mapping: Mapping[str, str]) -> None:
    missing = [c for c in mapping if c not in table.header]
    if missing:
        raise errors.UsageError(
            f"column '{missing[0]}' is not in the file; its columns are: {', '.join(table.header)}"
        )


def plan_import(practice: Practice, table: Table, mapping: Mapping[str, str]) -> Plan:
    """The dry run: what an import would create, skip as a duplicate, and refuse."""
    check_columns(table, mapping)
    known: dict[tuple[str, str, str, str], str] = {}
    for rec in bulk_reads.records(practice, "patient"):
        traits = ins_traits(rec)
        if traits is not None:
            known.setdefault(traits, rec["id"])
    seen: dict[tuple[str, str, str, str], int] = {}
    create, duplicates, refused = [], [], []
    for line, cells in table.rows:
        try:
            fields = _row_fields(table.header, cells, mapping)
        except ValueError as exc:
            refused.append(Refused(line, str(exc)))
            continue
        traits = ins_traits(fields)
        if traits is not None and traits in known:
            duplicates.append(Duplicate(line, known[traits], None))
        elif traits is not None and traits in seen:
            duplicates.append(Duplicate(line, None, seen[traits]))
        else:
            if traits is not None:
                seen[traits] = line
            create.append((line, fields))
    return Plan(
        tuple(create),
        tuple(duplicates),
        tuple(refused),
        table.encoding,
        table.separator,
        len(table.rows),
        dict(mapping),
    )


def run_import(practice: Practice, plan: Plan) -> int:
    """Create the plan's patients in ONE transaction: all of them, or none."""
    full = ENTITIES["patient"].field_names
    rows = (
        ("patient", new_id(), {**{n: fields.get(n) for n in full}, "deleted": False})
        for _line, fields in plan.create
    )
    with practice.transaction():
        return practice.import_records(rows, batch=len(plan.create) + 1)


def report_text(plan: Plan) -> str:
    sep = "';'" if plan.separator == ";" else f"'{plan.separator}'"
    lines = [
        f"{plan.rows} rows read ({plan.encoding.removesuffix('-sig')}, separator {sep})",
        f"  to create:  {len(plan.create)}",
        f"  duplicates: {len(plan.duplicates)} (same birth name, first given name, birth date "
        "and sex; not created)",
        f"  refused:    {len(plan.refused)}",
    ]
    for d in plan.duplicates:
        other = f"patient {d.existing_id}" if d.existing_id else f"line {d.same_as_line}"
        lines.append(f"    line {d.line}: duplicate of {other}")
    for r in plan.refused:
        lines.append(f"    line {r.line}: refused: {r.reason}")
    return "\n".join(lines)


def preview(table: Table, count: int = PREVIEW_ROWS) -> list[tuple[str, ...]]:
    return [cells for _line, cells in table.rows[:count]]


def known_fields() -> tuple[str, ...]:
    return FIELDS


def guess_mapping(header: tuple[str, ...]) -> dict[str, str]:
    """A first guess for the wizard from French and English column names."""
    words = {
        "nom": "family_name", "nom d'usage": "family_name", "family name": "family_name",
        "nom de naissance": "birth_name", "nom de jeune fille": "birth_name",
        "prenom": "given_names", "prenoms": "given_names", "given names": "given_names",
        "sexe": "sex", "sex": "sex", "date de naissance": "birth_date",
        "date naissance": "birth_date",
        "ne le": "birth_date", "ne e le": "birth_date", "nom naissance": "birth_name",
        "nee le": "birth_date", "naissance": "birth_date", "ddn": "birth_date",
        "nir": "nir", "numero de securite sociale": "nir", "n ss": "nir", "ins": "nir",
        "telephone": "phone", "tel": "phone", "portable": "phone2", "mobile": "phone2",
        "email": "email", "e mail": "email", "courriel": "email", "adresse": "address",
        "code postal": "postal_code", "cp": "postal_code", "ville": "city",
        "commune": "city", "medecin traitant": "referring_gp", "mutuelle": "insurance",
    }  # fmt: skip
    out: dict[str, str] = {}
    for column in header:
        name = words.get(" ".join(re.sub(r"[\W_]+", " ", fold(column)).split()))
        if name and name not in out.values():
            out[column] = name
    return out

"""Finding patients and notes fast, in SQL, over the whole practice.

Patients: ``patient_keys`` holds one row per search key: folded name tokens (family,
birth and given names, each word and the words joined), ``#p`` phone digits, ``#n`` NIR
digits, ``#d`` ISO birth date. A query is a set of prefix range scans on that covering
index, intersected, ranked (exact before prefix, family name before birth name before
given names) then sorted by name, all without touching the patient table until the
final page. Notes: FTS5 over folded text, ranked by bm25.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desktop.practice.textsearch import digits, fold, name_tokens

PATIENT_COLUMNS = (
    "id",
    "family_name",
    "birth_name",
    "given_names",
    "birth_date",
    "sex",
    "phone",
    "nir",
    "city",
)
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_NUMBERISH = re.compile(r"^[\d\s.+\-]+$")


def _sort_key(row: dict[str, Any]) -> str:
    return fold(f"{row.get('family_name') or ''} {row.get('given_names') or ''}")[:40]


def index_patient(conn: Any, patient_id: str) -> None:
    """Rebuild one patient's search keys (inside the caller's transaction)."""
    conn.execute("DELETE FROM patient_keys WHERE patient_id = ?", (patient_id,))
    cur = conn.execute(
        "SELECT family_name, birth_name, given_names, birth_date, phone, phone2, nir, deleted "
        "FROM patient WHERE id = ?",
        (patient_id,),
    )
    row = cur.fetchone()
    if row is None or row[7]:
        return
    family, birth, given, birth_date, phone, phone2, nir, _ = row
    keys: dict[str, int] = {}
    # The name as a whole (its first word, or all words joined) ranks above a word inside
    # it: "mar" lists MARCHAND before BLANC-MARTIN.
    for rank, name in ((0, family), (2, birth), (3, given)):
        words = fold(name or "").split()
        for token in name_tokens(name):
            inner = len(words) > 1 and token != words[0] and token != "".join(words)
            keys.setdefault(token, rank + inner)
    for number in (phone, phone2):
        if digits(number):
            keys.setdefault("#p" + digits(number), 5)
    if digits(nir):
        keys["#n" + digits(nir)] = 5
    if birth_date:
        keys["#d" + birth_date] = 5
    sort = _sort_key({"family_name": family, "given_names": given})
    conn.executemany(
        "INSERT INTO patient_keys(key, patient_id, rank, sort) VALUES (?, ?, ?, ?)",
        [(key, patient_id, rank, sort) for key, rank in keys.items()],
    )


def _upper(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def parse_birth_date(text: str) -> str | None:
    """'12/03/1961', '12-3-61', '1961-03-12' -> '1961-03-12'; None if not a date."""
    m = _DATE.match(text)
    try:
        if m:
            day, month, year = (int(g) for g in m.groups())
            if year < 100:
                this_year = dt.date.today().year % 100
                year += 2000 if year <= this_year else 1900
            return dt.date(year, month, day).isoformat()
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(*(int(g) for g in m.groups())).isoformat()
    except ValueError:
        return None
    return None


def _terms(query: str) -> list[tuple[str, bool]]:
    """(key prefix, exact) terms that must all match."""
    date = parse_birth_date(query)
    if date:
        return [("#d" + date, True)]
    if _NUMBERISH.match(query):
        number = digits(query)
        if len(number) >= 2:
            return [("#" + number, False)]  # matched against '#p…' and '#n…' below
        return []
    return [(token, False) for token in fold(query).split()[:6]]


def search_patients(conn: Any, query: str, limit: int = 50) -> list[dict[str, Any]]:
    terms = _terms(query)
    if not terms:
        return []
    selects: list[str] = []
    params: list[Any] = []
    for i, (term, exact) in enumerate(terms):
        if term.startswith("#") and term[1:2].isdigit():
            ranges = [("#p" + term[1:]), ("#n" + term[1:])]
        else:
            ranges = [term]
        for prefix in ranges:
            if exact:
                selects.append(
                    f"SELECT patient_id, {i} AS t, 0 AS r, sort FROM patient_keys WHERE key = ?"
                )
                params.append(prefix)
            else:
                selects.append(
                    f"SELECT patient_id, {i} AS t, rank * 2 + (key <> ?) AS r, sort "
                    "FROM patient_keys WHERE key >= ? AND key < ?"
                )
                params += [prefix, prefix, _upper(prefix)]
    sql = (
        "SELECT patient_id, SUM(best) AS score, MIN(sort) AS s FROM ("
        "  SELECT patient_id, t, MIN(r) AS best, MIN(sort) AS sort FROM ("
        + " UNION ALL ".join(selects)
        + ") GROUP BY patient_id, t"
        ") GROUP BY patient_id HAVING COUNT(*) = ? ORDER BY score, s, patient_id LIMIT ?"
    )
    ids = [row[0] for row in conn.execute(sql, [*params, len(terms), limit]).fetchall()]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    cur = conn.execute(
        f"SELECT {', '.join(PATIENT_COLUMNS)} FROM patient WHERE id IN ({marks})", ids
    )
    rows = {r[0]: dict(zip(PATIENT_COLUMNS, r, strict=True)) for r in cur.fetchall()}
    return [rows[i] for i in ids if i in rows]


NOTE_FIELDS = ("reason", "text", "soap_s", "soap_o", "soap_a", "soap_p", "diagnoses")


def index_note(conn: Any, version_id: str) -> None:
    row = conn.execute(
        f"SELECT rowid, {', '.join(NOTE_FIELDS)} FROM consultation_version WHERE id = ?",
        (version_id,),
    ).fetchone()
    if row is None:
        return
    body = fold(" ".join(str(v) for v in row[1:] if v))
    conn.execute("INSERT OR REPLACE INTO notes_fts(rowid, body) VALUES (?, ?)", (row[0], body))


def search_notes(conn: Any, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Consultations whose notes contain every word (the last one as a prefix)."""
    words = fold(query).split()[:8]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    cur = conn.execute(
        "SELECT c.id, c.patient_id, v.id, v.created_at, v.reason, min(notes_fts.rank) "
        "FROM notes_fts JOIN consultation_version v ON v.rowid = notes_fts.rowid "
        "JOIN consultation c ON c.id = v.consultation_id "
        "WHERE notes_fts MATCH ? AND c.deleted IS NOT 1 "
        "GROUP BY c.id ORDER BY min(notes_fts.rank) LIMIT ?",
        (match, limit),
    )
    return [
        {"consultation_id": c, "patient_id": p, "version_id": v, "created_at": at, "reason": r}
        for c, p, v, at, r, _ in cur.fetchall()
    ]

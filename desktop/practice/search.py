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
from collections.abc import Sequence
from typing import Any

from desktop.practice import meta
from desktop.practice.meta import MetaKey
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
_PACKED_DATE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_NUMBERISH = re.compile(r"^[\d\s.+\-]+$")


def _sort_key(row: dict[str, Any]) -> str:
    return fold(f"{row.get('family_name') or ''} {row.get('given_names') or ''}")[:40]


SHORT = 3
"""Prefixes up to this length get their own keys ("!" + prefix), precomputed and stored
in rank order, so the first keystrokes, which match thousands of patients, read just the
first page of an index instead of sorting every match."""


_KEY_COLUMNS = "family_name, birth_name, given_names, birth_date, phone, phone2, nir, deleted"


def index_patient(conn: Any, patient_id: str) -> None:
    """Rebuild one patient's search keys (inside the caller's transaction)."""
    conn.execute("DELETE FROM patient_keys WHERE patient_id = ?", (patient_id,))
    row = conn.execute(f"SELECT {_KEY_COLUMNS} FROM patient WHERE id = ?", (patient_id,)).fetchone()
    if row is not None:
        conn.executemany(
            "INSERT INTO patient_keys(key, patient_id, rank, sort) VALUES (?, ?, ?, ?)",
            _patient_keys(patient_id, row),
        )


def _patient_keys(patient_id: str, row: Sequence[Any]) -> list[tuple[str, str, int, str]]:
    """(key, patient id, rank, sort) rows for one patient; none once deleted."""
    family, birth, given, birth_date, phone, phone2, nir, deleted = row
    if deleted:
        return []
    # rank: lower is a better kind of match. Token keys store rank * 2 (the query adds 1
    # for a prefix match); "!" prefix keys store the final value.
    keys: dict[str, int] = {}
    # The name as a whole (its first word, or all words joined) ranks above a word inside
    # it: "mar" lists MARCHAND before BLANC-MARTIN.
    for rank, name in ((0, family), (2, birth), (3, given)):
        words = fold(name or "").split()
        for token in name_tokens(name):
            inner = len(words) > 1 and token != words[0] and token != "".join(words)
            r = (rank + inner) * 2
            keys[token] = min(keys.get(token, r), r)
            for n in range(1, min(SHORT, len(token)) + 1):
                short = "!" + token[:n]
                rs = r + (n < len(token))
                keys[short] = min(keys.get(short, rs), rs)
    for number in (phone, phone2):
        if digits(number):
            keys.setdefault("#p" + digits(number), 10)
    if digits(nir):
        keys["#n" + digits(nir)] = 10
    if birth_date:
        keys["#d" + birth_date] = 10
    sort = _sort_key({"family_name": family, "given_names": given})
    return [(key, patient_id, rank, sort) for key, rank in keys.items()]


def rebuild(conn: Any, batch: int = 5_000) -> None:
    """Every search key and note index entry again from the rows (a restore's last step;
    inside the caller's transaction). Reads each table once, writes in batches."""
    conn.execute("DELETE FROM patient_keys")
    conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('delete-all')")
    insert_keys = "INSERT INTO patient_keys(key, patient_id, rank, sort) VALUES (?, ?, ?, ?)"
    rows = conn.execute(f"SELECT id, {_KEY_COLUMNS} FROM patient")
    while chunk := rows.fetchmany(batch):
        keys = [k for row in chunk for k in _patient_keys(row[0], row[1:])]
        conn.executemany(insert_keys, keys)
    mark_notes_indexed(conn, 0)
    catch_up_notes(conn, batch)


def _upper(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def parse_birth_date(text: str) -> str | None:
    """'12/03/1961', '12-3-61', '12031961', '1961-03-12' -> '1961-03-12'; None if not a
    date (eight digits that are no date of birth, 1850 to this year, stay a phone number)."""
    m = _DATE.match(text)
    try:
        packed = _PACKED_DATE.match(text)
        if packed and 1850 <= int(packed[3]) <= dt.date.today().year:
            day, month, year = (int(g) for g in packed.groups())
            return dt.date(year, month, day).isoformat()
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


MIN_DIGITS = 4  # fewer digits match too many phone numbers to be a useful search


def _condition(alias: str, term: str) -> tuple[str, list[Any], str, list[Any]]:
    """(WHERE clause, params, rank expression, its params) matching one query term."""
    if term.startswith("#d"):
        return f"{alias}.key = ?", [term], f"{alias}.rank", []
    if term.startswith("#"):
        number = term[1:]
        clause = (
            f"(({alias}.key >= ? AND {alias}.key < ?) OR ({alias}.key >= ? AND {alias}.key < ?))"
        )
        params = ["#p" + number, _upper("#p" + number), "#n" + number, _upper("#n" + number)]
        return clause, params, f"{alias}.rank", []
    if len(term) <= SHORT:
        return f"{alias}.key = ?", ["!" + term], f"{alias}.rank", []
    clause = f"{alias}.key >= ? AND {alias}.key < ?"
    return clause, [term, _upper(term)], f"{alias}.rank + ({alias}.key <> ?)", [term]


def _terms(query: str) -> list[str]:
    """Terms that must all match: name tokens, or one '#d' date / '#' number term."""
    date = parse_birth_date(query)
    if date:
        return ["#d" + date]
    if _NUMBERISH.match(query):
        number = digits(query)
        return ["#" + number] if len(number) >= MIN_DIGITS else []
    return fold(query).split()[:6]


def search_patients(conn: Any, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Up to ``limit`` live patients matching every term, best matches first.

    The longest term drives an index range scan; the others are checked per candidate
    through the (patient_id, key) index. A short driver is read in stored rank order, so
    the scan stops after ``limit`` rows.
    """
    terms = _terms(query)
    if not terms:
        return []
    driver = max(terms, key=len)
    others = list(terms)
    others.remove(driver)
    where, params, rank, rank_params = _condition("k", driver)
    for i, term in enumerate(others):
        clause, extra, _, _ = _condition(f"o{i}", term)
        where += (
            f" AND EXISTS (SELECT 1 FROM patient_keys o{i} "
            f"WHERE o{i}.patient_id = k.patient_id AND {clause})"
        )
        params += extra
    if not driver.startswith("#") and len(driver) <= SHORT:
        sql = (
            f"SELECT k.patient_id FROM patient_keys k WHERE {where} ORDER BY k.rank, k.sort LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [*params, limit]).fetchall()]
    else:
        sql = (
            f"SELECT k.patient_id, MIN({rank}) AS r, MIN(k.sort) AS s FROM patient_keys k "
            f"WHERE {where} GROUP BY k.patient_id ORDER BY r, s, k.patient_id LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [*rank_params, *params, limit]).fetchall()]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    cur = conn.execute(
        f"SELECT {', '.join(PATIENT_COLUMNS)} FROM patient WHERE id IN ({marks})", ids
    )
    rows = {r[0]: dict(zip(PATIENT_COLUMNS, r, strict=True)) for r in cur.fetchall()}
    return [rows[i] for i in ids if i in rows]


NOTE_FIELDS = ("reason", "text", "soap_s", "soap_o", "soap_a", "soap_p", "diagnoses")


NOTES_INDEXED = MetaKey.NOTES_INDEXED  # an erasure that removes versions must rebuild()


def catch_up_notes(conn: Any, batch: int = 5_000) -> int:
    """Index the versions written since the last note search (inside the caller's
    transaction), reading and writing in batches; returns how many."""
    indexed = meta.get(conn, NOTES_INDEXED, 0)
    notes = conn.execute(
        f"SELECT rowid, {', '.join(NOTE_FIELDS)} FROM consultation_version WHERE rowid > ? "
        "ORDER BY rowid",
        (int(indexed),),
    )
    count = 0
    while chunk := notes.fetchmany(batch):
        conn.executemany(
            "INSERT OR REPLACE INTO notes_fts(rowid, body) VALUES (?, ?)",
            [(r[0], _note_body(r[1:])) for r in chunk],
        )
        mark_notes_indexed(conn, chunk[-1][0])
        count += len(chunk)
    return count


def mark_notes_indexed(conn: Any, up_to: int | None = None) -> None:
    """Record that every version up to rowid ``up_to`` (default: all) is indexed."""
    if up_to is None:
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM consultation_version")
        up_to = int(top.fetchone()[0])
    meta.put(conn, NOTES_INDEXED, up_to)


def _note_body(values: Sequence[Any]) -> str:
    return fold(" ".join(str(v) for v in values if v))


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


def same_identity(conn: Any, fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Live patients who share the INS traits of ``fields``: birth name (the family name
    when none is given), first given name, birth date and sex, compared folded (accents,
    case, hyphens). These are the traits the INS identity rests on, so a match is most
    likely the same person entered twice."""
    birth_date = fields.get("birth_date")
    if not birth_date:
        return []

    def traits(row: dict[str, Any]) -> tuple[str, str, str]:
        name = fold(row.get("birth_name") or row.get("family_name") or "")
        given = fold(row.get("given_names") or "").split()
        return name, given[0] if given else "", (row.get("sex") or "U")

    wanted = traits(fields)
    cur = conn.execute(
        f"SELECT {', '.join(PATIENT_COLUMNS)} FROM patient "
        "WHERE id IN (SELECT patient_id FROM patient_keys WHERE key = ?)",
        ("#d" + str(birth_date),),
    )
    rows = [dict(zip(PATIENT_COLUMNS, r, strict=True)) for r in cur.fetchall()]
    return [r for r in rows if traits(r) == wanted]


def deleted_patients(conn: Any, limit: int = 500) -> list[dict[str, Any]]:
    """Deleted (tombstoned) patients by name, for the "Deleted charts" list."""
    cur = conn.execute(
        f"SELECT {', '.join(PATIENT_COLUMNS)} FROM patient WHERE deleted = 1 "
        "ORDER BY family_name, given_names, id LIMIT ?",
        (limit,),
    )
    return [dict(zip(PATIENT_COLUMNS, r, strict=True)) for r in cur.fetchall()]

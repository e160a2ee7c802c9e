"""Finding patients and notes fast, in SQL, over the whole practice.

Patients: ``search_key`` holds one row per search key: folded name tokens (family,
birth and given names, each word and the words joined), ``#p`` phone digits, ``#n`` NIR
digits, ``#d`` ISO birth date, each naming the patient by a small local number ``n``;
``search_patient`` holds one row per live patient: its number, id, sort key, name words
and its keys (so its old keys can be deleted by their primary key). The longest term
drives a prefix range scan; each candidate's entry is read by its number for its id and
sort key, and the other terms are checked on its words; ranked (exact before prefix,
family name before birth name before given names) then sorted by name, all without
touching the patient table until the final page. Both tables are local, derived data
(never synced; a restore rebuilds them). Notes: FTS5 over folded text, ranked by bm25.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
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
ENTRY_COLUMNS = (
    "family_name",
    "birth_name",
    "given_names",
    "birth_date",
    "sex",
    "phone",
    "phone2",
    "nir",
    "city",
)
"""The patient fields ``search_patient`` copies: what the list shows (PATIENT_COLUMNS)
and what the keys are made of, so a search reads no patient row and an edit finds the
old keys to delete."""
_ENTRY_SQL = ", ".join(ENTRY_COLUMNS)
_INSERT_ENTRY = (
    f"INSERT INTO search_patient(n, patient_id, sort, words, nkeys, {_ENTRY_SQL}) "
    f"VALUES ({', '.join('?' * (5 + len(ENTRY_COLUMNS)))}) RETURNING n"
)
_INSERT_KEY = "INSERT INTO search_key(key, rank, sort, n) VALUES (?, ?, ?, ?)"


@dataclass(frozen=True, slots=True)
class Entry:
    """One live patient's search keys (key -> rank) and sort key."""

    sort: str
    keys: dict[str, int]

    @property
    def words(self) -> str:
        """' word word ...': a term matches a word when ' ' + term occurs in it."""
        return "".join(" " + k for k in sorted(self.keys) if k[0] not in "!#")

    def key_rows(self, n: int) -> list[tuple[str, int, str, int]]:
        """(key, rank, sort, n) rows of ``search_key``: the sort only on prefix keys,
        the only ones read in stored order (others are grouped, then sorted)."""
        return [(k, r, self.sort if k[0] == "!" else "", n) for k, r in self.keys.items()]


def _key_fields(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values.get(name) for name in _KEY_COLUMNS.split(", "))


def index_patient(conn: Any, patient_id: str) -> None:
    """Rebuild one patient's search entry and keys (inside the caller's transaction).

    The old keys are made again from the old entry's fields and deleted by primary key;
    if fewer rows go than the entry counted (keys made by another Carnet's rules), the
    rest go by a scan of ``search_key``."""
    old = conn.execute(
        f"SELECT n, nkeys, {_ENTRY_SQL} FROM search_patient WHERE patient_id = ?", (patient_id,)
    ).fetchone()
    n = None
    if old is not None:
        n, nkeys = old[0], old[1]
        entry = _entry(_key_fields(dict(zip(ENTRY_COLUMNS, old[2:], strict=True))))
        before = conn.total_changes
        conn.executemany(
            "DELETE FROM search_key WHERE key = ? AND rank = ? AND sort = ? AND n = ?",
            entry.key_rows(n) if entry else [],
        )
        if conn.total_changes - before != nkeys:
            conn.execute("DELETE FROM search_key WHERE n = ?", (n,))
        conn.execute("DELETE FROM search_patient WHERE n = ?", (n,))
    row = conn.execute(
        f"SELECT {_ENTRY_SQL}, deleted FROM patient WHERE id = ?", (patient_id,)
    ).fetchone()
    if row is None:
        return
    fields = dict(zip((*ENTRY_COLUMNS, "deleted"), row, strict=True))
    entry = _entry(_key_fields(fields))
    if entry is not None:
        values = (n, patient_id, entry.sort, entry.words, len(entry.keys), *row[:-1])
        n = conn.execute(_INSERT_ENTRY, values).fetchone()[0]
        conn.executemany(_INSERT_KEY, entry.key_rows(n))


def _entry(row: Sequence[Any]) -> Entry | None:
    """One patient's keys from its ``_KEY_COLUMNS``; None once deleted, or with nothing
    to find it by."""
    family, birth, given, birth_date, phone, phone2, nir, deleted = row
    if deleted:
        return None
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
    if not keys:
        return None
    return Entry(_sort_key({"family_name": family, "given_names": given}), keys)


def rebuild(conn: Any, batch: int = 5_000, notes: bool = True) -> None:
    """Every search entry and note index entry again from the rows (inside the caller's
    transaction). Reads each table once; the keys go in through one sorted insert, so
    their index pages end up full. ``notes=False`` (a restore's last step): the names
    only; every note is left to the note catch-up (:func:`catch_up_notes`: the next
    note search, or the app's indexer after unlock), so the practice is usable sooner
    and a note search still finds every note."""
    conn.execute("DELETE FROM search_key")
    conn.execute("DELETE FROM search_patient")
    conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('delete-all')")
    mark_notes_indexed(conn, 0)
    conn.execute("CREATE TEMP TABLE rebuilt_keys (key TEXT, rank INTEGER, sort TEXT, n INTEGER)")
    rows = conn.execute(f"SELECT id, {_ENTRY_SQL}, deleted FROM patient ORDER BY id")
    n = 0
    insert_entry = _INSERT_ENTRY.removesuffix(" RETURNING n")
    while chunk := rows.fetchmany(batch):
        entries, keys = [], []
        for row in chunk:
            fields = dict(zip((*ENTRY_COLUMNS, "deleted"), row[1:], strict=True))
            entry = _entry(_key_fields(fields))
            if entry is not None:
                n += 1
                entries.append((n, row[0], entry.sort, entry.words, len(entry.keys), *row[1:-1]))
                keys += entry.key_rows(n)
        conn.executemany(insert_entry, entries)
        conn.executemany("INSERT INTO temp.rebuilt_keys VALUES (?, ?, ?, ?)", keys)
    conn.execute("INSERT INTO search_key SELECT * FROM temp.rebuilt_keys ORDER BY 1, 2, 3, 4")
    conn.execute("DROP TABLE temp.rebuilt_keys")
    if notes:
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


_YEAR = re.compile(r"^\d{4}$")


def _terms(query: str) -> list[str]:
    """Terms that must all match: name tokens, or one '#d' date / '#' number term."""
    date = parse_birth_date(query)
    if date:
        return ["#d" + date]
    if _NUMBERISH.match(query):
        number = digits(query)
        return ["#" + number] if len(number) >= MIN_DIGITS else []
    return fold(query).split()[:6]


def _query(query: str) -> tuple[list[str], str | None]:
    """The terms, and the birth date or year that names typed with one must have
    ("vincent 12/09/1964", "vincent 1964": a common name told apart as on the patient's
    card, which matched nobody)."""
    if parse_birth_date(query) or _NUMBERISH.match(query):
        return _terms(query), None
    born: str | None = None
    names = []
    for word in query.split():
        when = parse_birth_date(word)
        if when is None and _YEAR.match(word) and 1850 <= int(word) <= dt.date.today().year:
            when = word
        if when is not None and born is None:
            born = when
        else:
            names.append(word)
    terms = fold(" ".join(names)).split()[:6]
    if not terms:  # nothing but dates: the query as it was typed
        return _terms(query), None
    return terms, born


def search_patients(conn: Any, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Up to ``limit`` live patients matching every term, best matches first.

    The longest term drives an index range scan over ``search_key``; each candidate's
    entry (``search_patient``, one row found by its number) gives its id and sort key,
    and the other terms are checked on its words; it also holds the listed fields. A
    short driver is read in stored rank order, so the scan stops after ``limit`` rows.
    """
    terms, born = _query(query)
    if not terms:
        return []
    driver = max(terms, key=len)
    others = list(terms)
    others.remove(driver)
    where, params, rank, rank_params = _condition("k", driver)
    # a word of this patient starts with each other term
    also = "".join(" AND instr(e.words, ?) > 0" for _ in others)
    also_params: list[Any] = [" " + term for term in others]
    if born is not None:  # a whole date, or a year: its first four characters
        also += " AND substr(e.birth_date, 1, ?) = ?"
        also_params += [len(born), born]
    listed = ", ".join(f"e.{c}" for c in ("patient_id", *PATIENT_COLUMNS[1:]))
    if not driver.startswith("#") and len(driver) <= SHORT:
        # CROSS JOIN: the key scan first (SQLite keeps that order), one entry per row.
        sql = (
            f"SELECT {listed} FROM search_key k CROSS JOIN search_patient e ON e.n = k.n "
            f"WHERE {where}{also} ORDER BY k.rank, k.sort, e.patient_id LIMIT ?"
        )
        rows = conn.execute(sql, [*params, *also_params, limit]).fetchall()
    else:
        # Grouped on the key rows alone (half the time of grouping joined rows), then
        # each patient's entry once.
        sql = (
            f"SELECT {listed} FROM (SELECT k.n, MIN({rank}) AS r FROM search_key k "
            f"WHERE {where} GROUP BY k.n) g CROSS JOIN search_patient e ON e.n = g.n "
            f"WHERE 1{also} ORDER BY g.r, e.sort, e.patient_id LIMIT ?"
        )
        rows = conn.execute(sql, [*rank_params, *params, *also_params, limit]).fetchall()
    return [dict(zip(PATIENT_COLUMNS, r, strict=True)) for r in rows]


NOTE_FIELDS = ("reason", "text", "soap_s", "soap_o", "soap_a", "soap_p", "diagnoses")


NOTES_INDEXED = MetaKey.NOTES_INDEXED  # an erasure that removes versions must rebuild()


def catch_up_notes(conn: Any, batch: int = 5_000, limit: int = -1) -> int:
    """Index the versions written since the last note search (inside the caller's
    transaction), reading and writing in batches, at most ``limit`` of them (all when
    negative); returns how many."""
    indexed = meta.get(conn, NOTES_INDEXED, 0)
    notes = conn.execute(
        f"SELECT rowid, {', '.join(NOTE_FIELDS)} FROM consultation_version WHERE rowid > ? "
        "ORDER BY rowid LIMIT ?",
        (int(indexed), limit),
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


def notes_pending(conn: Any) -> int:
    """About how many versions wait for the note catch-up (their rowids above the last
    one indexed; exact unless versions were erased)."""
    indexed = int(meta.get(conn, NOTES_INDEXED, 0))
    top = conn.execute("SELECT coalesce(max(rowid), 0) FROM consultation_version")
    return max(0, int(top.fetchone()[0]) - indexed)


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
        "WHERE id IN (SELECT e.patient_id FROM search_key k JOIN search_patient e ON e.n = k.n "
        "WHERE k.key = ?)",
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

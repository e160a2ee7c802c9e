"""The patient search of schema 5 (``patient_keys``), frozen as it was, to compare the
new index's answers with: keys made from the patient rows into a TEMP table of the same
shape, and the same queries over it. Test code only; never imported by Carnet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.practice.search import PATIENT_COLUMNS, SHORT, _condition, _sort_key, _terms
from desktop.practice.textsearch import digits, fold, name_tokens

_KEY_COLUMNS = "family_name, birth_name, given_names, birth_date, phone, phone2, nir, deleted"


def _patient_keys(patient_id: str, row: Sequence[Any]) -> list[tuple[str, str, int, str]]:
    family, birth, given, birth_date, phone, phone2, nir, deleted = row
    if deleted:
        return []
    keys: dict[str, int] = {}
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


def build(conn: Any) -> None:
    """temp.patient_keys (and its index) as schema 5 held them, from the patient rows."""
    conn.execute("DROP TABLE IF EXISTS temp.patient_keys")
    conn.execute(
        "CREATE TEMP TABLE patient_keys (key TEXT NOT NULL, rank INTEGER NOT NULL, sort TEXT NOT "
        "NULL, patient_id TEXT NOT NULL, PRIMARY KEY (key, rank, sort, patient_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX temp.patient_keys_by_patient ON patient_keys(patient_id, key)")
    rows = conn.execute(f"SELECT id, {_KEY_COLUMNS} FROM patient").fetchall()
    conn.executemany(
        "INSERT INTO temp.patient_keys(key, patient_id, rank, sort) VALUES (?, ?, ?, ?)",
        [k for row in rows for k in _patient_keys(row[0], row[1:])],
    )


def search_patients(
    conn: Any, query: str, limit: int = 50, table: str = "temp.patient_keys"
) -> list[dict[str, Any]]:
    """search.search_patients of schema 5, over temp.patient_keys (or a schema 5
    database's own ``patient_keys``: the benchmark's side-by-side)."""
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
            f" AND EXISTS (SELECT 1 FROM {table} o{i} "
            f"WHERE o{i}.patient_id = k.patient_id AND {clause})"
        )
        params += extra
    if not driver.startswith("#") and len(driver) <= SHORT:
        sql = (
            f"SELECT k.patient_id FROM {table} k WHERE {where} "
            "ORDER BY k.rank, k.sort LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [*params, limit]).fetchall()]
    else:
        sql = (
            f"SELECT k.patient_id, MIN({rank}) AS r, MIN(k.sort) AS s FROM {table} k "
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

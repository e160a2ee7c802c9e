"""Schema version 6 (search), frozen as released: a smaller patient search index.

``patient_keys`` stored the patient's 36-character id and 40-character sort key in each
of its ~14 rows, twice (the table and its ``(patient_id, key)`` index): ~170 MiB at
100,000 patients, three times the page cache, so the first searches after start-up
decrypted cold pages. Now ``search_key`` names the patient by a small number ``n``
(the sort key only on the "!" prefix keys, the only ones read in stored order), and
``search_patient`` holds, once per live patient, its id, sort key, name words (the
other terms of a query are checked there, one row per candidate), the fields the list
shows and the keys are made of (a search reads no patient row; an edit makes the old
keys again to delete them by primary key) and how many keys it has. Filled from the old
table and the patient rows in SQL, so the same keys survive. Literal SQL, never
generated from schema.py. Never edit this file.
"""

from __future__ import annotations

from desktop.practice.db import Connection

STATEMENTS: tuple[str, ...] = (
    (
        "CREATE TABLE search_patient (n INTEGER PRIMARY KEY, patient_id TEXT NOT NULL UNIQUE, "
        "sort TEXT NOT NULL, words TEXT NOT NULL, nkeys INTEGER NOT NULL, family_name TEXT, "
        "birth_name TEXT, given_names TEXT, birth_date TEXT, sex TEXT, phone TEXT, phone2 TEXT, "
        "nir TEXT, city TEXT)"
    ),
    (
        "CREATE TABLE search_key (key TEXT NOT NULL, rank INTEGER NOT NULL, sort TEXT NOT NULL,"
        " n INTEGER NOT NULL, PRIMARY KEY (key, rank, sort, n)) WITHOUT ROWID"
    ),
    (
        "INSERT INTO search_patient(patient_id, sort, words, nkeys, family_name, birth_name, "
        "given_names, birth_date, sex, phone, phone2, nir, city) SELECT k.patient_id, "
        "min(k.sort), coalesce(group_concat(' ' || k.key, '' ORDER BY k.key) FILTER (WHERE "
        "k.key >= '0'), ''), count(*), p.family_name, p.birth_name, p.given_names, "
        "p.birth_date, p.sex, p.phone, p.phone2, p.nir, p.city FROM patient_keys k JOIN "
        "patient p ON p.id = k.patient_id GROUP BY k.patient_id ORDER BY k.patient_id"
    ),
    (
        "INSERT INTO search_key(key, rank, sort, n) SELECT k.key, k.rank, CASE WHEN k.key "
        "LIKE '!%' THEN k.sort ELSE '' END, e.n FROM patient_keys k JOIN search_patient e ON "
        "e.patient_id = k.patient_id ORDER BY 1, 2, 3, 4"
    ),
    "DROP TABLE patient_keys",
    # A restore interrupted under version 5 dropped the old table's index and would make
    # it again when it resumes: that table is gone (the resumed restore rebuilds the new
    # ones from the rows at its end).
    (
        "UPDATE meta SET value = (SELECT json_group_array(j.value) FROM json_each(meta.value) j"
        " WHERE j.value NOT LIKE '% ON patient_keys%') WHERE key = 'restore_deferred_indexes'"
    ),
)


def apply(conn: Connection) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)

"""The schema 6 search index (search_key + search_patient) answers every query exactly
as the schema 5 one (patient_keys) did: same patients, same order, same fields; and it
stays so through edits, deletions, a rebuild and the migration from schema 5."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.demo.loader import make_demo
from desktop.practice import meta, search
from desktop.practice.meta import MetaKey
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.practice.textsearch import digits, fold
from tests.helpers import search_v5
from tests.helpers.practice import PASSPHRASE

ODD_NAMES = [  # accents, ligatures, apostrophes, hyphens, a birth name, the same name twice
    ("Lœuvre", None, "Gaëlle", "1975-11-02", "01 45 00 00 00", None),
    ("Müller", "Œhlenschläger", "Hélène Marie", "1961-03-12", "+33 6 12 34 56 78", "2610375056123"),
    ("N'Diaye", None, "Aminata", "1992-01-30", "07 11 22 33 44", None),
    ("Dupont-Aignan", None, "Jean-Noël", "1948-09-09", None, None),
    ("Blanc-Martin", None, "Côme", "1980-01-01", None, None),
    ("Martin", None, "Jean", "1970-05-05", None, None),
    ("Martin", None, "Jean", "1971-06-06", None, None),
    ("Æsir", None, "Łukasz", None, None, "1800175123456"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "demo"
    make_demo(folder, PASSPHRASE, patients=300, seed=5, today=dt.date(2026, 11, 1))
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        for family, birth, given, born, phone, nir in ODD_NAMES:
            p.create_record(
                "patient",
                {
                    "family_name": family,
                    "birth_name": birth,
                    "given_names": given,
                    "birth_date": born,
                    "phone": phone,
                    "nir": nir,
                },
            )
        # Same name, ids in the opposite order of their arrival (a synced older record):
        # the local numbers do not follow the ids, the order must.
        twin = {"family_name": "Martin", "given_names": "Jean", "deleted": False}
        p.import_records([("patient", "00000000-tie-b", twin), ("patient", "00000000-tie-a", twin)])
    return folder


def queries(conn: Any, count: int = 120, seed: int = 3) -> list[str]:
    """What people type: keystroke by keystroke names (folded or as written), given name
    first, inner words, birth dates in four formats, phone and NIR digits."""
    rows = conn.execute(
        "SELECT family_name, birth_name, given_names, birth_date, phone, nir FROM patient "
        "ORDER BY id"
    ).fetchall()
    rng = random.Random(seed)
    out = ["a", "ma", "mar", "mart", "martin j", "jean martin", "j m", "e", "x", "zz"]
    out += ["lœu", "LOEUVRE", "oehlen", "hélène mü", "n'diaye", "ndiaye", "diaye a", "aignan"]
    out += ["jean-noel", "jeannoel", "æs", "aesir l", "lukasz", "12/03/1961", "12031961"]
    out += ["1961-03-12", "12-3-61", "06 12 34", "+33 7 11", "2610375", "1800175", "0145"]
    for family, birth, given, born, phone, nir in rng.sample(rows, min(count, len(rows))):
        typed = f"{family or ''} {given or ''}"
        out += [typed[:n] for n in range(1, min(len(typed), 14) + 1)]
        words = fold(typed).split()
        out += [" ".join(reversed(words[:2])), words[-1][:4] if words else ""]
        if birth:
            out.append(fold(birth)[:5])
        if born:
            y, m, d = born.split("-")
            out += [f"{d}/{m}/{y}", f"{d}{m}{y}", born, f"{d}.{m}.{y[2:]}"]
        if phone:
            out.append(digits(phone)[:6])
        if nir:
            out.append(digits(nir)[:7])
    return out


def _compare(p: Practice, qs: list[str], limit: int = 50) -> int:
    """Old and new answers for every query; returns how many patients were listed."""
    search_v5.build(p.conn)
    listed = 0
    for q in qs:
        new = p.search_patients(q, limit)
        assert new == search_v5.search_patients(p.conn, q, limit), q
        listed += len(new)
    return listed


def _index(p: Practice) -> tuple[list[Any], list[Any]]:
    """The search tables' content, with each local number replaced by its patient id."""
    keys = p.conn.execute(
        "SELECT k.key, k.rank, k.sort, e.patient_id FROM search_key k "
        "JOIN search_patient e ON e.n = k.n ORDER BY 1, 2, 3, 4"
    ).fetchall()
    entries = p.conn.execute("SELECT * FROM search_patient ORDER BY patient_id").fetchall()
    return keys, [e[1:] for e in entries]


def test_the_new_index_answers_exactly_as_the_old_one(demo: Path, tmp_path: Path):
    folder = tmp_path / "p"
    shutil.copytree(demo, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        qs = queries(p.conn)
        assert len(qs) > 1500
        assert _compare(p, qs) > 10_000  # the queries do find people
        assert _compare(p, qs[:300], limit=5) > 0  # the limit cuts in the same place


def test_edits_and_deletions_keep_the_index_equal_to_a_rebuild(demo: Path, tmp_path: Path):
    folder = tmp_path / "p"
    shutil.copytree(demo, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        ids = [r[0] for r in p.conn.execute("SELECT id FROM patient ORDER BY id")]
        rng = random.Random(9)
        for pid in rng.sample(ids, 40):
            p.update_record(
                "patient",
                pid,
                {"family_name": rng.choice(["Lefèvre", "Martin", "Œuvray"]), "city": "Dax"},
            )
        for pid in rng.sample(ids, 15):
            p.update_record("patient", pid, {"phone": "06 99 88 77 66", "given_names": None})
        gone = rng.sample(ids, 20)
        for pid in gone:
            p.delete_record("patient", pid)
        p.undelete_record("patient", gone[0])
        incremental = _index(p)
        _compare(p, queries(p.conn, 60, seed=4) + ["lefevre", "oeuvray", "06 99 88"])
        with p.transaction():
            search.rebuild(p.conn)
        assert _index(p) == incremental


def test_keys_made_by_other_rules_are_still_all_deleted(practice: Practice):
    """An entry whose keys were not made by today's rules (another Carnet): an edit
    still removes every one of them (the entry counts them)."""
    pid = practice.create_record("patient", {"family_name": "Roux", "given_names": "Léa"})
    [(n,)] = practice.conn.execute("SELECT n FROM search_patient").fetchall()
    with practice.transaction():
        practice.conn.execute("INSERT INTO search_key VALUES ('rousse', 0, '', ?)", (n,))
        practice.conn.execute("UPDATE search_patient SET nkeys = nkeys + 1")
    assert [h["id"] for h in practice.search_patients("rousse")] == [pid]
    practice.update_record("patient", pid, {"family_name": "Blanc"})
    assert practice.search_patients("rousse") == []
    assert [h["id"] for h in practice.search_patients("blanc lea")] == [pid]


def test_the_migration_from_schema_5_gives_the_same_index_as_a_rebuild(demo: Path, tmp_path: Path):
    """v0006 fills the new tables in SQL from patient_keys; the result is the index
    search.rebuild makes from the rows."""
    from desktop.practice.migrations import v0006

    folder = tmp_path / "p"
    shutil.copytree(demo, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        rebuilt = _index(p)
        conn = p.conn
        with p.transaction():  # back to schema 5's table, as v0005 left it
            conn.execute("DROP TABLE search_key")
            conn.execute("DROP TABLE search_patient")
            conn.execute(
                "CREATE TABLE patient_keys (key TEXT NOT NULL, rank INTEGER NOT NULL, sort TEXT "
                "NOT NULL, patient_id TEXT NOT NULL, PRIMARY KEY (key, rank, sort, patient_id)) "
                "WITHOUT ROWID"
            )
            conn.execute("CREATE INDEX patient_keys_by_patient ON patient_keys(patient_id, key)")
            search_v5.build(conn)
            conn.execute("INSERT INTO main.patient_keys SELECT * FROM temp.patient_keys")
            conn.execute("DROP TABLE temp.patient_keys")
            # a restore interrupted under schema 5 listed the old index to make again
            deferred = [
                "CREATE INDEX patient_keys_by_patient ON patient_keys(patient_id, key)",
                "CREATE INDEX problem_by_patient ON problem(patient_id)",
            ]
            meta.put(conn, MetaKey.RESTORE_DEFERRED_INDEXES, json.dumps(deferred))
            v0006.apply(conn)
        assert _index(p) == rebuilt
        left = meta.get(conn, MetaKey.RESTORE_DEFERRED_INDEXES)
        assert json.loads(left) == deferred[1:]  # the table it named is gone


def _indexes_on(p: Practice, table: str) -> set[str]:
    rows = p.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        (table,),
    )
    return {r[0] for r in rows}


def test_a_restore_builds_a_kind_s_indexes_once_its_rows_are_all_in(practice: Practice):
    """In bulk mode the indexes are dropped and the name search left stale; once the
    snapshot's last chunk of patients is in, their indexes and the name search are built
    (the rest still downloading); a patient written after is indexed again at the end,
    which builds what is left: the same indexes and search as a practice never restored."""
    expected = {t: _indexes_on(practice, t) for t in ("patient", "consultation", "search_key")}
    replica = StoreReplica(practice.session)
    with replica.restoring():
        assert not _indexes_on(practice, "patient")
        pid = practice.create_record("patient", {"family_name": "Lefèvre", "sex": "F"})
        assert practice.search_patients("lefevre") == []  # left stale while patients come in
        replica.kind_complete("patient")
        assert _indexes_on(practice, "patient") == expected["patient"]
        assert _indexes_on(practice, "search_key") == expected["search_key"]
        assert not _indexes_on(practice, "consultation")  # its rows still to come
        assert [r["id"] for r in practice.search_patients("lefevre")] == [pid]
        practice.update_record("patient", pid, {"family_name": "Œuvray"})  # a later chunk
        other = practice.create_record("patient", {"family_name": "Martin", "sex": "M"})
        left = json.loads(meta.get(practice.conn, MetaKey.RESTORE_DEFERRED_INDEXES, "[]"))
        assert left and not [sql for sql in left if " ON patient(" in sql]
    assert {t: _indexes_on(practice, t) for t in expected} == expected
    assert [r["id"] for r in practice.search_patients("oeuvray")] == [pid]
    assert practice.search_patients("lefevre") == []
    assert [r["id"] for r in practice.search_patients("martin")] == [other]
    assert not practice.conn.execute(
        "SELECT name FROM sqlite_temp_master WHERE name LIKE 'patients_written%'"
    ).fetchall()
    incremental = _index(practice)
    with practice.transaction():
        search.rebuild(practice.conn)
    assert _index(practice) == incremental

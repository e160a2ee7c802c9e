"""Every released schema's database still opens, upgrades and verifies, and ends up with
exactly the schema schema.py describes (the migrations are frozen; schema.py is not)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.practice.migrations import SCHEMA_VERSION
from desktop.practice.replica import StoreReplica
from desktop.practice.schema import ENTITIES, SQL_TYPES, Entity, Field
from desktop.practice.store import Practice
from tests.data.make_fixtures import PASSPHRASE

FIXTURES = sorted((Path(__file__).parents[1] / "data").glob("schema-*"))


def test_the_current_schema_has_a_fixture():
    assert f"schema-{SCHEMA_VERSION}" in [f.name for f in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_released_database_opens_upgrades_and_verifies(fixture: Path, tmp_path: Path):
    folder = tmp_path / fixture.name
    shutil.copytree(fixture, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [hit] = p.search_patients("anais lefevre")
        chart = p.chart(hit["id"])
        assert chart.phone == "06 10 20 30 40"
        assert [v.text for v in chart.consultations[0].versions] == [
            "Angine érythémateuse.",
            "Angine érythémateuse. TDR négatif.",
        ]
        assert chart.prescriptions[0].current.lines[0]["drug"] == "Paracétamol 1 g"
        assert p.document_content(chart.documents[0].id) == b"lettre de liaison"
        assert p.verify_audit().ok and p.verify_pages() == []
        # what was written and never pushed is still there to push, exactly encoded
        pending = StoreReplica(p.session).pending_changes(0, 1 << 30)
        assert "Lefèvre" in [c.change.fields.get("family_name") for c in pending]
        assert all(c.wire == c.change.to_wire() for c in pending)
        p.update_record("patient", hit["id"], {"email": "a@example.fr"})  # still writable
        # its notes were indexed when written; one saved now is indexed by the next search
        assert [h["patient_id"] for h in p.search_notes("angine")] == [hit["id"]]
        p.add_consultation(hit["id"], text="Pharyngite virale.")
        assert [h["patient_id"] for h in p.search_notes("pharyngite")] == [hit["id"]]


def _tables(conn: Any) -> dict[str, list[tuple[str, str, int, int]]]:
    """Every table's columns as SQLite reports them: (name, type, not null, pk)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    return {
        name: [(c[1], c[2], c[3], c[5]) for c in conn.execute(f"PRAGMA table_info({name})")]
        for name in names
    }


def _described(entity: Entity) -> list[tuple[str, str, int, int]]:
    """An entity's table as schema.py describes it."""
    return [
        ("id", "TEXT", 0, 1),
        *((f.name, SQL_TYPES[f.type], 0, 0) for f in entity.fields),
        ("_hlc", "INTEGER", 1, 0),
        ("_dev", "TEXT", 1, 0),
        *([] if entity.versioned else [("_st", "TEXT", 0, 0)]),
    ]


def _master(conn: Any) -> list[tuple[str, str, str, str]]:
    return conn.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
    ).fetchall()


INFRASTRUCTURE = {
    "meta",
    "journal",
    "cursors",
    "audit",
    "audit_peer",
    "conflicts",
    "search_key",
    "search_patient",
    "blob_chunks",
    "notes_fts",
    *(f"notes_fts_{shadow}" for shadow in ("data", "idx", "docsize", "config")),
}
"""Tables that hold no records: their shape is the migrations' business alone."""


def schema_problems(conn: Any) -> list[str]:
    """How the database differs from what schema.py describes (empty: it matches)."""
    tables = _tables(conn)
    problems = [
        f"table {e.name}: {tables.get(e.name)} != {_described(e)}"
        for e in ENTITIES.values()
        if tables.get(e.name) != _described(e)
    ]
    problems += [
        f"unexpected table {t}" for t in sorted(set(tables) - set(ENTITIES) - INFRASTRUCTURE)
    ]
    indexes = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    problems += [
        f"no index {e.name}_by_patient"
        for e in ENTITIES.values()
        if e.patient_field and indexes.get(f"{e.name}_by_patient") != e.name
    ]
    return problems


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_a_migrated_fixture_has_exactly_the_schema_of_schema_py(fixture: Path, tmp_path: Path):
    folder = tmp_path / fixture.name
    shutil.copytree(fixture, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        assert schema_problems(p.conn) == []
        # and it is the very database a new practice of this version starts with
        with Practice.create(
            tmp_path / "new", practice_name="Neuf", username="dr", passphrase=PASSPHRASE
        ) as new:
            assert _master(p.conn) == _master(new.conn)


def test_a_field_added_to_schema_py_without_a_migration_is_caught(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
):
    """The migrations are frozen: a field only schema.py knows is reported missing."""
    assert schema_problems(practice.conn) == []
    patient = ENTITIES["patient"]
    grown = dataclasses.replace(patient, fields=(*patient.fields, Field("pronouns")))
    monkeypatch.setitem(ENTITIES, "patient", grown)
    with Practice.create(
        practice.folder.parent / "later",
        practice_name="Plus tard",
        username="dr",
        passphrase=PASSPHRASE,
    ) as later:
        [problem] = schema_problems(later.conn)
    assert problem.startswith("table patient:")


@pytest.mark.parametrize(
    "fixture", [f for f in FIXTURES if int(f.name.split("-")[1]) >= 3], ids=lambda f: f.name
)
def test_schema_3_fields_survive_later_upgrades(fixture: Path, tmp_path: Path):
    """What schema 3 added (a treatment's course and stop reason, a vaccination's dose,
    route and site, a head circumference, a lab result) is still read after upgrades."""
    folder = tmp_path / fixture.name
    shutil.copytree(fixture, folder)
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        [hit] = p.search_patients("anais lefevre")
        chart = p.chart(hit["id"])
        [t] = chart.treatments
        assert (t.stop_reason, t.long_term) == ("Éruption cutanée", False)
        [v] = chart.vaccinations
        assert (v.dose_number, v.route, v.site) == (2, "IM", "deltoïde gauche")
        growth = [c for c in chart.consultations if c.current.reason == "Croissance"]
        assert growth[0].current.head_circumference_cm == 35.5
        [lab] = chart.lab_results
        assert (lab.analyte, lab.value, lab.unit) == ("Hémoglobine", 13.2, "g/dL")
        assert (lab.ref_low, lab.ref_high) == (12.0, 16.0)
        assert lab.document_id == chart.documents[0].id

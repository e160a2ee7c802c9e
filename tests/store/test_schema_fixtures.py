"""Every released schema's database still opens, upgrades and verifies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.practice.migrations import SCHEMA_VERSION
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
        assert chart["phone"] == "06 10 20 30 40"
        assert [v["text"] for v in chart["consultations"][0]["versions"]] == [
            "Angine érythémateuse.",
            "Angine érythémateuse. TDR négatif.",
        ]
        assert chart["prescriptions"][0]["current"]["lines"][0]["drug"] == "Paracétamol 1 g"
        assert p.document_content(chart["documents"][0]["id"]) == b"lettre de liaison"
        assert p.verify_audit().ok and p.verify_pages() == []
        p.update_record("patient", hit["id"], {"email": "a@example.fr"})  # still writable
        # its notes were indexed when written; one saved now is indexed by the next search
        assert [h["patient_id"] for h in p.search_notes("angine")] == [hit["id"]]
        p.add_consultation(hit["id"], text="Pharyngite virale.")
        assert [h["patient_id"] for h in p.search_notes("pharyngite")] == [hit["id"]]

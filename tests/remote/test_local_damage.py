"""Damage to the local database, as a user sees it: the damage report says how many
changes made here were not pushed yet and of which kinds (never a value), and a restore
into a new folder carries over what can still be read; when nothing can, it says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.practice.store import DB_NAME, Practice
from desktop.remote import SyncService, set_remote
from tests.helpers.practice import PASSPHRASE
from tests.helpers.revocation import run


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, int]:
    """A practice that pushed one patient, then wrote more offline; returns (folder,
    storage URL, the patient table's root page)."""
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as p:
        assert set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        p.create_record("patient", {"family_name": "Poussé", "birth_date": "1970-01-01"})
        SyncService(p).sync()
        pid = p.create_record("patient", {"family_name": "Kowalczyk", "birth_date": "1990-01-01"})
        p.create_record("patient", {"family_name": "Nowak", "birth_date": "1991-01-01"})
        p.add_consultation(pid, text="Angine érythémateuse")
        root = p.conn.execute(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'patient'"
        ).fetchone()[0]
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return tmp_path / "office", storage.as_uri(), int(root)


def test_the_damage_report_names_the_unpushed_changes_and_a_restore_carries_them_over(
    damaged: tuple[Path, str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, root = damaged
    db = office / DB_NAME
    data = bytearray(db.read_bytes())
    data[(root - 1) * 4096 + 2048] ^= 0xFF  # one byte of the patient table's page
    db.write_bytes(bytes(data))
    code, out = run(capsys, office, "audit", "verify")
    assert code == 5 and "damaged" in out, out
    assert "changes made on this computer were not pushed yet" in out, out
    assert "2 patient" in out and "consultation" in out and f"--carry-over {office}" in out
    assert "Kowalczyk" not in out and "Angine" not in out
    assert db.read_bytes() == bytes(data)  # the damaged file is left as it was

    code, out = run(capsys, tmp_path / "new", "restore", "--from", url, "--carry-over", str(office))
    assert code == 0 and "carried over" in out and "2 patient" in out, out
    assert "3 patients" in out, out
    # They are on the storage now: a fresh device gets them.
    code, out = run(capsys, tmp_path / "other", "join", "--from", url)
    assert code == 0 and "3 patients" in out and "1 consultations" in out, out
    with Practice.open(tmp_path / "other", passphrase=PASSPHRASE) as p:
        assert {r["family_name"] for r in p.search_patients("nowak")} == {"Nowak"}


def test_a_database_that_cannot_be_read_at_all_gets_the_honest_sentence(
    damaged: tuple[Path, str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = damaged
    db = office / DB_NAME
    db.write_bytes(os.urandom(db.stat().st_size))
    code, out = run(capsys, office, "audit", "verify")
    assert code == 5 and "damaged" in out, out
    assert "cannot be read from the damaged file" in out and "lost" in out, out
    code, out = run(capsys, tmp_path / "new", "restore", "--from", url, "--carry-over", str(office))
    assert code == 0 and "carried over 0 changes" in out and "are lost" in out, out

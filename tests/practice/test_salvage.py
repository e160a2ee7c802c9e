"""What a damaged database still tells about the changes not pushed yet: read from the
damaged file without writing to it, as far as the damage allows, never a value."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.practice import salvage
from desktop.practice.store import DB_NAME, Practice
from tests.helpers.practice import PASSPHRASE


def make(folder: Path) -> tuple[bytes, int]:
    """A practice with unpushed changes; returns (database key, patient table's root page)."""
    with Practice.create(folder, practice_name="C", username="dr", passphrase=PASSPHRASE) as p:
        pid = p.create_record("patient", {"family_name": "Kowalczyk", "birth_date": "1990-01-01"})
        p.create_record("patient", {"family_name": "Nowak", "birth_date": "1991-01-01"})
        p.add_consultation(pid, text="Angine érythémateuse")
        root = p.conn.execute(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'patient'"
        ).fetchone()[0]
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        key = p.db_key
    return key, int(root)


def flip_page(folder: Path, page: int, size: int = 4096) -> None:
    db = folder / DB_NAME
    data = bytearray(db.read_bytes())
    data[(page - 1) * size + size // 2] ^= 0xFF
    db.write_bytes(bytes(data))


def test_an_intact_journal_is_read_whole(tmp_path: Path):
    key, _ = make(tmp_path / "p")
    found = salvage.read_unpushed(tmp_path / "p", key)
    assert found.complete and found.expected == len(found.changes) > 3
    assert set(found.kinds()) >= {"patient", "consultation"} and found.kinds()["patient"] == 2
    assert salvage.database_key(tmp_path / "p", ("wrong", PASSPHRASE)) == key


def test_damage_outside_the_journal_leaves_every_unpushed_change_readable(tmp_path: Path):
    key, root = make(tmp_path / "p")
    flip_page(tmp_path / "p", root)
    before = hashlib.sha256((tmp_path / "p" / DB_NAME).read_bytes()).hexdigest()
    found = salvage.read_unpushed(tmp_path / "p", key)
    assert found.complete and found.kinds()["patient"] == 2
    text = salvage.describe(found)
    assert f"{found.expected} changes" in text and "2 patient" in text and "Kowalczyk" not in text
    assert hashlib.sha256((tmp_path / "p" / DB_NAME).read_bytes()).hexdigest() == before


def test_a_file_that_cannot_be_read_gets_the_honest_sentence(tmp_path: Path):
    key, _ = make(tmp_path / "p")
    db = tmp_path / "p" / DB_NAME
    db.write_bytes(os.urandom(db.stat().st_size))
    found = salvage.read_unpushed(tmp_path / "p", key)
    assert found.expected is None and not found.changes
    assert "cannot be read" in salvage.describe(found) and "lost" in salvage.describe(found)

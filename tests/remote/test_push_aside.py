"""The store records a push on a connection of its own (sync.ports.RecordsAside), so the
journal read goes on meanwhile: what it records is what a sequential push records, and a
secretary's device (a role-restricted connection) pushes the same way."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from desktop.practice import journal, people
from desktop.practice.replica import StoreReplica
from desktop.practice.session import Session
from desktop.practice.store import Practice
from sync.backends import open_backend
from sync.engine import SyncEngine
from sync.ports import RecordsAside
from sync.remote import create_practice_remote
from tests.helpers.practice import PASSPHRASE

SECRETARY_PASS = "accueil du matin 2026"


def _remote(tmp_path: Path, practice: Practice) -> Any:
    (tmp_path / "remote").mkdir()
    backend = open_backend((tmp_path / "remote").as_uri())
    keys = practice.practice_keys
    create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))
    return backend


def _records(practice: Practice) -> dict[str, Any]:
    return {
        e: practice.conn.execute(f"SELECT * FROM {e} ORDER BY id").fetchall()
        for e in ("patient", "consultation", "consultation_version")
    }


def test_a_push_records_aside_and_another_device_gets_everything(
    tmp_path: Path, practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(9):
        pid = practice.create_record("patient", {"family_name": f"Nom{i}", "given_names": "A"})
        practice.add_consultation(pid, reason="Suivi", text=f"Note {i}")
    backend = _remote(tmp_path, practice)
    recorded: list[tuple[str, bool]] = []
    real = journal.record_pushed

    def watched(s: Session, up_to_local_seq: int, cursor: Any) -> None:
        recorded.append((threading.current_thread().name, s.conn is practice.session.conn))
        real(s, up_to_local_seq, cursor)

    monkeypatch.setattr(journal, "record_pushed", watched)
    replica = StoreReplica(practice.session)
    assert isinstance(replica, RecordsAside)
    last = int(practice.conn.execute("SELECT max(seq) FROM journal").fetchone()[0])
    report = SyncEngine(replica, backend, practice.practice_keys, segment_changes=4).push()

    assert recorded and set(recorded) == {("carnet-push-record", False)}
    assert report.changes == last and replica.pending_count() == 0
    assert replica.push_cursor()[0] == last
    assert practice.conn.execute("SELECT seq FROM journal").fetchall() == [(last,)]
    with Practice.create_empty(
        tmp_path / "fresh", practice_keys=practice.practice_keys, passphrase=PASSPHRASE
    ) as fresh:
        SyncEngine(StoreReplica(fresh.session), backend, fresh.practice_keys).pull()
        assert _records(fresh) == _records(practice)


def test_a_secretarys_device_records_aside_the_same_way(
    tmp_path: Path, practice: Practice, practice_dir: Path
) -> None:
    people.add_user(
        practice, username="sec", display_name="Sylvie Accueil", role="secretary",
        passphrase=SECRETARY_PASS,
    )  # fmt: skip
    practice.create_record("patient", {"family_name": "Lefèvre", "given_names": "Anaïs"})
    backend = _remote(tmp_path, practice)
    with Practice.open(practice_dir, passphrase=SECRETARY_PASS, username="sec") as desk:
        assert desk.session.guard is not None  # a role-restricted connection
        desk.create_record("patient", {"family_name": "Accueil", "given_names": "Ajouté"})
        replica = StoreReplica(desk.session)
        report = SyncEngine(replica, backend, desk.practice_keys, segment_changes=2).push()
        assert report.segments > 1 and replica.pending_count() == 0
    with Practice.create_empty(
        tmp_path / "fresh", practice_keys=practice.practice_keys, passphrase=PASSPHRASE
    ) as fresh:
        SyncEngine(StoreReplica(fresh.session), backend, fresh.practice_keys).pull()
        assert _records(fresh)["patient"] == _records(practice)["patient"]

"""Catching up many segments in groups of several per transaction (sync.ports.GroupedApply):
the same records; each segment still all or nothing; whole segments before a failure kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.backends import open_backend
from sync.engine import SyncEngine
from sync.errors import IntegrityError
from sync.layout import segment_name
from sync.remote import create_practice_remote
from tests.helpers.practice import PASSPHRASE

SEGMENTS = 7


def _records(practice: Practice) -> dict[str, Any]:
    return {
        e: practice.conn.execute(f"SELECT * FROM {e} ORDER BY id").fetchall()
        for e in (
            "patient",
            "consultation",
            "consultation_version",
        )
    }


@pytest.fixture
def pushed(tmp_path: Path) -> tuple[Practice, Any]:
    office = Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    )
    (tmp_path / "remote").mkdir()
    backend = open_backend((tmp_path / "remote").as_uri())
    keys = office.practice_keys
    create_practice_remote(backend, keys.practice_id, PASSPHRASE, practice_key=keys.key(1))
    for i in range(SEGMENTS * 2):
        pid = office.create_record("patient", {"family_name": f"Nom{i}", "given_names": "A"})
        office.add_consultation(pid, reason="Suivi", text=f"Note {i}")
    SyncEngine(StoreReplica(office.session), backend, keys, segment_changes=6).push()
    return office, backend


def _fresh(tmp_path: Path, office: Practice) -> Practice:
    return Practice.create_empty(
        tmp_path / "fresh", practice_keys=office.practice_keys, passphrase=PASSPHRASE
    )


def test_grouped_pull_gives_the_same_records(tmp_path: Path, pushed: tuple[Practice, Any]) -> None:
    office, backend = pushed
    with _fresh(tmp_path, office) as fresh:
        report = SyncEngine(
            StoreReplica(fresh.session), backend, office.practice_keys, group_segments=3
        ).pull()
        assert report.segments > 3
        assert _records(fresh) == _records(office)
    office.close()


def test_a_failed_apply_keeps_the_whole_segments_before_it(
    tmp_path: Path, pushed: tuple[Practice, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    office, backend = pushed
    real = StoreReplica._apply_changes
    calls = {"n": 0}

    def failing(self: StoreReplica, changes: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 5:
            real(self, list(changes)[:2])  # half of segment 5 written, then the failure
            raise RuntimeError("disk pulled out")
        return real(self, changes)

    monkeypatch.setattr(StoreReplica, "_apply_changes", failing)
    with _fresh(tmp_path, office) as fresh:
        with pytest.raises(RuntimeError):
            SyncEngine(
                StoreReplica(fresh.session), backend, office.practice_keys, group_segments=3
            ).pull()
        assert StoreReplica(fresh.session).cursor(office.device_id).seq == 4
        counted = sum(len(rows) for rows in _records(fresh).values())
        monkeypatch.setattr(StoreReplica, "_apply_changes", real)
        # Nothing of segment 5 stayed: pulling again gives exactly the office's records.
        SyncEngine(
            StoreReplica(fresh.session), backend, office.practice_keys, group_segments=3
        ).pull()
        assert _records(fresh) == _records(office)
        assert counted < sum(len(rows) for rows in _records(office).values())
    office.close()


def test_a_failure_on_the_first_segment_of_a_group_leaves_no_transaction_open(
    tmp_path: Path, pushed: tuple[Practice, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    office, backend = pushed
    real = StoreReplica._apply_changes
    calls = {"n": 0}

    def failing(self: StoreReplica, changes: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 4:  # the first segment of the second group
            raise RuntimeError("disk pulled out")
        return real(self, changes)

    monkeypatch.setattr(StoreReplica, "_apply_changes", failing)
    with _fresh(tmp_path, office) as fresh:
        with pytest.raises(RuntimeError):
            SyncEngine(
                StoreReplica(fresh.session), backend, office.practice_keys, group_segments=3
            ).pull()
        assert fresh.conn.in_transaction is False
        assert StoreReplica(fresh.session).cursor(office.device_id).seq == 3
    office.close()


def test_a_tampered_segment_keeps_the_verified_ones(
    tmp_path: Path, pushed: tuple[Practice, Any]
) -> None:
    office, backend = pushed
    name = segment_name(office.practice_id, office.device_id, 5)
    path = tmp_path / "remote" / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.chmod(0o600)
    path.write_bytes(bytes(data))
    with _fresh(tmp_path, office) as fresh:
        with pytest.raises(IntegrityError) as info:
            SyncEngine(
                StoreReplica(fresh.session), backend, office.practice_keys, group_segments=3
            ).pull()
        assert info.value.seq == 5
        assert StoreReplica(fresh.session).cursor(office.device_id).seq == 4
    office.close()

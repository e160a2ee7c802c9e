"""Revocation under attack, as users see it: a new recovery kit cancels the old one for
every key epoch, a device being revoked that forges the next epoch first is caught,
a withheld revocation record stops a restore, and enrollment codes live hours at most
and are deleted once expired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.practice.store import Practice
from desktop.remote import SyncService, connect, join
from sync import crypto
from sync.devices import (
    epoch_marker_name,
)
from sync.layout import key_name
from sync.recovery_key import parse_recovery_key
from tests.helpers.practice import PASSPHRASE
from tests.helpers.revocation import LOCUM, enroll_locum, forge_epoch_2, make_practice, run


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    return make_practice(tmp_path, monkeypatch)


def test_a_new_kit_cancels_the_old_one_for_every_epoch(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, old_kit = practice
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(locum, passphrase=LOCUM) as lo:
        gone = lo.device_id
    assert run(capsys, office, "device", "revoke", gone)[0] == 0
    code, out = run(capsys, office, "recovery-kit", "-o", str(tmp_path / "kit.pdf"))
    assert code == 0, out
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        pid = p.practice_id
    backend = connect(url)
    for epoch in (1, 2):  # the old kit opens no epoch on the live storage
        wrapped = json.loads(backend.get(key_name(pid, epoch, "recovery")))
        with pytest.raises(crypto.WrongSecretError):
            crypto.unwrap_as_recipient(
                wrapped, parse_recovery_key(old_kit), f"carnet/practice-key/v1/{pid}/{epoch}"
            )
    kit_file = tmp_path / "old-kit.txt"
    kit_file.write_text(old_kit)
    code, out = run(
        capsys,
        tmp_path / "r",
        "restore",
        "--from",
        url,
        "--recovery-key-file",
        str(kit_file),
        "--new-passphrase-file",
        str(kit_file),
    )
    assert code == 3, out


def test_a_device_being_revoked_that_forges_the_next_epoch_is_caught(
    practice: tuple[Path, str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    """The race: the locum creates epoch 2 before the office revokes it. The desk (not
    the revoker) refuses it (exit 5, naming the record) and adopts nothing; the office
    is told the epoch is forged, at sync and at revoke; then the human path works:
    device list everywhere, move to new storage with a new passphrase, join there."""
    office, url, _ = practice
    join(tmp_path / "desk", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        desk.create_record("patient", {"family_name": "Desk", "birth_date": "1960-01-01"})
        SyncService(desk).sync()
        desk_id = desk.device_id
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        office_id, pid = p.device_id, p.practice_id
    me = forge_epoch_2(connect(url), locum, office_id, desk_id)

    code, out = run(capsys, tmp_path / "desk", "sync")
    assert code == 5 and "not signed" in out and epoch_marker_name(pid, 2) in out, out
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        assert desk.practice_keys.current == 1  # nothing adopted
        desk.create_record("patient", {"family_name": "Apres", "birth_date": "1961-01-01"})
    code, out = run(capsys, tmp_path / "desk", "sync")
    assert code == 5, out  # and nothing sealed for the forger: it stops before pushing
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        assert desk.pending_count() > 0 and desk.practice_keys.current == 1
    code, out = run(capsys, office, "sync")
    assert code == 5 and "not signed" in out and "device list" in out, out
    code, out = run(capsys, office, "device", "revoke", me)
    assert code == 5 and "not signed" in out and "device list" in out, out

    # What a human must do (docs/sync-protocol.md, "The epoch rule").
    assert run(capsys, office, "device", "list")[0] == 0
    assert run(capsys, tmp_path / "desk", "device", "list")[0] == 0
    new_pass = tmp_path / "new-pass.txt"
    new_pass.write_text("une toute nouvelle phrase")
    code, out = run(
        capsys,
        office,
        "passphrase",
        "change",
        "--local-only",
        "--new-passphrase-file",
        str(new_pass),
    )
    assert code == 0, out
    monkeypatch.setenv("CARNET_PASSPHRASE", new_pass.read_text())
    fresh = tmp_path / "fresh-storage"
    fresh.mkdir()
    code, out = run(capsys, office, "remote", "set", fresh.as_uri(), "--create")
    assert code == 0 and "Recovery key" in out, out
    code, out = run(
        capsys,
        tmp_path / "desk2",
        "join",
        "--from",
        fresh.as_uri(),
        "--new-passphrase-file",
        str(new_pass),
    )
    assert code == 0 and "2 patients" in out, out
    code, out = run(capsys, tmp_path / "desk2", "sync")
    assert code == 0, out


def test_a_withheld_revocation_record_stops_a_restore(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = practice
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(locum, passphrase=LOCUM) as lo:
        gone, pid = lo.device_id, lo.practice_id
    assert run(capsys, office, "device", "revoke", gone)[0] == 0
    connect(url).delete(epoch_marker_name(pid, 2))  # the storage withholds it
    code, out = run(capsys, tmp_path / "new", "join", "--from", url)
    assert code == 5 and "revocation record" in out and "missing" in out, out
    code, out = run(capsys, office, "check", "--read-data")
    assert code == 5 and "revocation record" in out, out


def test_enrollment_codes_live_hours_and_expired_ones_are_deleted(
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    office, url, _ = practice
    (tmp_path / "kit.txt").write_text(LOCUM)
    code, out = run(capsys, office, "device", "enroll", "--expires", "100000000")
    assert code == 2 and "24 hours" in out, out
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        service = SyncService(p)
        stale = service.enroll(minutes=30, now=lambda: 1_000_000.0)  # long expired
        pid = p.practice_id
    backend = connect(url)
    assert len(backend.list(f"{pid}/enroll/")) == 1
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        p.create_record("patient", {"family_name": "Nouveau", "birth_date": "1990-01-01"})
        SyncService(p).sync()  # a sync that pushes deletes it
    assert backend.list(f"{pid}/enroll/") == []
    code, out = run(
        capsys,
        tmp_path / "late",
        "join",
        "--from",
        url,
        "--code",
        stale,
        "--new-passphrase-file",
        str(tmp_path / "kit.txt"),
    )
    assert code == 3, out

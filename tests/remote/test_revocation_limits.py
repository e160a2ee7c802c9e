"""Revocation under attack, as users see it: a new recovery kit cancels the old one for
every key epoch, a device being revoked that forges the next epoch first is caught,
a withheld revocation record stops a restore, and enrollment codes live hours at most
and are deleted once expired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.store import Practice
from desktop.remote import SyncService, connect, join, set_remote
from sync import crypto
from sync.devices import (
    Revocation,
    device_wrap_name,
    encode_revocation,
    epoch_marker_name,
    read_infos,
)
from sync.remote import key_name, parse_recovery_key
from sync.segments import PracticeKeys
from tests.helpers.practice import PASSPHRASE

LOCUM = "phrase du remplaçant"


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as p:
        kit = set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        assert kit
        p.create_record("patient", {"family_name": "Avant", "birth_date": "1970-01-01"})
        SyncService(p).sync()
    return tmp_path / "office", storage.as_uri(), kit


def enroll_locum(tmp_path: Path, office: Path, url: str) -> Path:
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        code = SyncService(p).enroll()
    join(tmp_path / "locum", url, enrollment_code=code, local_passphrase=LOCUM).close()
    with Practice.open(tmp_path / "locum", passphrase=LOCUM) as locum:
        SyncService(locum).sync()
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        SyncService(p).sync()
    return tmp_path / "locum"


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
    practice: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """The locum (enrolled with a code: it holds the key, not the passphrase) sees its
    revocation coming and creates epoch 2 first, 'revoking' the office, with wraps for
    the desk. The office cannot sync (exit 3, told how to find out) and its revoke stops
    with exit 5 saying the epoch is forged. Honest limit: the desk, which cannot tell,
    adopts it (see docs/sync-protocol.md, "Revocation": what a human must look at)."""
    office, url, _ = practice
    join(tmp_path / "desk", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    with Practice.open(tmp_path / "desk", passphrase=PASSPHRASE) as desk:
        desk.create_record("patient", {"family_name": "Desk", "birth_date": "1960-01-01"})
        SyncService(desk).sync()
        desk_id, desk_head = desk.device_id, desk.replica.push_cursor()[1].seq
    locum = enroll_locum(tmp_path, office, url)
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        # its head: the segments it pushed (one may carry only audit entries)
        office_id, office_head = p.device_id, p.replica.push_cursor()[1].seq
    backend = connect(url)
    with Practice.open(locum, passphrase=LOCUM) as lo:
        keys, pid, me = lo.practice_keys, lo.practice_id, lo.device_id
        my_head = lo.replica.push_cursor()[1].seq
        desk_public = read_infos(backend, keys)[desk_id].public_key
    k2 = crypto.random_key()
    ctx2 = f"carnet/practice-key/v1/{pid}/2"
    forged = {
        key_name(pid, 2, "passphrase"): crypto.wrap_with_passphrase(k2, "made up", ctx2),
        key_name(pid, 2, "recovery"): crypto.wrap_for_recipient(k2, desk_public, ctx2),
        key_name(pid, 2, "previous"): crypto.wrap_with_key(
            keys.key(1), k2, f"carnet/practice-key/v1/{pid}/1"
        ),
        device_wrap_name(pid, 2, desk_id): crypto.wrap_for_recipient(
            k2, desk_public, f"{ctx2}/device/{desk_id}"
        ),
    }
    for name, wrapped in forged.items():
        backend.put(name, json.dumps(wrapped).encode())
    ring = PracticeKeys(pid, {**keys.epochs, 2: k2}, 2)
    heads = {office_id: office_head, desk_id: desk_head, me: my_head}
    record = Revocation(2, {office_id: office_head}, heads, me)
    backend.create(epoch_marker_name(pid, 2), encode_revocation(ring, record))

    got = run(capsys, tmp_path / "desk", "sync")
    assert got[0] == 0, got  # honest limit: it adopts it
    code, out = run(capsys, office, "sync")
    assert code == 3 and "forged" in out, out  # locked out, and told how to find out
    code, out = run(capsys, office, "device", "revoke", me)
    assert code == 5 and "forged" in out and "device list" in out, out
    assert run(capsys, tmp_path / "desk", "device", "list")[0] == 0


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

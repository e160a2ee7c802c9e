"""A storage that loses things (rolled back, restored from an older copy, a deleted
folder), seen as a user sees it: `carnet sync` stops with exit 5 and pushes nothing onto
the gap, `carnet check` says what was lost, `carnet repair` makes the storage whole
again, the other computers follow without losing anything, and a fresh restore works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop import cli
from desktop.cli.output import exit_code
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.helpers.practice import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def names(folder: Path) -> set[str]:
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        return {row[0] for row in p.conn.execute("SELECT family_name FROM patient")}


def add(folder: Path, family: str) -> None:
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        p.create_record("patient", {"family_name": family, "birth_date": "1970-01-01"})


def listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if ".tmp" not in p.parts}


@pytest.fixture
def two_computers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    office, laptop = tmp_path / "office", tmp_path / "laptop"
    with Practice.create(office, practice_name="C", username="dr", passphrase=PASSPHRASE) as p:
        set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        p.create_record("patient", {"family_name": "Ancien", "birth_date": "1950-01-01"})
        SyncService(p).sync()
    join(laptop, storage.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    return storage, office, laptop


def roll_back(storage: Path, to: Path) -> None:
    shutil.rmtree(storage)
    shutil.copytree(to, storage)


def test_a_rolled_back_storage_is_noticed_never_worsened_and_repaired(
    two_computers: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    storage, office, laptop = two_computers
    yesterday = tmp_path / "yesterday"
    shutil.copytree(storage, yesterday)
    add(office, "Hier")  # pushed today, then lost by the rollback
    assert run(capsys, office, "sync")[0] == 0
    assert run(capsys, laptop, "sync")[0] == 0  # the laptop has "Hier"
    add(laptop, "Portable")  # pushed by the laptop only, lost too; the office never saw it
    assert run(capsys, laptop, "sync")[0] == 0
    roll_back(storage, yesterday)

    add(office, "Pendant")  # written during the rollback
    before = listing(storage)
    code, out = run(capsys, office, "sync")
    assert code == 5, out
    assert "no longer holds segment" in out and "carnet repair" in out
    assert listing(storage) == before  # nothing pushed onto the gap
    code, out = run(capsys, office, "check")
    assert code == 5 and "this device pushed up to segment" in out, out

    code, out = run(capsys, office, "repair")  # not confirmed: nothing happens
    assert code == 2 and "--yes" in out, out
    assert listing(storage) == before
    code, out = run(capsys, office, "repair", "--yes")
    assert code == 0 and "storage repaired (repair 1)" in out, out
    assert run(capsys, office, "check", "--read-data")[0] == 0

    add(laptop, "Hors ligne")  # unpushed on the laptop when it meets the repair
    code, out = run(capsys, laptop, "sync")
    assert code == 0, out
    assert run(capsys, office, "sync")[0] == 0
    everyone = {"Ancien", "Hier", "Portable", "Pendant", "Hors ligne"}
    assert names(office) == everyone
    assert names(laptop) == everyone
    code, out = run(capsys, office, "check", "--read-data")
    assert code == 0, out

    fresh = tmp_path / "fresh"
    join(fresh, storage.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    assert names(fresh) == everyone
    assert run(capsys, fresh, "sync")[0] == 0
    code, out = run(capsys, fresh, "check", "--read-data")
    assert code == 0, out


def test_a_rollback_undone_by_the_provider_needs_no_repair(
    two_computers: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    storage, office, laptop = two_computers
    yesterday, today = tmp_path / "yesterday", tmp_path / "today"
    shutil.copytree(storage, yesterday)
    add(office, "Hier")
    assert run(capsys, office, "sync")[0] == 0
    shutil.copytree(storage, today)
    roll_back(storage, yesterday)
    add(office, "Pendant")
    assert run(capsys, office, "sync")[0] == 5
    roll_back(storage, today)  # the provider puts the newer copy back
    code, out = run(capsys, office, "sync")
    assert code == 0, out
    assert run(capsys, laptop, "sync")[0] == 0
    assert names(laptop) == {"Ancien", "Hier", "Pendant"}


def test_a_deleted_segment_folder_is_reported_and_repaired(
    two_computers: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    storage, office, laptop = two_computers
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        device, pid = p.device_id, p.practice_id
    shutil.rmtree(storage / pid / "devices" / device)
    code, out = run(capsys, laptop, "check")
    assert code == 5 and "missing segments" in out, out
    fresh = tmp_path / "fresh"
    with pytest.raises(Exception) as refused:
        join(fresh, storage.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE)
    assert exit_code(refused.value) == 5
    shutil.rmtree(fresh)
    code, out = run(capsys, laptop, "repair", "--yes")  # the laptop holds everything too
    assert code == 0, out
    assert run(capsys, office, "sync")[0] == 0
    join(fresh, storage.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    assert names(fresh) == {"Ancien"}
    assert run(capsys, fresh, "check", "--read-data")[0] == 0


def test_repair_on_an_intact_storage_changes_nothing(
    two_computers: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
):
    storage, office, _ = two_computers
    before = listing(storage)
    code, out = run(capsys, office, "repair", "--yes")
    assert code == 0 and "nothing to repair" in out
    assert listing(storage) == before


def test_a_repair_before_a_revocation_still_restores_and_a_revoked_device_cannot_forge_one(
    two_computers: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from desktop.remote import connect
    from sync.repair import encode_repair, new_repair, repair_marker_name

    storage, office, laptop = two_computers
    yesterday = tmp_path / "yesterday"
    shutil.copytree(storage, yesterday)
    add(office, "Hier")
    assert run(capsys, office, "sync")[0] == 0
    roll_back(storage, yesterday)
    assert run(capsys, office, "repair", "--yes")[0] == 0
    assert run(capsys, laptop, "sync")[0] == 0  # follows
    with Practice.open(laptop, passphrase=PASSPHRASE) as p:
        gone, old_keys, pid = p.device_id, p.practice_keys, p.practice_id
    assert run(capsys, office, "device", "revoke", gone)[0] == 0

    fresh = tmp_path / "fresh"  # the repair (epoch 1) was vouched for by the revocation
    join(fresh, storage.as_uri(), passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()
    assert names(fresh) == {"Ancien", "Hier"}

    # the revoked laptop, with its epoch-1 key, "repairs" to retire the office's chain
    with Practice.open(office, passphrase=PASSPHRASE) as p:
        office_id = p.device_id
    forged = new_repair(2, gone, gone, "x/snapshots/a/1", {office_id: 9})
    connect(storage.as_uri()).create(repair_marker_name(pid, 2), encode_repair(old_keys, forged))
    code, out = run(capsys, office, "sync")
    assert code == 5 and "repair record 2" in out and "refused" in out, out
    assert names(office) == {"Ancien", "Hier"}


def test_a_second_repair_follows_the_first_instead(
    two_computers: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    storage, office, laptop = two_computers
    with Practice.open(laptop, passphrase=PASSPHRASE) as p:
        device, pid = p.device_id, p.practice_id
    add(laptop, "Portable")
    assert run(capsys, laptop, "sync")[0] == 0
    shutil.rmtree(storage / pid / "devices" / device)  # the laptop's chain is lost
    assert run(capsys, office, "repair", "--yes")[0] == 0
    code, out = run(capsys, laptop, "repair", "--yes")  # it had not synced since
    assert code == 1 and "already repaired" in out and "followed" in out, out
    assert run(capsys, laptop, "check", "--read-data")[0] == 0
    assert run(capsys, office, "sync")[0] == 0
    assert names(office) == {"Ancien", "Portable"}

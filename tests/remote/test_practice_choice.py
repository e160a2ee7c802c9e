"""Two practices in one storage root: join and restore say which are there and take
``--practice ID`` to name one, as a user sees it (exit code and sentence)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from desktop.app.known_practices import known_name
from desktop.practice.store import Practice
from desktop.remote import SyncService, set_remote
from tests.helpers.practice import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def shared_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, dict[str, tuple[str, int]]]:
    """Two practices set up on the same storage root; returns (url, {id: (kit, patients)})."""
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    root = tmp_path / "storage"
    root.mkdir()
    practices = {}
    for name, patients in (("Tilleuls", 1), ("Platanes", 2)):
        with Practice.create(
            tmp_path / name, practice_name=name, username="dr", passphrase=PASSPHRASE
        ) as p:
            kit = set_remote(p, root.as_uri(), passphrase=PASSPHRASE, create=True)
            assert kit
            for i in range(patients):
                p.create_record(
                    "patient", {"family_name": f"{name}{i}", "birth_date": "1970-01-01"}
                )
            SyncService(p).sync()
            practices[p.practice_id] = (kit, patients)
    return root.as_uri(), practices


def test_join_names_the_practices_and_takes_the_one_named(
    shared_root: tuple[str, dict[str, tuple[str, int]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):
    url, practices = shared_root
    code, out = run(capsys, tmp_path / "new", "join", "--from", url)
    assert code == 4 and "2 practices" in out and "--practice ID" in out, out
    assert all(pid in out for pid in practices), out
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())
    code, out = run(capsys, tmp_path / "new", "join", "--from", url, "--practice", "nope")
    assert code == 4 and "holds no practice 'nope'" in out, out
    for n, (pid, (_, patients)) in enumerate(sorted(practices.items())):
        code, out = run(capsys, tmp_path / f"j{n}", "join", "--from", url, "--practice", pid)
        assert code == 0 and f"{patients} patients" in out, out
        with Practice.open(tmp_path / f"j{n}", passphrase=PASSPHRASE) as p:
            assert p.practice_id == pid
            # the app's first unlock on this computer names the practice, not the folder
            assert known_name(tmp_path / f"j{n}") == p.practice_record()["name"]


def test_restore_with_the_kit_takes_the_practice_named(
    shared_root: tuple[str, dict[str, tuple[str, int]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):
    url, practices = shared_root
    pid, (kit, patients) = max(practices.items(), key=lambda item: item[1][1])
    kit_file = tmp_path / "kit.txt"
    kit_file.write_text(kit)
    args = ("restore", "--from", url, "--recovery-key-file", str(kit_file))
    code, out = run(capsys, tmp_path / "r", *args, "--new-passphrase-file", str(kit_file))
    assert code == 4 and "--practice ID" in out, out
    code, out = run(
        capsys, tmp_path / "r", *args, "--practice", pid, "--new-passphrase-file", str(kit_file)
    )
    assert code == 0 and f"{patients} patients" in out, out

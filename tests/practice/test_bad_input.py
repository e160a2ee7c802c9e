"""Bad input gets one clear sentence and an exit code; nothing committed is lost."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice import errors
from desktop.practice.store import DB_NAME, Practice
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import require_or_skip


def run_cli(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    os.environ["CARNET_PASSPHRASE"] = PASSPHRASE
    try:
        code = cli.main(["--data-dir", str(folder), *args])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    finally:
        del os.environ["CARNET_PASSPHRASE"]
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_practice(practice: Practice, practice_dir: Path) -> Path:
    pid = practice.create_record(
        "patient",
        {"family_name": "Kowalczyk", "given_names": "Aurélie", "birth_date": "1990-01-01"},
    )
    practice.add_consultation(pid, text="Angine érythémateuse")
    practice.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    practice.close()
    return practice_dir


def test_wrong_passphrase_exits_3(closed_practice: Path, capsys: pytest.CaptureFixture[str]):
    os.environ["CARNET_PASSPHRASE"] = "wrong"
    try:
        code = cli.main(["--data-dir", str(closed_practice), "search", "kow"])
    finally:
        del os.environ["CARNET_PASSPHRASE"]
    err = capsys.readouterr().err
    assert code == 3
    assert "wrong passphrase" in err and "Traceback" not in err


def test_folder_that_is_not_a_practice(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "notes.txt").write_text("hello")
    code, _, err = run_cli(capsys, tmp_path, "search", "x")
    assert code == 1
    assert "is not a Carnet practice folder" in err and "carnet init" in err


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip-page"])
def test_damaged_database_is_reported_and_left_untouched(
    closed_practice: Path, capsys: pytest.CaptureFixture[str], damage: str
):
    db = closed_practice / DB_NAME
    data = bytearray(db.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 3]
    elif damage == "garbage":
        data = bytearray(os.urandom(len(data)))
    else:  # one byte of a page in the middle of the file
        data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    before = sha(db)
    code, _, err = run_cli(capsys, closed_practice, "patient", "show", "x")
    code2, _, _ = run_cli(capsys, closed_practice, "search", "kowalczyk")
    code3, _, err3 = run_cli(capsys, closed_practice, "audit", "verify")
    # Commands that happen not to touch a damaged page may work; none may crash, and
    # the integrity check, which reads every page, must report the damage.
    assert {code, code2} <= {0, 1, 5}
    assert code3 == 5
    assert "damaged" in err3
    assert sha(db) == before
    assert "Kowalczyk" not in err + err3


def test_database_from_a_newer_schema_is_refused(
    closed_practice: Path, capsys: pytest.CaptureFixture[str]
):
    with Practice.open(closed_practice, passphrase=PASSPHRASE) as p:
        p.conn.execute("PRAGMA user_version = 99")
    code, _, err = run_cli(capsys, closed_practice, "search", "x")
    assert code == 1
    assert "newer Carnet" in err


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        require_or_skip("needs root and mount(8) to make a small or read-only file system")
    path.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        require_or_skip(f"cannot mount a tmpfs here ({exc.stderr.decode().strip()})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_disk_full_during_a_write_fails_cleanly_and_keeps_what_was_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    with tmpfs(tmp_path / "small", "3m") as disk:
        folder = disk / "practice"
        with Practice.create(folder, practice_name="P", username="dr", passphrase=PASSPHRASE) as p:
            pid = p.create_record("patient", {"family_name": "Avant", "birth_date": "1970-01-01"})
        scan = tmp_path / "scan.bin"
        scan.write_bytes(os.urandom(4 * 1024 * 1024))
        code, _, err = run_cli(capsys, folder, "document", "add", pid, str(scan))
        assert code == 1
        assert "full" in err and "nothing already saved was lost" in err
        with Practice.open(folder, passphrase=PASSPHRASE) as p:
            assert p.patient(pid)["family_name"] == "Avant"
            assert p.chart(pid).documents == ()
            assert p.verify_audit().ok


def test_read_only_folder_gives_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    with tmpfs(tmp_path / "ro", "16m") as disk:
        folder = disk / "practice"
        with Practice.create(folder, practice_name="P", username="dr", passphrase=PASSPHRASE) as p:
            pid = p.create_record("patient", {"family_name": "Avant", "birth_date": "1970-01-01"})
            p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, _, err = run_cli(capsys, folder, "patient", "edit", pid, "--set", "phone=0600000000")
        assert code == 1
        assert "read-only" in err or "cannot open or write" in err
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        with Practice.open(folder, passphrase=PASSPHRASE) as p:
            assert p.patient(pid)["family_name"] == "Avant"


UNUSUAL_NAMES = [
    "É" * 5000,
    "Nguyễn Thị Minh Khai",
    "Åsa Øvergård-Ødegaard",
    "محمد بن علي",
    "Ζωή Παπαδοπούλου",
    "D'Arcy O'Connor‐Smith",  # typographic apostrophe and hyphen
    "Zoë\u200dLou",  # zero-width joiner
    "e\u0301lodie",  # combining accent
    "👩‍⚕️ Test",
    "Robert'); DROP TABLE patient;--",
]


@pytest.mark.parametrize("name", UNUSUAL_NAMES)
def test_unusual_unicode_names_round_trip(practice: Practice, name: str):
    pid = practice.create_record("patient", {"family_name": name, "birth_date": "2000-02-29"})
    assert practice.patient(pid)["family_name"] == name
    assert practice.verify_audit().ok
    assert practice.conn.execute("SELECT count(*) FROM patient").fetchone()[0] == 1


def test_combining_and_precomposed_accents_find_each_other(practice: Practice):
    pid = practice.create_record(
        "patient", {"family_name": "e\u0301lodie", "birth_date": "2000-01-01"}
    )
    assert [p["id"] for p in practice.search_patients("\u00e9lo")] == [pid]


@pytest.mark.parametrize("bad", ["nul\x00char", "lone\ud800surrogate"])
def test_unstorable_text_is_refused_with_a_clear_error(practice: Practice, bad: str):
    with pytest.raises(errors.InvalidInputError):
        practice.create_record("patient", {"family_name": bad})


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE patient; --",
        "%",
        "_",
        '"',
        "*",
        "NEAR(a b)",
        "a OR b",
        "-x",
        "^",
        "\\",
        "' OR 1=1 --",
        "#p0",
        "",
        "   ",
        "🙂",
        "x" * 10_000,
    ],
)
def test_sql_and_fts_metacharacters_in_search_are_just_text(practice: Practice, query: str):
    pid = practice.create_record("patient", {"family_name": "Durand", "birth_date": "1960-01-01"})
    practice.add_consultation(pid, text="Douleur thoracique")
    assert practice.search_patients(query) == []
    assert practice.search_notes(query) == []
    assert practice.patient(pid)["family_name"] == "Durand"


def test_cli_usage_errors_exit_2(practice_dir: Path, capsys: pytest.CaptureFixture[str]):
    code, _, err = run_cli(capsys, practice_dir, "patient", "add", "--family-name", "X")
    assert code == 2 and "required" in err


def test_a_real_process_prints_no_traceback(closed_practice: Path):
    env = {**os.environ, "CARNET_PASSPHRASE": "wrong", "CARNET_DATA_DIR": str(closed_practice)}
    proc = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "search", "x"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_nir_whose_key_does_not_match_is_refused_on_every_write(practice: Practice):
    """The GP's typo "2 85 03 75 108 123 45" (the key is 95): refused by the store, for the
    app, the CLI and the importers alike; a right one is kept without its spaces."""
    with pytest.raises(errors.InvalidInputError, match="key of the NIR"):
        practice.create_record(
            "patient", {"family_name": "Garnier", "nir": "2 85 03 75 108 123 45"}
        )
    pid = practice.create_record(
        "patient", {"family_name": "Garnier", "nir": "2 85 03 75 108 123 95"}
    )
    assert practice.chart(pid).nir == "285037510812395"
    with pytest.raises(errors.InvalidInputError, match="13 digits and a 2-digit key"):
        practice.update_record("patient", pid, {"nir": "2 85 03"})
    practice.update_record("patient", pid, {"nir": "2850375108123"})  # without its key: kept
    assert practice.chart(pid).nir == "2850375108123"

"""One error vocabulary (desktop.errors) as the ``carnet`` command says it: a refused
login is its own sentence, SQLite's disk errors are the disk's, anything else SQLite
says is a bug with a crash report, never passed off as a disk problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from desktop.cli.output import exit_code, report
from desktop.errors import Kind, known
from desktop.practice import errors
from desktop.practice.store import Practice
from sync.backends.webdav import WebDavBackend
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import Server

PATIENT = "Zéphyrine Quibbleworth"  # must never reach a message or the crash log


@pytest.fixture
def closed_practice(practice_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    Practice.create(
        practice_dir, practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ).close()
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    return practice_dir


def test_refused_credentials_are_said_as_such_with_exit_4(
    closed_practice: Path,
    wsgidav_server: Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host = wsgidav_server.base.removeprefix("http://")
    url = f"webdav+http://{wsgidav_server.user}@{host}"
    monkeypatch.setenv("CARNET_REMOTE_PASSWORD", "not-the-password")
    code = cli.main(["--data-dir", str(closed_practice), "remote", "set", url, "--create"])
    err = capsys.readouterr().err
    assert code == 4
    assert "refused the credentials" in err
    assert "check the login and password (or the access keys)" in err
    assert "not-the-password" not in err


def test_refused_credentials_are_their_own_kind(wsgidav_server: Server) -> None:
    backend = WebDavBackend(wsgidav_server.base, wsgidav_server.user, "not-the-password")
    try:
        with pytest.raises(Exception) as caught:
            backend.check()
    finally:
        backend.close()
    found = known(caught.value)
    assert found is not None and found.kind is Kind.CREDENTIALS_REFUSED
    assert found.error.permanent  # type: ignore[attr-defined]
    assert exit_code(caught.value) == 4


def test_an_unknown_sqlite_error_is_a_bug_with_a_crash_report(
    practice: Practice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    name = PATIENT
    with pytest.raises(errors.DatabaseBugError) as caught:
        practice.session.execute("SELECT * FROM no_such_table WHERE family_name = ?", (name,))
    assert not isinstance(caught.value, errors.CarnetError)  # never a disk problem
    assert known(caught.value) is None
    assert report(caught.value) == 1
    err = capsys.readouterr().err
    assert "this is a bug in Carnet" in err and "please report it" in err
    assert "disk" not in err
    logs = list((tmp_path / "state").rglob("crash.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "desktop.practice.errors.DatabaseBugError" in text
    assert PATIENT not in text and "Zéphyrine" not in text


def test_a_full_disk_is_the_disks_sentence(
    practice: Practice, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = practice.session.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own SQLITE_FULL, no mount
    practice.session.execute(f"PRAGMA max_page_count = {pages}")
    pid = practice.create_record(
        "patient", {"family_name": "A", "given_names": "B", "birth_date": "1950-01-01"}
    )
    with pytest.raises(errors.StorageError) as caught:
        practice.add_document(
            pid, bytes(range(256)) * 4096, title="scan", filename="s.pdf", mime="application/pdf"
        )
    found = known(caught.value)
    assert found is not None and found.kind is Kind.DISK
    assert report(caught.value) == 1
    assert "is full; free some space" in capsys.readouterr().err


def test_a_read_only_database_is_the_disks_sentence(
    practice: Practice, capsys: pytest.CaptureFixture[str]
) -> None:
    practice.session.execute("PRAGMA query_only = ON")  # SQLite's own SQLITE_READONLY, even as root
    with pytest.raises(errors.StorageError) as caught:
        practice.create_record(
            "patient", {"family_name": "A", "given_names": "B", "birth_date": "1950-01-01"}
        )
    assert known(caught.value).kind is Kind.DISK  # type: ignore[union-attr]
    report(caught.value)
    assert "is read-only" in capsys.readouterr().err


def test_the_readme_exit_code_table_names_every_code_the_cli_returns() -> None:
    from desktop.cli.output import EXIT_CODES

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for code in {1, *EXIT_CODES.values()}:
        assert f"\n| {code} | " in readme, code

"""What the storage refuses, and addresses and keys mistyped, as the `carnet` command
says them: exit 4 with a sentence saying what to check for a full or read-only storage,
`--create` making a WebDAV collection that does not exist, a test-only memory:// address
refused, and a recovery key mistyped or empty said as such (exit 3, before any network)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.store import Practice
from desktop.remote import SyncService, set_remote
from sync.backends import StorageFullError
from sync.backends.folder import FolderBackend
from sync.recovery_key import format_recovery_key
from tests.helpers.practice import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *args])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "internal error" not in text and "Traceback" not in text, text
    return code, text


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    storage = tmp_path / "storage"
    storage.mkdir()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as p:
        set_remote(p, storage.as_uri(), passphrase=PASSPHRASE, create=True)
        p.create_record("patient", {"family_name": "Un", "birth_date": "1970-01-01"})
        SyncService(p).sync()
        p.create_record("patient", {"family_name": "Deux", "birth_date": "1971-01-01"})
    return tmp_path / "office", storage


def test_a_storage_refusing_writes_is_exit_4_with_what_to_check(
    office: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    """Root ignores file modes, so the OS refusal is made the way the OS reports it."""
    folder, _ = office
    from sync.backends import folder as folder_module

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(folder_module.os, "link", refuse)
    monkeypatch.setattr(folder_module.os, "replace", refuse)
    monkeypatch.setattr(folder_module.os, "rename", refuse)
    code, out = run(capsys, folder, "sync")
    assert code == 4 and "refused to write" in out and "read-write" in out, out
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        assert p.pending_count() == 1  # nothing lost, still to push


def test_a_full_storage_is_exit_4_with_what_to_check(
    office: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    folder, _ = office

    def full(self: FolderBackend, name: str, data: bytes) -> None:
        raise StorageFullError("The WebDAV storage is full (507) while writing.")

    monkeypatch.setattr(FolderBackend, "create", full)
    code, out = run(capsys, folder, "sync")
    assert code == 4 and "storage is full" in out and "quota" in out, out


def test_a_memory_address_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    os.environ["CARNET_PASSPHRASE"] = PASSPHRASE
    try:
        Practice.create(
            tmp_path / "p", practice_name="C", username="dr", passphrase=PASSPHRASE
        ).close()
        code, out = run(capsys, tmp_path / "p", "remote", "set", "--create", "memory://x")
    finally:
        del os.environ["CARNET_PASSPHRASE"]
    assert code == 2 and "unknown scheme" in out, out


@pytest.mark.server
@pytest.mark.parametrize("kind", ["webdav-wsgidav", "webdav-apache"])
def test_remote_set_create_makes_a_missing_webdav_collection(
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    server = request.getfixturevalue(
        "wsgidav_server" if kind == "webdav-wsgidav" else "apache_server"
    )
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CARNET_REMOTE_PASSWORD", server.password)
    host = server.base.removeprefix("http://")
    url = f"webdav+http://{server.user}@{host}{uuid.uuid4().hex[:8]}/cabinet/carnet/"
    Practice.create(tmp_path / "p", practice_name="C", username="dr", passphrase=PASSPHRASE).close()
    code, out = run(capsys, tmp_path / "p", "remote", "set", url)  # no --create: refused
    assert code == 4 and "does not exist" in out, out
    code, out = run(capsys, tmp_path / "p", "remote", "set", "--create", url)
    assert code == 0 and "Recovery key" in out, out
    assert run(capsys, tmp_path / "p", "check")[0] == 0


def test_recovery_key_typos_are_said_as_typos(
    office: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    _, storage = office
    key = format_recovery_key(os.urandom(32))
    typo = key[:20] + ("A" if key[20] != "A" else "B") + key[21:]
    cases = {
        "": "is empty",
        typo: "group 5 looks mistyped",
        key[:-5]: "instead of 56",
        key.replace(key[3], "!", 1): "cannot be in it",
    }
    for text, says in cases.items():
        kit = tmp_path / "kit.txt"
        kit.write_text(text)
        code, out = run(
            capsys,
            tmp_path / "restored",
            "restore",
            "--from",
            storage.as_uri(),
            "--recovery-key-file",
            str(kit),
        )
        assert code == 3 and says in out and "check the passphrase" not in out, out
        assert not (tmp_path / "restored").exists()

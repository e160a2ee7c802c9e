"""Folder backend specifics: durability plumbing, permissions, errors, the no-link fallback."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from sync.backends import (
    AccessDeniedError,
    AlreadyExistsError,
    StorageFullError,
    TargetMissingError,
)
from sync.backends.folder import FolderBackend

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "remote"
    r.mkdir()
    return r


def test_names_map_to_nested_folders_and_temp_files_are_gone(root: Path) -> None:
    b = FolderBackend(root)
    b.create("devices/ab/000001", b"x")
    b.put("heads/ab", b"h")
    assert (root / "devices" / "ab" / "000001").read_bytes() == b"x"
    assert list((root / ".tmp").iterdir()) == []


@posix_only
def test_files_are_private(root: Path) -> None:
    old = os.umask(0)
    try:
        b = FolderBackend(root)
        b.create("devices/ab/000001", b"x")
        b.put("heads/ab", b"h")
    finally:
        os.umask(old)
    for p in (root / "devices/ab/000001", root / "heads/ab"):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_missing_root_is_target_missing_and_never_created(tmp_path: Path) -> None:
    missing = tmp_path / "usb-drive-not-mounted"
    b = FolderBackend(missing)
    with pytest.raises(TargetMissingError):
        b.check()
    for call in (lambda: b.list(""), lambda: b.get("a"), lambda: b.create("a", b"x")):
        with pytest.raises(TargetMissingError):
            call()
    with pytest.raises(TargetMissingError):
        b.put("a", b"x")
    with pytest.raises(TargetMissingError):
        b.delete("a")
    assert not missing.exists()
    b.create_root()
    b.check()
    b.create("a", b"x")


def test_temp_files_left_by_a_crash_are_never_listed(root: Path) -> None:
    b = FolderBackend(root)
    b.create("devices/ab/000001", b"x")
    (root / ".tmp" / "deadbeef.part").write_bytes(b"half")
    (root / "devices" / "ab" / ".hidden").write_bytes(b"h")
    assert [o.name for o in b.list("")] == ["devices/ab/000001"]


def _raise(err: int) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    return fail


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT])
def test_disk_full_is_storage_full(root: Path, monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    b = FolderBackend(root)
    monkeypatch.setattr(os, "write", _raise(err))
    with pytest.raises(StorageFullError) as caught:
        b.create("devices/ab/000001", b"x")
    assert caught.value.permanent
    monkeypatch.undo()
    assert b.list("") == []
    assert list((root / ".tmp").iterdir()) == []


@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS])
def test_refused_access_is_permanent(root: Path, monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    b = FolderBackend(root)
    monkeypatch.setattr(os, "open", _raise(err))
    with pytest.raises(AccessDeniedError) as caught:
        b.put("heads/ab", b"x")
    assert caught.value.permanent


def test_without_hard_links_create_falls_back_and_says_so(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT/exFAT: os.link fails with EPERM; readers still see whole files."""
    b = FolderBackend(root)
    monkeypatch.setattr(os, "link", _raise(errno.EPERM))
    b.create("devices/ab/000001", b"one")
    with pytest.raises(AlreadyExistsError):
        b.create("devices/ab/000001", b"two")
    assert b.get("devices/ab/000001") == b"one"
    assert b.capabilities.atomic_create is (os.name != "posix")
    assert list((root / ".tmp").iterdir()) == []

"""A folder on a local disk, a USB drive or a network share, as object storage.

Names map to nested folders under the root. Every write goes to a temporary file in
``<root>/.tmp/`` (mode 0600 set before any data is written), is fsynced, and only then
appears under its final name, so a reader sees nothing or the whole object:

* ``create``: ``os.link(temp, final)``, which fails if ``final`` exists: exclusive even
  between processes and machines sharing the folder (POSIX, NTFS, SMB, NFSv3+).
* ``put``: ``os.replace(temp, final)``.

Then the temp name is removed and the parent folder fsynced where the OS allows it
(POSIX; Windows has no directory fsync). Where hard links are not supported (FAT/exFAT
drives, some network shares), ``create`` falls back to ``os.rename``: exclusive on
Windows (it refuses an existing target), but a check-then-replace elsewhere, which is not
exclusive under concurrency; ``capabilities.atomic_create`` then says ``False``. Readers
still never see a partial object.

Errors: a full disk or quota is :class:`StorageFullError`, a permission or read-only
refusal :class:`AccessDeniedError` (both permanent), a missing root
:class:`TargetMissingError`; the root is never created implicitly (:meth:`create_root`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from sync.backends._names import TEMP_DIR, check_name, check_prefix, is_hidden, prefix_dir
from sync.backends.base import (
    AccessDeniedError,
    AlreadyExistsError,
    BackendError,
    Capabilities,
    NotFoundError,
    ObjectInfo,
    StorageFullError,
    TargetMissingError,
    UnreachableError,
)

_POSIX = os.name == "posix"
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_GONE = {errno.ENOTCONN, errno.ESTALE, errno.EIO, errno.ETIMEDOUT, errno.EHOSTDOWN}
# errno values os.link raises where the filesystem has no hard links.
_NO_LINK = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


class FolderBackend:
    """Object storage in a local folder; see the module docstring for the guarantees."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._link_ok: bool | None = None  # unknown until the first create
        self.capabilities = Capabilities(atomic_create=True)

    def __repr__(self) -> str:
        return f"FolderBackend({str(self.root)!r})"

    # -- set-up ------------------------------------------------------------------------

    def create_root(self) -> None:
        """Create the root folder (and its parents); a no-op if it exists."""
        with self._errors("creating the folder"):
            self.root.mkdir(parents=True, exist_ok=True)

    def check(self) -> None:
        """Raise :class:`TargetMissingError` if the root is absent, or an access error."""
        if not self.root.is_dir():
            raise TargetMissingError(f"The folder {self.root} does not exist.")
        if not os.access(self.root, os.R_OK | os.W_OK | os.X_OK):
            raise AccessDeniedError(f"The folder {self.root} is not writable.")

    def close(self) -> None:
        return None

    # -- reads -------------------------------------------------------------------------

    def list(self, prefix: str) -> list[ObjectInfo]:
        """Objects whose name starts with ``prefix``, sorted; temp files never appear."""
        check_prefix(prefix)
        self._require_root()
        start = prefix_dir(prefix)
        top = self.root.joinpath(*start.split("/")[:-1]) if start else self.root
        found: list[ObjectInfo] = []
        with self._errors("listing the folder"):
            for entry_name, size in self._walk(top, start):
                if entry_name.startswith(prefix):
                    found.append(ObjectInfo(entry_name, size))
        return sorted(found, key=lambda o: o.name)

    def _walk(self, folder: Path, rel: str) -> Iterator[tuple[str, int]]:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if is_hidden(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    yield from self._walk(Path(entry.path), f"{rel}{entry.name}/")
                elif entry.is_file(follow_symlinks=False):
                    yield f"{rel}{entry.name}", entry.stat(follow_symlinks=False).st_size
            except FileNotFoundError:  # deleted while we listed
                continue

    def get(self, name: str) -> bytes:
        path = self._path(name)
        try:
            with open(path, "rb") as f:
                return f.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            self._require_root()
            raise NotFoundError(f"No object named {name}.") from None
        except OSError as exc:
            raise _map(exc, f"reading {name}") from exc

    # -- writes ------------------------------------------------------------------------

    def create(self, name: str, data: bytes) -> None:
        """Write a new object; :class:`AlreadyExistsError` if the name exists."""
        final = self._path(name)
        self._require_root()
        with self._errors(f"writing {name}"):
            if final.exists():  # cheap early exit; the link below is the real gate
                raise AlreadyExistsError(f"{name} already exists.")
            temp = self._write_temp(data)
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                self._publish_exclusive(temp, final, name)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()
            _fsync_dir(final.parent)

    def put(self, name: str, data: bytes) -> None:
        """Write or replace an object atomically (temp file, fsync, ``os.replace``)."""
        final = self._path(name)
        self._require_root()
        with self._errors(f"writing {name}"):
            temp = self._write_temp(data)
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp, final)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()
                raise
            _fsync_dir(final.parent)

    def delete(self, name: str) -> None:
        """Remove an object; an absent one is not an error."""
        path = self._path(name)
        with self._errors(f"deleting {name}"):
            try:
                path.unlink()
            except (FileNotFoundError, NotADirectoryError):
                self._require_root()
                return
            _fsync_dir(path.parent)

    # -- internals ---------------------------------------------------------------------

    def _publish_exclusive(self, temp: Path, final: Path, name: str) -> None:
        if self._link_ok is not False:
            try:
                os.link(temp, final)
                self._link_ok = True
                return
            except FileExistsError:
                raise AlreadyExistsError(f"{name} already exists.") from None
            except OSError as exc:
                if exc.errno not in _NO_LINK and not isinstance(exc, NotImplementedError):
                    raise
                self._link_ok = False
                self.capabilities = Capabilities(atomic_create=not _POSIX)
        # No hard links on this filesystem.
        if _POSIX:
            # Not exclusive under concurrency (capabilities say so), still all-or-nothing.
            if final.exists():
                raise AlreadyExistsError(f"{name} already exists.")
            os.replace(temp, final)
        else:
            try:
                os.rename(temp, final)  # Windows: refuses an existing target
            except FileExistsError:
                raise AlreadyExistsError(f"{name} already exists.") from None

    def _write_temp(self, data: bytes) -> Path:
        tmp_dir = self.root / TEMP_DIR
        tmp_dir.mkdir(exist_ok=True)
        temp = tmp_dir / f"{secrets.token_hex(12)}.part"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            if _POSIX:
                os.fchmod(fd, 0o600)  # before any data, whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            raise
        os.close(fd)
        return temp

    def _path(self, name: str) -> Path:
        return self.root.joinpath(*check_name(name).split("/"))

    def _require_root(self) -> None:
        if not self.root.is_dir():
            raise TargetMissingError(f"The folder {self.root} does not exist.")

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except BackendError:
            raise
        except FileNotFoundError as exc:
            self._require_root()
            raise _map(exc, doing) from exc
        except OSError as exc:
            raise _map(exc, doing) from exc


def _map(exc: OSError, doing: str) -> BackendError:
    """Turn an OSError into a BackendError saying whether a retry can help."""
    reason = f"{doing}: {exc.strerror or exc}"
    if exc.errno in _FULL:
        return StorageFullError(f"The disk is full or over quota while {reason}.")
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        return AccessDeniedError(f"Access was refused while {reason}.")
    if exc.errno in _GONE:
        return UnreachableError(f"The folder could not be reached while {reason}.")
    return BackendError(f"The folder failed while {reason}.")


def _fsync_dir(path: Path) -> None:
    """Make a rename or link durable (POSIX only; Windows has no directory fsync)."""
    if not _POSIX:
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on a directory
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)

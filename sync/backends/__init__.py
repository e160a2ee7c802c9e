"""Storage backends: one small interface (:mod:`sync.backends.base`), one adapter per kind
of storage, and wrappers for retries and fault injection.

:func:`open_backend` turns a remote URL, as the practice configures it, into a backend:

* ``file:///path/to/folder``
* ``webdav+https://user@host[:port]/path`` (or ``webdav+http://``, for loopback and tests)
* ``s3://bucket/prefix?endpoint=https://s3.example.net&region=fr-par``
* ``memory://name`` (tests: one in-memory backend per name, for the process's lifetime)

Secrets never go in the URL: the WebDAV password comes from ``password`` or the
``CARNET_REMOTE_PASSWORD`` environment variable, S3 keys from ``access_key`` /
``secret_key`` or ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``. Opening does no I/O;
call ``check()`` to verify the target and the credentials.
"""

from __future__ import annotations

import os
import threading
from urllib.parse import parse_qsl, unquote, urlsplit

from sync.backends.base import (
    AccessDeniedError,
    AlreadyExistsError,
    AuthError,
    Backend,
    BackendError,
    Capabilities,
    NotFoundError,
    ObjectInfo,
    StorageFullError,
    TargetMissingError,
    UnreachableError,
)
from sync.backends.folder import FolderBackend
from sync.backends.memory import MemoryBackend

__all__ = [
    "AccessDeniedError",
    "AlreadyExistsError",
    "AuthError",
    "Backend",
    "BackendError",
    "Capabilities",
    "NotFoundError",
    "ObjectInfo",
    "StorageFullError",
    "TargetMissingError",
    "UnreachableError",
    "forget_memory_backend",
    "open_backend",
]

PASSWORD_ENV = "CARNET_REMOTE_PASSWORD"

_memory: dict[str, MemoryBackend] = {}
_memory_lock = threading.Lock()


def open_backend(
    url: str,
    *,
    password: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    timeout: tuple[float, float] | None = None,
    allow_memory: bool = False,
) -> Backend:
    """The backend a remote URL names (see the module docstring); no I/O yet.

    Raises :class:`ValueError` with one sentence for an unknown scheme, a malformed URL
    or missing credentials. ``timeout`` is (connect, read) seconds for network backends.
    ``memory://`` only with ``allow_memory`` (tests): from a user's address it would be
    accepted, "sync" every change, and keep nothing anywhere.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError("The remote address is not a valid URL.") from None
    scheme = parts.scheme.lower()
    if scheme == "file":
        return _open_folder(parts.netloc, parts.path, parts.query)
    if scheme in ("webdav+http", "webdav+https"):
        return _open_webdav(url, scheme.removeprefix("webdav+"), password, timeout)
    if scheme == "s3":
        return _open_s3(url, access_key, secret_key, timeout)
    if scheme == "memory" and allow_memory:
        name = (parts.netloc + parts.path).strip("/")
        if not name:
            raise ValueError("A memory:// address needs a name, as in memory://test.")
        with _memory_lock:
            return _memory.setdefault(name, MemoryBackend())
    shown = f"'{scheme}'" if scheme else "none"
    raise ValueError(
        f"The remote address has an unknown scheme ({shown}): use file://, webdav+https://, "
        "webdav+http:// or s3://."
    )


def forget_memory_backend(name: str) -> None:
    """Drop the ``memory://name`` backend, so a test leaves nothing behind."""
    with _memory_lock:
        _memory.pop(name, None)


def _open_folder(netloc: str, path: str, query: str) -> Backend:
    if netloc not in ("", "localhost") or query:
        raise ValueError("A folder address must look like file:///absolute/path.")
    local = unquote(path)
    if os.name == "nt" and len(local) > 2 and local[0] == "/" and local[2] == ":":
        local = local[1:]  # file:///C:/Carnet -> C:/Carnet
    if not local or not os.path.isabs(local):
        raise ValueError("A folder address must look like file:///absolute/path.")
    return FolderBackend(local)


def _open_webdav(
    url: str, http_scheme: str, password: str | None, timeout: tuple[float, float] | None
) -> Backend:
    from sync.backends.webdav import DEFAULT_TIMEOUT, WebDavBackend

    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise ValueError("The WebDAV address has an invalid port number.") from None
    if parts.password is not None:
        raise ValueError(
            f"Do not put the WebDAV password in the address; pass it or set {PASSWORD_ENV}."
        )
    if not parts.hostname or parts.query or parts.fragment:
        raise ValueError(
            "A WebDAV address must look like webdav+https://user@host/path, without query."
        )
    user = unquote(parts.username) if parts.username else None
    if user is not None and password is None:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            raise ValueError(f"The WebDAV password is missing: pass it or set {PASSWORD_ENV}.")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port}"
    return WebDavBackend(
        f"{http_scheme}://{netloc}{parts.path or '/'}",
        user,
        password,
        timeout=timeout or DEFAULT_TIMEOUT,
    )


def _open_s3(
    url: str,
    access_key: str | None,
    secret_key: str | None,
    timeout: tuple[float, float] | None,
) -> Backend:
    from sync.backends.s3 import DEFAULT_TIMEOUT, S3Backend

    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValueError("Do not put S3 keys in the address; pass them or set the AWS_* variables.")
    bucket = parts.netloc
    if not bucket:
        raise ValueError("An S3 address must look like s3://bucket/prefix?endpoint=URL.")
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
        query = dict(pairs)
    except ValueError:
        raise ValueError("The S3 address has a malformed query string.") from None
    unknown = set(query) - {"endpoint", "region"}
    if unknown:
        raise ValueError(
            f"The S3 address has unknown options ({', '.join(sorted(unknown))}): "
            "use endpoint= and region=."
        )
    access_key = access_key or os.environ.get("AWS_ACCESS_KEY_ID")
    secret_key = secret_key or os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not access_key or not secret_key:
        raise ValueError(
            "The S3 keys are missing: pass them or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        )
    try:
        return S3Backend(
            bucket,
            unquote(parts.path).strip("/"),
            access_key=access_key,
            secret_key=secret_key,
            region=query.get("region") or "us-east-1",
            endpoint=query.get("endpoint") or None,
            timeout=timeout or DEFAULT_TIMEOUT,
        )
    except ValueError as exc:
        raise ValueError(f"The S3 address is not valid: {exc}") from None

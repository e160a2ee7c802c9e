"""A WebDAV collection (Apache mod_dav, Nextcloud, WsgiDAV...) as object storage.

Writes never go straight to their final name. ``PUT`` goes to a unique temporary name
in the ``.tmp/`` collection under the root, then ``MOVE`` publishes it:

* ``create``: ``MOVE`` with ``Overwrite: F``; 412 means the name exists
  (:class:`AlreadyExistsError`). ``If-None-Match: *`` on a ``PUT`` is not used as the
  gate: Apache lets several concurrent writers win, and WsgiDAV serves half-written
  files to concurrent readers (lab notes).
* ``put``: ``MOVE`` with ``Overwrite: T``.

So a reader sees no object or a whole one, since a MOVE within one file system is a
``rename()`` on both servers. Neither server makes ``MOVE ... Overwrite: F`` exclusive
(it checks, then renames), so several concurrent creators of one name may all succeed,
the last rename winning; ``capabilities.atomic_create`` is therefore ``False`` although
one winner is what we measured (docs/backends.md). Also measured: ``MOVE ... Overwrite:
T`` removes the old object before the rename, so a reader racing a ``put`` can briefly
find the name missing (404; on Apache also a spurious 403, on WsgiDAV a 500). ``get``
retries a 404 once and reports such a 403 as transient, but a rare
:class:`NotFoundError` during an overwrite remains possible: overwritten objects
(heads) must be hints, never the only source of truth.

``list`` walks collections with ``PROPFIND Depth: 1`` (Apache refuses ``infinity``).
Every request has a connect and a read timeout. Status codes: 401/403 ->
:class:`AuthError`, 404 on the root -> :class:`TargetMissingError`, 507 ->
:class:`StorageFullError`, 423, 5xx, connection errors and timeouts ->
:class:`UnreachableError`.
"""

from __future__ import annotations

import builtins
import contextlib
import threading
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote, unquote, urlsplit

import requests

from sync.backends._http import send
from sync.backends._names import TEMP_DIR, check_name, check_prefix, is_hidden, prefix_dir
from sync.backends.base import (
    AlreadyExistsError,
    AuthError,
    BackendError,
    Capabilities,
    NotFoundError,
    ObjectInfo,
    StorageFullError,
    TargetMissingError,
    UnreachableError,
)

DEFAULT_TIMEOUT = (5.0, 60.0)
"""Seconds to connect, and to wait for each chunk of an answer."""

_DAV = "{DAV:}"
_PROPFIND_BODY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/>'
    b"</D:prop></D:propfind>"
)


class ServerBusyError(UnreachableError):
    """The server answered 423 Locked or 503/429: transient, retry later."""


class WebDavBackend:
    """Object storage in a WebDAV collection; see the module docstring for guarantees.

    ``url`` is the collection's http(s) URL without credentials; ``username`` and
    ``password`` are sent with HTTP basic auth (use https beyond loopback).
    """

    capabilities = Capabilities(atomic_create=False)

    def __init__(
        self,
        url: str,
        username: str | None = None,
        password: str | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("A WebDAV URL must start with http:// or https:// and name a host.")
        if parts.username or parts.password:
            raise ValueError("Pass WebDAV credentials separately, not inside the URL.")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.url = f"{parts.scheme}://{parts.netloc}{path}"
        self._root_path = unquote(path)
        self._timeout = timeout
        self._session = requests.Session()
        self._session.verify = verify
        if username is not None:
            self._session.auth = (username, password or "")
        self._collections: set[str] = set()  # relative collection paths known to exist
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"WebDavBackend({self.url!r})"

    # -- plumbing ----------------------------------------------------------------------

    def _href(self, rel: str) -> str:
        return self.url + quote(rel, safe="/-._~")

    def _request(
        self,
        method: str,
        rel: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        return send(
            self._session,
            "WebDAV server",
            self._host(),
            method,
            self._href(rel),
            self._timeout,
            data=data,
            headers=headers,
        )

    def _host(self) -> str:
        return urlsplit(self.url).netloc

    def _fail(self, r: requests.Response, doing: str) -> BackendError:
        """The error for an unexpected status; 404s are the caller's to interpret."""
        code = r.status_code
        what = f"The WebDAV server answered {code} {r.reason} while {doing}."
        if code in (401, 403):
            return AuthError(f"The WebDAV server refused the credentials ({code}) while {doing}.")
        if code == 404:
            return TargetMissingError(f"The WebDAV collection {self.url} does not exist.")
        if code == 507:
            return StorageFullError(f"The WebDAV storage is full ({code}) while {doing}.")
        if code in (423, 429, 503):
            return ServerBusyError(what)
        if code >= 500 or code in (408, 409):
            return UnreachableError(what)
        error = BackendError(what)
        error.permanent = True  # a 4xx we do not expect will not go away by itself
        return error

    def _root_exists(self) -> bool:
        r = self._request("PROPFIND", "", data=_PROPFIND_BODY, headers={"Depth": "0"})
        with r:
            if r.status_code == 207:
                return True
            if r.status_code == 404:
                return False
            raise self._fail(r, "checking the collection")

    def _missing(self, rel: str, doing: str) -> BackendError:
        """A 404 on ``rel``: the object is absent, unless the whole root is."""
        if not self._root_exists():
            return TargetMissingError(f"The WebDAV collection {self.url} does not exist.")
        return NotFoundError(f"No object named {rel} ({doing}).")

    # -- the Backend protocol ----------------------------------------------------------

    def create_root(self) -> None:
        """Create the collection and any missing parents (MKCOL upwards until one
        exists, then down again): a user who asks to set up a practice at a new
        address means it to exist. A no-op if it exists."""
        if self._root_exists():
            return
        path = urlsplit(self.url).path
        base = self.url[: len(self.url) - len(path)]
        levels = [p for p in path.split("/") if p]
        missing: list[str] = []
        while levels:
            href = base + "/" + "/".join(quote(p, safe="-._~") for p in levels) + "/"
            r = send(self._session, "WebDAV server", self._host(), "MKCOL", href, self._timeout)
            with r:
                if r.status_code in (201, 405):
                    break
                if r.status_code != 409:  # 409: the parent is missing too
                    raise self._fail(r, "creating the collection")
            missing.append(levels.pop())
        while missing:
            levels.append(missing.pop())
            href = base + "/" + "/".join(quote(p, safe="-._~") for p in levels) + "/"
            r = send(self._session, "WebDAV server", self._host(), "MKCOL", href, self._timeout)
            with r:
                if r.status_code not in (201, 405):
                    raise self._fail(r, "creating the collection")

    def check(self) -> None:
        """The collection exists and the credentials are accepted."""
        if not self._root_exists():
            raise TargetMissingError(f"The WebDAV collection {self.url} does not exist.")

    def close(self) -> None:
        self._session.close()

    def get(self, name: str) -> bytes:
        """The object's content. A GET racing a ``put`` of the same name can fail
        (measured: 404 on both servers, 403 on Apache, 500 on WsgiDAV): a 404 is tried
        once more, and a 403 while the credentials still work is reported as transient."""
        check_name(name)
        for attempt in (1, 2):
            r = self._request("GET", name)
            with r:
                if r.status_code == 200:
                    return r.content
                if r.status_code == 404 and attempt == 1:
                    continue
                if r.status_code == 404:
                    raise self._missing(name, "reading")
                if r.status_code == 403 and self._root_exists():
                    raise ServerBusyError(f"{name} was being replaced while it was read.")
                raise self._fail(r, f"reading {name}")
        raise AssertionError("unreachable")

    def list(self, prefix: str) -> list[ObjectInfo]:
        """Objects under ``prefix``, walking collections with ``PROPFIND Depth: 1``."""
        check_prefix(prefix)
        start = prefix_dir(prefix)
        found: list[ObjectInfo] = []
        pending = [start]
        while pending:
            rel = pending.pop()
            r = self._request("PROPFIND", rel, data=_PROPFIND_BODY, headers={"Depth": "1"})
            with r:
                if r.status_code == 404:
                    if rel == start and not self._root_exists():
                        raise TargetMissingError(
                            f"The WebDAV collection {self.url} does not exist."
                        )
                    continue  # the prefix's folder is absent, or vanished meanwhile
                if r.status_code != 207:
                    raise self._fail(r, "listing")
                entries = self._parse_multistatus(r.content)
            for child, is_collection, size in entries:
                if child == rel or not child.startswith(rel):
                    continue  # the collection itself
                leaf = child[len(rel) :].rstrip("/")
                if "/" in leaf or is_hidden(leaf):
                    continue
                if is_collection:
                    sub = f"{rel}{leaf}/"
                    if sub.startswith(prefix) or prefix.startswith(sub):
                        pending.append(sub)
                elif child.startswith(prefix):
                    found.append(ObjectInfo(rel + leaf, size))
        return sorted(found, key=lambda o: o.name)

    def _parse_multistatus(self, body: bytes) -> builtins.list[tuple[str, bool, int]]:
        """(relative path, is a collection, size) for each response in a 207 body."""
        head = body[:4096].upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            # Never expand entities from the network (billion laughs, external entities).
            raise UnreachableError("The WebDAV server sent a listing with a DTD; refused.")
        try:
            root = ET.fromstring(body)
        except ET.ParseError as exc:
            raise UnreachableError("The WebDAV server sent a listing that is not XML.") from exc
        out: builtins.list[tuple[str, bool, int]] = []
        for response in root.iter(f"{_DAV}response"):
            href = response.findtext(f"{_DAV}href")
            if href is None:
                continue
            path = unquote(urlsplit(href.strip()).path)
            if not path.startswith(self._root_path):
                continue
            rel = path[len(self._root_path) :]
            is_collection = False
            size = 0
            for propstat in response.iter(f"{_DAV}propstat"):
                status = propstat.findtext(f"{_DAV}status") or ""
                if " 200 " not in f"{status} ":
                    continue
                for prop in propstat.iter(f"{_DAV}prop"):
                    rtype = prop.find(f"{_DAV}resourcetype")
                    if rtype is not None and rtype.find(f"{_DAV}collection") is not None:
                        is_collection = True
                    length = prop.findtext(f"{_DAV}getcontentlength")
                    if length and length.strip().isdigit():
                        size = int(length)
            if is_collection and not rel.endswith("/") and rel:
                rel += "/"
            out.append((rel, is_collection, size))
        return out

    def create(self, name: str, data: bytes) -> None:
        """PUT to ``.tmp/``, then ``MOVE`` with ``Overwrite: F`` (412: the name exists)."""
        self._publish(check_name(name), data, overwrite=False)

    def put(self, name: str, data: bytes) -> None:
        """PUT to ``.tmp/``, then ``MOVE`` with ``Overwrite: T``."""
        self._publish(check_name(name), data, overwrite=True)

    def delete(self, name: str) -> None:
        check_name(name)
        r = self._request("DELETE", name)
        with r:
            if r.status_code in (200, 202, 204):
                return
            if r.status_code == 404:
                if not self._root_exists():
                    raise TargetMissingError(f"The WebDAV collection {self.url} does not exist.")
                return
            raise self._fail(r, f"deleting {name}")

    # -- writes ------------------------------------------------------------------------

    def _publish(self, name: str, data: bytes, *, overwrite: bool) -> None:
        temp = f"{TEMP_DIR}/{uuid.uuid4().hex}"
        self._upload_temp(temp, name, data)
        try:
            self._ensure_collections(prefix_dir(name))
            headers = {"Destination": self._href(name), "Overwrite": "T" if overwrite else "F"}
            r = self._request("MOVE", temp, headers=headers)
            with r:
                if r.status_code in (201, 204):
                    return
                if r.status_code == 412 and not overwrite:
                    raise AlreadyExistsError(f"{name} already exists.")
                if r.status_code == 409:  # a parent collection vanished
                    self._forget_collections()
                failure = self._fail(r, f"publishing {name}")
            if overwrite or r.status_code < 500:
                raise failure
            # WsgiDAV answers 500 to a MOVE that lost a race (an assert): look.
            self._settle_failed_create(name, data, failure)
        except BaseException:
            self._discard(temp)
            raise
        self._discard(temp)

    def _upload_temp(self, temp: str, name: str, data: bytes) -> None:
        for attempt in (1, 2):
            self._ensure_collections(f"{TEMP_DIR}/")
            r = self._request("PUT", temp, data=data)
            with r:
                if r.status_code in (200, 201, 204):
                    return
                if r.status_code == 409 and attempt == 1:  # .tmp/ vanished: recreate it
                    self._forget_collections()
                    continue
                if r.status_code == 404:
                    raise self._missing(name, "writing")
                raise self._fail(r, f"uploading {name}")

    def _settle_failed_create(self, name: str, data: bytes, failure: BackendError) -> None:
        """After a failed create MOVE: done if the name holds our bytes, AlreadyExists if
        it holds others, else the original failure."""
        try:
            current = self.get(name)
        except NotFoundError:
            raise failure from None
        if current != data:
            raise AlreadyExistsError(f"{name} already exists.") from failure

    def _discard(self, temp: str) -> None:
        """Best-effort removal of a temp object after a failed publish."""
        with contextlib.suppress(BackendError):
            self._request("DELETE", temp).close()

    def _ensure_collections(self, folder: str) -> None:
        """MKCOL each missing level of ``folder`` ("a/b/"), remembering what exists."""
        parts = [p for p in folder.split("/") if p]
        rel = ""
        for part in parts:
            rel += part + "/"
            with self._lock:
                if rel in self._collections:
                    continue
            r = self._request("MKCOL", rel)
            with r:
                # 201 made; 405 exists (Apache, WsgiDAV); 301 some servers redirect to "/".
                # WsgiDAV answers 500 to a MKCOL racing another one: look before failing.
                if r.status_code not in (201, 301, 405) and not self._is_collection(rel):
                    if r.status_code == 409 and rel == parts[0] + "/":
                        raise TargetMissingError(
                            f"The WebDAV collection {self.url} does not exist."
                        )
                    if r.status_code == 404:
                        raise self._missing(rel, "creating a folder")
                    raise self._fail(r, "creating a folder")
            with self._lock:
                self._collections.add(rel)

    def _is_collection(self, rel: str) -> bool:
        r = self._request("PROPFIND", rel, data=_PROPFIND_BODY, headers={"Depth": "0"})
        with r:
            return r.status_code == 207 and any(c for _, c, _ in self._parse_multistatus(r.content))

    def _forget_collections(self) -> None:
        with self._lock:
            self._collections.clear()

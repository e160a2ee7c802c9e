"""An S3-compatible bucket (AWS, OVHcloud, Scaleway, MinIO...) as object storage.

Requests are signed with SigV4 by ``requests_aws4auth`` (no hand-written signing). A
given ``endpoint`` is addressed path-style (``endpoint/bucket/key``), which every
S3-compatible provider accepts; without one, AWS's virtual-hosted style is used.

A single S3 PUT is atomic for readers, so ``put`` is one PUT. ``create`` is a PUT with
``If-None-Match: *`` (412 -> :class:`AlreadyExistsError`) where the provider enforces
it; :meth:`S3Backend.probe_conditional_create` finds out (it runs before the first create
if nobody called it) and sets ``capabilities.atomic_create``. Where the header is ignored
or refused, ``create`` falls back to HEAD then PUT: not exclusive under concurrency, and
``capabilities`` says so.

Errors: 401/403 -> :class:`AuthError`, ``NoSuchBucket`` -> :class:`TargetMissingError`,
5xx, throttling, connection errors and timeouts -> :class:`UnreachableError`.
"""

from __future__ import annotations

import threading
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import requests
from requests_aws4auth import AWS4Auth

from sync.backends._http import send
from sync.backends._names import check_name, check_prefix
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
_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"
_PROBE_DIR = ".carnet-probe/"
_TRANSIENT_CODES = {
    "SlowDown",
    "RequestTimeout",
    "InternalError",
    "ServiceUnavailable",
    "ConditionalRequestConflict",
    "OperationAborted",
}


class S3Backend:
    """Objects under ``prefix`` in ``bucket``; see the module docstring for guarantees."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        endpoint: str | None = None,
        session_token: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        conditional_create: bool | None = None,
        page_size: int = 1000,
    ) -> None:
        """``conditional_create``: ``None`` probes before the first create; ``True`` or
        ``False`` states what the provider does. ``page_size``: keys per listing request."""
        if not bucket:
            raise ValueError("An S3 target needs a bucket name.")
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        if self.prefix:
            check_prefix(self.prefix)
        self.region = region
        if endpoint:
            parts = urlsplit(endpoint)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("An S3 endpoint must be an http:// or https:// URL.")
            self._base = f"{endpoint.rstrip('/')}/{quote(bucket, safe='')}/"
        else:
            self._base = f"https://{bucket}.s3.{region}.amazonaws.com/"
        self._timeout = timeout
        self._session = requests.Session()
        self._session.verify = verify
        self._session.auth = AWS4Auth(
            access_key, secret_key, region, "s3", session_token=session_token
        )
        self._conditional = conditional_create  # None: unknown until probed
        self._page_size = page_size
        self._probe_lock = threading.Lock()
        self.capabilities = Capabilities(atomic_create=bool(conditional_create))

    def __repr__(self) -> str:
        return f"S3Backend({self._base!r}, prefix={self.prefix!r})"

    # -- plumbing ----------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return self.prefix + name

    def _request(
        self,
        method: str,
        key: str = "",
        *,
        params: dict[str, str] | None = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        url = self._base + quote(key, safe="/-._~")
        return send(
            self._session,
            "S3 service",
            urlsplit(self._base).netloc,
            method,
            url,
            self._timeout,
            params=params,
            data=data,
            headers=headers,
        )

    def _fail(self, r: requests.Response, doing: str) -> BackendError:
        code = _error_code(r)
        status = r.status_code
        what = f"S3 answered {status} {code or r.reason} while {doing}."
        if code == "NoSuchBucket":
            return TargetMissingError(f"The S3 bucket {self.bucket} does not exist.")
        if code == "NoSuchKey":
            return NotFoundError(f"No object found while {doing}.")
        if status in (401, 403):
            return AuthError(f"S3 refused the credentials ({code or status}) while {doing}.")
        if code in ("QuotaExceeded", "EntityTooLarge") or status == 507:
            return StorageFullError(what)
        if status >= 500 or status in (408, 409, 429) or code in _TRANSIENT_CODES:
            return UnreachableError(what)
        error = BackendError(what)
        error.permanent = True
        return error

    # -- set-up ------------------------------------------------------------------------

    def check(self) -> None:
        """The bucket exists and the credentials work (a one-key listing)."""
        r = self._request("GET", params={"list-type": "2", "max-keys": "1"})
        with r:
            if r.status_code != 200:
                raise self._fail(r, "checking the bucket")

    def probe_conditional_create(self) -> bool:
        """Whether the provider enforces ``If-None-Match: *``; sets ``capabilities``.

        Writes a probe object twice under ``.carnet-probe/`` (the second must get 412),
        then deletes it.
        """
        with self._probe_lock:
            if self._conditional is not None:
                return self._conditional
            key = self._key(f"{_PROBE_DIR}{uuid.uuid4().hex}")
            supported = False
            try:
                first = self._conditional_put(key, b"probe")
                if first == 200:
                    supported = self._conditional_put(key, b"probe") == 412
            finally:
                self._request("DELETE", key).close()
            self._conditional = supported
            self.capabilities = Capabilities(atomic_create=supported)
            return supported

    def _conditional_put(self, key: str, data: bytes) -> int:
        r = self._request("PUT", key, data=data, headers={"If-None-Match": "*"})
        with r:
            if r.status_code in (200, 412):
                return r.status_code
            if r.status_code in (400, 501):  # the provider refuses the header
                return r.status_code
            raise self._fail(r, "probing conditional writes")

    def close(self) -> None:
        self._session.close()

    # -- the Backend protocol ----------------------------------------------------------

    def list(self, prefix: str) -> list[ObjectInfo]:
        """ListObjectsV2, following continuation tokens."""
        check_prefix(prefix)
        found: list[ObjectInfo] = []
        params = {"list-type": "2", "prefix": self._key(prefix), "max-keys": str(self._page_size)}
        while True:
            r = self._request("GET", params=params)
            with r:
                if r.status_code != 200:
                    raise self._fail(r, "listing")
                root = _parse_xml(r.content)
            for item in root.iter(f"{_NS}Contents"):
                key = item.findtext(f"{_NS}Key") or ""
                name = key[len(self.prefix) :]
                if not key.startswith(self.prefix) or name.startswith("."):
                    continue
                found.append(ObjectInfo(name, int(item.findtext(f"{_NS}Size") or 0)))
            token = root.findtext(f"{_NS}NextContinuationToken")
            if (root.findtext(f"{_NS}IsTruncated") or "").lower() != "true" or not token:
                break
            params = {**params, "continuation-token": token}
        return sorted(found, key=lambda o: o.name)

    def get(self, name: str) -> bytes:
        check_name(name)
        r = self._request("GET", self._key(name))
        with r:
            if r.status_code == 200:
                return r.content
            if r.status_code == 404 and _error_code(r) != "NoSuchBucket":
                raise NotFoundError(f"No object named {name}.")
            raise self._fail(r, f"reading {name}")

    def create(self, name: str, data: bytes) -> None:
        """A conditional PUT where enforced, else HEAD then PUT (not exclusive)."""
        check_name(name)
        conditional = self.probe_conditional_create()
        key = self._key(name)
        headers: dict[str, str] = {}
        if conditional:
            headers["If-None-Match"] = "*"
        else:
            r = self._request("HEAD", key)
            with r:
                if r.status_code == 200:
                    raise AlreadyExistsError(f"{name} already exists.")
                if r.status_code != 404:
                    raise self._fail(r, f"checking {name}")
        r = self._request("PUT", key, data=data, headers=headers)
        with r:
            if r.status_code == 200:
                return
            if r.status_code == 412:
                raise AlreadyExistsError(f"{name} already exists.")
            raise self._fail(r, f"writing {name}")

    def put(self, name: str, data: bytes) -> None:
        check_name(name)
        r = self._request("PUT", self._key(name), data=data)
        with r:
            if r.status_code != 200:
                raise self._fail(r, f"writing {name}")

    def delete(self, name: str) -> None:
        """DELETE is idempotent on S3 (204 for an absent key too)."""
        check_name(name)
        r = self._request("DELETE", self._key(name))
        with r:
            if r.status_code in (200, 204) or (
                r.status_code == 404 and _error_code(r) != "NoSuchBucket"
            ):
                return
            raise self._fail(r, f"deleting {name}")


def _parse_xml(body: bytes) -> ET.Element:
    head = body[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise UnreachableError("The S3 service sent XML with a DTD; refused.")
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise UnreachableError("The S3 service sent an answer that is not XML.") from exc


def _error_code(r: requests.Response) -> str:
    """The ``<Code>`` of an S3 error body ("" for HEAD or a non-XML body)."""
    if not r.content or b"<Error" not in r.content[:512]:
        return ""
    try:
        return _parse_xml(r.content).findtext("Code") or ""
    except UnreachableError:
        return ""

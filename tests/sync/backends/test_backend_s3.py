"""S3 specifics against moto. moto does not verify signatures, so a wrong secret cannot be
tested here: the 403 -> AuthError mapping is tested on a canned answer instead."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from sync.backends import (
    AlreadyExistsError,
    AuthError,
    TargetMissingError,
    UnreachableError,
)
from sync.backends.s3 import S3Backend
from tests.helpers.servers import Server, free_port


def _backend(server: Server, **kwargs: object) -> S3Backend:
    return S3Backend(
        str(kwargs.pop("bucket", server.extra["bucket"])),
        str(kwargs.pop("prefix", uuid.uuid4().hex[:12])),
        access_key=server.user,
        secret_key=server.password,
        endpoint=server.base,
        **kwargs,  # type: ignore[arg-type]
    )


def test_probe_finds_conditional_create_on_moto(moto_server: Server) -> None:
    b = _backend(moto_server)
    try:
        assert b.capabilities.atomic_create is False  # unknown until probed
        assert b.probe_conditional_create() is True
        assert b.capabilities.atomic_create is True
        assert b.list("") == []  # the probe object is gone and hidden anyway
    finally:
        b.close()


def test_head_then_put_fallback_where_conditions_are_unsupported(moto_server: Server) -> None:
    b = _backend(moto_server, conditional_create=False)
    try:
        b.create("devices/a/1", b"one")
        with pytest.raises(AlreadyExistsError):
            b.create("devices/a/1", b"two")
        assert b.get("devices/a/1") == b"one"
        assert b.capabilities.atomic_create is False
    finally:
        b.close()


def test_listing_follows_continuation_tokens(moto_server: Server) -> None:
    b = _backend(moto_server, page_size=2)
    try:
        names = [f"devices/a/{i:06d}" for i in range(7)]
        for n in names:
            b.put(n, n.encode())
        assert [o.name for o in b.list("devices/")] == names
    finally:
        b.close()


def test_missing_bucket_is_target_missing(moto_server: Server) -> None:
    b = _backend(moto_server, bucket="no-such-bucket")
    try:
        with pytest.raises(TargetMissingError):
            b.check()
        with pytest.raises(TargetMissingError):
            b.get("devices/a/1")
        with pytest.raises(TargetMissingError):
            b.list("")
    finally:
        b.close()


def test_access_denied_is_auth_error() -> None:
    b = S3Backend("bucket", access_key="AKID", secret_key="very-secret", endpoint="http://x")
    r = requests.Response()
    r.status_code = 403
    r._content = b"<Error><Code>SignatureDoesNotMatch</Code></Error>"
    error = b._fail(r, "listing")
    assert isinstance(error, AuthError) and error.permanent
    assert "very-secret" not in str(error) + repr(b)
    b.close()


def test_closed_port_is_unreachable_quickly() -> None:
    b = S3Backend(
        "bucket",
        access_key="AKID",
        secret_key="secret",
        endpoint=f"http://127.0.0.1:{free_port()}",
        timeout=(1, 1),
    )
    started = time.monotonic()
    try:
        with pytest.raises(UnreachableError):
            b.check()
    finally:
        b.close()
    assert time.monotonic() - started < 2

"""WebDAV specifics against both real servers: auth, missing collection, unreachable."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from sync.backends import (
    AuthError,
    BackendError,
    StorageFullError,
    TargetMissingError,
    UnreachableError,
    open_backend,
)
from sync.backends.webdav import WebDavBackend
from tests.helpers.servers import Server, free_port


@pytest.fixture(params=["wsgidav_server", "apache_server"])
def server(request: pytest.FixtureRequest) -> Server:
    server: Server = request.getfixturevalue(str(request.param))
    return server


def test_wrong_password_is_auth_error(server: Server) -> None:
    b = WebDavBackend(server.base, server.user, "not-the-password")
    try:
        for call in (b.check, lambda: b.list(""), lambda: b.get("x")):
            with pytest.raises(AuthError) as caught:
                call()
            assert caught.value.permanent
            assert "not-the-password" not in str(caught.value)
        with pytest.raises(AuthError):
            b.create("devices/a/1", b"x")
    finally:
        b.close()


def test_missing_collection_is_target_missing(server: Server) -> None:
    b = WebDavBackend(server.base + "no-such-collection/", server.user, server.password)
    try:
        with pytest.raises(TargetMissingError):
            b.check()
        with pytest.raises(TargetMissingError):
            b.list("")
        with pytest.raises(TargetMissingError):
            b.get("devices/a/1")
        with pytest.raises(TargetMissingError):
            b.create("devices/a/1", b"x")
    finally:
        b.close()


def test_leftover_temp_uploads_are_not_listed(server: Server) -> None:
    url = server.base + "leftover/"
    auth = (server.user, server.password)
    requests.request("MKCOL", url, auth=auth, timeout=10).close()
    b = WebDavBackend(url, server.user, server.password)
    try:
        b.create("devices/a/1", b"x")
        requests.put(url + ".tmp/crashed-upload", data=b"half", auth=auth, timeout=10).close()
        assert [o.name for o in b.list("")] == ["devices/a/1"]
    finally:
        b.close()


def test_closed_port_is_unreachable_quickly() -> None:
    port = free_port()
    b = open_backend(f"webdav+http://u@127.0.0.1:{port}/dav/", password="pw", timeout=(1, 1))
    started = time.monotonic()
    try:
        with pytest.raises(UnreachableError) as caught:
            b.check()
        assert not caught.value.permanent
    finally:
        b.close()
    assert time.monotonic() - started < 2


def test_a_listing_with_a_dtd_is_refused() -> None:
    b = WebDavBackend("http://127.0.0.1:1/", "u", "p")
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    try:
        with pytest.raises(UnreachableError):
            b._parse_multistatus(bomb)
    finally:
        b.close()


def test_repr_never_shows_the_password(server: Server) -> None:
    b = open_backend(
        "webdav+" + server.base.replace("http://", f"http://{server.user}@"),
        password=server.password,
    )
    try:
        assert server.password not in repr(b)
        b.check()
    finally:
        b.close()


@pytest.mark.parametrize(
    ("status", "error", "permanent"),
    [
        (401, AuthError, True),
        (403, AuthError, True),
        (404, TargetMissingError, True),
        (423, UnreachableError, False),
        (429, UnreachableError, False),
        (500, UnreachableError, False),
        (503, UnreachableError, False),
        (507, StorageFullError, True),
        (400, BackendError, True),
    ],
)
def test_status_codes_map_to_errors(
    status: int, error: type[BackendError], permanent: bool
) -> None:
    b = WebDavBackend("http://127.0.0.1:1/dav/", "u", "secret-pw")
    r = requests.Response()
    r.status_code = status
    r.reason = "Test"
    mapped = b._fail(r, "testing")
    assert isinstance(mapped, error)
    assert mapped.permanent is permanent
    assert "secret-pw" not in str(mapped)
    b.close()


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)  # connections complete in the backlog; nobody answers
        port = listener.getsockname()[1]
        b = WebDavBackend(f"http://127.0.0.1:{port}/", "u", "p", timeout=(0.5, 0.5))
        started = time.monotonic()
        try:
            with pytest.raises(UnreachableError):
                b.get("heads/a")
        finally:
            b.close()
    assert time.monotonic() - started < 2

"""open_backend: URL parsing, credentials from arguments or the environment, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.backends import forget_memory_backend, open_backend
from sync.backends.folder import FolderBackend
from sync.backends.memory import MemoryBackend
from sync.backends.s3 import S3Backend
from sync.backends.webdav import WebDavBackend


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CARNET_REMOTE_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(var, raising=False)


def test_file_url(tmp_path: Path) -> None:
    b = open_backend(tmp_path.as_uri())
    assert isinstance(b, FolderBackend) and b.root == tmp_path


def test_webdav_url_with_password_argument_or_env(monkeypatch: pytest.MonkeyPatch) -> None:
    b = open_backend("webdav+https://dr@cloud.example.net:8443/remote.php/dav/", password="s3cr3t")
    assert isinstance(b, WebDavBackend)
    assert b.url == "https://cloud.example.net:8443/remote.php/dav/"
    assert "s3cr3t" not in repr(b)
    b.close()
    monkeypatch.setenv("CARNET_REMOTE_PASSWORD", "from-env")
    b = open_backend("webdav+http://dr@127.0.0.1:8080/dav")
    assert isinstance(b, WebDavBackend) and b.url == "http://127.0.0.1:8080/dav/"
    b.close()


def test_s3_url(monkeypatch: pytest.MonkeyPatch) -> None:
    b = open_backend(
        "s3://practice-bucket/carnet/p1?endpoint=https://s3.fr-par.scw.cloud&region=fr-par",
        access_key="AK",
        secret_key="topsecret",
    )
    assert isinstance(b, S3Backend)
    assert (b.bucket, b.prefix, b.region) == ("practice-bucket", "carnet/p1/", "fr-par")
    assert "topsecret" not in repr(b)
    b.close()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AK")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "SK")
    b = open_backend("s3://bucket")
    assert isinstance(b, S3Backend) and b.prefix == ""
    b.close()


def test_memory_urls_share_a_backend_by_name() -> None:
    try:
        a = open_backend("memory://contract-open", allow_memory=True)
        assert isinstance(a, MemoryBackend)
        assert open_backend("memory://contract-open", allow_memory=True) is a
    finally:
        forget_memory_backend("contract-open")
    assert open_backend("memory://contract-open", allow_memory=True) is not a
    forget_memory_backend("contract-open")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://host/x", "unknown scheme"),
        ("/just/a/path", "unknown scheme"),
        ("file://otherhost/x", "file:///absolute/path"),
        ("file://relative", "file:///absolute/path"),
        ("webdav+https://dr:hunter2@host/dav", "password"),
        ("webdav+https://dr@host:99999/dav", "port"),
        ("webdav+https://dr@host/dav", "password is missing"),
        ("webdav+https:///dav", "webdav+https://user@host/path"),
        ("s3://", "s3://bucket"),
        ("s3://bucket?colour=red", "unknown options"),
        ("s3://bucket", "keys are missing"),
        ("s3://bucket?endpoint=ftp://x", "endpoint"),
        ("memory://x", "unknown scheme"),  # test-only: never from a user's address
    ],
)
def test_bad_urls_give_one_clear_sentence(url: str, says: str) -> None:
    keys = ("AK", "SK") if "endpoint=ftp" in url else (None, None)
    with pytest.raises(ValueError) as caught:
        open_backend(url, access_key=keys[0], secret_key=keys[1])
    message = str(caught.value)
    assert says in message
    assert "hunter2" not in message
    assert message.endswith(".") and "\n" not in message

"""Storage credentials: from the environment, remembered in a real Secret Service, never
written to a file."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from keyring.backends import SecretService

from desktop.practice.keycache import KeyCache
from desktop.remote import credentials
from desktop.remote.credentials import Credentials
from tests.helpers.keyring_service import secret_service

URL = "webdav+https://dr@cloud.example.fr/remote.php/dav/files/dr/carnet/"


def test_credentials_come_from_the_environment_first(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARNET_REMOTE_PASSWORD", "from-env")
    assert credentials.resolve(URL) == {"password": "from-env"}
    assert credentials.resolve(URL, Credentials(password="given")) == {"password": "given"}


def test_without_a_keyring_nothing_is_remembered(monkeypatch: pytest.MonkeyPatch):
    from keyring.backends import fail

    monkeypatch.setattr(
        credentials, "credential_cache", lambda: KeyCache("carnet-remote", backend=fail.Keyring())
    )
    monkeypatch.setenv("CARNET_REMOTE_PASSWORD", "pw")
    assert credentials.remember_from_environment(URL) is False
    monkeypatch.delenv("CARNET_REMOTE_PASSWORD")
    assert credentials.resolve(URL) == {}


@pytest.mark.server
def test_remote_set_remembers_credentials_in_the_secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with secret_service(tmp_path / "ss") as session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.address)
        cache = KeyCache("carnet-remote", backend=SecretService.Keyring())
        monkeypatch.setattr(credentials, "credential_cache", lambda: cache)
        monkeypatch.setenv("CARNET_REMOTE_PASSWORD", "s3cret-dav")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIA-TEST")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "aws-secret")
        s3 = "s3://bucket/carnet?endpoint=https://s3.example.fr&region=fr-par"
        assert credentials.remember_from_environment(URL) is True
        assert credentials.remember_from_environment(s3) is True
        for name in ("CARNET_REMOTE_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            monkeypatch.delenv(name)
        assert credentials.resolve(URL) == {"password": "s3cret-dav"}
        assert credentials.resolve(s3) == {
            "access_key": "AKIA-TEST",
            "secret_key": "aws-secret",
        }
        stored = b"".join(p.read_bytes() for p in (tmp_path / "ss").rglob("*") if p.is_file())
        assert b"s3cret-dav" not in stored  # gnome-keyring encrypts its file
        gc.collect()

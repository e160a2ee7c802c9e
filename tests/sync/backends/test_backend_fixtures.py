"""The shared server fixtures work as documented, so other suites can rely on them."""

from __future__ import annotations

import pytest

from sync.backends import open_backend
from tests.helpers.servers import RemoteTarget, require_or_skip


def test_remote_url_opens_a_fresh_empty_remote(remote_url: RemoteTarget) -> None:
    backend = open_backend(remote_url.url, **remote_url.credentials)
    try:
        backend.check()
        assert backend.list("") == []
        backend.create("devices/a/000001", b"x")
        assert backend.get("devices/a/000001") == b"x"
    finally:
        backend.close()
    for secret in remote_url.env.values():
        assert secret not in remote_url.url


def test_remote_url_env_works_like_the_arguments(
    remote_url: RemoteTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in remote_url.env.items():
        monkeypatch.setenv(key, value)
    backend = open_backend(remote_url.url)
    try:
        backend.check()
    finally:
        backend.close()


def test_missing_servers_skip_normally_but_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_or_skip("no server")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_or_skip("no server")

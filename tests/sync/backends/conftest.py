"""Fixtures for the backend tests: one fresh backend per test, on every kind of storage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sync.backends import Backend, open_backend
from sync.backends.memory import MemoryBackend
from tests.helpers.servers import RemoteTarget, make_remote

BACKEND_KINDS = ("memory", "folder", "webdav-wsgidav", "webdav-apache", "s3-moto")

BackendFactory = Callable[[], Backend]


@pytest.fixture(params=BACKEND_KINDS)
def backend_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def backend_target(
    backend_kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> RemoteTarget | None:
    """The fresh remote behind ``backend`` (``None`` for memory)."""
    if backend_kind == "memory":
        return None
    return make_remote(backend_kind, request, tmp_path)


@pytest.fixture
def backend_factory(backend_target: RemoteTarget | None) -> Iterator[BackendFactory]:
    """Opens more clients of the same fresh remote (one per thread, like separate devices).

    Every client opened is closed at the end of the test.
    """
    opened: list[Backend] = []
    shared = MemoryBackend()

    def factory() -> Backend:
        if backend_target is None:
            return shared
        b = open_backend(backend_target.url, **backend_target.credentials)
        opened.append(b)
        return b

    yield factory
    for b in opened:
        b.close()


@pytest.fixture
def backend(backend_factory: BackendFactory) -> Backend:
    """A fresh, empty backend of each kind."""
    return backend_factory()

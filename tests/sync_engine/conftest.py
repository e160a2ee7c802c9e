"""Fixtures for the sync engine: an in-memory practice remote, replicas, engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sync.backends.base import Backend, ObjectInfo
from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.remote import create_practice_remote
from sync.segments import PracticeKeys
from tests.sync_engine.memory_replica import MemoryReplica

PASSPHRASE = "correct horse battery staple"
PRACTICE_ID = "0b9f3c52-6f1e-4c1e-9a53-0f6c2d6a8e11"


class CountingBackend:
    """Counts every request by kind; the idle-sync and bulk-push tests read it."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.capabilities = inner.capabilities
        self.calls: list[tuple[str, str]] = []

    def list(self, prefix: str) -> list[ObjectInfo]:
        self.calls.append(("list", prefix))
        return self.inner.list(prefix)

    def get(self, name: str) -> bytes:
        self.calls.append(("get", name))
        return self.inner.get(name)

    def create(self, name: str, data: bytes) -> None:
        self.calls.append(("create", name))
        self.inner.create(name, data)

    def put(self, name: str, data: bytes) -> None:
        self.calls.append(("put", name))
        self.inner.put(name, data)

    def delete(self, name: str) -> None:
        self.calls.append(("delete", name))
        self.inner.delete(name)

    def check(self) -> None:
        self.inner.check()

    def close(self) -> None:
        self.inner.close()


class FakeWall:
    """A shared, hand-driven wall clock: concurrent writes may share a millisecond, so the
    device id tie-break is exercised."""

    def __init__(self) -> None:
        self.ms = 1_700_000_000_000

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def backend() -> MemoryBackend:
    return MemoryBackend()


@pytest.fixture
def keys(backend: MemoryBackend) -> PracticeKeys:
    practice_keys, _recovery = create_practice_remote(backend, PRACTICE_ID, PASSPHRASE)
    return practice_keys


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


@pytest.fixture
def make_replica(wall: FakeWall) -> Iterator[Callable[[str], MemoryReplica]]:
    def make(device: str) -> MemoryReplica:
        return MemoryReplica(device, now_ms=wall)

    yield make


@pytest.fixture
def engine_for(backend: MemoryBackend, keys: PracticeKeys) -> Callable[[MemoryReplica], SyncEngine]:
    def make(replica: MemoryReplica, **kwargs: Any) -> SyncEngine:
        return SyncEngine(replica, backend, keys, **kwargs)

    return make

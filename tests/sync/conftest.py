"""Fixtures for the sync engine: an in-memory practice remote, replicas, engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.remote import create_practice_remote
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.sync_engine import PASSPHRASE, PRACTICE_ID, FakeWall


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

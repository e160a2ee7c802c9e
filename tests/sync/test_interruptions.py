"""Interrupt push and pull at every storage request (a lost connection or a killed process
between two steps), then sync again: nothing lost, nothing duplicated, state converges."""

from __future__ import annotations

import pytest

from sync.backends.base import Backend, ObjectInfo, UnreachableError
from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.errors import RemoteUnavailableError
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica

KEYS = PracticeKeys("practice", {1: bytes(range(32))}, 1)


class CutAfter:
    """Lets ``budget`` requests through, then the connection is gone. With ``after=True``
    the request that exhausts the budget is performed and *then* fails (the reply is lost)."""

    def __init__(self, inner: Backend, budget: int, after: bool) -> None:
        self.inner, self.budget, self.after = inner, budget, after
        self.capabilities = inner.capabilities

    def _spend(self) -> None:
        if self.budget <= 0:
            raise UnreachableError("connection reset")
        self.budget -= 1

    def _do(self, fn, *args):  # type: ignore[no-untyped-def]
        self._spend()
        result = fn(*args)
        if self.after and self.budget == 0:
            raise UnreachableError("connection reset after the request")
        return result

    def list(self, prefix: str) -> list[ObjectInfo]:
        return self._do(self.inner.list, prefix)  # type: ignore[no-any-return]

    def get(self, name: str) -> bytes:
        return self._do(self.inner.get, name)  # type: ignore[no-any-return]

    def create(self, name: str, data: bytes) -> None:
        self._do(self.inner.create, name, data)

    def put(self, name: str, data: bytes) -> None:
        self._do(self.inner.put, name, data)

    def delete(self, name: str) -> None:
        self._do(self.inner.delete, name)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


def scenario() -> tuple[MemoryBackend, MemoryReplica, MemoryReplica]:
    backend = MemoryBackend()
    a, b = MemoryReplica("dev-a"), MemoryReplica("dev-b")
    for i in range(7):
        a.write("patient", f"a{i}", {"name": f"A{i}"})
        b.write("patient", f"b{i}", {"name": f"B{i}"})
    b.write("patient", "a1", {"phone": "01"})
    SyncEngine(b, backend, KEYS, segment_changes=3).sync()
    return backend, a, b


@pytest.mark.parametrize("after", [False, True])
@pytest.mark.parametrize("budget", range(12))
def test_interrupted_sync_resumes(budget: int, after: bool) -> None:
    backend, a, b = scenario()
    engine = SyncEngine(a, CutAfter(backend, budget, after), KEYS, segment_changes=3)
    try:
        engine.sync()
    except RemoteUnavailableError as exc:
        assert not exc.permanent
    for _ in range(2):
        SyncEngine(a, backend, KEYS, segment_changes=3).sync()
        SyncEngine(b, backend, KEYS, segment_changes=3).sync()
    assert a.full_state() == b.full_state()
    assert len(a.values()) == 14
    # No segment applied twice, none skipped.
    assert b.applied_segments == [("dev-a", n) for n in range(1, 4)]
    assert a.applied_segments == [("dev-b", n) for n in range(1, 4)]

"""The sync engine's test doubles: a counting backend, a fake wall clock, fixed ids."""

from __future__ import annotations

from sync.backends.base import Backend, ObjectInfo

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

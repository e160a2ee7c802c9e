"""An in-memory backend: fast property tests and a reference for the contract suite."""

from __future__ import annotations

import threading

from sync.backends._names import check_name, check_prefix
from sync.backends.base import (
    AlreadyExistsError,
    Capabilities,
    NotFoundError,
    ObjectInfo,
)


class MemoryBackend:
    """Validates names like the real adapters, so tests on it catch a bad name too."""

    capabilities = Capabilities(atomic_create=True)

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def list(self, prefix: str) -> list[ObjectInfo]:
        check_prefix(prefix)
        with self._lock:
            return sorted(
                (ObjectInfo(n, len(d)) for n, d in self.objects.items() if n.startswith(prefix)),
                key=lambda o: o.name,
            )

    def get(self, name: str) -> bytes:
        check_name(name)
        with self._lock:
            try:
                return self.objects[name]
            except KeyError:
                raise NotFoundError(f"no object named {name}") from None

    def create(self, name: str, data: bytes) -> None:
        check_name(name)
        with self._lock:
            if name in self.objects:
                raise AlreadyExistsError(f"{name} already exists")
            self.objects[name] = bytes(data)

    def put(self, name: str, data: bytes) -> None:
        check_name(name)
        with self._lock:
            self.objects[name] = bytes(data)

    def delete(self, name: str) -> None:
        check_name(name)
        with self._lock:
            self.objects.pop(name, None)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None

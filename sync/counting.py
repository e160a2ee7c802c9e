"""The engine's view of a backend: every request counted, storage errors translated.

``CountingStore`` wraps a :class:`sync.backends.base.Backend`: it counts requests (the
idle-sync-is-one-request promise is measured with it) and turns storage errors into
:mod:`sync.errors`, except "already exists" and "not found", which the engine handles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from sync.backends.base import (
    AlreadyExistsError,
    Backend,
    BackendError,
    NotFoundError,
    ObjectInfo,
)
from sync.errors import from_backend
from sync.layout import first_layout_head_name, head_name, parse_numbered


class CountingStore:
    """Counts the engine's storage requests and turns storage errors into sync errors,
    except the two the engine handles itself (already exists, not found)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.capabilities = backend.capabilities
        self.requests = 0

    def _call(self, fn: Callable[[], object]) -> object:
        self.requests += 1
        try:
            return fn()
        except (AlreadyExistsError, NotFoundError):
            raise
        except BackendError as exc:
            raise from_backend(exc) from exc

    def list(self, prefix: str) -> list[ObjectInfo]:
        result = self._call(lambda: self.backend.list(prefix))
        assert isinstance(result, list)
        return result

    def get(self, name: str) -> bytes:
        result = self._call(lambda: self.backend.get(name))
        assert isinstance(result, bytes)
        return result

    def create(self, name: str, data: bytes) -> None:
        self._call(lambda: self.backend.create(name, data))

    def put(self, name: str, data: bytes) -> None:
        self._call(lambda: self.backend.put(name, data))

    def delete(self, name: str) -> None:
        self._call(lambda: self.backend.delete(name))

    def check(self) -> None:
        self._call(self.backend.check)

    def close(self) -> None:
        self.backend.close()


class Reader(Protocol):
    def get(self, name: str) -> bytes: ...


def get_head_bytes(store: Reader, pid: str, device: str, seq: int) -> bytes:
    """A head's bytes, at its name or, on storage written before heads were flat, at the
    first layout's."""
    try:
        return store.get(head_name(pid, device, seq))
    except NotFoundError:
        return store.get(first_layout_head_name(pid, device, seq))


def latest_numbered(
    listing: Iterable[ObjectInfo],
    prefix: str,
    parse: Callable[[str, str], tuple[str, int] | None] = parse_numbered,
) -> dict[str, list[int]]:
    """Device -> its numbered objects under ``prefix``, ascending (foreign names ignored)."""
    found: dict[str, list[int]] = {}
    for obj in listing:
        parsed = parse(obj.name, prefix)
        if parsed is not None:
            found.setdefault(parsed[0], []).append(parsed[1])
    return {dev: sorted(nums) for dev, nums in found.items()}

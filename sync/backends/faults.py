"""A fault-injecting :class:`Backend` wrapper for tests: deterministic and seeded.

Faults are planned, not random, unless a ``transient_rate`` is given (then drawn from a
``random.Random(seed)``, so a failing run replays exactly). A planned :class:`Fault`
hits the ``nth`` matching call (1-based, counted per operation, or across all operations
when ``op`` is ``None``) and can:

* raise an error before the call reaches the storage (``error``), or after it was
  applied (``after=True``: the write happened but its answer was lost);
* truncate what ``get`` returns (``truncate=k`` keeps the first ``k`` bytes), as a
  broken proxy or a half-synced folder would;
* stall (``stall=s`` calls the injected ``sleep(s)`` first; with an ``error`` it models a
  timeout).

``calls`` records every call as ``(op, name)``, so tests can assert what was attempted.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sync.backends.base import Backend, BackendError, Capabilities, ObjectInfo, UnreachableError

T = TypeVar("T")
OPS = ("list", "get", "create", "put", "delete", "check")


def transient() -> BackendError:
    """The default injected error: a transient, retryable failure."""
    return UnreachableError("Injected fault: the storage did not answer.")


@dataclass(frozen=True, slots=True)
class Fault:
    """One planned fault; see the module docstring."""

    nth: int
    op: str | None = None
    error: Callable[[], BackendError] | None = transient
    after: bool = False
    truncate: int | None = None
    stall: float = 0.0

    @classmethod
    def truncated(cls, nth: int, keep: int) -> Fault:
        """The ``nth`` get returns only its first ``keep`` bytes, without an error."""
        return cls(nth=nth, op="get", error=None, truncate=keep)

    def __post_init__(self) -> None:
        if self.nth < 1:
            raise ValueError("Fault.nth counts calls from 1.")
        if self.op is not None and self.op not in OPS:
            raise ValueError(f"Fault.op must be one of {', '.join(OPS)}.")


class FaultyBackend:
    """Wraps a backend and injects the planned faults (plus optional random ones)."""

    def __init__(
        self,
        inner: Backend,
        faults: list[Fault] | tuple[Fault, ...] = (),
        *,
        seed: int = 0,
        transient_rate: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner
        self.faults = list(faults)
        self.transient_rate = transient_rate
        self.calls: list[tuple[str, str]] = []
        self.injected = 0
        self._rng = random.Random(seed)
        self._sleep = sleep
        self._counts: dict[str | None, int] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FaultyBackend({self.inner!r})"

    @property
    def capabilities(self) -> Capabilities:
        return self.inner.capabilities

    def _due(self, op: str, name: str) -> list[Fault]:
        with self._lock:
            self.calls.append((op, name))
            for key in (op, None):
                self._counts[key] = self._counts.get(key, 0) + 1
            due = [f for f in self.faults if f.op in (op, None) and f.nth == self._counts[f.op]]
            if self.transient_rate and self._rng.random() < self.transient_rate:
                due.append(Fault(nth=1, op=op))
            return due

    def _run(self, op: str, name: str, call: Callable[[], T]) -> T:
        return self._apply(self._due(op, name), call)

    def _apply(self, due: list[Fault], call: Callable[[], T]) -> T:
        for fault in due:
            if fault.stall:
                self._sleep(fault.stall)
        for fault in due:
            if fault.error is not None and not fault.after:
                self.injected += 1
                raise fault.error()
        result = call()
        for fault in due:
            if fault.error is not None and fault.after:
                self.injected += 1
                raise fault.error()
        return result

    def list(self, prefix: str) -> list[ObjectInfo]:
        return self._run("list", prefix, lambda: self.inner.list(prefix))

    def get(self, name: str) -> bytes:
        due = self._due("get", name)
        data = self._apply(due, lambda: self.inner.get(name))
        for fault in due:
            if fault.truncate is not None:
                self.injected += 1
                data = data[: fault.truncate]
        return data

    def create(self, name: str, data: bytes) -> None:
        self._run("create", name, lambda: self.inner.create(name, data))

    def put(self, name: str, data: bytes) -> None:
        self._run("put", name, lambda: self.inner.put(name, data))

    def delete(self, name: str) -> None:
        self._run("delete", name, lambda: self.inner.delete(name))

    def check(self) -> None:
        self._run("check", "", self.inner.check)

    def close(self) -> None:
        self.inner.close()

"""Retry a backend's transient failures with capped exponential backoff and full jitter.

Like restic's ``retry`` backend: a decorator around any :class:`Backend`. Errors whose
``permanent`` flag is set (not found, exists, credentials, full, missing target) are
raised at once; other :class:`BackendError` s are retried up to ``attempts`` times in
all and never past ``max_total`` seconds; anything that is not a ``BackendError`` is a
bug and propagates untouched. ``sleep``, ``clock`` and ``rng`` are injectable so that tests
never really wait.

A retried ``create`` may find its own first attempt already stored (the response was
lost, not the write): if the object then holds exactly the bytes we sent, the create
counts as done instead of raising :class:`AlreadyExistsError`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sync.backends.base import (
    AlreadyExistsError,
    Backend,
    BackendError,
    Capabilities,
    ObjectInfo,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``attempts`` in all (first try included); delays grow ``base * 2**n`` up to ``cap``,
    each one drawn uniformly in ``[0, that]`` ("full jitter"); no new attempt starts once
    ``max_total`` seconds have passed or the next delay would pass it."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 30.0
    max_total: float = 120.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base < 0 or self.cap < 0 or self.max_total < 0:
            raise ValueError("A retry policy needs at least one attempt and no negative time.")


class RetryingBackend:
    """A :class:`Backend` that retries the wrapped one's transient errors."""

    def __init__(
        self,
        inner: Backend,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        on_retry: Callable[[str, int, BackendError, float], None] | None = None,
    ) -> None:
        self.inner = inner
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._on_retry = on_retry

    def __repr__(self) -> str:
        return f"RetryingBackend({self.inner!r})"

    @property
    def capabilities(self) -> Capabilities:
        return self.inner.capabilities

    def _run(self, op: str, call: Callable[[], T]) -> T:
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return call()
            except BackendError as exc:
                if exc.permanent or attempt >= self.policy.attempts:
                    raise
                ceiling = min(self.policy.cap, self.policy.base * 2 ** (attempt - 1))
                delay = self._rng.uniform(0.0, ceiling)
                if self._clock() - started + delay > self.policy.max_total:
                    raise
                if self._on_retry is not None:
                    self._on_retry(op, attempt, exc, delay)
                self._sleep(delay)

    def list(self, prefix: str) -> list[ObjectInfo]:
        return self._run("list", lambda: self.inner.list(prefix))

    def get(self, name: str) -> bytes:
        return self._run("get", lambda: self.inner.get(name))

    def create(self, name: str, data: bytes) -> None:
        tries = 0

        def once() -> None:
            nonlocal tries
            tries += 1
            try:
                self.inner.create(name, data)
            except AlreadyExistsError:
                # After a failed attempt, the "existing" object may be our own write.
                if tries > 1 and self.inner.get(name) == data:
                    return
                raise

        self._run("create", once)

    def put(self, name: str, data: bytes) -> None:
        self._run("put", lambda: self.inner.put(name, data))

    def delete(self, name: str) -> None:
        self._run("delete", lambda: self.inner.delete(name))

    def check(self) -> None:
        self._run("check", self.inner.check)

    def close(self) -> None:
        self.inner.close()

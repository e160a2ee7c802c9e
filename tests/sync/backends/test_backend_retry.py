"""The retry wrapper, driven by the fault wrapper; an injected clock means no real sleep."""

from __future__ import annotations

import random

import pytest

from sync.backends import (
    AuthError,
    BackendError,
    NotFoundError,
    StorageFullError,
    UnreachableError,
)
from sync.backends.faults import Fault, FaultyBackend
from sync.backends.memory import MemoryBackend
from sync.backends.retry import RetryingBackend, RetryPolicy


class FakeClock:
    """time.monotonic and time.sleep for tests: sleeping advances the clock."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def _wrap(
    faulty: FaultyBackend, clock: FakeClock, policy: RetryPolicy | None = None
) -> RetryingBackend:
    return RetryingBackend(faulty, policy, sleep=clock.sleep, clock=clock, rng=random.Random(1))


def test_transient_errors_are_retried_with_growing_jittered_delays() -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), [Fault(nth=n, op="put") for n in (1, 2, 3)])
    b = _wrap(faulty, clock, RetryPolicy(attempts=6, base=1.0, cap=100.0))
    b.put("heads/a", b"x")
    assert b.get("heads/a") == b"x"
    assert [op for op, _ in faulty.calls].count("put") == 4
    assert len(clock.sleeps) == 3
    for n, delay in enumerate(clock.sleeps):
        assert 0.0 <= delay <= 1.0 * 2**n  # full jitter within the exponential ceiling


@pytest.mark.parametrize(
    "error", [NotFoundError, AuthError, StorageFullError], ids=lambda e: e.__name__
)
def test_permanent_errors_are_not_retried(error: type[BackendError]) -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), [Fault(nth=1, op="get", error=lambda: error("x"))])
    b = _wrap(faulty, clock)
    with pytest.raises(error):
        b.get("a")
    assert len(faulty.calls) == 1
    assert clock.sleeps == []


def test_attempts_are_bounded() -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), transient_rate=1.0)
    b = _wrap(faulty, clock, RetryPolicy(attempts=4))
    with pytest.raises(UnreachableError):
        b.list("")
    assert len(faulty.calls) == 4
    assert len(clock.sleeps) == 3


def test_total_time_is_bounded() -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), transient_rate=1.0)
    policy = RetryPolicy(attempts=1000, base=1.0, cap=8.0, max_total=30.0)
    b = _wrap(faulty, clock, policy)
    with pytest.raises(UnreachableError):
        b.check()
    assert clock.now <= 30.0
    assert 3 < len(faulty.calls) < 1000


def test_stall_then_timeout_is_retried() -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), [Fault(nth=1, op="get", stall=30.0)], sleep=clock.sleep)
    inner = faulty.inner
    assert isinstance(inner, MemoryBackend)
    inner.put("a", b"x")
    b = _wrap(faulty, clock, RetryPolicy(max_total=120.0))
    assert b.get("a") == b"x"
    assert clock.sleeps[0] == 30.0


def test_a_retried_create_whose_first_write_landed_succeeds() -> None:
    """The answer was lost, not the write: the retry finds our own bytes."""
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), [Fault(nth=1, op="create", after=True)])
    b = _wrap(faulty, clock)
    b.create("devices/a/1", b"segment")
    assert b.get("devices/a/1") == b"segment"
    assert faulty.injected == 1


def test_a_retried_create_that_finds_other_bytes_still_fails() -> None:
    from sync.backends import AlreadyExistsError

    clock = FakeClock()
    mem = MemoryBackend()
    mem.create("devices/a/1", b"someone else")
    faulty = FaultyBackend(mem, [Fault(nth=1, op="create")])
    with pytest.raises(AlreadyExistsError):
        _wrap(faulty, clock).create("devices/a/1", b"mine")


def test_bugs_are_not_retried() -> None:
    clock = FakeClock()
    faulty = FaultyBackend(MemoryBackend(), [Fault(nth=1, error=lambda: ValueError("bug"))])  # type: ignore[arg-type, return-value]
    with pytest.raises(ValueError):
        _wrap(faulty, clock).list("")
    assert clock.sleeps == []


def test_truncated_bodies_and_fault_plans_are_deterministic() -> None:
    mem = MemoryBackend()
    mem.put("a", b"0123456789")
    faulty = FaultyBackend(mem, [Fault.truncated(nth=2, keep=4)])
    assert faulty.get("a") == b"0123456789"
    assert faulty.get("a") == b"0123"
    assert faulty.get("a") == b"0123456789"

    def run(seed: int) -> list[bool]:
        f = FaultyBackend(mem, seed=seed, transient_rate=0.5)
        outcome = []
        for _ in range(20):
            try:
                f.get("a")
                outcome.append(True)
            except UnreachableError:
                outcome.append(False)
        return outcome

    assert run(7) == run(7)
    assert run(7) != run(8)
    assert True in run(7) and False in run(7)

"""The background loop's timing, driven by a fake clock (no sleeps), and a real thread."""

from __future__ import annotations

import threading

import pytest

from desktop.cli.output import exit_code
from sync.backends.base import TargetMissingError
from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine, SyncReport
from sync.errors import IntegrityError, NotAPracticeError, RemoteUnavailableError, from_backend
from sync.scheduler import Plan, State, Status, SyncScheduler, Timing
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica

TIMING = Timing(debounce=2, debounce_max=10, poll=60, backoff_initial=5, backoff_max=40)
REPORT = SyncReport(0, 0, {}, 0, 0, 1)


def plan() -> Plan:
    return Plan(TIMING, jitter=lambda: 1.0)


def test_first_sync_is_immediate_then_polls() -> None:
    p = plan()
    assert p.due_at() == float("-inf")
    p.started(100)
    p.succeeded()
    assert p.due_at() == 160


def test_local_changes_are_debounced_but_not_starved() -> None:
    p = plan()
    p.started(0)
    p.succeeded()
    p.local_change(10)
    assert p.due_at() == 12
    for t in range(11, 30):  # typing continuously
        p.local_change(t)
    assert p.due_at() == 20  # first change + debounce_max


def test_backoff_doubles_up_to_the_max_and_resets_on_success() -> None:
    p = plan()
    delays = []
    now = 0.0
    for _ in range(6):
        p.started(now)
        p.failed(now, permanent=False)
        due = p.due_at()
        assert due is not None
        delays.append(due - now)
        now = due
    assert delays == [5, 10, 20, 40, 40, 40]
    p.started(now)
    p.succeeded()
    assert p.due_at() == now + 60


def test_permanent_error_waits_for_the_user() -> None:
    p = plan()
    p.started(0)
    p.failed(0, permanent=True)
    p.local_change(1)
    assert p.due_at() is None
    p.sync_now()
    assert p.due_at() == float("-inf")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_states_offline_then_resumes_with_pending_count() -> None:
    clock = FakeClock()
    outcomes: list[Exception | None] = [RemoteUnavailableError("no route"), None]
    statuses: list[Status] = []

    def run(cancel: threading.Event) -> SyncReport:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return REPORT

    sched = SyncScheduler(
        run,
        timing=TIMING,
        pending=lambda: 14,
        on_status=statuses.append,
        clock=clock,
        jitter=lambda: 1.0,
    )
    status = sched.run_once()
    assert status.state is State.OFFLINE and status.pending == 14
    assert exit_code(status.error) == 4 and status.next_attempt == 5
    clock.now = 5
    status = sched.run_once()
    assert status.state is State.SYNCED and status.synced_at == 5 and status.failures == 0
    assert [s.state for s in statuses] == [
        State.SYNCING,
        State.OFFLINE,
        State.SYNCING,
        State.SYNCED,
    ]


def test_a_storage_not_there_is_retried_and_synced_once_back() -> None:
    """A folder storage not connected (a disk, a share, the laptop away): retried with
    backoff, not blocked until the user acts, so it syncs on its own once it is back."""
    clock = FakeClock()
    outcomes: list[Exception | None] = [
        from_backend(TargetMissingError("The folder /mnt/nas does not exist.")),
        None,
    ]

    def run(cancel: threading.Event) -> SyncReport:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return REPORT

    sched = SyncScheduler(run, timing=TIMING, clock=clock, jitter=lambda: 1.0)
    status = sched.run_once()
    assert status.state is State.ERROR and isinstance(status.error, NotAPracticeError)
    assert status.next_attempt == 5  # the first backoff, as for a network down
    clock.now = 5
    assert sched.run_once().state is State.SYNCED


def test_integrity_error_is_reported_and_not_retried() -> None:
    def run(cancel: threading.Event) -> SyncReport:
        raise IntegrityError("segment 3 of device d is missing", "d", 3)

    sched = SyncScheduler(run, timing=TIMING, clock=FakeClock())
    status = sched.run_once()
    assert status.state is State.ERROR and exit_code(status.error) == 5
    assert status.next_attempt is None and "segment 3" in (status.last_error or "")


@pytest.mark.timeout(20)
def test_real_thread_syncs_on_change_and_stops_cleanly() -> None:
    a = MemoryReplica("dev-a")
    b = MemoryReplica("dev-b")
    backend = MemoryBackend()
    keys = PracticeKeys("p", {1: bytes(32)}, 1)
    synced = threading.Event()

    def run(cancel: threading.Event) -> SyncReport:
        report = SyncEngine(a, backend, keys, cancel=cancel).sync()
        if report.pushed_changes:
            synced.set()
        return report

    sched = SyncScheduler(run, timing=Timing(debounce=0.01, poll=3600))
    sched.start()
    a.write("patient", "p1", {"name": "X"})
    sched.notify_local_change()
    assert synced.wait(10)
    sched.stop(timeout=10)
    assert sched.status().state is State.STOPPED
    SyncEngine(b, backend, keys).sync()
    assert b.values() == a.values()


def test_stop_cancels_a_running_sync_between_segments() -> None:
    a = MemoryReplica("dev-a")
    for i in range(20):
        a.write("patient", f"p{i}", {"name": "X"})
    backend = MemoryBackend()
    keys = PracticeKeys("p", {1: bytes(32)}, 1)
    cancel = threading.Event()
    seen = []

    def progress(step: str, done: int, total: int) -> None:
        seen.append(done)
        cancel.set()  # the user presses "stop" after the first segment

    engine = SyncEngine(a, backend, keys, segment_changes=1, cancel=cancel, progress=progress)
    sched = SyncScheduler(lambda ev: engine.sync(), clock=FakeClock())
    status = sched.run_once()
    assert status.state is State.IDLE
    # What the storage holds is recorded (the segments already on their way, a few at
    # most, included: the next push need not adopt them); the rest waits.
    pushed = a.push_cursor()[0]
    assert pushed == seen[-1] and pushed < 20
    segments = sorted(n for n in backend.objects if "/devices/" in n)
    assert len(segments) == pushed
    b = MemoryReplica("dev-b")
    SyncEngine(a, backend, keys).sync()
    SyncEngine(b, backend, keys).sync()
    assert b.values() == a.values() and len(b.values()) == 20

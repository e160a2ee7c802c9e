"""The background sync loop: soon after local changes, on a poll interval, backing off
when offline, reporting its state, cancellable. Pure threading, no Qt: the desktop app
forwards :class:`Status` to the UI thread itself; ``carnet sync --watch`` prints it.

The timing decisions live in :class:`Plan` (pure, driven by an explicit clock) and the
loop only sleeps until the plan's next deadline or an event, so tests drive the plan with
a fake clock and never sleep.
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from sync.backends.base import BackendError
from sync.engine import SyncReport
from sync.errors import CancelledError, RemoteUnavailableError, from_backend, is_permanent


class State(enum.Enum):
    IDLE = "idle"  # never synced yet in this session
    SYNCING = "syncing"
    SYNCED = "synced"
    OFFLINE = "offline"  # the storage is unreachable: retrying with backoff
    ERROR = "error"  # failed; if permanent (credentials, integrity) waits for sync_now()
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Status:
    """What the UI shows: "synced 2 min ago", "offline: 14 changes waiting", "error: ...".

    Times are from the scheduler's clock (monotonic seconds); ``last_error`` is the
    error's one-line message (never patient data), ``error`` the error itself (what it
    means to the person is for the caller to say: ``desktop.errors``).
    """

    state: State = State.IDLE
    synced_at: float | None = None
    pending: int = 0
    last_error: str | None = None
    error: BaseException | None = None
    failures: int = 0
    next_attempt: float | None = None
    last_report: SyncReport | None = None


@dataclass(frozen=True, slots=True)
class Timing:
    debounce: float = 2.0  # quiet time after a local change before syncing
    debounce_max: float = 15.0  # but never postpone a change longer than this
    poll: float = 60.0
    backoff_initial: float = 5.0
    backoff_max: float = 600.0


class Plan:
    """When to sync next: pure bookkeeping, given the current time by the caller."""

    def __init__(self, timing: Timing, jitter: Callable[[], float] | None = None) -> None:
        self.timing = timing
        self._jitter = jitter or (lambda: random.uniform(0.5, 1.0))
        self.first_change: float | None = None
        self.last_change: float | None = None
        self.last_attempt: float | None = None
        self.retry_at: float | None = None  # set while backing off
        self.failures = 0
        self.blocked = False  # after a permanent error, until sync_now()
        self.forced = False

    def local_change(self, now: float) -> None:
        if self.first_change is None:
            self.first_change = now
        self.last_change = now

    def sync_now(self) -> None:
        self.forced = True
        self.blocked = False
        self.retry_at = None

    def due_at(self) -> float | None:
        """The time of the next sync (None: nothing planned until an event)."""
        if self.forced or self.last_attempt is None:
            return float("-inf")
        if self.blocked:
            return None
        if self.retry_at is not None:
            return self.retry_at
        due = self.last_attempt + self.timing.poll
        if self.first_change is not None and self.last_change is not None:
            debounced = min(
                self.last_change + self.timing.debounce,
                self.first_change + self.timing.debounce_max,
            )
            due = min(due, debounced)
        return due

    def started(self, now: float) -> None:
        """A sync starts: changes made from now on need another one."""
        self.last_attempt = now
        self.forced = False
        self.first_change = self.last_change = None

    def succeeded(self) -> None:
        self.failures = 0
        self.retry_at = None

    def failed(self, now: float, permanent: bool) -> None:
        self.failures += 1
        if permanent:
            self.blocked = True
            self.retry_at = None
            return
        delay = self.timing.backoff_initial * 2 ** min(self.failures - 1, 20)
        self.retry_at = now + min(self.timing.backoff_max, delay) * self._jitter()


class SyncScheduler:
    """Runs ``run_sync(cancel_event)`` (e.g. ``lambda ev: SyncEngine(..., cancel=ev).sync()``
    with a fresh engine, or one built with that event) on its own thread.

    ``notify_local_change()`` after each committed local write; ``sync_now()`` from a
    button; ``stop()`` cancels a running sync between two segments and joins the thread.
    ``on_status`` is called on the scheduler thread after every state change.
    """

    def __init__(
        self,
        run_sync: Callable[[threading.Event], SyncReport],
        *,
        timing: Timing | None = None,
        pending: Callable[[], int] | None = None,
        on_status: Callable[[Status], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] | None = None,
    ) -> None:
        self._run_sync = run_sync
        self._plan = Plan(timing or Timing(), jitter)
        self._pending = pending or (lambda: 0)
        self._on_status = on_status or (lambda status: None)
        self._clock = clock
        self._cond = threading.Condition()
        self._cancel = threading.Event()
        self._stopping = False
        self._status = Status()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the scheduler is already started")
        self._thread = threading.Thread(target=self._loop, name="carnet-sync", daemon=True)
        self._thread.start()

    def notify_local_change(self) -> None:
        with self._cond:
            self._plan.local_change(self._clock())
            self._cond.notify()

    def sync_now(self) -> None:
        with self._cond:
            self._plan.sync_now()
            self._cond.notify()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Cancel any running sync (it stops between two segments, nothing half-applied)
        and end the thread."""
        with self._cond:
            self._stopping = True
            self._cancel.set()
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout)
        self._publish(replace(self._status, state=State.STOPPED, next_attempt=None))

    def status(self) -> Status:
        with self._cond:
            return self._status

    # ------------------------------------------------------------ the loop

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping:
                    due = self._plan.due_at()
                    now = self._clock()
                    if due is not None and due <= now:
                        break
                    self._cond.wait(None if due is None else due - now)
                if self._stopping:
                    return
            self.run_once()

    def run_once(self) -> Status:
        """One sync attempt now, with its bookkeeping; the loop's body, public so tests
        and ``carnet sync`` can drive the scheduler without a thread."""
        with self._cond:
            self._plan.started(self._clock())
        self._publish(replace(self._status, state=State.SYNCING, pending=self._pending()))
        try:
            report = self._run_sync(self._cancel)
        except CancelledError:
            with self._cond:
                self._plan.failed(self._clock(), permanent=False)
            return self._publish(replace(self._status, state=State.IDLE))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a reported state
            return self._failed(exc)
        with self._cond:
            self._plan.succeeded()
            now = self._clock()
        return self._publish(
            Status(
                state=State.SYNCED,
                synced_at=now,
                pending=self._pending(),
                next_attempt=self._plan.due_at(),
                last_report=report,
            )
        )

    def _failed(self, exc: Exception) -> Status:
        permanent = is_permanent(exc)
        with self._cond:
            self._plan.failed(self._clock(), permanent)
        # Unreachable, whichever layer said it (a sync error, a backend's, the OS's).
        said = from_backend(exc) if isinstance(exc, BackendError) else exc
        offline = not permanent and isinstance(said, RemoteUnavailableError | OSError)
        return self._publish(
            replace(
                self._status,
                state=State.OFFLINE if offline else State.ERROR,
                pending=self._pending(),
                last_error=str(exc) or type(exc).__name__,
                error=exc,
                failures=self._plan.failures,
                next_attempt=self._plan.due_at(),
            )
        )

    def _publish(self, status: Status) -> Status:
        with self._cond:
            self._status = status
        self._on_status(status)
        return status

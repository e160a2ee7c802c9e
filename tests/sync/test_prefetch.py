"""Pull with segments fetched and verified ahead on a helper thread: same result, same
order, same errors as without, and no thread left behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from sync import pull
from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.errors import CancelledError, IntegrityError
from sync.layout import segment_name
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.overlap import first_call_waits_for
from tests.helpers.sync_engine import PRACTICE_ID, FakeWall

MakeReplica = Callable[[str], MemoryReplica]
EngineFor = Callable[..., SyncEngine]
SEGMENTS = 8


@pytest.fixture
def pushed(make_replica: MakeReplica, engine_for: EngineFor, wall: FakeWall) -> MemoryReplica:
    a = make_replica("dev-a")
    for i in range(SEGMENTS):
        a.write("patient", f"p{i}", {"name": f"N{i}"})
        wall.ms += 1
    engine_for(a, segment_changes=1).sync()
    return a


def _prefetch_threads() -> list[threading.Thread]:
    helpers = ("carnet-pull-prefetch", "carnet-pull-fetch")
    return [t for t in threading.enumerate() if t.name in helpers]


@pytest.mark.parametrize("prefetch", [0, 1, 3])
def test_same_state_in_order(
    pushed: MemoryReplica, make_replica: MakeReplica, engine_for: EngineFor, prefetch: int
) -> None:
    b = make_replica("dev-b")
    report = engine_for(b, prefetch=prefetch).sync()
    assert report.pulled_segments == SEGMENTS
    assert b.applied_segments == [("dev-a", n) for n in range(1, SEGMENTS + 1)]
    assert b.full_state() == pushed.full_state()
    assert not _prefetch_threads()


@pytest.mark.parametrize("prefetch", [0, 1, 3])
def test_tampered_segment_stops_in_order(
    pushed: MemoryReplica,
    make_replica: MakeReplica,
    engine_for: EngineFor,
    backend: MemoryBackend,
    prefetch: int,
) -> None:
    name = segment_name(PRACTICE_ID, "dev-a", 5)
    data = bytearray(backend.objects[name])
    data[len(data) // 2] ^= 0x40
    backend.objects[name] = bytes(data)
    b = make_replica("dev-b")
    with pytest.raises(IntegrityError) as info:
        engine_for(b, prefetch=prefetch).sync()
    assert info.value.seq == 5
    # Everything before the bad segment is applied, nothing after (verified before apply).
    assert b.applied_segments == [("dev-a", n) for n in range(1, 5)]
    assert not _prefetch_threads()


def test_cancel_while_prefetching_leaves_no_thread(
    pushed: MemoryReplica, make_replica: MakeReplica, engine_for: EngineFor
) -> None:
    b = make_replica("dev-b")
    cancel = threading.Event()

    def progress(step: str, done: int, total: Any) -> None:
        if step == "pull" and done == 2:
            cancel.set()

    with pytest.raises(CancelledError):
        engine_for(b, prefetch=3, cancel=cancel, progress=progress).sync()
    assert b.applied_segments == [("dev-a", 1), ("dev-a", 2)]
    assert not _prefetch_threads()
    engine_for(b, prefetch=3).sync()  # resumes from its cursor
    assert b.full_state() == pushed.full_state()


def test_the_next_segment_downloads_while_one_is_verified(
    pushed: MemoryReplica,
    make_replica: MakeReplica,
    engine_for: EngineFor,
    backend: MemoryBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Download and verification are two threads: with both on one, the link waited
    while a segment was decrypted and inflated."""
    second = segment_name(PRACTICE_ID, "dev-a", 2)
    second_fetched = threading.Event()
    get = backend.get

    def watched_get(name: str) -> bytes:
        data = get(name)
        if name == second:
            second_fetched.set()
        return data

    # the first segment's verification waits for the second's GET
    slow_open, overlapped = first_call_waits_for(second_fetched, pull.open_segment)
    monkeypatch.setattr(backend, "get", watched_get)
    monkeypatch.setattr(pull, "open_segment", slow_open)
    b = make_replica("dev-b")
    assert engine_for(b, prefetch=2).sync().pulled_segments == SEGMENTS
    assert overlapped == [True]
    assert b.full_state() == pushed.full_state()

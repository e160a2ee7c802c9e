"""The pipelined push (sync/push_pipeline.py): the link never waits for a commit, and the
storage still sees a sequential writer (in order, no gap, head last, a bounded lead)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest

from sync.backends.base import ObjectInfo, UnreachableError
from sync.backends.memory import MemoryBackend
from sync.blobs import BlobRef
from sync.engine import PUSH_DEPTH, SyncEngine
from sync.errors import RemoteUnavailableError
from sync.layout import segment_name
from sync.ports import PendingChange
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import AsideMemoryReplica, MemoryReplica
from tests.helpers.sync_engine import PRACTICE_ID, FakeWall

MakeReplica = Callable[[str], MemoryReplica]


@pytest.fixture(params=["inline", "aside"])
def make_replica(request: pytest.FixtureRequest, wall: FakeWall) -> MakeReplica:
    """Every guarantee below holds whether the replica records on the push's thread or
    on one of its own (sync.ports.RecordsAside, as the SQLCipher store does)."""
    kind = AsideMemoryReplica if request.param == "aside" else MemoryReplica
    return lambda device: kind(device, now_ms=wall)


class Watched:
    """Delegates to a backend; ``on_create(name)`` runs before each create."""

    def __init__(self, inner: MemoryBackend, on_create: Callable[[str], None]) -> None:
        self.inner, self.on_create = inner, on_create
        self.capabilities = inner.capabilities
        self.created: list[str] = []

    def list(self, prefix: str) -> list[ObjectInfo]:
        return self.inner.list(prefix)

    def get(self, name: str) -> bytes:
        return self.inner.get(name)

    def create(self, name: str, data: bytes) -> None:
        self.on_create(name)
        self.inner.create(name, data)
        self.created.append(name)

    def put(self, name: str, data: bytes) -> None:
        self.inner.put(name, data)

    def delete(self, name: str) -> None:
        self.inner.delete(name)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


def _seq(name: str) -> int:
    return int(name.rsplit("/", 1)[1])


def _segments(names: list[str]) -> list[int]:
    return [_seq(n) for n in names if "/devices/" in n]


def _write(replica: MemoryReplica, count: int) -> None:
    for i in range(count):
        replica.write("patient", f"p{i}", {"name": f"N{i}"})


@pytest.mark.timeout(60)
def test_the_next_segment_uploads_while_the_commit_of_the_last_one_runs(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = make_replica("dev-a")
    _write(a, 6)
    second_created = threading.Event()
    overlapped: list[bool] = []

    def slow_commit() -> None:  # the first record_pushed waits for the next create
        if not overlapped:
            overlapped.append(second_created.wait(timeout=20))

    def on_create(name: str) -> None:
        if name == segment_name(PRACTICE_ID, "dev-a", 2):
            second_created.set()

    a.before_record_pushed = slow_commit
    report = SyncEngine(a, Watched(backend, on_create), keys, segment_changes=2).push()
    assert overlapped == [True]  # a sequential push would have waited the 20 s out
    assert report.changes == 6 and report.segments == 3


@pytest.mark.timeout(60)
def test_the_journal_read_goes_on_while_a_commit_runs_aside(
    backend: MemoryBackend, keys: PracticeKeys, wall: FakeWall
) -> None:
    a = AsideMemoryReplica("dev-a", now_ms=wall)
    _write(a, 12)
    read_on = threading.Event()
    overlapped: list[bool] = []
    reads = a.pending_changes

    def pending_changes(after: int, limit: int) -> list[PendingChange]:
        if overlapped:  # a read after the first commit began
            read_on.set()
        return reads(after, limit)

    def slow_commit() -> None:  # the first commit waits for the next read
        if not overlapped:
            overlapped.append(True)
            overlapped.append(read_on.wait(timeout=20))

    a.pending_changes = pending_changes  # type: ignore[method-assign]
    a.before_record_pushed = slow_commit
    report = SyncEngine(a, backend, keys, segment_changes=2).push()
    assert overlapped == [True, True]  # recording on the push's thread would wait it out
    assert a.recorded_on == {"carnet-push-record"}
    assert report.changes == 12 and a.push_cursor()[0] == 12


def test_segments_are_created_in_order_and_the_head_last(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    _write(a, 25)
    watched = Watched(backend, lambda name: None)
    SyncEngine(a, watched, keys, segment_changes=2).push()
    assert _segments(watched.created) == list(range(1, 14))
    assert "/heads/" in watched.created[-1] and all("/devices/" in n for n in watched.created[:-1])
    SyncEngine(b, backend, keys).pull()
    assert b.values() == a.values()


def test_the_push_never_gets_more_than_its_depth_ahead_of_what_is_recorded(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = make_replica("dev-a")
    _write(a, 40)
    leads: list[int] = []

    def on_create(name: str) -> None:
        if "/devices/" in name:
            leads.append(_seq(name) - a.push_cursor()[1].seq)

    SyncEngine(a, Watched(backend, on_create), keys, segment_changes=1).push()
    assert len(leads) == 40 and max(leads) <= PUSH_DEPTH


def test_after_a_failed_create_nothing_later_is_attempted(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    _write(a, 12)
    attempts: list[int] = []

    def on_create(name: str) -> None:
        if "/devices/" in name:
            attempts.append(_seq(name))
            if _seq(name) == 3 and attempts.count(3) == 1:
                raise UnreachableError("connection reset")

    engine = SyncEngine(a, Watched(backend, on_create), keys, segment_changes=2)
    with pytest.raises(RemoteUnavailableError):
        engine.push()
    assert attempts == [1, 2, 3]  # 4, 5, ... sealed ahead but never sent: no gap
    assert a.push_cursor()[1].seq == 2  # what the storage holds is recorded
    engine.push()
    assert attempts == [1, 2, 3, 3, 4, 5, 6]
    SyncEngine(b, backend, keys).pull()
    assert b.values() == a.values()
    assert b.applied_segments == [("dev-a", n) for n in range(1, 7)]


def test_a_crash_before_any_record_leaves_segments_the_next_push_adopts(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    _write(a, 30)
    all_ahead = threading.Event()

    def on_create(name: str) -> None:
        if "/devices/" in name and _seq(name) == 2:
            all_ahead.set()

    def power_cut() -> None:
        all_ahead.wait(timeout=20)  # several segments on the storage, none recorded
        raise KeyboardInterrupt("power cut")

    a.before_record_pushed = power_cut
    with pytest.raises(KeyboardInterrupt):
        SyncEngine(a, Watched(backend, on_create), keys, segment_changes=3).push()
    on_storage = _segments([o.name for o in backend.list(f"{PRACTICE_ID}/devices/")])
    assert len(on_storage) >= 2 and a.push_cursor()[0] == 0
    a.before_record_pushed = None
    a.write("patient", "late", {"name": "written after the crash"})
    report = SyncEngine(a, backend, keys, segment_changes=3).push()
    assert report.changes == 31 and a.pending_changes(a.push_cursor()[0], 100) == []
    SyncEngine(b, backend, keys).pull()
    assert b.values() == a.values()
    assert b.applied_segments == [("dev-a", n) for n in range(1, 12)]  # none twice


def test_the_sequential_push_keeps_one_segment_in_flight(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = make_replica("dev-a")
    _write(a, 10)
    leads: list[int] = []

    def on_create(name: str) -> None:
        if "/devices/" in name:
            leads.append(_seq(name) - a.push_cursor()[1].seq)

    report = SyncEngine(
        a, Watched(backend, on_create), keys, segment_changes=2, pipeline=False
    ).push()
    assert report.segments == 5 and leads == [1] * 5


class DocReplica(MemoryReplica):
    """Its "document" records name an attachment by SHA-256 (field ``blob``)."""

    files: dict[str, bytes]

    def add_document(self, record_id: str, data: bytes) -> None:
        ref = BlobRef.of(data)
        self.files = {**getattr(self, "files", {}), ref.sha256: data}
        self.write("document", record_id, {"blob": ref.to_json()})

    def blobs_referenced(self, changes: Sequence[PendingChange]) -> list[str]:
        fields = [p.change.fields for p in changes]
        return [str(f["blob"]["sha256"]) for f in fields if "blob" in f]

    def read_blob(self, sha256: str) -> bytes:
        return self.files[sha256]


def test_attachments_still_go_before_the_segment_that_names_them(
    backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = DocReplica("dev-a")
    for i in range(9):  # segment k holds document k and one patient
        a.add_document(f"d{i}", f"letter {i} ".encode() * 500)
        a.write("patient", f"p{i}", {"name": "X"})
    chunks_before: list[int] = []
    chunks = 0

    def on_create(name: str) -> None:
        nonlocal chunks
        if "/blobs/" in name:
            chunks += 1
        elif "/devices/" in name:
            chunks_before.append(chunks)

    SyncEngine(a, Watched(backend, on_create), keys, segment_changes=2).push()
    assert len(chunks_before) == 9
    assert all(before >= k for k, before in enumerate(chunks_before, start=1))

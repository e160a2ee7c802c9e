"""``check_remote``: the restore drill, reading only."""

from __future__ import annotations

from sync.backends.memory import MemoryBackend
from sync.blobs import upload_blob
from sync.check import check_remote
from sync.engine import SyncEngine
from sync.layout import head_name, segment_name
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.sync_engine import PRACTICE_ID


def populated(backend: MemoryBackend, keys: PracticeKeys) -> MemoryReplica:
    a, b = MemoryReplica("dev-a"), MemoryReplica("dev-b")
    for i in range(5):
        a.write("patient", f"p{i}", {"name": f"N{i}"})
    b.write("patient", "q", {"name": "Q"})
    SyncEngine(a, backend, keys, segment_changes=2).sync()
    SyncEngine(b, backend, keys).sync()
    SyncEngine(b, backend, keys).publish_snapshot()
    upload_blob(backend, keys, b"scan")
    return b


def test_intact_remote(backend: MemoryBackend, keys: PracticeKeys) -> None:
    b = populated(backend, keys)
    before = dict(backend.objects)
    quick = check_remote(backend, keys, known=b.cursors())
    assert quick.ok and quick.requests == 3  # one listing, two heads
    full = check_remote(backend, keys, read_data=True)
    assert full.ok and full.snapshots == 1 and full.blobs == 1
    assert {(d.device, d.head, d.segments, d.changes) for d in full.devices} == {
        ("dev-a", 3, 3, 5),
        ("dev-b", 1, 1, 1),
    }
    assert backend.objects == before  # read only


def test_problems_are_reported_per_device(backend: MemoryBackend, keys: PracticeKeys) -> None:
    b = populated(backend, keys)
    del backend.objects[segment_name(PRACTICE_ID, "dev-a", 2)]
    seg = segment_name(PRACTICE_ID, "dev-b", 1)
    sealed = backend.objects[seg]  # its last byte flipped (set to 0, it was 0 one time in 256)
    backend.objects[seg] = sealed[:-1] + bytes([sealed[-1] ^ 1])
    report = check_remote(backend, keys, read_data=True, known=b.cursors())
    problems = {d.device: d.problems for d in report.devices}
    assert not report.ok
    assert any("missing segments [2]" in p for p in problems["dev-a"])
    assert any("segment 1 of device dev-b" in p for p in problems["dev-b"])
    quick = check_remote(backend, keys)
    assert {d.device for d in quick.devices if d.problems} == {"dev-a"}  # size unchanged


def test_rollback_is_reported(backend: MemoryBackend, keys: PracticeKeys) -> None:
    b = populated(backend, keys)
    backend.objects[head_name(PRACTICE_ID, "dev-a", 2)] = backend.objects.pop(
        head_name(PRACTICE_ID, "dev-a", 3)
    )
    report = check_remote(backend, keys, known=b.cursors())
    (dev_a,) = [d for d in report.devices if d.device == "dev-a"]
    assert any("rollback" in p for p in dev_a.problems)

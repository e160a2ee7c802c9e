"""Property: random offline edits on 3-5 replicas, random syncs, then a full exchange ->
identical records and conflicts everywhere, and no clinical version lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.segments import PracticeKeys
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.sync_engine import FakeWall

KEYS = PracticeKeys("prop-practice", {1: bytes(range(32))}, 1)

ops = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, 4),  # replica
        st.sampled_from(["p1", "p2"]),  # record
        st.sampled_from(["name", "name", "deleted"]),
        st.sampled_from(["A", "B", "C", True, False]),
    ),
    st.tuples(st.just("note"), st.integers(0, 4)),
    st.tuples(st.just("sync"), st.integers(0, 4)),
    st.tuples(st.just("tick"), st.integers(0, 2)),
    st.tuples(st.just("snapshot"), st.integers(0, 4)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 5), st.lists(ops, min_size=10, max_size=60), st.integers(1, 3))
def test_full_exchange_converges(n: int, script: list[tuple[object, ...]], size: int) -> None:
    wall = FakeWall()
    backend = MemoryBackend()
    replicas = [MemoryReplica(f"dev-{i}", now_ms=wall) for i in range(n)]
    engines = [SyncEngine(r, backend, KEYS, segment_changes=size) for r in replicas]
    notes: dict[str, str] = {}
    for op in script:
        kind, who = op[0], int(op[1]) % n  # type: ignore[call-overload]
        if kind == "edit":
            replicas[who].write("patient", str(op[2]), {str(op[3]): op[4]})
        elif kind == "note":
            note_id = f"n{len(notes)}"
            notes[note_id] = f"version {note_id} by {who}"
            replicas[who].write("note_version", note_id, {"text": notes[note_id]})
        elif kind == "sync":
            engines[who].sync()
        elif kind == "snapshot":
            engines[who].publish_snapshot()
        else:
            wall.ms += who  # 0: concurrent writes share a millisecond
    for _ in range(2):
        for engine in engines:
            engine.sync()
    reference = replicas[0]
    for replica in replicas[1:]:
        assert replica.full_state() == reference.full_state()
        assert replica.conflicts == reference.conflicts
        assert not replica.pending_changes(replica.push_cursor()[0], 1)
    values = reference.values()
    for note_id, text in notes.items():
        assert values[("note_version", note_id)] == {"text": text}
    # A newcomer restored from the newest snapshot plus later segments agrees too.
    newcomer = MemoryReplica("dev-new", now_ms=wall)
    engine = SyncEngine(newcomer, backend, KEYS)
    engine.load_latest_snapshot(newcomer)
    engine.sync()
    assert newcomer.full_state() == reference.full_state()
    assert newcomer.conflicts == reference.conflicts

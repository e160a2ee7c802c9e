"""Push, pull and snapshots between in-memory replicas over the in-memory backend."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from desktop.cli.output import exit_code
from sync.backends.memory import MemoryBackend
from sync.engine import SyncEngine
from sync.errors import DeviceIdCollisionError, IntegrityError, RollbackError
from sync.layout import head_name, segment_name
from sync.ports import Cursor
from sync.remote import open_practice_remote
from sync.segments import PracticeKeys, encode_segment
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.sync_engine import PASSPHRASE, PRACTICE_ID, CountingBackend, FakeWall

MakeReplica = Callable[[str], MemoryReplica]
EngineFor = Callable[..., SyncEngine]


def sync_all(engines: list[SyncEngine], rounds: int = 2) -> None:
    for _ in range(rounds):
        for engine in engines:
            engine.sync()


def test_two_devices_exchange_edits(make_replica: MakeReplica, engine_for: EngineFor) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "Hélène Müller", "birth": "1985-01-17"})
    b.write("patient", "p2", {"name": "Jean Œuvre"})
    ea, eb = engine_for(a), engine_for(b)
    report = ea.sync()
    assert report.pushed_changes == 1 and report.pushed_segments == 1
    report = eb.sync()
    assert report.pulled_changes == {"dev-a": 1} and report.pushed_changes == 1
    ea.sync()
    assert a.values() == b.values()
    assert a.values()[("patient", "p2")] == {"name": "Jean Œuvre"}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_devices_converge_in_every_order(
    make_replica: MakeReplica, engine_for: EngineFor, wall: FakeWall, order: tuple[int, ...]
) -> None:
    reps = [make_replica(f"dev-{c}") for c in "abc"]
    for i, rep in enumerate(reps):
        rep.write("patient", "shared", {"phone": f"06 00 00 00 0{i}", f"own{i}": i})
        rep.write("patient", f"p{i}", {"name": f"Patient {i}"})
        rep.write("note_version", f"n{i}", {"patient": "shared", "text": f"note by {i}"})
        wall.ms += 1 if i == 1 else 0  # two writes share a millisecond: device tie-break
    engines = [engine_for(r) for r in reps]
    sync_all([engines[i] for i in order])
    states = [r.full_state() for r in reps]
    assert states[0] == states[1] == states[2]
    assert reps[0].values()[("patient", "shared")]["phone"] == "06 00 00 00 02"
    conflicts = [set(r.shown_conflicts()) for r in reps]
    assert conflicts[0] == conflicts[1] == conflicts[2] and len(conflicts[0]) == 2
    notes = {k for k in reps[0].values() if k[0] == "note_version"}
    assert notes == {("note_version", f"n{i}") for i in range(3)}  # every version survives


def test_conflict_resolution_is_an_ordinary_write_that_closes_it_everywhere(
    make_replica: MakeReplica, engine_for: EngineFor, wall: FakeWall
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "Dupont"})
    wall.ms += 1
    b.write("patient", "p1", {"name": "Dupond"})
    ea, eb = engine_for(a), engine_for(b)
    sync_all([ea, eb])
    (conflict,) = a.shown_conflicts().values()
    assert set(b.shown_conflicts()) == {conflict.conflict_id}
    assert conflict.loser_value == "Dupont" and a.values()[("patient", "p1")]["name"] == "Dupond"
    wall.ms += 1
    a.write("patient", "p1", {"name": conflict.loser_value})  # "keep remote"
    sync_all([ea, eb])
    assert a.conflicts == b.conflicts == {}
    assert b.values()[("patient", "p1")]["name"] == "Dupont"


def test_delete_is_a_field_and_can_be_undone(
    make_replica: MakeReplica, engine_for: EngineFor, wall: FakeWall
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "X", "deleted": False})
    ea, eb = engine_for(a), engine_for(b)
    sync_all([ea, eb])
    wall.ms += 1
    b.write("patient", "p1", {"deleted": True})
    sync_all([eb, ea])
    assert a.values()[("patient", "p1")]["deleted"] is True
    wall.ms += 1
    a.write("patient", "p1", {"deleted": False})
    sync_all([ea, eb])
    assert b.values()[("patient", "p1")] == {"name": "X", "deleted": False}


def test_applying_the_same_segment_twice_changes_nothing(
    make_replica: MakeReplica, engine_for: EngineFor, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    change = a.write("patient", "p1", {"name": "X"})
    engine_for(a).sync()
    engine_for(b).sync()
    before = (b.full_state(), dict(b.conflicts), b.cursors())
    report = b.apply_segment("dev-a", b.cursor("dev-a"), [change])
    assert report.applied == 0
    # Even merged again under a fresh cursor, the same changes are a no-op.
    b._merge_change(change)
    assert (b.full_state(), dict(b.conflicts), b.cursors()) == before


def test_idle_sync_is_one_request(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    counting = CountingBackend(backend)
    ea = SyncEngine(a, counting, keys)
    eb = SyncEngine(b, counting, keys)
    a.write("patient", "p1", {"name": "X"})
    ea.sync()
    eb.sync()
    counting.calls.clear()
    report = eb.sync()
    assert report.requests == 1 and counting.calls == [("list", f"{PRACTICE_ID}/heads/")]
    assert ea.sync().requests == 1


def test_ten_thousand_changes_push_in_at_most_five_requests(
    make_replica: MakeReplica, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    for i in range(10_000):
        a.write("patient", f"p{i}", {"name": f"Patient {i}", "phone": f"06{i:08d}"})
    counting = CountingBackend(backend)
    report = SyncEngine(a, counting, keys).push()
    assert report.changes == 10_000
    assert len(counting.calls) <= 5, counting.calls
    counting.calls.clear()
    pulled = SyncEngine(b, counting, keys).pull()
    assert pulled.changes == {"dev-a": 10_000}
    assert len(counting.calls) <= 5, counting.calls
    assert a.values() == b.values()


def test_crash_between_create_and_record_pushed_is_harmless(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "X"})

    def crash() -> None:
        raise KeyboardInterrupt("power cut")

    a.before_record_pushed = crash
    with pytest.raises(KeyboardInterrupt):
        engine_for(a).sync()
    assert segment_name(PRACTICE_ID, "dev-a", 1) in backend.objects
    a.before_record_pushed = None
    a.write("patient", "p1", {"phone": "01"})  # more work before the retry
    report = engine_for(a).sync()
    assert report.pushed_changes == 2 and report.pushed_segments == 2
    assert a.push_cursor()[0] == 2
    engine_for(b).sync()
    assert a.values() == b.values()
    assert b.applied_segments == [("dev-a", 1), ("dev-a", 2)]


def test_crash_before_head_is_repaired_on_next_sync(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "X"})
    engine_for(a).sync()
    backend.delete(head_name(PRACTICE_ID, "dev-a", 1))  # as if the head write was lost
    engine_for(a).sync()
    assert head_name(PRACTICE_ID, "dev-a", 1) in backend.objects
    engine_for(b).sync()
    assert b.values() == a.values()


def test_a_cloned_device_id_is_detected(make_replica: MakeReplica, engine_for: EngineFor) -> None:
    original, clone = make_replica("dev-a"), make_replica("dev-a")
    original.write("patient", "p1", {"name": "X"})
    clone.write("patient", "p2", {"name": "Y"})
    engine_for(original).sync()
    with pytest.raises(DeviceIdCollisionError) as info:
        engine_for(clone).sync()
    assert info.value.seq == 1 and exit_code(info.value) == 1
    # A clone with nothing pending sees the collision from the heads.
    with pytest.raises(DeviceIdCollisionError):
        engine_for(make_replica("dev-a")).sync()


# ---------------------------------------------------------------- adversarial storage


@pytest.fixture
def two_pushed(
    make_replica: MakeReplica, engine_for: EngineFor, wall: FakeWall
) -> tuple[MemoryReplica, MemoryReplica]:
    """dev-a pushed three segments (segment_changes=1); dev-b has applied nothing."""
    a, b = make_replica("dev-a"), make_replica("dev-b")
    for i in range(3):
        a.write("patient", f"p{i}", {"name": f"Secret{i}"})
        wall.ms += 1
    engine_for(a, segment_changes=1).sync()
    return a, b


def seg(n: int, device: str = "dev-a") -> str:
    return segment_name(PRACTICE_ID, device, n)


def _flip(backend: MemoryBackend, name: str) -> None:
    data = bytearray(backend.objects[name])
    data[len(data) // 2] ^= 0x40
    backend.objects[name] = bytes(data)


TAMPERINGS: dict[str, Callable[[MemoryBackend], None]] = {
    "flipped byte": lambda be: _flip(be, seg(2)),
    "truncated": lambda be: be.objects.__setitem__(seg(2), be.objects[seg(2)][:-7]),
    "swapped": lambda be: (
        be.objects.__setitem__(seg(2), be.objects[seg(3)]),
        be.objects.__setitem__(seg(3), be.objects[seg(2)]),
    ),
    "replayed": lambda be: be.objects.__setitem__(seg(3), be.objects[seg(1)]),
    "deleted": lambda be: be.objects.pop(seg(2)),
    "last replaced by an older one": lambda be: be.objects.__setitem__(seg(3), be.objects[seg(2)]),
    "head flipped": lambda be: _flip(be, head_name(PRACTICE_ID, "dev-a", 3)),
}


@pytest.mark.parametrize("tamper", list(TAMPERINGS))
def test_tampered_segments_are_detected_and_nothing_bad_applied(
    two_pushed: tuple[MemoryReplica, MemoryReplica],
    engine_for: EngineFor,
    backend: MemoryBackend,
    tamper: str,
) -> None:
    _, b = two_pushed
    TAMPERINGS[tamper](backend)
    with pytest.raises(IntegrityError) as info:
        engine_for(b).sync()
    assert exit_code(info.value) == 5 and info.value.device == "dev-a"
    # Only segments that verified before the tampered one were applied, in order.
    assert b.applied_segments == [("dev-a", n) for n in range(1, len(b.applied_segments) + 1)]
    bad_seq = info.value.seq
    assert bad_seq is not None and len(b.applied_segments) < bad_seq
    assert f"segment {bad_seq}" in str(info.value) or f"head {bad_seq}" in str(info.value)


def test_segment_from_another_practice_is_refused(
    two_pushed: tuple[MemoryReplica, MemoryReplica],
    engine_for: EngineFor,
    backend: MemoryBackend,
) -> None:
    _, b = two_pushed
    foreign = PracticeKeys("another-practice", {1: bytes(32)}, 1)
    backend.objects[seg(1)] = encode_segment(foreign, "dev-a", 1, "", [])
    with pytest.raises(IntegrityError, match="segment 1 of device dev-a"):
        engine_for(b).sync()
    assert b.applied_segments == [] and b.records == {}


def test_rolled_back_head_is_an_alarm(
    two_pushed: tuple[MemoryReplica, MemoryReplica],
    engine_for: EngineFor,
    backend: MemoryBackend,
) -> None:
    a, b = two_pushed
    engine_for(b).sync()
    snapshot = dict(backend.objects)
    a.write("patient", "p9", {"name": "Later"})
    engine_for(a).sync()
    engine_for(b).sync()
    backend.objects.clear()
    backend.objects.update(snapshot)  # the provider serves yesterday's state
    with pytest.raises(RollbackError) as info:
        engine_for(b).sync()
    assert info.value.device == "dev-a" and exit_code(info.value) == 5
    for name in [n for n in backend.objects if "/heads/dev-a." in n]:
        del backend.objects[name]  # or drops the device's head entirely
    with pytest.raises(RollbackError):
        engine_for(b).sync()


def test_wrong_practice_keys_cannot_read(
    two_pushed: tuple[MemoryReplica, MemoryReplica], backend: MemoryBackend
) -> None:
    _, b = two_pushed
    wrong = PracticeKeys(PRACTICE_ID, {1: bytes(32)}, 1)
    with pytest.raises(IntegrityError):
        SyncEngine(b, backend, wrong).sync()
    assert b.records == {}


# ---------------------------------------------------------------- zero knowledge


def test_nothing_readable_reaches_the_storage(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend
) -> None:
    secrets = ["Hélène", "Müller", "2850175123456", "angine streptococcique", "Dupont"]
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "Hélène Müller", "nir": "2850175123456"})
    b.write("note_version", "n1", {"text": "angine streptococcique", "by": "Dr Dupont"})
    ea, eb = engine_for(a), engine_for(b)
    sync_all([ea, eb])
    ea.publish_snapshot()
    blob = b"\n".join(name.encode() + b"\0" + data for name, data in backend.objects.items())
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-le", "latin-1"):
            try:
                needle = secret.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert needle not in blob, secret
            assert needle.lower() not in blob.lower(), secret


# ---------------------------------------------------------------- snapshots


def test_restore_from_snapshot_plus_later_segments(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend, wall: FakeWall
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "Dupont"})
    b.write("patient", "p1", {"name": "Dupond"})  # a conflict the snapshot must carry
    wall.ms += 1
    ea, eb = engine_for(a), engine_for(b)
    sync_all([ea, eb])
    ea.publish_snapshot()
    b.write("patient", "p2", {"name": "After the snapshot"})
    eb.sync()
    keys = open_practice_remote(backend, PRACTICE_ID, passphrase=PASSPHRASE)
    counting = CountingBackend(backend)
    fresh = make_replica("dev-new")
    restorer = SyncEngine(fresh, counting, keys)
    cursors = restorer.load_latest_snapshot(fresh)
    assert cursors is not None and set(cursors) == {"dev-a", "dev-b"}
    restorer.sync()
    segment_gets = [n for op, n in counting.calls if op == "get" and "/devices/" in n]
    assert segment_gets == [seg(2, "dev-b")]  # only what came after the snapshot
    sync_all([ea, eb])
    assert fresh.full_state() == a.full_state() == b.full_state()
    assert set(fresh.conflicts) == set(a.conflicts) == set(b.conflicts) != set()


def test_no_snapshot_means_replay_everything(
    two_pushed: tuple[MemoryReplica, MemoryReplica], backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = two_pushed
    assert SyncEngine(b, backend, keys).load_latest_snapshot(b) is None
    SyncEngine(b, backend, keys).sync()
    assert b.values() == a.values()


def test_tampered_snapshot_is_refused(
    two_pushed: tuple[MemoryReplica, MemoryReplica],
    engine_for: EngineFor,
    backend: MemoryBackend,
    make_replica: MakeReplica,
) -> None:
    a, _ = two_pushed
    name = engine_for(a).publish_snapshot().name
    _flip(backend, name)
    fresh = make_replica("dev-new")
    with pytest.raises(IntegrityError, match="snapshot"):
        engine_for(fresh).load_latest_snapshot(fresh)
    assert fresh.records == {}


def test_snapshot_ahead_of_heads_is_a_rollback(
    two_pushed: tuple[MemoryReplica, MemoryReplica],
    engine_for: EngineFor,
    backend: MemoryBackend,
    make_replica: MakeReplica,
) -> None:
    a, _ = two_pushed
    engine_for(a).publish_snapshot()
    for name in [n for n in backend.objects if "/heads/dev-a." in n]:
        backend.objects[head_name(PRACTICE_ID, "dev-a", 2)] = backend.objects.pop(name)
    fresh = make_replica("dev-new")
    engine = engine_for(fresh)
    engine.load_latest_snapshot(fresh)
    assert fresh.cursor("dev-a") == Cursor(3, a.push_cursor()[1].digest)
    with pytest.raises(RollbackError):
        engine.sync()


def test_a_head_replaced_between_list_and_get_is_followed(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "X"})
    engine_for(a).sync()

    class Racing(CountingBackend):
        def get(self, name: str) -> bytes:
            if "/heads/" in name and not hasattr(self, "raced"):
                self.raced = True
                a.write("patient", "p1", {"name": "Y"})
                engine_for(a).sync()  # dev-a pushes and deletes the head being read
            return super().get(name)

    report = SyncEngine(b, Racing(backend), keys).sync()
    assert report.pulled_changes == {"dev-a": 2}
    assert b.values() == a.values()


def test_stale_own_heads_are_tidied(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend, wall: FakeWall
) -> None:
    a = make_replica("dev-a")
    a.write("patient", "p1", {"name": "X"})
    engine_for(a).sync()
    old = backend.objects[head_name(PRACTICE_ID, "dev-a", 1)]
    a.write("patient", "p1", {"name": "Y"})
    engine_for(a).sync()
    backend.objects[head_name(PRACTICE_ID, "dev-a", 1)] = old  # as if the delete had failed
    engine_for(a).sync()
    assert [n for n in backend.objects if "/heads/" in n] == [head_name(PRACTICE_ID, "dev-a", 2)]


def test_big_changes_are_split_to_bounded_segments(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend
) -> None:
    import os

    a, b = make_replica("dev-a"), make_replica("dev-b")
    for i in range(8):
        a.write("note_version", f"n{i}", {"text": os.urandom(3000).hex()})  # ~3 KB each, zstd
    report = engine_for(a, max_segment_bytes=13_000).sync()
    assert report.pushed_changes == 8 and report.pushed_segments == 2  # not 1
    assert all(len(d) <= 13_000 for n, d in backend.objects.items() if "/devices/" in n)
    engine_for(b).sync()
    assert a.values() == b.values()


def test_heads_of_the_first_layout_are_still_read(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend
) -> None:
    # Storage written before heads were flat (heads/<device>/<seq>) still syncs.
    a = make_replica("dev-a")
    a.write("patient", "p1", {"name": "Ancienne"})
    engine_for(a).sync()
    [flat] = [n for n in backend.objects if "/heads/" in n]
    assert flat == head_name(PRACTICE_ID, "dev-a", 1)
    backend.objects[flat.replace("heads/dev-a.", "heads/dev-a/")] = backend.objects.pop(flat)
    b = make_replica("dev-b")
    engine_for(b).sync()
    assert b.values() == a.values()

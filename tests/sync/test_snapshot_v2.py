"""Snapshot format 2 (a root and chained chunks of grouped rows) over the in-memory
backend: the wire form, every chunk authenticated before it is parsed, the revocation
rules, format 1 still read, the pipelined reader's bounds, errors and cancellation."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync import prefetch, snapshot_format, snapshots
from sync.backends.base import BackendError, ObjectInfo
from sync.backends.memory import MemoryBackend
from sync.changes import ZERO, Change, Stamp
from sync.devices import Revocation
from sync.engine import SyncEngine
from sync.errors import CancelledError, IntegrityError, UnsupportedFormatError
from sync.layout import parse_numbered, snapshot_name, snapshots_prefix
from sync.ports import Cursor
from sync.segments import (
    HEADER,
    MAGIC_SNAPSHOT,
    PURPOSE_SNAPSHOT,
    PracticeKeys,
    open_object,
    open_versioned,
    seal_object,
)
from sync.snapshot_format import chunk_context, chunk_name, cut_chunks, decode_chunk
from sync.snapshot_write import write_snapshot, write_snapshot_v1
from sync.snapshots import load_latest_snapshot, read_latest_snapshot, read_snapshot
from tests.helpers.memory_replica import MemoryReplica
from tests.helpers.overlap import first_call_waits_for
from tests.helpers.sync_engine import PRACTICE_ID

MakeReplica = Callable[[str], MemoryReplica]
EngineFor = Callable[..., SyncEngine]
DEV = "dev-a"


def _patients(n: int) -> list[Change]:
    out = [
        Change("patient", f"p{i:04d}", Stamp(1000 + i, DEV), {"name": f"Patient {i}", "n": i})
        for i in range(n)
    ]
    # an edit with a replaced stamp, and a record with a field at another stamp: not grouped
    out.append(Change("patient", "p0000", Stamp(5000, "dev-b"), {"n": -1}, {"n": Stamp(1000, DEV)}))
    out.append(Change("note", "n1", Stamp(6000, DEV), {"text": "é\u2028", "lines": [1, {}]}))
    return out


def _key(change: Change) -> str:
    return json.dumps(change.to_json(), sort_keys=True)


def _write(backend: MemoryBackend, keys: PracticeKeys, changes: list[Change], limit: int = 400):
    cursors = {DEV: Cursor(3, "ab" * 32)}
    name, count = write_snapshot(backend, keys, DEV, cursors, {"device": DEV}, changes, limit)
    assert count == len(changes)
    return name


def _number(name: str) -> int:
    return int(name.rsplit("/", 1)[1])


def test_the_grouped_wire_form() -> None:
    changes = [
        Change("patient", "p1", Stamp(7, DEV), {"name": "A", "deleted": False}),
        Change("patient", "p2", Stamp(8, DEV), {"name": "B", "deleted": False}),
        Change("patient", "p1", Stamp(9, "d2"), {"name": "C"}, {"name": Stamp(7, DEV)}),
    ]
    (chunk,) = cut_chunks(changes)
    raw = snapshot_format.zstandard.ZstdDecompressor().decompress(chunk.body())
    assert json.loads(raw) == {
        "g": [
            [
                "patient",
                ["name", "deleted"],
                [["p1", 7, DEV, "A", False], ["p2", 8, DEV, "B", False]],
            ]
        ],
        "c": [
            {
                "e": "patient",
                "id": "p1",
                "s": [9, "d2"],
                "f": {"name": "C"},
                "r": {"name": [7, DEV]},
            }
        ],
    }
    part = decode_chunk(raw, "chunk")
    assert sorted(map(_key, part.all_changes())) == sorted(map(_key, changes))


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)
_stamps = st.builds(Stamp, st.integers(0, 2**62), st.sampled_from(["dev-a", "dev-b", ""]))
_changes = st.builds(
    Change,
    st.sampled_from(["patient", "note", "audit"]),
    _text,
    _stamps,
    st.dictionaries(st.sampled_from(["a", "b", "c", "é"]), _json, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), st.one_of(st.just(ZERO), _stamps), max_size=2),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_changes, max_size=25), st.integers(1, 300))
def test_any_changes_come_back_from_the_chunks_as_they_went_in(
    changes: list[Change], limit: int
) -> None:
    backend = MemoryBackend()
    keys = PracticeKeys(PRACTICE_ID, {1: b"k" * 32}, 1)
    name = _write(backend, keys, changes, limit)
    snap = read_snapshot(backend, keys, name)
    assert snap.version == 2 and snap.cursors == {DEV: Cursor(3, "ab" * 32)}
    back = [c for part in snap.parts() for c in part.all_changes()]
    assert sorted(map(_key, back)) == sorted(map(_key, changes))
    assert sum(n for plan in snap.plan for _, n in plan) == len(changes)


def test_chunks_keep_the_writers_order_and_are_cut_by_size(keys: PracticeKeys) -> None:
    backend = MemoryBackend()
    changes = _patients(40)
    name = _write(backend, keys, changes)
    snap = read_snapshot(backend, keys, name)
    assert snap.chunks >= 4
    ids = [r[0] for part in snap.parts() for g in part.groups for r in g.rows]
    assert ids == [c.record_id for c in changes if not c.replaces]
    assert [n for n, _ in snap.plan[-1]] == ["note", "patient"]


@pytest.fixture
def chunked(backend: MemoryBackend, keys: PracticeKeys) -> tuple[str, int]:
    name = _write(backend, keys, _patients(40))
    snap = read_snapshot(backend, keys, name)
    assert snap.chunks >= 4
    return name, snap.chunks


def _flip(backend: MemoryBackend, name: str) -> None:
    data = bytearray(backend.objects[name])
    data[len(data) // 2] ^= 0x40
    backend.objects[name] = bytes(data)


def _older_snapshot_chunk(backend: MemoryBackend, keys: PracticeKeys, name: str, _: int) -> None:
    """Chunk 2 of another (older) snapshot of the same device put in place of ours."""
    other = _write(backend, keys, _patients(40)[::-1])
    backend.objects[chunk_name(name, 2)] = backend.objects[chunk_name(other, 2)]
    for obj in [n for n in backend.objects if n.startswith(other)]:
        del backend.objects[obj]


TAMPERINGS: dict[str, tuple[Callable[[MemoryBackend, PracticeKeys, str, int], None], str]] = {
    "flipped byte": (
        lambda be, k, n, c: _flip(be, chunk_name(n, 2)),
        "chunk 2 of .* failed authentication",
    ),
    "missing": (lambda be, k, n, c: be.objects.pop(chunk_name(n, 2)), "chunk 2 of .* is missing"),
    "last one missing (cut short)": (
        lambda be, k, n, c: be.objects.pop(chunk_name(n, c)),
        "chunk .* is missing",
    ),
    "truncated": (
        lambda be, k, n, c: be.objects.__setitem__(
            chunk_name(n, 3), be.objects[chunk_name(n, 3)][:-5]
        ),
        "chunk 3 of .* failed authentication",
    ),
    "swapped": (
        lambda be, k, n, c: be.objects.__setitem__(chunk_name(n, 2), be.objects[chunk_name(n, 3)]),
        "chunk 2 of .* failed authentication",
    ),
    "replayed from another snapshot": (
        _older_snapshot_chunk,
        "chunk 2 of .* failed authentication",
    ),
}


@pytest.mark.parametrize("how", list(TAMPERINGS))
def test_a_tampered_chunk_is_refused_naming_it(
    how: str, chunked: tuple[str, int], backend: MemoryBackend, keys: PracticeKeys
) -> None:
    name, count = chunked
    tamper, message = TAMPERINGS[how]
    tamper(backend, keys, name, count)
    snap = read_latest_snapshot(backend, keys)
    assert snap is not None
    seen = []
    with pytest.raises(IntegrityError, match=message) as caught:
        for part in snap.parts():
            seen.append(part)
    assert f"of snapshot {_number(name)} of device {DEV}" in str(caught.value)
    assert caught.value.device == DEV
    if (
        how == "flipped byte"
        or how.startswith("missing")
        or how == "replayed from another snapshot"
    ):
        assert len(seen) == 1  # chunk 1 was whole; nothing of chunk 2 was parsed


def test_a_chunk_sealed_under_another_epoch_than_its_root_is_refused(
    backend: MemoryBackend,
) -> None:
    keys = PracticeKeys(PRACTICE_ID, {1: b"1" * 32, 2: b"2" * 32}, 2)
    name = _write(backend, keys, _patients(40))
    snap = read_snapshot(backend, keys, name)
    # Re-seal chunk 1 under epoch 1 (a revoked device holds it) with the right context.
    data = backend.objects[chunk_name(name, 1)]
    ctx = chunk_context(PRACTICE_ID, DEV, _number(name), 1, snap.chunks, snap._root_digest)
    _, body = open_versioned(keys, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, data, "chunk", 2)
    old = PracticeKeys(PRACTICE_ID, keys.epochs, 1)
    backend.objects[chunk_name(name, 1)] = seal_object(
        old, MAGIC_SNAPSHOT, PURPOSE_SNAPSHOT, ctx, body, 2
    )
    with pytest.raises(IntegrityError, match="chunk 1 of .* not sealed like its snapshot's root"):
        list(read_snapshot(backend, keys, name).parts())


def test_an_old_reader_refuses_format_2_cleanly(backend: MemoryBackend, keys: PracticeKeys) -> None:
    name = _write(backend, keys, _patients(3))
    root = backend.objects[name]
    assert HEADER.unpack_from(root)[1] == 2
    # What a Carnet that knows only format 1 runs on the object at the snapshot's name:
    with pytest.raises(UnsupportedFormatError, match="has format version 2; upgrade Carnet"):
        open_object(
            keys,
            MAGIC_SNAPSHOT,
            PURPOSE_SNAPSHOT,
            [PRACTICE_ID, DEV, str(_number(name))],
            root,
            "snapshot",
        )
    # ... and its listing ignores the chunks (not "<device>/<number>" names).
    names = [n for n in backend.objects if "/snapshots/" in n]
    assert [n for n in names if parse_numbered(n, snapshots_prefix(PRACTICE_ID))] == [name]


def test_a_format_1_snapshot_still_restores(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a = make_replica("dev-a")
    for i in range(5):
        a.write("patient", f"p{i}", {"name": f"P{i}"})
    engine_for(a).sync()
    _, own = a.push_cursor()
    write_snapshot_v1(backend, keys, "dev-a", {"dev-a": own}, a.meta(), a.export_state())
    fresh = make_replica("dev-new")
    snap = read_latest_snapshot(backend, keys)
    assert snap is not None and snap.version == 1
    assert load_latest_snapshot(backend, keys, fresh) == {"dev-a": own}
    assert fresh.full_state() == a.full_state()


def test_format_2_restores_a_replica_with_its_conflicts(
    make_replica: MakeReplica, engine_for: EngineFor, backend: MemoryBackend, keys: PracticeKeys
) -> None:
    a, b = make_replica("dev-a"), make_replica("dev-b")
    a.write("patient", "p1", {"name": "Dupont"})
    b.write("patient", "p1", {"name": "Dupond"})
    for i in range(30):
        a.write("patient", f"q{i}", {"name": f"Q{i}", "city": "Lyon"})
    ea, eb = engine_for(a), engine_for(b)
    for _ in range(2):
        ea.sync()
        eb.sync()
    name = ea.publish_snapshot().name
    assert HEADER.unpack_from(backend.objects[name])[1] == 2
    fresh = make_replica("dev-new")
    engine_for(fresh).load_latest_snapshot(fresh)
    assert fresh.full_state() == a.full_state()
    assert set(fresh.conflicts) == set(a.conflicts) != set()


def _revocation(**kw: object) -> Revocation:
    base: dict[str, object] = {"epoch": 2, "revoked": {}, "heads": {}, "by": "dev-x"}
    base.update(kw)
    return Revocation(**base)  # type: ignore[arg-type]


def test_revocation_rules_pass_over_format_2_snapshots(backend: MemoryBackend) -> None:
    keys1 = PracticeKeys(PRACTICE_ID, {1: b"1" * 32, 2: b"2" * 32}, 1)
    keys2 = PracticeKeys(PRACTICE_ID, keys1.epochs, 2)
    older = write_snapshot(
        backend, keys2, "dev-b", {"dev-r": Cursor(9, "x")}, {}, _patients(3), 200, 10
    )[0]
    by_revoked = write_snapshot(backend, keys2, "dev-r", {}, {}, _patients(3), 200, 20)[0]
    old_epoch = write_snapshot(backend, keys1, DEV, {}, {}, _patients(3), 200, 30)[0]
    assert _number(older) < _number(by_revoked) < _number(old_epoch)
    revoked = _revocation(revoked={"dev-r": 5})
    # Newest first: sealed with epoch 1 < 2 (skipped), by the revoked device (skipped),
    # covering the revoked device past its last valid seq 5 (skipped): none is left.
    assert read_latest_snapshot(backend, keys2, [revoked]) is None
    assert read_latest_snapshot(backend, keys2, [_revocation(revoked={"dev-r": 9})]).name == older  # type: ignore[union-attr]
    # A repair's trusted snapshot is taken whatever epoch sealed it.
    assert read_latest_snapshot(backend, keys2, [revoked], trusted={old_epoch}).name == old_epoch  # type: ignore[union-attr]
    assert read_latest_snapshot(backend, keys2).name == old_epoch  # type: ignore[union-attr]


class _Watching(MemoryBackend):
    """Counts chunk GETs; can fail or block at one of them."""

    def __init__(self, inner: MemoryBackend, fail_at: int = 0) -> None:
        super().__init__()
        self.objects = inner.objects
        self.gets = 0
        self.fail_at = fail_at

    def get(self, name: str) -> bytes:
        if "/snapshots/" in name and "." in name.rsplit("/", 1)[1]:
            self.gets += 1
            if self.gets == self.fail_at:
                raise BackendError("the link went down")
        return super().get(name)

    def list(self, prefix: str) -> list[ObjectInfo]:
        return super().list(prefix)


def test_the_reader_runs_a_bounded_distance_ahead(
    backend: MemoryBackend, keys: PracticeKeys
) -> None:
    """Two helper threads: one downloads up to FETCH_AHEAD sealed chunks ahead, one opens
    up to ``depth`` ahead; each holds one more while it waits to hand it on."""
    name = _write(backend, keys, _patients(120))
    watching = _Watching(backend)
    snap = read_snapshot(watching, keys, name)
    bound = 1 + (1 + 1) + (prefetch.FETCH_AHEAD + 1)  # the caller's, then each stage's
    assert snap.chunks > bound
    parts = snap.parts(depth=1)
    next(parts)
    for _ in range(400):  # until both stages are full and waiting
        if watching.gets >= bound:
            break
        threading.Event().wait(0.005)
    assert watching.gets == bound
    parts.close()  # the consumer stops: both helper threads end
    assert not [t for t in threading.enumerate() if t.name.startswith(_HELPERS)]


_HELPERS = ("carnet-pull-prefetch", "carnet-snapshot-fetch", "carnet-pull-fetch")


def test_the_link_is_not_idle_while_a_chunk_is_opened(
    monkeypatch: pytest.MonkeyPatch, chunked: tuple[str, int], backend: MemoryBackend,
    keys: PracticeKeys,
) -> None:
    """The next chunk downloads while one is decrypted and inflated: with both on one
    thread, the link waited for the processor (~15 s at 100,000 patients)."""
    name, _ = chunked
    second_fetched = threading.Event()

    class Fetching(_Watching):
        def get(self, name: str) -> bytes:
            data = super().get(name)
            if self.gets == 2:
                second_fetched.set()
            return data

    # the first chunk's opening waits for the second's download
    slow_open, overlapped = first_call_waits_for(second_fetched, snapshots.open_chunk)
    monkeypatch.setattr(snapshots, "open_chunk", slow_open)
    assert len(list(read_snapshot(Fetching(backend), keys, name).parts())) > 1
    assert overlapped == [True]


def test_a_storage_error_in_the_helper_reaches_the_caller_after_the_chunks_before_it(
    chunked: tuple[str, int], backend: MemoryBackend, keys: PracticeKeys
) -> None:
    name, _ = chunked
    watching = _Watching(backend, fail_at=3)
    got = []
    with pytest.raises(Exception, match="the link went down"):
        for part in read_snapshot(watching, keys, name).parts():
            got.append(part)
    assert len(got) == 2


def test_cancelling_stops_the_load(
    chunked: tuple[str, int], backend: MemoryBackend, keys: PracticeKeys
) -> None:
    name, _ = chunked
    cancel = threading.Event()
    parts = read_snapshot(backend, keys, name).parts(cancel)
    next(parts)
    cancel.set()
    with pytest.raises(CancelledError):
        next(parts)
    assert not [t for t in threading.enumerate() if t.name.startswith(_HELPERS)]


def test_a_root_naming_more_chunks_than_were_written_is_refused(
    backend: MemoryBackend, keys: PracticeKeys
) -> None:
    """The root is authenticated and names the count: chunks cut off the end show."""
    name = _write(backend, keys, _patients(40))
    last = read_snapshot(backend, keys, name).chunks
    del backend.objects[chunk_name(name, last)]
    with pytest.raises(IntegrityError, match=f"chunk {last} of {last} of snapshot .* is missing"):
        list(read_snapshot(backend, keys, name).parts())
    assert snapshot_name(PRACTICE_ID, DEV, _number(name)) == name


def test_check_read_data_opens_every_chunk(
    chunked: tuple[str, int], backend: MemoryBackend, keys: PracticeKeys
) -> None:
    from sync.check import check_remote

    name, _ = chunked
    clean = check_remote(backend, keys, read_data=True)
    assert clean.snapshots == 1 and not clean.problems
    _flip(backend, chunk_name(name, 2))
    problems = check_remote(backend, keys, read_data=True).problems
    assert problems and all("chunk 2 of" in p and "failed authentication" in p for p in problems)

"""A restore that opens the practice once it is usable, the history streaming in behind
(desktop.remote.snapshot_stream): usable means every person, patient, chart summary
and the agenda are in and found; the rest arrives at the next syncs, each chunk
verified as in a one-step restore, resumable, and the result equals the source."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from pathlib import Path

import pytest

from desktop.demo.loader import make_demo
from desktop.practice import errors, snapshot_io
from desktop.practice.meta import USABLE, MetaKey
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import RESTORE_STATE, SyncService, join, set_remote
from desktop.remote.repair import repair
from desktop.remote.snapshot_stream import STEP
from sync import snapshot_format
from sync.backends import open_backend
from sync.errors import CancelledError, IntegrityError
from sync.layout import snapshots_prefix
from tests.helpers.devices import exact
from tests.helpers.practice import PASSPHRASE
from tests.helpers.sigkill import run_child

FIRST = ("practice", "user", "practitioner", "patient", "allergy", "problem", "treatment")
HISTORY = ("consultation_version", "prescription_version")


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Practice:
    """A practice with a published snapshot cut in many chunks (of 20 patients, or as
    many as the test's indirect parameter asks)."""
    monkeypatch.setattr(snapshot_format, "CHUNK_BYTES", 16_000)
    monkeypatch.setattr(snapshot_io, "IMAGE_BYTES", 16_000)  # row images of a few pages
    monkeypatch.setattr(snapshot_io, "FIRST_ROWS", 100)
    patients = getattr(request, "param", 20)
    make_demo(
        tmp_path / "office", PASSPHRASE, patients=patients, seed=3, today=dt.date(2026, 11, 1)
    )
    p = Practice.open(tmp_path / "office", passphrase=PASSPHRASE)
    (tmp_path / "remote").mkdir()
    set_remote(p, (tmp_path / "remote").as_uri(), passphrase=PASSPHRASE, create=True)
    SyncService(p).publish_snapshot()
    yield p
    p.close()


def usable(tmp_path: Path, name: str = "laptop", **kw: object) -> Practice:
    return join(
        tmp_path / name,
        (tmp_path / "remote").as_uri(),
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
        usable_first=True,
        **kw,  # type: ignore[arg-type]
    )


def chunk_files(tmp_path: Path, p: Practice) -> list[Path]:
    backend = open_backend((tmp_path / "remote").as_uri())
    names = sorted(o.name for o in backend.list(snapshots_prefix(p.practice_id)))
    return [tmp_path / "remote" / n for n in names if "." in n.rsplit("/", 1)[-1]]


def chunks_in(p: Practice) -> float:
    """How many chunks of the snapshot are in; infinity once all are (the pull after
    them may still be owed)."""
    got = p.meta_value(MetaKey.RESTORE_CHUNKS)
    return float("inf") if got is None else int(json.loads(got)[0])


def test_the_practice_opens_usable_and_is_whole_after_its_next_sync(
    tmp_path: Path, office: Practice
) -> None:
    steps: list[tuple[str, int, int]] = []
    laptop = usable(tmp_path, progress=lambda *step: steps.append(step))
    assert laptop.meta_value(RESTORE_STATE) == USABLE
    total = len(chunk_files(tmp_path, office))
    first = [done for step, done, _ in steps if step == STEP]
    assert 0 < first[-1] < total  # stopped once usable, chunks left
    laptop.close()

    # Usable: it opens as a practice (no "did not finish"), every person and patient,
    # their chart summaries and the agenda are in, and a name is found.
    laptop = Practice.open(tmp_path / "laptop", passphrase=PASSPHRASE)
    for kind in (*FIRST, "appointment"):
        assert laptop.counts()[kind] == office.counts()[kind], kind
    family = office.records("patient")[3]["family_name"]
    assert any(r["family_name"] == family for r in laptop.search_patients(family))
    # ...while the history is not all here yet, and the window is told so
    assert any(laptop.counts()[k] < office.counts()[k] for k in HISTORY)
    # nothing that looks whole can be made from a practice missing its history: no
    # snapshot, no plain copy, no FHIR export of the practice or of one chart
    from desktop.interop.fhir_export import export_practice, write_patient_bundle
    from desktop.interop.sqlite_export import export_sqlite

    patient = office.records("patient")[3]["id"]
    for make in (
        lambda: SyncService(laptop).publish_snapshot(),
        lambda: export_sqlite(laptop, tmp_path / "copy.sqlite"),
        lambda: export_practice(laptop, tmp_path / "fhir"),
        lambda: write_patient_bundle(laptop, patient, tmp_path / "one.json"),
    ):
        with pytest.raises(errors.UsageError, match="still receiving"):
            make()
    assert not any((tmp_path / n).exists() for n in ("copy.sqlite", "fhir", "one.json"))

    # Work goes on meanwhile: a new patient written during the stream is kept.
    laptop.create_record("patient", {"family_name": "Pendant", "birth_date": "1980-02-02"})
    steps.clear()
    SyncService(laptop).sync(progress=lambda *step: steps.append(step))
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    assert [done for step, done, _ in steps if step == STEP][-1] == total
    SyncService(office).sync()
    assert exact(laptop) == exact(office)
    # the notes that streamed in are found by the note search
    word = "tension"
    assert bool(laptop.search_notes(word)) == bool(office.search_notes(word))
    laptop.close()


def test_the_stream_refuses_a_tampered_chunk_and_resumes_after_the_last_one_in(
    tmp_path: Path, office: Practice
) -> None:
    laptop = usable(tmp_path)
    chunks = chunk_files(tmp_path, office)
    start = chunks_in(laptop)
    target = chunks[start + 2]  # the third chunk the stream will fetch
    good = target.read_bytes()
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 1
    target.write_bytes(bytes(bad))
    with pytest.raises(IntegrityError, match=f"chunk {start + 3} of .* failed authentication"):
        SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == USABLE  # never shown as complete
    assert chunks_in(laptop) == start + 2  # the two chunks before it stayed

    # Paused by the user (or the app closing) after one more chunk: kept too.
    target.write_bytes(good)
    cancel = threading.Event()

    def progress(step: str, done: int, total: int) -> None:
        if step == STEP and done == start + 3:
            cancel.set()

    with pytest.raises(CancelledError):
        SyncService(laptop).sync(cancel, progress)
    assert chunks_in(laptop) == start + 3
    SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    assert exact(laptop) == exact(office)
    laptop.close()


def test_a_snapshot_whose_device_was_revoked_since_stops_the_stream(
    tmp_path: Path, office: Practice
) -> None:
    laptop = usable(tmp_path)
    desk = join(
        tmp_path / "desk",
        (tmp_path / "remote").as_uri(),
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
    )
    SyncService(desk).revoke(office.device_id, practice_passphrase=PASSPHRASE)
    before = laptop.counts()
    with pytest.raises(IntegrityError, match="refused now"):
        SyncService(laptop).sync()
    assert laptop.counts() == before  # nothing more of it applied
    assert laptop.meta_value(RESTORE_STATE) == USABLE
    desk.close()
    laptop.close()


def test_a_one_step_restore_commits_chunk_by_chunk_and_ends_complete(
    tmp_path: Path, office: Practice
) -> None:
    with join(
        tmp_path / "desk",
        (tmp_path / "remote").as_uri(),
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
    ) as desk:
        assert desk.meta_value(RESTORE_STATE) == "complete"
        assert desk.meta_value(MetaKey.RESTORE_CHUNKS) is None
        assert exact(desk) == exact(office)
        assert StoreReplica(desk.session).export_state() is not None


@pytest.mark.parametrize("office", [40], indirect=True)  # more chunks than are read ahead
def test_a_stream_killed_at_any_request_resumes_and_ends_equal(
    tmp_path: Path, office: Practice
) -> None:
    with usable(tmp_path) as laptop:
        # more chunks to come than the stages read ahead (~8), so kills land between
        assert len(chunk_files(tmp_path, office)) - chunks_in(laptop) > 16
    url = (tmp_path / "remote").as_uri()
    progress: list[int] = []
    for kill_at in range(2, 80, 4):  # listings, then chunk fetches, one after another
        if run_child(tmp_path / "laptop", url, kill_at, "after"):
            break
        with Practice.open(tmp_path / "laptop", passphrase=PASSPHRASE) as laptop:
            assert laptop.meta_value(RESTORE_STATE) == USABLE  # opens, never "complete"
            progress.append(chunks_in(laptop))
    assert progress == sorted(progress) and progress[-1] > progress[0]  # it went on
    with Practice.open(tmp_path / "laptop", passphrase=PASSPHRASE) as laptop:
        SyncService(laptop).sync()
        assert laptop.meta_value(RESTORE_STATE) == "complete"
        assert exact(laptop) == exact(office)


def test_the_stream_commits_in_small_pieces_and_a_chunk_loaded_twice_changes_nothing(
    tmp_path: Path, office: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_io, "ROWS_PER_COMMIT", 7)
    monkeypatch.setattr("desktop.remote.snapshot_stream.ROWS_PER_COMMIT", 7)
    laptop = usable(tmp_path)
    commits: list[int] = []
    laptop.conn.set_trace_callback(lambda sql: commits.append(1) if sql == "COMMIT" else None)
    start = chunks_in(laptop)
    # Chunk start+1 is loaded, then its record is undone as if killed before the last
    # piece: the next sync loads it again whole, over the rows already in.
    cancel = threading.Event()

    def progress(step: str, done: int, total: int) -> None:
        if step == STEP and done == start + 1:
            cancel.set()

    with pytest.raises(CancelledError):
        SyncService(laptop).sync(cancel, progress)
    assert len(commits) > 2  # the one chunk took several transactions
    with laptop.transaction():
        laptop.set_meta(MetaKey.RESTORE_CHUNKS, json.dumps([start, _digest_of(laptop, start)]))
    SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    assert exact(laptop) == exact(office)
    laptop.close()


def _digest_of(p: Practice, index: int) -> str:
    """The digest a restore records for chunk ``index`` of its snapshot: the sealed
    chunk's, as stored."""
    from desktop.remote import REMOTE_URL
    from sync.segments import digest

    name = p.meta_value(MetaKey.RESTORE_SNAPSHOT)
    backend = open_backend(str(p.meta_value(REMOTE_URL)))
    return digest(backend.get(f"{name}.{index:06d}"))


def test_a_repair_made_during_the_stream_is_followed_and_ends_it(
    tmp_path: Path, office: Practice
) -> None:
    """The storage repaired by another computer while this one streams its history in
    (the rest of the old snapshot may be refused now): the next sync follows the repair,
    whose snapshot is the whole state, so the practice is complete without the rest;
    what was written here meanwhile reaches the others. Before: the stream stopped for
    good and the advice was a new restore, which left that writing behind."""
    laptop = usable(tmp_path)
    assert laptop.meta_value(RESTORE_STATE) == USABLE
    laptop.create_record("patient", {"family_name": "Pendant", "birth_date": "1980-02-02"})
    devices = tmp_path / "remote" / office.practice_id / "devices" / office.device_id
    assert any(devices.iterdir())  # the office's segments, which the storage now loses
    shutil.rmtree(devices)
    report = repair(SyncService(office))  # the office holds everything: it repairs
    assert report.record.number == 1
    SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    assert laptop.meta_value(MetaKey.RESTORE_SNAPSHOT) is None
    SyncService(laptop).sync()  # a second sync has nothing left to follow or stream
    SyncService(office).sync()
    assert "Pendant" in {r["family_name"] for r in office.records("patient")}
    assert exact(laptop) == exact(office)
    laptop.close()


def test_a_follow_cut_short_during_the_stream_finishes_at_the_next_sync(
    tmp_path: Path, office: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after the follow began (its record adopted, its snapshot not yet in): the
    next sync finishes the follow first, and never resumes the old snapshot, whose chains
    the repair retired."""
    import desktop.remote.repair as repair_module

    laptop = usable(tmp_path)
    shutil.rmtree(tmp_path / "remote" / office.practice_id / "devices" / office.device_id)
    repair(SyncService(office))

    def cut_short(service: SyncService) -> None:
        raise CancelledError("stopped")

    with monkeypatch.context() as patched:
        patched.setattr(repair_module, "finish_follow", cut_short)
        with pytest.raises(CancelledError):
            SyncService(laptop).sync()
    assert laptop.meta_value(MetaKey.FOLLOW_OWED)
    assert laptop.meta_value(RESTORE_STATE) == USABLE  # not whole yet, and says so
    SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    SyncService(office).sync()
    assert exact(laptop) == exact(office)
    laptop.close()

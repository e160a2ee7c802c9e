"""Real stores (SQLCipher) syncing through real storage: devices converge, nothing is lost,
nothing readable reaches the remote; join and restore rebuild a whole practice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice import errors
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from sync.changes import Change
from sync.errors import RemoteUnavailableError
from tests.helpers.devices import add_patient, joined, state
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import RemoteTarget


def indexes(practice: Practice) -> set[tuple[str, str]]:
    """The database's indexes and their definitions."""
    rows = practice.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
    return {(name, sql or "") for name, sql in rows}


def search_index(practice: Practice) -> tuple[set[tuple[str, str, int, str]], int]:
    """The patient search keys, and how many notes the note index finds for a word."""
    practice.search_notes("suivi")  # notes are indexed by the first search after a save
    keys = set(
        practice.conn.execute(
            "SELECT k.key, e.patient_id, k.rank, k.sort FROM search_key k "
            "JOIN search_patient e ON e.n = k.n"
        )
    )
    notes = practice.conn.execute(
        "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'suivi OR traitement'"
    ).fetchone()[0]
    return keys, notes


@pytest.fixture
def folder_remote(tmp_path: Path) -> str:
    root = tmp_path / "remote"
    root.mkdir()
    return root.as_uri()


@pytest.fixture
def office(tmp_path: Path, folder_remote: str) -> Iterator[Practice]:
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as p:
        set_remote(p, folder_remote, passphrase=PASSPHRASE, create=True)
        yield p


def test_two_devices_converge_after_offline_edits(
    office: Practice, tmp_path: Path, folder_remote: str
):
    shared = add_patient(office, "Partagé")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "laptop") as laptop:
        # offline on both sides: different patients, different fields of the same one
        add_patient(office, "Bureau")
        add_patient(laptop, "Visite")
        office.update_record("patient", shared, {"phone": "01 00 00 00 00"})
        laptop.update_record("patient", shared, {"email": "p@example.fr"})
        for device in (office, laptop, office):
            SyncService(device).sync()
        assert state(office) == state(laptop)
        record = laptop.patient(shared)
        assert (record["phone"], record["email"]) == ("01 00 00 00 00", "p@example.fr")
        assert office.conflicts() == laptop.conflicts() == []


def test_same_field_edited_on_two_devices_is_a_conflict_both_see(
    office: Practice, tmp_path: Path, folder_remote: str
):
    pid = add_patient(office, "Conflit")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "laptop") as laptop:
        office.update_record("patient", pid, {"phone": "06 office"})
        laptop.update_record("patient", pid, {"phone": "06 laptop"})
        for device in (office, laptop, office):
            SyncService(device).sync()
        assert office.patient(pid)["phone"] == laptop.patient(pid)["phone"]
        [c_office], [c_laptop] = office.conflicts(), laptop.conflicts()
        assert c_office["id"] == c_laptop["id"]
        assert {c_office["local"], c_office["remote"]} == {"06 office", "06 laptop"}
        assert c_office["local"] == "06 office" and c_laptop["local"] == "06 laptop"
        office.resolve_conflict(c_office["id"], "local")
        for device in (office, laptop):
            SyncService(device).sync()
        assert laptop.patient(pid)["phone"] == office.patient(pid)["phone"] == "06 office"
        assert office.conflicts() == laptop.conflicts() == []


def test_concurrent_edits_of_a_note_both_survive(
    office: Practice, tmp_path: Path, folder_remote: str
):
    pid = add_patient(office, "Note")
    cid, v1 = office.add_consultation(pid, text="Première version")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "laptop") as laptop:
        office.revise_consultation(cid, text="Corrigée au cabinet")
        laptop.revise_consultation(cid, text="Complétée en visite")
        for device in (office, laptop, office):
            SyncService(device).sync()
        for device in (office, laptop):
            consult = device.chart(pid).consultations[0]
            texts = {v.text for v in consult.versions}
            assert texts == {"Première version", "Corrigée au cabinet", "Complétée en visite"}
            assert consult.concurrent_versions
        assert state(office) == state(laptop)


def test_documents_travel_encrypted_and_arrive_whole(
    office: Practice, tmp_path: Path, folder_remote: str
):
    pid = add_patient(office, "Document")
    content = bytes(range(256)) * 20_000  # 5 MB: several chunks
    doc = office.add_document(pid, content, title="IRM", filename="irm.dcm")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "laptop") as laptop:
        assert laptop.document_content(doc) == content


def test_the_remote_holds_no_readable_patient_data(
    office: Practice, tmp_path: Path, folder_remote: str
):
    pid = office.create_record(
        "patient",
        {
            "family_name": "Vasseur-Quintin",
            "given_names": "Éloïse",
            "nir": "2870575112345",
            "birth_date": "1987-05-01",
        },
    )
    office.add_consultation(pid, text="Dépression réactionnelle, suivi psychologique proposé")
    office.add_document(pid, b"COMPTE-RENDU-OPERATOIRE-CONFIDENTIEL", title="CR", filename="cr")
    service = SyncService(office)
    service.sync()
    service.publish_snapshot()
    remote = Path(folder_remote.removeprefix("file://"))
    everything = b"".join(p.read_bytes() for p in remote.rglob("*") if p.is_file())
    names = " ".join(str(p.relative_to(remote)) for p in remote.rglob("*"))
    for secret in ("Vasseur", "Éloïse", "2870575112345", "Dépression", "COMPTE-RENDU"):
        assert secret.encode() not in everything
        assert secret not in names
    assert pid not in names  # record ids are not in object names either


def test_join_with_a_wrong_passphrase_exits_3(
    office: Practice,
    tmp_path: Path,
    folder_remote: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    SyncService(office).sync()
    monkeypatch.setenv("CARNET_PASSPHRASE", "not the passphrase")
    code = cli.main(["--data-dir", str(tmp_path / "x"), "join", "--from", folder_remote])
    assert code == 3
    assert "Traceback" not in capsys.readouterr().err


def test_join_an_empty_or_missing_target_exits_4_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    empty = tmp_path / "empty"
    empty.mkdir()
    for url in (empty.as_uri(), (tmp_path / "missing").as_uri()):
        target = tmp_path / "device"
        code = cli.main(["--data-dir", str(target), "join", "--from", url])
        assert code == 4, capsys.readouterr().err
        assert not target.exists() or not any(target.iterdir())


def test_a_cloned_disk_becomes_a_new_device_and_nothing_is_lost(
    office: Practice, tmp_path: Path, folder_remote: str
):
    add_patient(office, "Avant")
    SyncService(office).sync()
    office.close()
    shutil.copytree(tmp_path / "office", tmp_path / "clone")
    with (
        Practice.open(tmp_path / "office", passphrase=PASSPHRASE) as a,
        Practice.open(tmp_path / "clone", passphrase=PASSPHRASE) as b,
    ):
        assert a.device_id == b.device_id
        add_patient(a, "Original")
        add_patient(b, "Copie")
        SyncService(a).sync()
        SyncService(b).sync()  # finds its next segment taken: becomes a new device
        SyncService(a).sync()
        assert a.device_id != b.device_id
        assert state(a) == state(b)
        names = {p["family_name"] for p in a.search_patients("o", 10)}
        assert {"Original", "Copie"} <= names | {p["family_name"] for p in a.search_patients("c")}


# -- restore: every backend ------------------------------------------------------------------


def build_practice(p: Practice, patients: int = 30, seed: int = 5) -> None:
    import datetime as dt

    from desktop.demo.generator import generate

    doctor = p.user_id or ""
    p.import_records(generate(patients, seed, doctor_ids=[doctor], today=dt.date(2026, 6, 1)))


@pytest.mark.server
def test_restore_from_each_backend_equals_the_source(
    tmp_path: Path, remote_url: RemoteTarget, monkeypatch: pytest.MonkeyPatch
):
    for key, value in remote_url.env.items():
        monkeypatch.setenv(key, value)
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, remote_url.url, passphrase=PASSPHRASE, create=True)
        build_practice(office)
        pid = add_patient(office, "Pièce jointe")
        office.add_document(pid, b"%PDF-1.4 lettre", title="Lettre", filename="l.pdf")
        service = SyncService(office)
        service.sync()
        service.publish_snapshot()
        with joined(tmp_path, remote_url.url, "secretary") as second:  # a second device
            add_patient(second, "Ajouté au secrétariat")
            SyncService(second).sync()
        service.sync()
        with joined(tmp_path, remote_url.url, "restored", username="dr") as restored:
            assert state(restored) == state(office)
            assert indexes(restored) == indexes(office)
            assert search_index(restored) == search_index(office)
            assert restored.user_id == office.user_id
            doc = restored.chart(pid).documents[0]
            assert restored.document_content(doc.id) == b"%PDF-1.4 lettre"
            assert restored.device_id not in (office.device_id,)
            assert len(StoreReplica(restored.session).cursors()) == 2


def test_restore_with_the_recovery_key(
    tmp_path: Path,
    folder_remote: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        recovery = set_remote(office, folder_remote, passphrase=PASSPHRASE, create=True)
        build_practice(office, 10)
        SyncService(office).sync()
        expected = state(office)
    assert recovery
    (tmp_path / "kit.txt").write_text(recovery.lower().replace("-", " "))  # as retyped
    (tmp_path / "new.txt").write_text("une nouvelle phrase secrète")
    monkeypatch.delenv("CARNET_PASSPHRASE", raising=False)
    args = [
        "--data-dir",
        str(tmp_path / "new"),
        "restore",
        "--from",
        folder_remote,
        "--recovery-key-file",
        str(tmp_path / "kit.txt"),
        "--new-passphrase-file",
        str(tmp_path / "new.txt"),
    ]
    assert cli.main(args) == 0, capsys.readouterr().err
    with Practice.open(tmp_path / "new", passphrase="une nouvelle phrase secrète") as restored:
        assert state(restored) == expected
    # a wrong recovery key: exit 3, nothing created
    (tmp_path / "bad.txt").write_text(recovery[:-4] + "AAAA")
    args[1] = str(tmp_path / "other")
    args[6] = str(tmp_path / "bad.txt")
    assert cli.main(args) == 3
    assert not (tmp_path / "other").exists() or not any((tmp_path / "other").iterdir())


def test_an_interrupted_restore_resumes_and_never_looks_complete(
    tmp_path: Path, folder_remote: str
):
    from desktop.practice.replica import StoreReplica
    from sync.engine import SyncEngine

    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, folder_remote, passphrase=PASSPHRASE, create=True)
        for batch in range(4):  # four segments at least
            build_practice(office, 8, seed=batch)
            SyncEngine(
                StoreReplica(office.session),
                SyncService(office).backend,
                office.practice_keys,
                segment_changes=200,
            ).sync()
        expected = state(office)
        expected_indexes, expected_search = indexes(office), search_index(office)
    assert expected_search[1] > 0

    target = tmp_path / "restored"
    calls = {"n": 0}

    def interrupting_apply(self, device, cursor, changes):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the user pulls the plug mid-restore
        return real_apply(self, device, cursor, changes)

    real_apply = StoreReplica.apply_segment
    StoreReplica.apply_segment = interrupting_apply  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            joined(tmp_path, folder_remote, "restored")
    finally:
        StoreReplica.apply_segment = real_apply  # type: ignore[method-assign]
    with pytest.raises(errors.CarnetError, match="did not finish"):
        Practice.open(target, passphrase=PASSPHRASE)
    with Practice.open(target, passphrase=PASSPHRASE, allow_incomplete=True) as partial:
        applied_before = sum(c.seq for c in StoreReplica(partial.session).cursors().values())
        assert applied_before == 2  # two segments landed before the cut, and stay
        # the restore's bulk mode dropped the secondary indexes; they are still owed
        assert indexes(partial) < expected_indexes
    with joined(tmp_path, folder_remote, "restored") as resumed:
        assert state(resumed) == expected
        assert indexes(resumed) == expected_indexes
        assert search_index(resumed) == expected_search
    with Practice.open(target, passphrase=PASSPHRASE) as reopened:
        assert reopened.counts()["patient"] == 32  # 4 batches of 8


def test_exported_changes_are_changes(office: Practice):
    assert all(isinstance(c, Change) for c in StoreReplica(office.session).export_state())


def test_restore_refuses_a_tampered_segment_naming_device_and_seq(
    office: Practice,
    tmp_path: Path,
    folder_remote: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    add_patient(office, "Intègre")
    SyncService(office).sync()
    remote = Path(folder_remote.removeprefix("file://"))
    [segment] = [p for p in remote.rglob("*") if p.is_file() and "/devices/" in str(p)]
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x01
    segment.write_bytes(bytes(data))
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    code = cli.main(["--data-dir", str(tmp_path / "new"), "restore", "--from", folder_remote])
    err = capsys.readouterr().err
    assert code == 5
    assert office.device_id in err and "1" in err
    assert "Intègre" not in err
    with pytest.raises(errors.CarnetError, match="did not finish"):
        Practice.open(tmp_path / "new", passphrase=PASSPHRASE)


def test_lazy_documents_are_fetched_when_first_opened(
    office: Practice, tmp_path: Path, folder_remote: str
):
    pid = add_patient(office, "Paresseux")
    doc = office.add_document(pid, b"radio thorax", title="Radio", filename="r.txt")
    SyncService(office).sync()
    with join(
        tmp_path / "lazy",
        folder_remote,
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
        lazy_documents=True,
    ) as lazy:
        assert StoreReplica(lazy.session).missing_blobs() != []
        with pytest.raises(errors.NotFoundError):
            lazy.document_content(doc)
        assert SyncService(lazy).document_content(doc) == b"radio thorax"
        assert lazy.document_content(doc) == b"radio thorax"  # now stored locally


def test_moving_to_new_storage_keeps_the_whole_practice_restorable(
    office: Practice, tmp_path: Path, folder_remote: str
):
    # The NAS dies: the practice points both computers at new, empty storage. Everything
    # synced before, what the second computer wrote offline, and the documents must all
    # restore from the new storage alone, and it must check clean.
    before = add_patient(office, "Avant le déménagement")
    office.add_document(before, b"%PDF-1.4 compte rendu", title="CR", filename="cr.pdf")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "secretary") as second:
        add_patient(second, "Poussé par le secrétariat")
        SyncService(second).sync()
        SyncService(office).sync()
        offline = add_patient(second, "Écrit hors ligne")  # not pushed before the move

        new_root = tmp_path / "new-nas"
        new_root.mkdir()
        new_url = new_root.as_uri()
        old_id = office.device_id
        assert set_remote(office, new_url, passphrase=PASSPHRASE, create=True)
        assert office.device_id != old_id  # a new chain on the new storage
        add_patient(office, "Après le déménagement")
        SyncService(office).sync()
        set_remote(second, new_url, passphrase=PASSPHRASE, create=False)
        SyncService(second).sync()
        SyncService(office).sync()
        assert state(second) == state(office)
        assert office.get("patient", offline) is not None

        with joined(tmp_path, new_url, "restored") as restored:
            assert state(restored) == state(office)
            doc = restored.chart(before).documents[0]
            assert restored.document_content(doc.id) == b"%PDF-1.4 compte rendu"
        report = SyncService(office).check(read_data=True)
        assert all(not d.problems for d in report.devices), report
        assert not report.problems


def test_pushed_journal_entries_are_dropped_and_later_writes_still_sync(
    office: Practice, tmp_path: Path, folder_remote: str
):
    for family in ("Un", "Deux", "Trois"):
        add_patient(office, family)
    SyncService(office).sync()
    journal = office.conn.execute("SELECT count(*), max(seq) FROM journal").fetchone()
    assert journal[0] == 1  # the last pushed entry only: the storage has the rest
    add_patient(office, "Quatre")
    assert StoreReplica(office.session).pending_count() == 1
    pushed = StoreReplica(office.session).push_cursor()[0]
    assert pushed == journal[1]
    # the creation and its audit entry, which travels in the same segment
    pending = StoreReplica(office.session).pending_changes(pushed, 10)
    assert [(p.local_seq, p.entity) for p in pending] == [
        (pushed + 1, "patient"),
        (pushed + 2, "audit"),
    ]
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "restored") as restored:
        assert state(restored) == state(office)
        assert restored.counts()["patient"] == 4


def test_a_restore_reports_each_step_and_can_pause_after_the_snapshot(
    office: Practice, tmp_path: Path, folder_remote: str
):
    import threading

    from sync.errors import CancelledError

    build_practice(office, 5)
    service = SyncService(office)
    service.sync()
    service.publish_snapshot()
    add_patient(office, "Après la copie complète")
    service.sync()
    steps: list[tuple[str, int]] = []
    cancel = threading.Event()

    def progress(step: str, done: int, total: int) -> None:
        steps.append((step, done))
        if step == "snapshot" and done == 1:
            cancel.set()  # the user presses Cancel while the snapshot loads

    with pytest.raises(CancelledError):
        join(
            tmp_path / "new",
            folder_remote,
            passphrase=PASSPHRASE,
            local_passphrase=PASSPHRASE,
            progress=progress,
            cancel=cancel,
        )
    # The snapshot's chunks (a row image, then the audit chains) are counted as they go
    # in: ("restore", chunks in).
    assert steps == [
        ("snapshot", 0),
        ("restore", 0),
        ("restore", 1),
        ("restore", 2),
        ("snapshot", 1),
    ]
    steps.clear()
    with join(
        tmp_path / "new",
        folder_remote,
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
        progress=progress,
    ) as resumed:
        assert state(resumed) == state(office)
    names = [s for s, _ in steps]
    assert "snapshot" not in names  # loaded before the pause, kept
    assert "pull" in names and names[-2:] == ["index", "index"]


def test_setting_the_same_storage_again_moves_nothing(
    office: Practice, tmp_path: Path, folder_remote: str
):
    add_patient(office, "Un")
    SyncService(office).sync()
    with joined(tmp_path, folder_remote, "reader") as reader:  # pulled, never pushed
        SyncService(reader).sync()
        for device in (office, reader):
            before = device.device_id, StoreReplica(device.session).cursors()
            set_remote(device, folder_remote, passphrase=PASSPHRASE, create=False)
            assert (device.device_id, StoreReplica(device.session).cursors()) == before
    snapshots = list((tmp_path / "remote").rglob("snapshots/*/*"))
    assert snapshots == []  # no snapshot was published: nothing moved


def test_a_move_cut_short_is_finished_by_the_next_sync(
    office: Practice, tmp_path: Path, folder_remote: str, monkeypatch: pytest.MonkeyPatch
):
    add_patient(office, "Avant la coupure")
    SyncService(office).sync()
    new_root = tmp_path / "new-nas"
    new_root.mkdir()

    def network_drops(self: SyncService) -> str:
        raise RemoteUnavailableError("the network dropped")

    with monkeypatch.context() as m:
        m.setattr(SyncService, "publish_snapshot", network_drops)
        with pytest.raises(RemoteUnavailableError):
            set_remote(office, new_root.as_uri(), passphrase=PASSPHRASE, create=True)
    SyncService(office).sync()  # the network is back: the move completes
    with joined(tmp_path, new_root.as_uri(), "restored") as restored:
        assert state(restored) == state(office)

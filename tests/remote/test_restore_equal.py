"""A restored practice equals its source record by record: every field value, every
field's stamp, every open conflict, the search keys and the note index, whether the
restore replays segments or starts from a snapshot (the bulk restore path)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.demo.loader import make_demo
from desktop.practice import search, snapshot_io
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from sync import engine, snapshot_format
from sync.backends import open_backend
from sync.engine import SyncEngine
from sync.layout import snapshots_prefix
from sync.segments import HEADER
from tests.helpers.practice import PASSPHRASE


def state(p: Practice) -> set[str]:
    """Every record as the changes that recreate it: values, stamps, replaced stamps.
    Audit entries are left out: each device's newest ones ('sync-apply' of the last pull)
    wait for its next push, and every chain is checked apart
    (tests/remote/test_audit_sync.py, a restored device gets every chain)."""
    return {
        json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False)
        for c in StoreReplica(p.session).export_state()
        if c.entity != "audit"
    }


def search_state(p: Practice) -> tuple[list[tuple[object, ...]], list[list[str]]]:
    """The search keys (each local number as its patient's id) and entries, and what
    note searches find."""
    keys = p.conn.execute(
        "SELECT k.key, k.rank, k.sort, e.patient_id FROM search_key k "
        "JOIN search_patient e ON e.n = k.n ORDER BY 1, 2, 3, 4"
    ).fetchall()
    entries = p.conn.execute("SELECT * FROM search_patient ORDER BY patient_id").fetchall()
    notes = [
        sorted(r["version_id"] for r in p.search_notes(q, 500)) for q in ("suivi", "tension", "a")
    ]
    return [*keys, *(e[1:] for e in entries)], notes


def restore(folder: Path, url: str) -> Practice:
    return join(folder, url, passphrase=PASSPHRASE, local_passphrase="phrase locale")


@pytest.mark.parametrize("images", [True, False], ids=["format 3", "format 2"])
def test_a_restore_equals_its_source_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, images: bool
) -> None:
    monkeypatch.setattr(snapshot_format, "CHUNK_BYTES", 8_000)  # a snapshot of many chunks
    monkeypatch.setattr(snapshot_io, "IMAGE_BYTES", 64_000)  # and of many row images
    if not images:  # as a Carnet that exports no row images: format 2
        monkeypatch.setattr(engine, "ImageExport", type("NoImageExport", (), {}))
    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    office = tmp_path / "office"
    make_demo(office, PASSPHRASE, patients=12, seed=3, today=dt.date(2026, 11, 1))
    with Practice.open(office, passphrase=PASSPHRASE) as source:
        set_remote(source, url, passphrase=PASSPHRASE, create=True)
        pids = [r[0] for r in source.conn.execute("SELECT id FROM patient ORDER BY id")]
        source.update_record("patient", pids[0], {"phone": "06 11 22 33 44"})
        source.delete_record("patient", pids[1])
        cid, _ = source.add_consultation(pids[2], reason="Suivi", text="tension élevée")
        source.revise_consultation(cid, text="tension contrôlée, œdème")
        SyncService(source).sync()
        # A second device edits the same field concurrently: an open conflict on both.
        with restore(tmp_path / "laptop", url) as laptop:
            laptop.update_record("patient", pids[0], {"phone": "07 00 00 00 01"})
            source.update_record("patient", pids[0], {"phone": "06 99 99 99 99"})
            SyncService(laptop).sync()
            SyncService(source).sync()
            SyncService(laptop).sync()
            assert state(laptop) == state(source)
        assert source.conflicts(), "the test needs an open conflict"
        expected, expected_search = state(source), search_state(source)

        # Replaying every segment (no snapshot on the storage yet).
        with restore(tmp_path / "from-segments", url) as replayed:
            assert state(replayed) == expected
            assert search_state(replayed) == expected_search
            assert replayed.conflicts() == source.conflicts()

        # From a snapshot, then the segments written after it.
        backend = open_backend(url)
        name = (
            SyncEngine(StoreReplica(source.session), backend, source.practice_keys)
            .publish_snapshot()
            .name
        )
        chunks = [o for o in backend.list(snapshots_prefix(source.practice_id))]
        assert len([o for o in chunks if o.name.startswith(f"{name}.")]) >= 5
        source.update_record("patient", pids[3], {"city": "Lyon"})
        SyncService(source).sync()
        expected, expected_search = state(source), search_state(source)
        roots = [o.name for o in chunks if o.name == name]
        version = HEADER.unpack_from(backend.get(roots[0]))[1]
        assert version == (3 if images else 2)
        rebuilt: list[bool] = []
        real_rebuild = search.rebuild

        def rebuild(conn, batch=5_000, notes=True):  # type: ignore[no-untyped-def]
            rebuilt.append(notes)
            real_rebuild(conn, batch, notes)

        monkeypatch.setattr(search, "rebuild", rebuild)
        complete: list[str] = []
        kind_complete = StoreReplica.kind_complete

        def spied(replica: StoreReplica, entity: str) -> None:
            complete.append(entity)
            kind_complete(replica, entity)

        monkeypatch.setattr(StoreReplica, "kind_complete", spied)
        with restore(tmp_path / "from-snapshot", url) as restored:
            # The names were rebuilt once, when the last chunk of patients was in (the
            # kinds' indexes likewise), not again at the end; every note waits for the
            # note index's catch-up, which the note searches below run first.
            assert "patient" in complete and len(complete) == len(set(complete))
            assert rebuilt == [False]
            assert restored.notes_pending() == len(restored.conn.execute(
                "SELECT 1 FROM consultation_version").fetchall()) > 0  # fmt: skip
            assert state(restored) == expected
            assert search_state(restored) == expected_search
            assert restored.conflicts() == source.conflicts()
            assert not list(restored.folder.glob(".snapshot-image-*"))
        assert not list(source.folder.glob(".snapshot-image-*"))

"""Snapshots (format 3, row images, as Carnet writes them) with real practices (SQLCipher)
on real storage: a restore from a chunked snapshot equals its source on every backend; a
tampered or missing chunk stops the restore naming it with nothing of the snapshot in the
database, and the restore resumes once the storage is whole again; a format-1 snapshot
still restores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.cli.output import exit_code
from desktop.demo.loader import make_demo
from desktop.practice import snapshot_io
from desktop.practice.errors import CarnetError
from desktop.practice.meta import MetaKey
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, set_remote
from sync import snapshot_format
from sync.backends import open_backend
from sync.errors import IntegrityError
from sync.layout import snapshots_prefix
from sync.segments import HEADER
from sync.snapshot_write import write_snapshot_v1
from tests.helpers.devices import joined
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import RemoteTarget


def exact(p: Practice) -> set[str]:
    """Every record as the changes that recreate it: values, stamps, replaced stamps."""
    return {
        json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False)
        for c in StoreReplica(p.session).export_state()
        if c.entity != "audit"
    }


def source(tmp_path: Path, url: str) -> Practice:
    office = tmp_path / "office"
    make_demo(office, PASSPHRASE, patients=6, seed=5, today=dt.date(2026, 11, 1))
    p = Practice.open(office, passphrase=PASSPHRASE)
    set_remote(p, url, passphrase=PASSPHRASE, create=True)
    return p


def snapshot_objects(url: str, pid: str) -> list[str]:
    return sorted(o.name for o in open_backend(url).list(snapshots_prefix(pid)))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot_format, "CHUNK_BYTES", 16_000)
    monkeypatch.setattr(snapshot_io, "IMAGE_BYTES", 16_000)  # row images of a few pages


@pytest.mark.server
def test_a_chunked_snapshot_restores_equal_on_every_backend(
    tmp_path: Path, remote_url: RemoteTarget, monkeypatch: pytest.MonkeyPatch, small_chunks: None
) -> None:
    for key, value in remote_url.env.items():
        monkeypatch.setenv(key, value)
    with source(tmp_path, remote_url.url) as office:
        SyncService(office).publish_snapshot()
        objects = snapshot_objects(remote_url.url, office.practice_id)
        assert len(objects) >= 5  # a root and several chunks
        with joined(tmp_path, remote_url.url, "restored") as restored:
            assert exact(restored) == exact(office)
            assert restored.counts() == office.counts()


def _restore_fails(tmp_path: Path, url: str, match: str) -> None:
    with pytest.raises(IntegrityError, match=match) as caught:
        joined(tmp_path, url, "restored").close()
    assert exit_code(caught.value) == 5


def test_a_tampered_or_missing_chunk_stops_the_restore_and_it_resumes_when_whole(
    tmp_path: Path, small_chunks: None
) -> None:
    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    with source(tmp_path, url) as office:
        SyncService(office).publish_snapshot()
        expected = exact(office)
        root = snapshot_objects(url, office.practice_id)[0]
    chunk = remote / f"{root}.000003"
    good = chunk.read_bytes()
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 1
    chunk.write_bytes(bytes(bad))
    _restore_fails(tmp_path, url, "chunk 3 of .* of snapshot .* failed authentication")
    with pytest.raises(CarnetError, match="did not finish"):
        Practice.open(tmp_path / "restored", passphrase=PASSPHRASE)
    with Practice.open(tmp_path / "restored", passphrase=PASSPHRASE, allow_incomplete=True) as p:
        # each chunk commits with where the restore stands: chunks 1 and 2 stay, so
        # the restore resumes at chunk 3 (checked against chunk 2's digest)
        assert sum(p.counts().values()) > 0
        assert json.loads(p.meta_value(MetaKey.RESTORE_CHUNKS))[0] == 2
    chunk.unlink()
    _restore_fails(tmp_path, url, "chunk 3 of .* is missing")
    chunk.write_bytes(good)  # the storage is whole again: the same restore resumes
    with joined(tmp_path, url, "restored") as restored:
        assert exact(restored) == expected


def test_a_format_1_snapshot_restores_into_sqlcipher(tmp_path: Path) -> None:
    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    with source(tmp_path, url) as office:
        service = SyncService(office)
        service.sync()
        replica = StoreReplica(office.session)
        cursors = {replica.device_id: replica.push_cursor()[1]}
        write_snapshot_v1(
            service.backend,
            office.practice_keys,
            replica.device_id,
            cursors,
            replica.meta(),
            replica.export_state(),
        )
        (root,) = snapshot_objects(url, office.practice_id)
        assert HEADER.unpack_from((remote / root).read_bytes())[1] == 1
        with joined(tmp_path, url, "restored") as restored:
            assert exact(restored) == exact(office)

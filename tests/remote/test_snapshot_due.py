"""A practice publishes snapshots on its own (desktop.remote.service.snapshot_due): a
storage set up from the app, never given a `carnet sync --snapshot`, still restores
usable first from a recent snapshot, and replays only what came after it."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from desktop.demo.loader import make_demo
from desktop.practice import snapshot_io
from desktop.practice.meta import USABLE, MetaKey
from desktop.practice.store import Practice
from desktop.remote import RESTORE_STATE, SyncService, join, service, set_remote
from sync import engine, snapshot_format
from sync.backends import open_backend
from sync.errors import CancelledError
from sync.layout import snapshots_prefix
from tests.helpers.devices import exact
from tests.helpers.practice import PASSPHRASE

AFTER = 100  # changes pushed before a snapshot is due (20,000 in the app)


def _roots(tmp_path: Path, p: Practice) -> list[str]:
    backend = open_backend((tmp_path / "remote").as_uri())
    names = [o.name for o in backend.list(snapshots_prefix(p.practice_id))]
    return sorted(n for n in names if "." not in n.rsplit("/", 1)[-1])


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Practice:
    monkeypatch.setattr(service, "SNAPSHOT_AFTER", AFTER)
    monkeypatch.setattr(snapshot_format, "CHUNK_BYTES", 16_000)
    make_demo(tmp_path / "office", PASSPHRASE, patients=20, seed=3, today=dt.date(2026, 11, 1))
    p = Practice.open(tmp_path / "office", passphrase=PASSPHRASE)
    (tmp_path / "remote").mkdir()
    set_remote(p, (tmp_path / "remote").as_uri(), passphrase=PASSPHRASE, create=True)
    yield p
    p.close()


def _write(p: Practice, changes: int) -> None:
    """New patients until the journal holds at least ``changes`` more entries (each write
    journals its audit entry too)."""
    top = lambda: int(p.conn.execute("SELECT max(seq) FROM journal").fetchone()[0])  # noqa: E731
    start, i = top(), 0
    while top() - start < changes:
        p.create_record("patient", {"family_name": f"Nouveau{i}", "birth_date": "1990-01-01"})
        i += 1


def test_the_first_sync_publishes_a_snapshot_and_the_next_only_when_due(
    tmp_path: Path, office: Practice
) -> None:
    assert _roots(tmp_path, office) == []
    SyncService(office).sync()  # the demo's thousands of changes: due at once
    [first] = _roots(tmp_path, office)
    held = int(office.meta_value(MetaKey.SNAPSHOT_CHANGES) or 0)
    assert held > 4 * AFTER  # so the next is due after a quarter of it, not AFTER

    _write(office, AFTER)  # more than AFTER, less than a quarter of the snapshot
    SyncService(office).sync()
    assert _roots(tmp_path, office) == [first]

    _write(office, held // 4)
    SyncService(office).sync()
    assert len(_roots(tmp_path, office)) == 2


def test_a_restore_opens_usable_from_the_snapshot_the_sync_made(
    tmp_path: Path, office: Practice
) -> None:
    SyncService(office).sync()
    _write(office, 3)  # after the snapshot: replayed from the segments
    SyncService(office).sync()
    laptop = join(
        tmp_path / "laptop",
        (tmp_path / "remote").as_uri(),
        passphrase=PASSPHRASE,
        local_passphrase=PASSPHRASE,
        usable_first=True,
    )
    assert laptop.meta_value(RESTORE_STATE) == USABLE  # from a snapshot, usable first
    SyncService(laptop).sync()
    assert laptop.meta_value(RESTORE_STATE) == "complete"
    assert exact(laptop) == exact(office)
    laptop.close()


def test_a_sync_cancelled_while_it_writes_the_snapshot_leaves_none_and_makes_it_next_time(
    tmp_path: Path, office: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    cancel = threading.Event()
    real = snapshot_io.export_snapshot

    def export_then_lock(s):  # type: ignore[no-untyped-def]
        for n, change in enumerate(real(s)):
            if n == 0:
                cancel.set()  # the GP locks the app while the snapshot is being written
            yield change

    monkeypatch.setattr(snapshot_io, "export_snapshot", export_then_lock)
    monkeypatch.setattr(engine, "CANCEL_EVERY", 10)  # 10,000 in the app
    with pytest.raises(CancelledError):
        SyncService(office).sync(cancel)
    assert _roots(tmp_path, office) == []
    assert office.meta_value(MetaKey.SNAPSHOT_LOCAL_SEQ) is None
    monkeypatch.setattr(snapshot_io, "export_snapshot", real)
    SyncService(office).sync()
    assert len(_roots(tmp_path, office)) == 1

"""Kill -9 a real sync process at every storage request of a push and of a pull; after a
restart nothing is lost or duplicated and the devices converge."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.helpers.practice import PASSPHRASE
from tests.helpers.sigkill import KILLER, run_child


def facts(p: Practice) -> set[str]:
    merged: dict[tuple[str, str], dict[str, object]] = {}
    for change in StoreReplica(p.session).export_state():
        if change.entity == "audit":
            continue  # each device's own chain: checked by verify_audit, not merged
        merged.setdefault((change.entity, change.record_id), {}).update(change.fields)
    return {json.dumps([k, v], sort_keys=True, ensure_ascii=False) for k, v in merged.items()}


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_at_every_request_of_push_and_pull_loses_and_duplicates_nothing(
    tmp_path: Path,
):
    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    office_dir, laptop_dir = tmp_path / "office", tmp_path / "laptop"
    with Practice.create(office_dir, practice_name="C", username="dr", passphrase=PASSPHRASE) as p:
        set_remote(p, url, passphrase=PASSPHRASE, create=True)
        SyncService(p).sync()
    join(laptop_dir, url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE).close()

    kills = 0
    for round_ in range(3):
        with Practice.open(office_dir, passphrase=PASSPHRASE) as p:
            for i in range(40):
                pid = p.create_record("patient", {"family_name": f"R{round_}P{i}"})
                p.add_consultation(pid, text=f"note {round_} {i}")
        # push, killed at request 1, 2, ... (before and after it lands) until one completes
        for device in (office_dir, laptop_dir):  # the laptop's run is the pull side
            for when in ("before", "after"):
                n = 1
                while not run_child(device, url, n, when):
                    kills += 1
                    n += 1
                    assert n < 50
    with (
        Practice.open(office_dir, passphrase=PASSPHRASE) as office,
        Practice.open(laptop_dir, passphrase=PASSPHRASE) as laptop,
    ):
        SyncService(laptop).sync()
        assert facts(office) == facts(laptop)
        assert laptop.counts()["patient"] == 120
        assert laptop.counts()["consultation_version"] == 120
        assert laptop.pending_count() == 0 and office.pending_count() == 0
        assert office.verify_audit().ok and laptop.verify_audit().ok
    assert kills >= 6


RESTORE_CHILD = KILLER + textwrap.dedent(
    """
    from pathlib import Path
    from desktop.remote import connect, join

    folder, url, kill_at, passphrase = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    join(folder, url, passphrase=passphrase, local_passphrase=passphrase,
         backend=Killer(connect(url), kill_at, "before")).close()
    print("completed")
    """
)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("snapshot_format", [1, 2, 3])
def test_restore_killed_at_every_request_resumes_to_the_same_practice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshot_format: int
):
    """Formats 2 and 3 in small chunks (row images of a few rows), so kills land between
    chunks too; formats 1 and 2 as storages written before them hold them."""
    from desktop.practice import snapshot_io
    from sync import engine
    from sync import snapshot_format as chunking
    from sync.engine import SyncEngine
    from sync.snapshot_write import write_snapshot_v1

    monkeypatch.setattr(chunking, "CHUNK_BYTES", 2_000)
    monkeypatch.setattr(snapshot_io, "IMAGE_BYTES", 4_096)  # an image per copy
    monkeypatch.setattr(snapshot_io, "FIRST_ROWS", 10)
    if snapshot_format < 3:  # as for a replica that exports no row images: format 2
        monkeypatch.setattr(engine, "ImageExport", type("NoImageExport", (), {}))
    if snapshot_format == 1:
        monkeypatch.setattr(
            engine, "write_snapshot", lambda *args, **kw: write_snapshot_v1(*args, **kw)
        )

    remote = tmp_path / "remote"
    remote.mkdir()
    url = remote.as_uri()
    with Practice.create(
        tmp_path / "office", practice_name="C", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, url, passphrase=PASSPHRASE, create=True)
        for batch in range(3):
            for i in range(30):
                office.create_record("patient", {"family_name": f"B{batch}P{i}"})
            SyncEngine(
                StoreReplica(office.session),
                SyncService(office).backend,
                office.practice_keys,
                segment_changes=10,
            ).sync()
            if batch == 1:
                SyncService(office).publish_snapshot()
        expected = facts(office)
        chunks = list((remote / office.practice_id / "snapshots").rglob("*.0*"))
    assert len(chunks) >= 4 if snapshot_format > 1 else chunks == []
    target = tmp_path / "restored"
    kill_at, kills = 1, 0
    while True:  # kill -9 at request 1, then 2, ... each run resuming the previous one
        proc = subprocess.run(
            [sys.executable, "-c", RESTORE_CHILD, str(target), url, str(kill_at), PASSPHRASE],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).parents[2],
        )
        if proc.returncode == 0:
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        kills += 1
        kill_at += 1
        assert kill_at < 200
        if (target / "keys.json").exists():
            with pytest.raises(Exception, match="did not finish"):
                Practice.open(target, passphrase=PASSPHRASE)
    assert kills >= 5
    with Practice.open(target, passphrase=PASSPHRASE) as restored:
        assert facts(restored) == expected

"""The audit syncs: each device's chain travels in its segments, every device verifies
every chain, and an edited, dropped or reordered entry of any device is caught, naming
that device. The synced entries hold ids, never a name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.audit_query import AccessFilter
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import make_remote


@pytest.fixture(params=["folder", "webdav-wsgidav"])
def two(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Practice, Practice, str]]:
    """The office opened a chart and both devices synced; (office, laptop, patient id)."""
    if request.param == "folder":
        (tmp_path / "remote").mkdir()
        url = (tmp_path / "remote").as_uri()
    else:
        target = make_remote(request.param, request, tmp_path)
        for key, value in target.env.items():
            monkeypatch.setenv(key, value)
        url = target.url
    with Practice.create(
        tmp_path / "office", practice_name="Cabinet", username="dr", passphrase=PASSPHRASE
    ) as office:
        set_remote(office, url, passphrase=PASSPHRASE, create=True)
        pid = office.create_record(
            "patient", {"family_name": "Zébulon", "birth_date": "1970-01-01"}
        )
        office.chart(pid)
        SyncService(office).sync()
        with join(
            tmp_path / "laptop", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE
        ) as laptop:
            laptop.chart(pid)
            SyncService(laptop).sync()
            SyncService(office).sync()
            yield office, laptop, pid


def peer_rows(p: Practice, chain: str) -> list[tuple[int, str, str | None]]:
    return p.conn.execute(
        "SELECT seq, action, record_id FROM audit_peer WHERE chain = ? ORDER BY seq", (chain,)
    ).fetchall()


def test_each_device_verifies_every_devices_chain(two: tuple[Practice, Practice, str]):
    office, laptop, pid = two
    own = office.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert (office.device_id, laptop.device_id) != (None, None)
    # the laptop holds the office's whole chain, as the office wrote it (up to its sync)
    held = peer_rows(laptop, office.device_id)
    assert [r[0] for r in held] == list(range(1, len(held) + 1)) and len(held) <= own
    assert ("read", pid) in {(a, r) for _, a, r in held}
    # and the office holds the laptop's read of the chart
    assert ("read", pid) in {(a, r) for _, a, r in peer_rows(office, laptop.device_id)}
    for p in (office, laptop):
        report = p.verify_audit()
        assert report.ok and report.chains == 2, report


def test_an_edited_dropped_or_reordered_peer_entry_is_caught(
    two: tuple[Practice, Practice, str],
):
    office, laptop, pid = two
    chain = office.device_id
    conn = laptop.conn
    tampers = {
        "edited": [f"UPDATE audit_peer SET record_id = 'x' WHERE chain = '{chain}' AND seq = 2"],
        "dropped": [f"DELETE FROM audit_peer WHERE chain = '{chain}' AND seq = 2"],
        "tail cut": [
            f"DELETE FROM audit_peer WHERE chain = '{chain}' AND seq = ("
            f"SELECT max(seq) FROM audit_peer WHERE chain = '{chain}')"
        ],
        "reordered": [
            f"UPDATE audit_peer SET seq = -1 WHERE chain = '{chain}' AND seq = 2",
            f"UPDATE audit_peer SET seq = 2 WHERE chain = '{chain}' AND seq = 3",
            f"UPDATE audit_peer SET seq = 3 WHERE chain = '{chain}' AND seq = -1",
        ],
        "user changed": [
            f"UPDATE audit_peer SET user_id = 'u' WHERE chain = '{chain}' AND seq = 1"
        ],
    }
    for what, statements in tampers.items():
        conn.execute("SAVEPOINT tamper")
        for sql in statements:
            conn.execute(sql)
        report = laptop.verify_audit()
        conn.execute("ROLLBACK TO tamper")
        conn.execute("RELEASE tamper")
        assert not report.ok and report.chain == chain, (what, report)
    assert laptop.verify_audit().ok


def test_cli_audit_verify_names_the_device_whose_chain_was_edited(
    two: tuple[Practice, Practice, str],
    capsys: pytest.CaptureFixture[str],
):
    office, laptop, _ = two
    chain = office.device_id
    laptop.conn.execute(f"UPDATE audit_peer SET action = 'x' WHERE chain = '{chain}' AND seq = 1")
    laptop.conn.commit()
    folder = str(laptop.folder)
    capsys.readouterr()
    code = cli.main(
        ["--data-dir", folder, "--passphrase-file", _passfile(laptop), "audit", "verify"]
    )
    err = capsys.readouterr().err
    assert code == 5 and chain in err and "entry 1 was modified" in err, err


def _passfile(p: Practice) -> str:
    path = p.folder.parent / "pass.txt"
    path.write_text(PASSPHRASE)
    return str(path)


def test_synced_audit_entries_hold_ids_not_names(two: tuple[Practice, Practice, str]):
    office, laptop, pid = two
    sent = [c for c in StoreReplica(office.session).export_state() if c.entity == "audit"]
    assert sent and all("Zébulon" not in str(c.fields) for c in sent)
    assert any(pid in str(c.fields) for c in sent)


def test_a_restored_device_gets_every_chain_from_the_snapshot(
    two: tuple[Practice, Practice, str], tmp_path: Path
):
    office, laptop, _ = two
    service = SyncService(office)
    service.publish_snapshot()
    assert service.url is not None
    with join(
        tmp_path / "third", service.url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE
    ) as third:
        report = third.verify_audit()
        assert report.ok and report.chains == 3, report
        held = {c for (c,) in third.conn.execute("SELECT DISTINCT chain FROM audit_peer")}
        assert {office.device_id, laptop.device_id} <= held


def test_devices_go_idle_after_exchanging_audit_entries(two: tuple[Practice, Practice, str]):
    """A segment of audit entries only writes no audit entry where it is applied: two
    devices exchanging their 'sync-apply' entries do not ping-pong forever."""
    office, laptop, _ = two
    for _ in range(3):
        SyncService(laptop).sync()
        SyncService(office).sync()
    assert SyncService(laptop).sync().pushed_changes == 0
    assert SyncService(office).sync().pushed_changes == 0
    assert StoreReplica(office.session).pending_count() == 0


def test_a_chart_opened_offline_is_not_a_change_waiting(two: tuple[Practice, Practice, str]):
    office, _, pid = two
    for _ in range(3):
        SyncService(office).sync()
    assert StoreReplica(office.session).pending_count() == 0
    office.chart(pid)
    assert (
        StoreReplica(office.session).pending_count() == 0
    )  # the audit entry waits, but is no change
    assert [
        p.entity
        for p in StoreReplica(office.session).pending_changes(
            StoreReplica(office.session).push_cursor()[0], 9
        )
    ] == ["audit"]
    assert SyncService(office).sync().pushed_changes == 1


def test_a_charts_access_list_shows_every_device_with_names(
    two: tuple[Practice, Practice, str], tmp_path: Path
):
    office, laptop, pid = two
    with office.transaction():
        office.set_meta("device_name", "PC-bureau")
        office.set_meta("device_names", json.dumps({laptop.device_id: "Portable"}))
    cid, _ = laptop.add_consultation(pid, text="note")
    SyncService(laptop).sync()
    SyncService(office).sync()
    seen = office.chart_access(pid)
    assert [(e.action, e.device_name) for e in seen if e.action == "read"][-2:] == [
        ("read", "Portable"),
        ("read", "PC-bureau"),
    ]
    assert ("create", "consultation", "Portable") in {
        (e.action, e.entity, e.device_name) for e in seen
    }
    assert all(e.patient_id == pid for e in seen) and seen == sorted(
        seen, key=lambda e: e.at, reverse=True
    )
    # the practice's log: filtered by user and date, resolving each entry's chart
    log = office.access_log(AccessFilter(user_id=office.user_id, since=seen[-1].at[:10]))
    assert log and {e.user_id for e in log} == {office.user_id}
    assert any(e.patient_id == pid and e.entity == "consultation" for e in log)
    assert office.access_log(AccessFilter(until="2000-01-01")) == []
    # the patient's export: one line per entry and a header, and itself audited
    out = tmp_path / "acces.csv"
    assert office.export_access_log(pid, out) == len(seen)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == len(seen) + 1 and "Portable" in lines[1] + lines[2]
    assert office.audit_entries(1)[0]["action"] == "export-access"

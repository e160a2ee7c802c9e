"""The audit log's hash chain catches every edit, removal and reordering."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE


@pytest.fixture
def audited(practice: Practice) -> Practice:
    pid = practice.create_record("patient", {"family_name": "Roux", "birth_date": "1950-05-05"})
    for _ in range(5):
        practice.chart(pid)
    practice.update_record("patient", pid, {"phone": "0600000000"})
    assert practice.verify_audit().ok
    return practice


def count(p: Practice) -> int:
    return int(p.conn.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_intact_log_verifies(audited: Practice):
    report = audited.verify_audit()
    assert report.ok and report.entries == count(audited)


def test_edited_entry_is_detected(audited: Practice):
    audited.conn.execute("UPDATE audit SET action = 'create' WHERE seq = 5")
    report = audited.verify_audit()
    assert not report.ok and report.first_bad_seq == 5 and "modified" in (report.problem or "")


def test_edited_user_is_detected(audited: Practice):
    audited.conn.execute("UPDATE audit SET user_id = 'someone-else' WHERE seq = 4")
    assert audited.verify_audit().first_bad_seq == 4


def test_removed_entry_is_detected(audited: Practice):
    audited.conn.execute("DELETE FROM audit WHERE seq = 3")
    report = audited.verify_audit()
    assert not report.ok and report.first_bad_seq == 3


def test_removed_entry_with_renumbering_is_detected(audited: Practice):
    audited.conn.execute("DELETE FROM audit WHERE seq = 3")
    audited.conn.execute("UPDATE audit SET seq = seq - 1 WHERE seq > 3")
    assert not audited.verify_audit().ok


def test_reordered_entries_are_detected(audited: Practice):
    rows = audited.conn.execute(
        "SELECT at, user_id, action, entity, record_id, prev, hash FROM audit WHERE seq IN (4, 5) "
        "ORDER BY seq"
    ).fetchall()
    for seq, row in zip((5, 4), rows, strict=True):
        audited.conn.execute(
            "UPDATE audit SET at=?, user_id=?, action=?, entity=?, record_id=?, prev=?, hash=? "
            "WHERE seq=?",
            (*row, seq),
        )
    assert not audited.verify_audit().ok


def test_cut_off_tail_is_detected(audited: Practice):
    last = count(audited)
    audited.conn.execute("DELETE FROM audit WHERE seq >= ?", (last - 1,))
    report = audited.verify_audit()
    assert not report.ok and "newest entries were removed" in (report.problem or "")


def test_cli_audit_verify_exit_codes(
    audited: Practice,
    practice_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    audited.close()
    assert cli.main(["--data-dir", str(practice_dir), "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    with Practice.open(practice_dir, passphrase=PASSPHRASE) as p:
        p.conn.execute("UPDATE audit SET action = 'x' WHERE seq = 2")
    assert cli.main(["--data-dir", str(practice_dir), "audit", "verify"]) == 5
    assert "tampered" in capsys.readouterr().err

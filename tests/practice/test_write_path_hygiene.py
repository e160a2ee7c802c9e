"""One write path, one set of rules, as the `carnet` command shows them: control
characters never reach a record (nor a terminal), an empty family name is refused by
edit as by add, and same-day consultations list in one order on every device."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice import search
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str]:
    os.environ["CARNET_PASSPHRASE"] = PASSPHRASE
    try:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(folder), *args])
    finally:
        del os.environ["CARNET_PASSPHRASE"]
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    Practice.create(tmp_path / "p", practice_name="C", username="dr", passphrase=PASSPHRASE).close()
    return tmp_path / "p"


def test_control_characters_are_stripped_on_write_and_escaped_on_output(
    folder: Path, capsys: pytest.CaptureFixture[str]
):
    code, out = run(
        capsys,
        folder,
        "patient",
        "add",
        "--family-name",
        "Du\x1b[2Jpont\r\nFAUX 1999",
        "--given-name",
        "Jean\x07",
        "--birth-date",
        "1970-01-01",
    )
    assert code == 0, out
    pid = out.strip()
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        stored = p.patient(pid)
        assert stored["family_name"] == "Du[2Jpont FAUX 1999"
        assert stored["given_names"] == "Jean"
        # what another device (an older Carnet) may have synced in, written raw
        p.conn.execute("UPDATE patient SET given_names = ? WHERE id = ?", ("A\x1b[2J\rB", pid))
        search.index_patient(p.conn, pid)  # as applying a synced change does (rows.after_change)
    code, out = run(capsys, folder, "search", "faux")
    assert code == 0 and "\x1b" not in out and "\r" not in out and "\\x1b" in out, out
    code, out = run(capsys, folder, "patient", "show", pid)
    assert code == 0 and "\x1b" not in out and "\r" not in out, out


def test_an_empty_family_name_is_refused_by_every_write(
    folder: Path, capsys: pytest.CaptureFixture[str]
):
    code, out = run(
        capsys,
        folder,
        "patient",
        "add",
        "--family-name",
        "Martin",
        "--given-name",
        "A",
        "--birth-date",
        "1970-01-01",
    )
    pid = out.strip()
    for value in ("", "   "):
        code, out = run(capsys, folder, "patient", "edit", pid, "--set", f"family_name={value}")
        assert code == 2 and "family name must not be empty" in out, out
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        assert p.patient(pid)["family_name"] == "Martin"


def test_same_day_consultations_are_ordered_by_date_then_id(folder: Path):
    with Practice.open(folder, passphrase=PASSPHRASE) as p:
        pid = p.create_record("patient", {"family_name": "M", "birth_date": "1970-01-01"})
        ids = [p.add_consultation(pid, started_at="2026-03-02T09:00")[0] for _ in range(4)]
        listed = [c.id for c in p.chart(pid).consultations]
    assert listed == sorted(ids, reverse=True)


def test_an_emptied_database_is_reported_as_damage_with_the_way_out(
    folder: Path, capsys: pytest.CaptureFixture[str]
):
    (folder / "practice.db").write_bytes(b"")
    for command in (["status"], ["search", "x"], ["sync"], ["audit", "verify"]):
        code, out = run(capsys, folder, *command)
        assert code == 5 and "is empty (0 bytes)" in out and "restore" in out, out
    assert (folder / "practice.db").stat().st_size == 0  # left as it was

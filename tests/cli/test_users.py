"""``carnet user add|list|deactivate`` and ``carnet --user U``: the CLI obeys the role,
a refused read exits 6 with a sentence naming the role and none of the refused content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from tests.helpers.practice import PASSPHRASE

SEC = "front desk passphrase"


def run(folder: Path, *args: str) -> int:
    return cli.main(["--data-dir", str(folder), *args])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "p"
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert run(folder, "init", "--practice", "Cabinet", "--user", "dr") == 0
    monkeypatch.setenv("CARNET_NEW_PASSPHRASE", SEC)
    assert run(folder, "--user", "dr", "user", "add", "--username", "sec",
               "--display-name", "Sylvie Accueil", "--role", "secretary") == 0  # fmt: skip
    monkeypatch.delenv("CARNET_NEW_PASSPHRASE")
    return folder


def test_users_are_added_listed_and_deactivated(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    new = tmp_path / "locum.txt"
    new.write_text("locum passphrase\n", encoding="utf-8")
    assert run(folder, "user", "add", "--username", "remp", "--display-name", "Dr Remp",
               "--role", "locum", "--until", "2999-01-31",
               "--new-passphrase-file", str(new)) == 0  # fmt: skip
    capsys.readouterr()
    assert run(folder, "user", "list", "--json") == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["remp"]["until"] == "2999-01-31" and users["sec"]["role"] == "secretary"
    assert all(u["active"] and u["login_here"] for u in users.values())
    assert run(folder, "user", "add", "--username", "x", "--display-name", "X",
               "--role", "doctor") == 2  # fmt: skip  (no passphrase given)
    assert run(folder, "user", "deactivate", "sec") == 0
    assert "device revoke" in capsys.readouterr().out
    monkeypatch.setenv("CARNET_PASSPHRASE", SEC)
    assert run(folder, "--user", "sec", "status") == 3
    assert "deactivated" in capsys.readouterr().err
    assert run(folder, "user", "show", "remp") == 3  # her passphrase, whatever the command


def test_a_secretary_is_refused_clinical_reads_with_exit_6(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    assert run(folder, "--user", "dr", "patient", "add", "--family-name", "Lefèvre",
               "--given-name", "Anaïs", "--birth-date", "1979-04-03") == 0  # fmt: skip
    pid = capsys.readouterr().out.strip().split()[-1]
    assert run(folder, "--user", "dr", "note", "add", pid, "--text", "Asthme instable") == 0
    monkeypatch.setenv("CARNET_PASSPHRASE", SEC)
    capsys.readouterr()
    for refused in (["patient", "show", pid], ["search", "--notes", "asthme"],
                    ["note", "add", pid, "--text", "x"]):  # fmt: skip
        assert run(folder, "--user", "sec", *refused) == 6, refused
        err = capsys.readouterr()
        assert "secretary role" in err.err and "Asthme" not in err.err + err.out
    monkeypatch.setenv("CARNET_NEW_PASSPHRASE", "another passphrase")
    assert run(folder, "--user", "sec", "user", "add", "--username", "y",
               "--display-name", "Y", "--role", "doctor") == 6  # fmt: skip
    assert "secretary role cannot manage" in capsys.readouterr().err
    assert run(folder, "--user", "sec", "search", "lefevre") == 0
    assert "LEFÈVRE Anaïs" in capsys.readouterr().out
    assert run(folder, "--user", "sec", "patient", "edit", pid, "--set", "phone=0611") == 0

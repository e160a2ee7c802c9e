"""A `carnet` command on a practice written by an older Carnet says, on stderr, that it
upgrades the database first (a wait of minutes on a very large practice), and its
output stays what a script reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.migrations import SCHEMA_VERSION
from tests.data.make_fixtures import PASSPHRASE

DATA = Path(__file__).parents[1] / "data"


def test_a_command_says_on_stderr_that_it_upgrades_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    older = tmp_path / "older"
    shutil.copytree(DATA / f"schema-{SCHEMA_VERSION - 1}", older)
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(older), "search", "lefevre", "--json"]) == 0
    out, err = capsys.readouterr()
    assert f"upgrading the practice database (schema {SCHEMA_VERSION - 1} to " in err
    assert json.loads(out)[0]["family_name"] == "Lefèvre"  # stdout is the JSON alone
    assert cli.main(["--data-dir", str(older), "search", "lefevre", "--json"]) == 0
    assert "upgrading" not in capsys.readouterr().err  # once

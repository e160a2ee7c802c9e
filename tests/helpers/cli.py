"""Running ``carnet`` in-process for the rx tests, and a practice prepared through it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import cli
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    os.environ["CARNET_PASSPHRASE"] = PASSPHRASE
    try:
        code = cli.main(["--data-dir", str(folder), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        del os.environ["CARNET_PASSPHRASE"]
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out.strip(), err.strip()


def prepared_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    where = tmp_path / "practice"
    with Practice.create(where, practice_name="Cabinet du Parc", username="dr",
                         passphrase=PASSPHRASE) as p:
        p.create_record("user", {"username": "remp", "display_name": "Remp", "role": "locum"})
    for args in (
        ["practice", "set", "address=3 place du Parc", "postal_code=33000", "city=Bordeaux",
         "phone=05 56 00 11 22", "email=accueil@parc.fr"],
        ["user", "set", "dr", "given_names=Anne", "family_name=Roux",
         "qualification=Médecin généraliste", "rpps=10100000001"],
    ):
        assert run(capsys, where, *args)[0] == 0
    return where


def patient(capsys: pytest.CaptureFixture[str], folder: Path, birth: str = "1960-02-01") -> str:
    code, out, _ = run(capsys, folder, "patient", "add", "--family-name", "Petit",
                       "--given-name", "Louise", "--birth-date", birth, "--sex", "F")
    assert code == 0
    return out



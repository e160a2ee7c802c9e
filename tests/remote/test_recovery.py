"""The printed recovery kit and passphrase changes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import cli
from desktop.cli.output import exit_code
from desktop.practice import errors
from desktop.practice.store import Practice
from desktop.remote import SyncService, join, set_remote
from tests.helpers.practice import PASSPHRASE
from tests.helpers.servers import require_or_skip


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    remote = tmp_path / "remote"
    remote.mkdir()
    with Practice.create(
        tmp_path / "office",
        practice_name="Cabinet des Tilleuls",
        username="dr",
        passphrase=PASSPHRASE,
    ) as p:
        first = set_remote(p, remote.as_uri(), passphrase=PASSPHRASE, create=True)
        p.create_record("patient", {"family_name": "Récupérée", "birth_date": "1955-05-05"})
        SyncService(p).sync()
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert first
    return tmp_path / "office", remote.as_uri(), first


def pdf_text(path: Path) -> tuple[str, int]:
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        require_or_skip("pdftotext/pdfinfo (poppler-utils) are needed to read the PDF")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return text, pages


def restore_with_key(tmp_path: Path, url: str, key: str, name: str) -> Practice:
    return join(tmp_path / name, url, recovery_key=key, local_passphrase="nouvelle phrase")


def test_recovery_kit_is_one_page_with_the_key_that_restores(
    office: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    folder, url, first_key = office
    pdf = tmp_path / "kit.pdf"
    assert cli.main(["--data-dir", str(folder), "recovery-kit", "-o", str(pdf)]) == 0
    text, pages = pdf_text(pdf)
    assert pages == 1
    assert (
        "Cabinet des Tilleuls" in text and "Recovery key" in text and "Clé de récupération" in text
    )
    groups = re.findall(r"\b[A-Z2-7]{4}\b", text.split("Recovery key", 1)[1])
    key = "-".join(groups[:14])
    assert len(groups) >= 14
    with restore_with_key(tmp_path, url, key, "restored") as restored:
        assert restored.search_patients("recuperee")
    with pytest.raises(Exception) as old:  # the previous kit no longer opens the practice
        restore_with_key(tmp_path, url, first_key, "old-kit")
    assert exit_code(old.value) == 3


def test_passphrase_change_old_stops_working_recovery_key_still_works(
    office: tuple[Path, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    folder, url, recovery = office
    monkeypatch.setenv("CARNET_NEW_PASSPHRASE", "une toute autre phrase")
    assert cli.main(["--data-dir", str(folder), "passphrase", "change"]) == 0
    with pytest.raises(errors.WrongPassphraseError):
        Practice.open(folder, passphrase=PASSPHRASE)
    Practice.open(folder, passphrase="une toute autre phrase").close()
    with pytest.raises(Exception) as wrong:  # the remote refuses the old passphrase too
        join(tmp_path / "x", url, passphrase=PASSPHRASE, local_passphrase=PASSPHRASE)
    assert exit_code(wrong.value) == 3
    join(
        tmp_path / "y", url, passphrase="une toute autre phrase", local_passphrase=PASSPHRASE
    ).close()
    with restore_with_key(tmp_path, url, recovery, "kit") as restored:
        assert restored.search_patients("recuperee")

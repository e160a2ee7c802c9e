"""Every secret file is read the same way: a passphrase ending in a space, set with
--new-passphrase-file, opens with --passphrase-file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from tests.helpers.practice import PASSPHRASE


def test_a_passphrase_ending_in_a_space_opens_as_it_was_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(folder), "init", "--practice", "P", "--user", "u"]) == 0
    new = tmp_path / "new.txt"
    new.write_text("une phrase qui finit par un espace \n", encoding="utf-8")
    changed = cli.main(
        ["--data-dir", str(folder), "passphrase", "change", "--local-only",
         "--new-passphrase-file", str(new)]
    )  # fmt: skip
    assert changed == 0
    monkeypatch.delenv("CARNET_PASSPHRASE")
    assert cli.main(["--data-dir", str(folder), "--passphrase-file", str(new), "status"]) == 0
    monkeypatch.setenv("CARNET_PASSPHRASE", "une phrase qui finit par un espace ")
    assert cli.main(["--data-dir", str(folder), "status"]) == 0

"""`carnet search … | head` ends quietly: a reader that goes away is not a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.practice import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "CARNET_PASSPHRASE": PASSPHRASE, "CARNET_DATA_DIR": str(tmp_path / "p")}
    cli = [sys.executable, "-m", "desktop.cli"]
    subprocess.run([*cli, "demo", "--patients", "300"], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    reader = subprocess.Popen(
        [*cli, "search", "--json", "--limit", "300", "a"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.read(100)  # `head -c 100`: then the reader goes away
    reader.stdout.close()
    err = reader.stderr.read().decode()
    reader.stderr.close()
    assert first and reader.wait(timeout=60) == 0
    assert err == "", err  # no crash log, no traceback

"""A real sync process killed with SIGKILL at a chosen storage request: the crash that
tests/remote/test_sigkill.py and test_usable_first.py recover from."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers.practice import PASSPHRASE

# A storage wrapper that kills its own process with SIGKILL just before ("before") or
# just after ("after") storage request number ``kill_at``; shared by the child scripts.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    os.environ["CARNET_INSECURE_FAST_KDF"] = "1"

    class Killer:
        def __init__(self, inner, kill_at, when):
            self.inner, self.calls, self.kill_at, self.when = inner, 0, kill_at, when
        def __getattr__(self, name):
            attr = getattr(self.inner, name)
            if name not in ("list", "get", "create", "put", "delete"):
                return attr
            def call(*args):
                self.calls += 1
                if self.calls == self.kill_at and self.when == "before":
                    os.kill(os.getpid(), signal.SIGKILL)
                result = attr(*args)
                if self.calls == self.kill_at and self.when == "after":
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            return call
    """
)

# Runs one sync of the practice in argv[1] against the folder remote argv[2], killed at
# storage request argv[3] (argv[4]: before or after it lands).
CHILD = KILLER + textwrap.dedent(
    """
    from pathlib import Path
    from desktop.practice.store import Practice
    from desktop.remote import SyncService, connect

    folder, url, kill_at, after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with Practice.open(folder, passphrase=sys.argv[5]) as practice:
        SyncService(practice, Killer(connect(url), kill_at, after)).sync()
    print("completed")
    """
)


def run_child(folder: Path, url: str, kill_at: int, when: str) -> bool:
    """True if the sync completed, False if it was killed."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), url, str(kill_at), when, PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    if proc.returncode == -signal.SIGKILL:
        return False
    assert proc.returncode == 0, proc.stderr[-2000:]
    return "completed" in proc.stdout

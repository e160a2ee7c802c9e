"""Entry point of the desktop app (the Qt UI is built in its own issue)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(data_dir: Path, *, demo_if_empty: bool = True) -> int:
    del data_dir, demo_if_empty
    print("carnet: the desktop app is not built yet; see 'carnet --help'", file=sys.stderr)
    return 1

"""The ``carnet`` sub-commands that talk to a sync remote (remote, sync, status, …)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Register = Callable[[str], Callable[[Callable[[argparse.Namespace], int]], Any]]


def add_commands(sub: Any, command: Register) -> None:
    """Add the sync commands to the ``carnet`` parser (filled in by the sync work)."""
    del sub, command

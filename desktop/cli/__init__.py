"""The ``carnet`` command (entry point ``desktop.cli:main``); see :mod:`desktop.cli.parser`."""

from desktop.cli.parser import main

__all__ = ["main"]

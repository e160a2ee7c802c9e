"""Object-name rules shared by every adapter.

Carnet's names are ``/``-separated paths of hex, digits, letters, dashes, dots and
underscores (``devices/<id>/<seq>``). Refusing anything else keeps names portable across a
folder on any OS, WebDAV URLs and S3 keys, and reserves names starting with ``.`` for the
adapters' own temporary objects (``.tmp/``), so they can never collide with data.
"""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")

TEMP_DIR = ".tmp"
"""Adapters keep temporary objects under this top-level folder; list never shows it."""


def check_name(name: str) -> str:
    """Return ``name`` if it is a valid object name, else raise :class:`ValueError`."""
    if not name or len(name) > 1024:
        raise ValueError("An object name must be 1 to 1024 characters long.")
    for segment in name.split("/"):
        if not _SEGMENT.fullmatch(segment):
            raise ValueError(
                f"The object name {name!r} is not valid: use letters, digits, '-', '_', '.', "
                "'~' and '/' between non-empty parts that do not start with a dot."
            )
    return name


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if it could start a valid name ("" lists everything)."""
    if prefix == "":
        return prefix
    check_name(prefix[:-1] if prefix.endswith("/") else prefix)
    return prefix


def prefix_dir(prefix: str) -> str:
    """The folder part of a prefix: ``"devices/ab"`` -> ``"devices/"``, ``"x"`` -> ``""``."""
    cut = prefix.rfind("/")
    return prefix[: cut + 1]


def is_hidden(segment: str) -> bool:
    """Names the adapters reserve (temporaries, probes) start with a dot."""
    return segment.startswith(".")

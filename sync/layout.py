"""The remote layout of a practice: where each object lives, and its name.

Everything lives under ``<root>/<practice-id>/`` (the practice id is a random UUID)::

    format                          envelope "CRNF": layout version, practice id
    keys/<epoch:08d>/passphrase     practice key of that epoch wrapped by the passphrase
    keys/<epoch:08d>/recovery       ... and to the recovery key (X25519 public-key wrap)
    keys/<epoch:08d>/recovery-public  envelope "CRNK": the recovery key's public half
    devices/<device>/<seq:020d>     immutable change segments, create-only, one writer
    heads/<device>.<seq:020d>       envelope "CRNH": hint of a device's latest segment
    snapshots/<device>/<ms:020d>    envelope "CRNP": full state + the cursors it covers
    blobs/<keyed hash>              envelope "CRNB": one chunk of an attachment

Names carry only random ids, numbers and fixed words: never patient data. Heads carry
the seq in their *name* so that one listing of ``heads/`` tells, without any GET, whether
anything changed (the idle sync is one request); a new head is created, then the
previous one deleted. See docs/sync-protocol.md for the byte formats.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

LAYOUT_VERSION = 1
FIRST_EPOCH = 1
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def is_id(value: str) -> bool:
    """Whether ``value`` may be a practice or device id in an object name."""
    return _NAME_RE.match(value) is not None


def check_id(value: str, what: str) -> str:
    """Practice and device ids go into object names: letters, digits, '-' and '_' only."""
    if not is_id(value):
        raise ValueError(f"{what} {value!r} is not a valid id")
    return value


def new_practice_id() -> str:
    return str(uuid.uuid4())


def format_name(pid: str) -> str:
    return f"{pid}/format"


def keys_prefix(pid: str) -> str:
    return f"{pid}/keys/"


def key_name(pid: str, epoch: int, kind: str) -> str:
    """``kind``: "passphrase", "recovery", or "previous" (the epoch-1 key under this one)."""
    return f"{pid}/keys/{epoch:08d}/{kind}"


def segment_name(pid: str, device: str, seq: int) -> str:
    return f"{pid}/devices/{device}/{seq:020d}"


def heads_prefix(pid: str) -> str:
    return f"{pid}/heads/"


def head_name(pid: str, device: str, seq: int) -> str:
    """Flat under ``heads/``, so listing every device's head is one request even where a
    listing goes one folder level per request (Apache refuses ``Depth: infinity``)."""
    return f"{pid}/heads/{device}.{seq:020d}"


def first_layout_head_name(pid: str, device: str, seq: int) -> str:
    """Where storage written before heads were flat keeps them (read, never written)."""
    return f"{pid}/heads/{device}/{seq:020d}"


def parse_head(name: str, prefix: str) -> tuple[str, int] | None:
    """``<prefix><device>.<seq>`` -> (device, seq); the first layout's
    ``<prefix><device>/<seq>`` is read too. None for anything else."""
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix) :]
    device, dot, seq = rest.rpartition(".")
    if dot and "/" not in rest and is_id(device) and seq.isdigit():
        return device, int(seq)
    return parse_numbered(name, prefix)


def snapshots_prefix(pid: str) -> str:
    return f"{pid}/snapshots/"


def snapshot_name(pid: str, device: str, number: int) -> str:
    return f"{pid}/snapshots/{device}/{number:020d}"


def parse_numbered(name: str, prefix: str) -> tuple[str, int] | None:
    """``<prefix><device>/<number>`` -> (device, number); None for anything else."""
    if not name.startswith(prefix):
        return None
    parts = name[len(prefix) :].split("/")
    if len(parts) != 2 or not is_id(parts[0]) or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def dump_json(value: Mapping[str, Any]) -> bytes:
    """The one JSON encoding of the layout's JSON objects (key wraps, heads, format)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")

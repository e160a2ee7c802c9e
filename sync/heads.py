"""Heads: a device's sealed claim about its latest segment (``heads/<device>.<seq>``).

A head is a hint that saves listing the device's segments; its seq is bound to its
name, so a head moved to another name does not verify.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sync.errors import IntegrityError
from sync.layout import dump_json
from sync.segments import MAGIC_HEAD, PURPOSE_HEAD, PracticeKeys, open_object, seal_object


@dataclass(frozen=True, slots=True)
class Head:
    """A device's claim about its latest segment: seq, digest and length of the object."""

    device: str
    seq: int
    digest: str
    length: int


def encode_head(keys: PracticeKeys, head: Head) -> bytes:
    body = dump_json({"seq": head.seq, "digest": head.digest, "length": head.length})
    context = [keys.practice_id, head.device, str(head.seq)]
    return seal_object(keys, MAGIC_HEAD, PURPOSE_HEAD, context, body)


def decode_head(keys: PracticeKeys, device: str, seq: int, data: bytes) -> Head:
    """Verify a head read from ``heads/<device>/<seq>``; the name's seq is bound."""
    what = f"head {seq} of device {device}"
    try:
        body = open_object(
            keys, MAGIC_HEAD, PURPOSE_HEAD, [keys.practice_id, device, str(seq)], data, what
        )
        value = json.loads(body)
        head = Head(device, int(value["seq"]), str(value["digest"]), int(value["length"]))
    except IntegrityError as exc:
        raise IntegrityError(str(exc), device, seq) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError(f"{what} is malformed", device, seq) from exc
    if head.seq != seq:
        raise IntegrityError(f"{what} names seq {head.seq}", device, seq)
    return head

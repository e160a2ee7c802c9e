"""The unit that sync moves: a change to some fields of one record, with its clock.

A change is what the local store's single write path journals and what a remote device's
segment carries. Merging is per field, last writer wins on ``Stamp`` order, and the
``replaces`` stamps let every replica tell a concurrent write (a conflict to show the
user) from a plain later one. See docs/sync-protocol.md.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

JSONValue = Any  # str | int | float | bool | None | list | dict, as json.loads gives

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """Who wrote a field value and when: compared as (hlc, device), so ties never occur."""

    hlc: int
    device: str

    def to_json(self) -> list[Any]:
        return [self.hlc, self.device]

    @staticmethod
    def from_json(value: Any) -> Stamp:
        hlc, device = value
        return Stamp(int(hlc), str(device))


ZERO = Stamp(0, "")
"""The stamp of a field that was never written."""


@dataclass(frozen=True, slots=True)
class Change:
    """New values for some fields of one record, all written at ``stamp``.

    ``replaces`` gives, for each field, the stamp of the value the writer saw and
    overwrote (``ZERO`` when the field had never been written on that device).
    Immutable records (clinical versions) are a single change that creates them.
    """

    entity: str
    record_id: str
    stamp: Stamp
    fields: Mapping[str, JSONValue]
    replaces: Mapping[str, Stamp] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object, decoded: what :meth:`to_wire` encodes."""
        return {
            "e": self.entity,
            "id": self.record_id,
            "s": self.stamp.to_json(),
            "f": dict(self.fields),
            "r": {k: v.to_json() for k, v in self.replaces.items() if v != ZERO},
        }

    def to_wire(self) -> bytes:
        """The change exactly as a segment carries it (see :func:`wire`)."""
        return wire(
            self.entity,
            self.record_id,
            self.stamp.hlc,
            self.stamp.device,
            encode_fields(self.fields).encode("utf-8"),
            encode_replaces(self.replaces).encode("utf-8"),
        )

    @staticmethod
    def from_json(value: Mapping[str, Any]) -> Change:
        return Change(
            entity=str(value["e"]),
            record_id=str(value["id"]),
            stamp=Stamp.from_json(value["s"]),
            fields=dict(value["f"]),
            replaces={k: Stamp.from_json(v) for k, v in value.get("r", {}).items()},
        )


def changes_from_json(items: Iterable[Mapping[str, Any]]) -> list[Change]:
    """``[Change.from_json(v) for v in items]``: the same checks, equal objects, in about
    half the time, for a restore decodes millions. The frozen dataclasses' ``__init__``
    sets each slot through ``object.__setattr__``; here the slots' own descriptors are
    set directly, the freshly parsed ``dict`` of fields is not copied, and the usual
    empty ``replaces`` builds no comprehension."""
    out: list[Change] = []
    append = out.append
    new = object.__new__
    for value in items:
        hlc, device = value["s"]
        stamp = new(Stamp)
        _set_hlc(stamp, int(hlc))
        _set_device(stamp, str(device))
        fields = value["f"]
        got = value.get("r")
        change = new(Change)
        _set_entity(change, str(value["e"]))
        _set_record_id(change, str(value["id"]))
        _set_stamp(change, stamp)
        _set_fields(change, fields if type(fields) is dict else dict(fields))
        _set_replaces(change, {k: Stamp.from_json(v) for k, v in got.items()} if got else {})
        append(change)
    return out


_set_hlc: Any = vars(Stamp)["hlc"].__set__
_set_device: Any = vars(Stamp)["device"].__set__
_set_entity: Any = vars(Change)["entity"].__set__
_set_record_id: Any = vars(Change)["record_id"].__set__
_set_stamp: Any = vars(Change)["stamp"].__set__
_set_fields: Any = vars(Change)["fields"].__set__
_set_replaces: Any = vars(Change)["replaces"].__set__


# --- the wire form: the one encoder of a change as segments carry it ---------------------

_compact: Any = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""json.dumps(value, ensure_ascii=False, separators=(",", ":")), without building an
encoder per call."""
_string: Any = json.encoder.encode_basestring
"""A str as JSON with ensure_ascii=False, as json.dumps writes it (C-accelerated)."""


def encode_fields(fields: Mapping[str, JSONValue]) -> str:
    """A change's fields as compact JSON: the ``"f"`` member of its wire form."""
    return str(_compact(fields if type(fields) is dict else dict(fields)))


def encode_replaces(replaces: Mapping[str, Stamp]) -> str:
    """A change's replaced stamps as compact JSON, ZERO ones left out: its ``"r"``."""
    return str(_compact({k: [v.hlc, v.device] for k, v in replaces.items() if v != ZERO}))


def wire(
    entity: str, record_id: str, hlc: int, device: str, fields_json: bytes, replaces_json: bytes
) -> bytes:
    """A change's wire form (UTF-8), from its parts and its already encoded fields and
    replaces (a journal that keeps those as :func:`encode_fields` and
    :func:`encode_replaces` gave them, read back as UTF-8 bytes, need not decode and
    encode them again to push: a segment is bytes, and the text is most of it).

    Exactly ``json.dumps(change.to_json(), separators=(",", ":"), ensure_ascii=False)``
    in UTF-8; decoded by :meth:`Change.from_json`.
    """
    return b'{"e":%s,"id":%s,"s":[%d,%s],"f":%s,"r":%s}' % (
        _string(entity).encode("utf-8"),
        _string(record_id).encode("utf-8"),
        int(hlc),
        _string(device).encode("utf-8"),
        fields_json,
        replaces_json,
    )


def hlc_wall_ms(hlc: int) -> int:
    """The wall-clock milliseconds part of a hybrid logical clock value."""
    return hlc >> _COUNTER_BITS


class HybridClock:
    """A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds and a counter.

    Values only grow, on this device and after observing any remote value, even if the
    system clock steps back; so a device's later write always wins over its earlier one.
    """

    def __init__(self, last: int = 0, now_ms: Any = None) -> None:
        self._last = last
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def now(self) -> int:
        with self._lock:
            wall = self._now_ms() << _COUNTER_BITS
            self._last = wall if wall > self._last else self._last + 1
            return self._last

    def observe(self, remote: int) -> None:
        with self._lock:
            if remote > self._last:
                self._last = remote


_id_lock = threading.Lock()
_id_last_ms = 0
_id_counter = 0


def new_id() -> str:
    """A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits.

    Time-ordered (the counter keeps ids made within one millisecond in order, RFC 9562
    method 1), so new rows land at the end of indexes; random, so two offline devices
    never collide.
    """
    global _id_last_ms, _id_counter
    with _id_lock:
        ms = time.time_ns() // 1_000_000
        if ms > _id_last_ms:
            _id_last_ms, _id_counter = ms, int.from_bytes(os.urandom(2), "big") & 0x7FF
        else:  # same millisecond (or the clock stepped back): count on from the last id
            _id_counter += 1
            if _id_counter > 0xFFF:
                _id_last_ms, _id_counter = _id_last_ms + 1, 0
            ms = _id_last_ms
        counter = _id_counter
    rand = int.from_bytes(os.urandom(8), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= counter << 64  # rand_a used as a counter
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))

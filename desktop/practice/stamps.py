"""Per-field merge state of a mutable row, stored compactly beside the row.

Each field has a :class:`sync.merge.FieldState` (stamp, the stamp it replaced, and
``seen``). A row created in one write has every field at the row's base stamp
(``_hlc``/``_dev``, replaced and seen ZERO), so a fresh record costs two columns; fields
written later carry ``[hlc, device, replaced_hlc, replaced_device(, seen_hlc,
seen_device)]`` in the ``_st`` JSON column.
"""

from __future__ import annotations

import json
from typing import Any

from sync.changes import ZERO, Stamp
from sync.merge import FieldState


class RowStamps:
    def __init__(self, base: Stamp, overrides: str | None) -> None:
        self.base = base
        self.over: dict[str, list[Any]] = json.loads(overrides) if overrides else {}

    def stamp(self, name: str) -> Stamp:
        entry = self.over.get(name)
        return self.base if entry is None else Stamp(entry[0], entry[1])

    def state(self, name: str, value: Any) -> FieldState | None:
        """The field's merge state, or None if it was never written here."""
        entry = self.over.get(name)
        if entry is None:
            if self.base == ZERO:
                return None
            return FieldState(value, self.base, ZERO, ZERO)
        replaced = Stamp(entry[2], entry[3])
        seen = Stamp(entry[4], entry[5]) if len(entry) > 4 else replaced
        stamp = Stamp(entry[0], entry[1])
        if stamp == ZERO:
            return None
        return FieldState(value, stamp, replaced, seen)

    def set(self, name: str, state: FieldState) -> None:
        if state.stamp == self.base and state.replaces == ZERO and state.seen == ZERO:
            self.over.pop(name, None)
            return
        entry = [state.stamp.hlc, state.stamp.device, state.replaces.hlc, state.replaces.device]
        if state.seen != state.replaces:
            entry += [state.seen.hlc, state.seen.device]
        self.over[name] = entry

    def dump(self) -> str | None:
        return json.dumps(self.over, separators=(",", ":")) if self.over else None

"""The one merge rule, shared by every replica (the SQLCipher store and the test replica).

Per field, last writer wins on :class:`~sync.changes.Stamp` order ``(hlc, device)``.
A replica keeps, for every field, a :class:`FieldState`: the value, its stamp, the stamp
that value's writer overwrote (``replaces``) and ``seen``, the highest ``replaces`` of
every write of that field this replica ever received. With those, conflicts are a pure
function of the *set* of writes received, whatever their order or repetition:

    a write ``x`` of a field is an open conflict iff ``x`` is not the winner (the
    highest stamp) and no write ``y`` of that field has ``y.replaces >= x``,

i.e. nobody overwrote ``x`` after seeing it: it was beaten by a concurrent write. Its
conflict id hashes (entity, record id, field, ``x``'s stamp), so every device holding the
same writes records the same conflicts. A conflict is *shown* only while the loser's
value differs from the current value (:func:`is_shown`). Any later write that saw the
field's current value (a resolution, or any ordinary edit) has ``replaces`` = the winner's
stamp, which is above every loser: it closes them all.

Why not the pairwise rule "conflict iff c.replaces < s and s.replaces < c": with three
concurrent writers a < b < c, a replica receiving a, b, c records (a, b) and (b, c) while
one receiving c, a, b records (a, c) and (b, c). Keying conflicts by the loser, and
remembering ``seen``, makes every replica agree (a property test checks it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sync.changes import ZERO, Change, JSONValue, Stamp


@dataclass(frozen=True, slots=True)
class FieldState:
    """What a replica must persist per field (the store: one row per record field).

    ``stamp``: who wrote ``value``; ``replaces``: the stamp that writer overwrote;
    ``seen``: the max ``replaces`` over every write of this field received here.
    """

    value: JSONValue
    stamp: Stamp
    replaces: Stamp
    seen: Stamp


@dataclass(frozen=True, slots=True)
class Conflict:
    """A losing concurrent value, kept so the user can choose (the winner is the field's
    current value). ``loser_replaces`` is kept so the loser can be re-exported exactly."""

    conflict_id: str
    entity: str
    record_id: str
    field: str
    loser_value: JSONValue
    loser_stamp: Stamp
    loser_replaces: Stamp


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    """The result of merging one incoming field value.

    ``state``: the new :class:`FieldState` to persist (always persist it when ``changed``:
    even a losing write may raise ``seen``). ``take``: the incoming value won.
    ``conflict``: a conflict to insert (insert-or-ignore on ``conflict_id``).
    ``close_up_to``: delete this field's conflicts whose ``loser_stamp <= close_up_to``.
    ``changed``: False when the write was already known and nothing is to be done.
    """

    state: FieldState
    take: bool
    conflict: Conflict | None
    close_up_to: Stamp
    changed: bool


def conflict_id(entity: str, record_id: str, field: str, loser: Stamp) -> str:
    """Deterministic id of the conflict whose losing write is ``loser`` (hex, 32 chars)."""
    data = json.dumps([entity, record_id, field, loser.hlc, loser.device], separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def merge_field(
    entity: str,
    record_id: str,
    field: str,
    local: FieldState | None,
    value: JSONValue,
    stamp: Stamp,
    replaces: Stamp,
) -> MergeOutcome:
    """Merge one incoming write ``(value, stamp, replaces)`` into ``local`` (None: unknown).

    Pure and deterministic. Idempotent: merging a write already merged returns
    ``changed=False`` or an outcome that re-inserts the same conflict.
    """
    if local is None:
        state = FieldState(value, stamp, replaces, replaces)
        return MergeOutcome(state, True, None, replaces, True)
    if stamp == local.stamp:
        return MergeOutcome(local, False, None, ZERO, False)
    seen = max(local.seen, replaces)
    if stamp > local.stamp:
        state = FieldState(value, stamp, replaces, seen)
        conflict = None
        if replaces < local.stamp:
            # The new winner never saw the value it beats: that value is a loser.
            conflict = Conflict(
                conflict_id(entity, record_id, field, local.stamp),
                entity,
                record_id,
                field,
                local.value,
                local.stamp,
                local.replaces,
            )
        return MergeOutcome(state, True, conflict, replaces, True)
    # The incoming write loses. It is an open conflict unless some write already saw it.
    state = replace(local, seen=seen)
    conflict = None
    if local.seen < stamp:
        conflict = Conflict(
            conflict_id(entity, record_id, field, stamp),
            entity,
            record_id,
            field,
            value,
            stamp,
            replaces,
        )
    changed = seen != local.seen or conflict is not None
    return MergeOutcome(state, False, conflict, replaces, changed)


def local_write(local: FieldState | None, value: JSONValue, stamp: Stamp) -> FieldState:
    """The new state of a field written on this device; ``state.replaces`` goes into the
    journal's :class:`Change`. The write saw the current value, so it closes every
    conflict of the field (the caller deletes them all)."""
    if local is not None and stamp <= local.stamp:
        raise ValueError("a local write must carry a stamp above the field's current one")
    prior = local.stamp if local is not None else ZERO
    seen = max(local.seen, prior) if local is not None else ZERO
    return FieldState(value, stamp, prior, seen)


def is_shown(conflict: Conflict, current: FieldState) -> bool:
    """Whether to list a stored conflict: only if the loser's value differs from the
    winner's (equal values are no conflict for the user)."""
    return bool(conflict.loser_value != current.value)


def changes_for_record(
    entity: str,
    record_id: str,
    fields: Mapping[str, FieldState],
    losers: Iterable[Conflict] = (),
) -> list[Change]:
    """Re-express one record (and its open conflicts' losers) as changes that recreate it
    through :func:`merge_field`: the helper for ``Replica.export_state``.

    Fields written by the same write (same stamp and replaces) are grouped into one change.
    """
    groups: dict[tuple[Stamp, str], dict[str, JSONValue]] = {}
    reps: dict[tuple[Stamp, str], dict[str, Stamp]] = {}
    for name, st in fields.items():
        key = (st.stamp, "")
        groups.setdefault(key, {})[name] = st.value
        reps.setdefault(key, {})[name] = st.replaces
    for c in losers:
        key = (c.loser_stamp, c.field)
        groups.setdefault(key, {})[c.field] = c.loser_value
        reps.setdefault(key, {})[c.field] = c.loser_replaces
    return [
        Change(entity, record_id, stamp, groups[(stamp, tag)], reps[(stamp, tag)])
        for (stamp, tag) in sorted(groups)
    ]

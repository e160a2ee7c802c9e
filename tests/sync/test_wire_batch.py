"""A WireBatch is a journal's pending changes read in one piece: it must behave as the list
of PendingChange it stands for, and its joined wire forms must be the segment body that
list makes."""

from __future__ import annotations

import pytest

from sync.changes import Change, Stamp
from sync.ports import PendingChange, WireBatch
from sync.segments import joined_body, segment_body


def _changes() -> list[PendingChange]:
    fields = [{"n": "a,b"}, {"n": "é ☃ 𝔘"}, {"n": None}, {"x": [1, {"y": "]"}]}, {"n": ""}]
    entities = ["patient", "audit", "document", "patient", "document"]
    return [
        PendingChange(10 + 3 * i, Change(entities[i], f"r{i}", Stamp(100 + i, "dev"), f, {}))
        for i, f in enumerate(fields)
    ]


def _batch(pending: list[PendingChange]) -> WireBatch:
    wires = [p.change.to_wire() for p in pending]
    return WireBatch(
        [p.local_seq for p in pending],
        [p.entity for p in pending],
        b",".join(wires),
        [len(w) for w in wires],
    )


def _same(got: object, expected: list[PendingChange]) -> None:
    assert isinstance(got, WireBatch | list)
    assert [(p.local_seq, p.entity, p.wire) for p in got] == [
        (p.local_seq, p.entity, p.change.to_wire()) for p in expected
    ]


def test_it_reads_as_the_list_of_its_changes() -> None:
    pending = _changes()
    batch = _batch(pending)
    assert len(batch) == 5
    _same(batch, pending)
    assert batch[-1].local_seq == 22 and batch[0].change.fields == {"n": "a,b"}
    assert [p.change.to_json() for p in batch] == [p.change.to_json() for p in pending]
    with pytest.raises(IndexError):
        batch[5]


@pytest.mark.parametrize(
    "cut", [slice(0, 2), slice(2, None), slice(1, 4), slice(3, 3), slice(None)]
)
def test_a_slice_is_a_batch_of_those_changes_and_their_body(cut: slice) -> None:
    pending = _changes()
    part = _batch(pending)[cut]
    assert isinstance(part, WireBatch)
    _same(part, pending[cut])
    assert joined_body(part.joined) == segment_body([p.change.to_wire() for p in pending[cut]])


def test_of_entity_makes_only_that_kind() -> None:
    pending = _changes()
    assert [p.local_seq for p in _batch(pending).of_entity("document")] == [16, 22]


def test_lengths_that_do_not_make_up_the_wire_forms_are_refused() -> None:
    with pytest.raises(ValueError, match="add up"):
        WireBatch([1, 2], ["a", "b"], b"{},{}", [2, 3])
    with pytest.raises(ValueError, match="per change"):
        WireBatch([1, 2], ["a"], b"{},{}", [2, 2])
    assert len(WireBatch([], [], b"", [])) == 0

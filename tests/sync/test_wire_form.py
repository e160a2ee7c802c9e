"""A change's wire form has one encoder (sync.changes.wire): it is exactly the compact JSON
of ``Change.to_json()``, whichever way it is built, and decodes to the same change."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.changes import ZERO, Change, Stamp, encode_fields, encode_replaces, wire

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_stamps = st.builds(Stamp, st.integers(0, 2**62), _text)
_changes = st.builds(
    Change,
    _text,
    _text,
    _stamps,
    st.dictionaries(_text, _json, max_size=5),
    st.dictionaries(_text, st.one_of(st.just(ZERO), _stamps), max_size=3),
)


@settings(max_examples=300)
@given(_changes)
def test_the_wire_form_is_the_compact_json_of_the_change(change: Change) -> None:
    expected = json.dumps(change.to_json(), separators=(",", ":"), ensure_ascii=False)
    assert change.to_wire() == expected
    parts = wire(
        change.entity,
        change.record_id,
        change.stamp.hlc,
        change.stamp.device,
        encode_fields(change.fields),
        encode_replaces(change.replaces),
    )
    assert parts == expected
    back = Change.from_json(json.loads(parts))
    assert back.to_json() == change.to_json()
    assert back.replaces == {k: v for k, v in change.replaces.items() if v != ZERO}

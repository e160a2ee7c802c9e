"""A change's wire form has one encoder (sync.changes.wire): it is exactly the compact JSON
of ``Change.to_json()``, whichever way it is built, and decodes to the same change."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.changes import ZERO, Change, Stamp, encode_fields, encode_replaces, wire
from sync.errors import IntegrityError
from sync.segments import parse_segment

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


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])  # a busy machine
@given(_changes)
def test_the_wire_form_is_the_compact_json_of_the_change(change: Change) -> None:
    expected = json.dumps(change.to_json(), separators=(",", ":"), ensure_ascii=False)
    assert change.to_wire() == expected.encode("utf-8")
    parts = wire(
        change.entity,
        change.record_id,
        change.stamp.hlc,
        change.stamp.device,
        encode_fields(change.fields).encode("utf-8"),
        encode_replaces(change.replaces).encode("utf-8"),
    )
    assert parts == expected.encode("utf-8")
    back = Change.from_json(json.loads(parts))
    assert back.to_json() == change.to_json()
    assert back.replaces == {k: v for k, v in change.replaces.items() if v != ZERO}


_wild_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities too: json.dumps writes them
    | st.text(max_size=8),  # lone surrogates too
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_changes, max_size=3), st.dictionaries(_text, _wild_json, max_size=3))
def test_a_segment_decodes_as_the_json_module_reads_it(changes: list[Change], extra: dict) -> None:
    # The fast decoder (changes_from_json) must give exactly what json.loads +
    # Change.from_json gave, whatever an older writer put there (NaN, huge integers...).
    tail = Change("patient", "p", Stamp(1, "d"), extra)
    body = json.dumps({"changes": [c.to_json() for c in [*changes, tail]]}, ensure_ascii=False)
    raw = body.encode("utf-8", "surrogatepass")
    expected = [Change.from_json(v) for v in json.loads(body)["changes"]]
    got = parse_segment("d", 1, raw)
    assert repr(got) == repr(expected)  # NaN != NaN: compare the printed values
    assert [type(c.stamp) for c in got] == [Stamp] * len(got)


def test_a_malformed_change_is_refused_as_before() -> None:
    for bad in (
        {"e": "patient", "id": "p", "s": [1], "f": {}},
        {"e": "patient", "id": "p", "s": [1, "d"], "f": "text"},
        {"e": "patient", "id": "p", "s": ["x", "d"], "f": {}},
        {"e": "patient", "s": [1, "d"], "f": {}},
    ):
        raw = json.dumps({"changes": [bad]}).encode()
        with pytest.raises(IntegrityError, match="authentic but malformed"):
            parse_segment("d", 1, raw)

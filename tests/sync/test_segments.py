"""Segment envelope: round trip, and every kind of tampering is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import crypto
from sync.changes import Change, Stamp
from sync.errors import IntegrityError, UnsupportedFormatError
from sync.segments import HEADER, PracticeKeys, decode_segment, digest, encode_segment

KEYS = PracticeKeys("practice-1", {1: bytes(range(32))}, 1)

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
stamps = st.builds(Stamp, st.integers(1, 2**62), st.sampled_from(["dev-a", "dev-b"]))
changes = st.builds(
    Change,
    entity=st.sampled_from(["patient", "note_version", "allergy"]),
    record_id=st.uuids().map(str),
    stamp=stamps,
    fields=st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=4),
    replaces=st.dictionaries(st.text(min_size=1, max_size=8), stamps, max_size=2),
)


def sample() -> list[Change]:
    return [
        Change("patient", "p1", Stamp(10, "dev-a"), {"name": "Hélène Müller", "nir": "2850175"}),
        Change(
            "patient",
            "p1",
            Stamp(11, "dev-a"),
            {"name": "Hélène Dupont"},
            {"name": Stamp(10, "dev-a")},
        ),
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(changes, max_size=20), st.integers(1, 10**9), st.text(max_size=64))
def test_round_trip(batch: list[Change], seq: int, prev: str) -> None:
    data = encode_segment(KEYS, "dev-a", seq, prev, batch)
    assert decode_segment(KEYS, "dev-a", seq, prev, data) == batch


def test_every_flipped_byte_and_every_truncation_is_refused() -> None:
    data = encode_segment(KEYS, "dev-a", 3, "ab" * 32, sample())
    for i in range(len(data)):
        bad = bytearray(data)
        bad[i] ^= 0x01
        with pytest.raises((IntegrityError, UnsupportedFormatError)):
            decode_segment(KEYS, "dev-a", 3, "ab" * 32, bytes(bad))
    for n in range(len(data)):
        with pytest.raises(IntegrityError) as info:
            decode_segment(KEYS, "dev-a", 3, "ab" * 32, data[:n])
        assert info.value.device == "dev-a" and info.value.seq == 3


@pytest.mark.parametrize(
    ("practice", "device", "seq", "prev"),
    [
        ("practice-2", "dev-a", 3, "ab" * 32),  # another practice
        ("practice-1", "dev-b", 3, "ab" * 32),  # another device
        ("practice-1", "dev-a", 4, "ab" * 32),  # another position (swapped, replayed)
        ("practice-1", "dev-a", 3, "cd" * 32),  # another chain (reordered, forked)
    ],
)
def test_a_segment_opens_only_where_it_was_written(
    practice: str, device: str, seq: int, prev: str
) -> None:
    data = encode_segment(KEYS, "dev-a", 3, "ab" * 32, sample())
    keys = PracticeKeys(practice, KEYS.epochs, 1)
    with pytest.raises(IntegrityError) as info:
        decode_segment(keys, device, seq, prev, data)
    assert info.value.device == device and info.value.seq == seq
    assert f"segment {seq} of device {device}" in str(info.value)


def test_another_practice_key_is_refused() -> None:
    data = encode_segment(KEYS, "dev-a", 1, "", sample())
    other = PracticeKeys("practice-1", {1: crypto.random_key()}, 1)
    with pytest.raises(IntegrityError):
        decode_segment(other, "dev-a", 1, "", data)


def test_header_epoch_is_authenticated_and_unknown_epochs_refused() -> None:
    two = PracticeKeys("practice-1", {1: bytes(range(32)), 2: bytes(32)}, 2)
    data = encode_segment(two, "dev-a", 1, "", sample())
    magic, version, epoch = HEADER.unpack_from(data)
    assert (magic, version, epoch) == (b"CRNS", 1, 2)
    relabelled = HEADER.pack(magic, version, 1) + data[HEADER.size :]
    with pytest.raises(IntegrityError):
        decode_segment(two, "dev-a", 1, "", relabelled)
    with pytest.raises(IntegrityError, match="epoch 2"):
        decode_segment(KEYS, "dev-a", 1, "", data)


def test_no_plaintext_and_compression_works() -> None:
    batch = sample() * 500
    data = encode_segment(KEYS, "dev-a", 1, "", batch)
    assert b"Dupont" not in data and "Hélène".encode() not in data
    assert len(data) < 2000  # 1000 similar changes compress well
    assert len(digest(data)) == 64

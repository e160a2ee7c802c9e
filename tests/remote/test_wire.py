"""The journal hands the engine each pending change already encoded (``PendingChange.wire``)
so a push does not encode every change again: those bytes must be exactly what encoding
the change would give, and a segment sealed from them must carry the same plaintext."""

from __future__ import annotations

import json

import pytest
import sqlcipher3

from desktop.practice import journal
from desktop.practice.migrations import v0001, v0007
from desktop.practice.replica import StoreReplica
from desktop.practice.store import Practice
from sync.changes import Change, wire
from sync.ports import WireBatch
from sync.segments import (
    PURPOSE_SEGMENT,
    decode_segment,
    encode_segment,
    joined_body,
    open_object,
    segment_body,
)


def _varied_writes(practice: Practice) -> None:
    pid = practice.create_record(
        "patient",
        {
            "family_name": "Müller-Œdipe",
            "given_names": 'Zoë "Zo" l\'Ainée \\ ☃ 𝔘',
            "birth_date": "1961-03-12",
            "sex": "F",
            "phone": "06 12 34 56 78",
        },
    )
    practice.update_record("patient", pid, {"phone": "+33 6 98 76 54 32", "city": "Besançon"})
    practice.update_record("patient", pid, {"phone": None})
    practice.add_consultation(
        pid,
        reason="Suivi\tHTA\n",
        text="Tension 13/8, poids 70.25 kg; « RAS » — ½ comprimé",
        weight_kg=70.25,
        bp_sys=128,
        diagnoses=[{"label": "HTA", "cim10": "I10", "x": [1.5e-7, 1e16, True, None]}],
    )
    practice.delete_record("patient", pid)
    practice.undelete_record("patient", pid)


def test_wire_is_exactly_the_encoded_change(practice: Practice) -> None:
    _varied_writes(practice)
    pending = StoreReplica(practice.session).pending_changes(0, 1000)
    assert len(pending) > 5
    rows = practice.conn.execute("SELECT seq, entity, record_id FROM journal ORDER BY seq")
    assert [(p.local_seq, p.entity) for p in pending] == [r[:2] for r in rows.fetchall()]
    for p in pending:
        change = Change.from_json(json.loads(p.wire or b""))
        expected = json.dumps(change.to_json(), separators=(",", ":"), ensure_ascii=False)
        assert p.wire == expected.encode("utf-8") == change.to_wire()
        assert p.entity == change.entity
    assert "Besançon" in [p.change.fields.get("city") for p in pending]  # a value written


def test_segment_from_wires_has_the_same_plaintext(practice: Practice) -> None:
    _varied_writes(practice)
    pending = StoreReplica(practice.session).pending_changes(0, 1000)
    keys, device = practice.practice_keys, practice.device_id
    changes = [p.change for p in pending]
    wires = [p.wire or b"" for p in pending]
    fast = encode_segment(keys, device, 1, "", changes, wires)
    slow = encode_segment(keys, device, 1, "", changes)
    ctx = [keys.practice_id, device, "1", ""]
    assert open_object(keys, b"CRNS", PURPOSE_SEGMENT, ctx, fast, "f") == open_object(
        keys, b"CRNS", PURPOSE_SEGMENT, ctx, slow, "s"
    )
    decoded = decode_segment(keys, device, 1, "", fast)
    assert [c.to_json() for c in decoded] == [c.to_json() for c in changes]


def test_the_upgrade_to_schema_7_writes_any_text_as_the_json_module_does() -> None:
    """Schema 7 fills each old entry's wire form in SQL (json_quote): ids, kinds and
    devices holding quotes, backslashes, control characters, NUL, non-BMP letters come
    out byte for byte as ``sync.changes.wire`` writes them, and decode to what was kept."""
    odd = ['a"b\\c', "\n\t\r\b\f", "\x00\x01\x1f\x7f", "\u2028é😀", "</script>", ""]
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    [create] = [sql for sql in v0001.STATEMENTS if sql.startswith("CREATE TABLE journal")]
    conn.execute(create)
    parts = [
        (text, text + "-id", 2**62 + i, "dev" + text, '{"x":"é"}', "{}")
        for i, text in enumerate(odd)
    ]
    conn.executemany(
        "INSERT INTO journal(entity, record_id, hlc, device, fields, replaces) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        parts,
    )
    v0007.apply(conn)
    rows = conn.execute("SELECT seq, entity, record_id, wire FROM journal ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(odd) + 1))
    for (_, entity, record_id, got), (_, _, hlc, device, fields, replaces) in zip(
        rows, parts, strict=True
    ):
        assert got == wire(
            entity, record_id, hlc, device, fields.encode("utf-8"), replaces.encode("utf-8")
        )
        decoded = json.loads(got)
        assert (decoded["e"], decoded["id"], decoded["s"]) == (entity, record_id, [hlc, device])


def _entry_by_entry(practice: Practice, after: int) -> list[tuple[int, str, bytes]]:
    rows = practice.conn.execute(
        "SELECT seq, entity, wire FROM journal WHERE seq > ? ORDER BY seq", (after,)
    )
    return [(seq, entity, bytes(w)) for seq, entity, w in rows]


def test_the_journal_read_in_one_piece_is_the_read_entry_by_entry(practice: Practice) -> None:
    _varied_writes(practice)
    everything = _entry_by_entry(practice, 0)
    middle = everything[len(everything) // 2][0]
    for after, limit in ((0, 1000), (middle, 1000), (0, 3), (middle, 2)):
        batch = journal.pending(practice.session, after, limit)
        assert isinstance(batch, WireBatch)  # the push's path
        expected = _entry_by_entry(practice, after)[:limit]
        assert [(p.local_seq, p.entity, p.wire) for p in batch] == expected
        assert joined_body(batch.joined) == segment_body([w for _, _, w in expected])
    assert journal.pending(practice.session, everything[-1][0], 1000) == []


def test_a_read_too_large_for_one_piece_comes_entry_by_entry(practice: Practice) -> None:
    _varied_writes(practice)
    whole = journal.pending(practice.session, 0, journal.ONE_PIECE_AT_MOST + 1)
    assert isinstance(whole, list)
    assert [(p.local_seq, p.entity, p.wire) for p in whole] == _entry_by_entry(practice, 0)


@pytest.mark.parametrize(
    "query",
    [
        # Longer than SQLite's largest string: SQLite refuses it (DataError).
        "SELECT zeroblob(2000000000), ?, ?, NULL",
        # The entries handed over in another order than asked: the seqs give it away.
        "SELECT group_concat(seq), group_concat(entity), group_concat(length(CAST(wire AS BLOB))), "
        "CAST(group_concat(wire, ',') AS BLOB) FROM (SELECT seq, entity, wire FROM journal "
        "WHERE seq > ? ORDER BY seq DESC LIMIT ?)",
    ],
)
def test_when_one_piece_fails_the_read_goes_entry_by_entry(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    _varied_writes(practice)
    monkeypatch.setattr(journal, "_IN_ONE_PIECE", query)
    got = journal.pending(practice.session, 0, 1000)
    assert isinstance(got, list)
    assert [(p.local_seq, p.entity, p.wire) for p in got] == _entry_by_entry(practice, 0)

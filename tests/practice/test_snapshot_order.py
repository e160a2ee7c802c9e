"""What a snapshot carries first, and where a restore may open the practice: the order
is the export's (desktop.practice.snapshot_io), the cut is read from the root's plan."""

from __future__ import annotations

import json

from desktop.practice import conflicts
from desktop.practice.replica import StoreReplica
from desktop.practice.schema import ENTITIES
from desktop.practice.snapshot_io import IDENTITY, NEWEST_FIRST, export_order, usable_after
from desktop.practice.stamps import RowStamps
from desktop.practice.store import Practice
from desktop.practice.values import from_sql
from sync.changes import Change, Stamp
from sync.merge import Conflict, changes_for_record
from sync.ports import Cursor, PendingChange, RowImage


def test_what_makes_the_practice_usable_comes_first_then_the_history_newest_first() -> None:
    order = export_order()
    names = [ent.name for ent, _ in order]
    assert sorted(names) == sorted(ENTITIES)  # every kind, once
    first = [n for n in IDENTITY if n in ENTITIES]
    assert names[: len(first)] == first
    assert {"patient", "allergy", "appointment", "user"} <= set(first)
    assert "consultation_version" not in first  # the history streams in behind
    for ent, clause in order:
        if ent.name in NEWEST_FIRST:
            assert clause == f"{NEWEST_FIRST[ent.name]} DESC, id"


def test_the_cut_is_after_the_last_chunk_holding_a_first_kind() -> None:
    plan = [
        [["patient", 10], ["practice", 1], ["user", 2]],
        [["allergy", 5], ["consultation", 100]],
        [["consultation_version", 900]],
        [["audit", 3]],
    ]
    assert usable_after(plan) == 2
    # another Carnet's order, a first kind at the end: the whole snapshot, never less
    assert usable_after([*plan, [["appointment", 1]]]) == 5
    assert usable_after([]) == 0


def _general_path(practice: Practice) -> set[str]:
    """Each patient row as the merge states make it (every field's RowStamps state, open
    conflicts' losers, through changes_for_record): what the export's quick path for a
    row written once must equal."""
    ent = ENTITIES["patient"]
    losers: dict[str, list[Conflict]] = {}
    for c in conflicts.stored(practice.session):
        losers.setdefault(c.record_id, []).append(c)
    out = set()
    cur = practice.conn.execute("SELECT * FROM patient")
    names = [d[0] for d in cur.description]
    for row in (dict(zip(names, raw, strict=True)) for raw in cur.fetchall()):
        stamps = RowStamps(Stamp(row["_hlc"], row["_dev"]), row["_st"])
        states = {
            name: state
            for name in ent.field_names
            if (state := stamps.state(name, from_sql(ent, name, row[name]))) is not None
        }
        for change in changes_for_record("patient", row["id"], states, losers.get(row["id"], ())):
            out.add(json.dumps(change.to_json(), sort_keys=True, ensure_ascii=False))
    return out


def test_the_export_of_every_row_is_what_its_merge_states_make(practice: Practice) -> None:
    practice.create_record("patient", {"family_name": "Créé", "given_names": "Une fois"})
    edited = practice.create_record("patient", {"family_name": "Édité", "given_names": "A"})
    practice.update_record("patient", edited, {"phone": "06 00 00 00 00"})
    contested = practice.create_record("patient", {"family_name": "Contesté", "given_names": "B"})
    created = [p.change.stamp for p in _pending(practice) if p.change.record_id == contested][0]
    practice.update_record("patient", contested, {"phone": "06 ici"})
    mine = _pending(practice)[-1].change.stamp
    theirs = Change(
        "patient", contested, Stamp(mine.hlc + 10, "dev-other"), {"phone": "06 là-bas"},
        {"phone": created},
    )  # fmt: skip
    StoreReplica(practice.session).apply_segment("dev-other", Cursor(1, "x"), [theirs])
    assert conflicts.stored(practice.session)  # one row takes the conflict's path
    exported = {
        json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False)
        for c in StoreReplica(practice.session).export_state()
        if c.entity == "patient"
    }
    assert exported == _general_path(practice)
    assert len(exported) >= 5  # three creations, an edit, a conflict's loser


def _pending(practice: Practice) -> list[PendingChange]:
    return StoreReplica(practice.session).pending_changes(0, 1 << 30)


def test_a_snapshot_with_row_images_holds_what_the_export_holds(practice: Practice) -> None:
    """Format 3: the creations as row images and every other row as its changes give back,
    change for change, what the export gives; no image file stays in the folder."""
    test_the_export_of_every_row_is_what_its_merge_states_make(practice)
    cid, _ = practice.add_consultation(
        practice.create_record("patient", {"family_name": "Notes"}), reason="Toux", text="é"
    )
    practice.revise_consultation(cid, text="œdème")
    replica = StoreReplica(practice.session)

    def key(c: Change) -> str:
        return json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False)

    exported = [key(c) for c in replica.export_state()]
    items = list(replica.export_snapshot())
    images = [i for i in items if isinstance(i, RowImage)]
    assert images and any("patient" in {t.entity for t in i.tables} for i in images)
    back = [
        key(c)
        for item in items
        for c in (
            (c for g in item.groups() for c in g.changes())
            if isinstance(item, RowImage)
            else [item]
        )
    ]
    assert sorted(back) == sorted(exported)
    assert len(back) == len(exported)
    assert not list(practice.folder.glob(".snapshot-image-*"))

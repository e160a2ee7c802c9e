"""What a snapshot carries first, and where a restore may open the practice: the order
is the export's (desktop.practice.snapshot_io), the cut is read from the root's plan."""

from __future__ import annotations

from desktop.practice.schema import ENTITIES
from desktop.practice.snapshot_io import IDENTITY, NEWEST_FIRST, export_order, usable_after


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

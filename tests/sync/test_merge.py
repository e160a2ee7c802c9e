"""The merge rule: LWW per field, and conflicts as a function of the set of writes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.changes import ZERO, Stamp
from sync.merge import FieldState, conflict_id, local_write, merge_field


def s(hlc: int, dev: str = "a") -> Stamp:
    return Stamp(hlc, dev)


def test_first_write_is_taken_without_conflict() -> None:
    out = merge_field("patient", "p1", "name", None, "Hélène", s(5), ZERO)
    assert out.take and out.conflict is None
    assert out.state == FieldState("Hélène", s(5), ZERO, ZERO)


def test_same_stamp_is_idempotent() -> None:
    local = FieldState("x", s(5), ZERO, ZERO)
    out = merge_field("patient", "p1", "name", local, "x", s(5), ZERO)
    assert not out.changed and not out.take and out.state == local


def test_later_write_that_saw_local_wins_without_conflict() -> None:
    local = FieldState("old", s(5, "a"), ZERO, ZERO)
    out = merge_field("patient", "p1", "name", local, "new", s(9, "b"), s(5, "a"))
    assert out.take and out.conflict is None
    assert out.close_up_to == s(5, "a")


def test_stale_write_that_local_saw_loses_without_conflict() -> None:
    local = FieldState("new", s(9, "b"), s(5, "a"), s(5, "a"))
    out = merge_field("patient", "p1", "name", local, "old", s(5, "a"), ZERO)
    assert not out.take and out.conflict is None


def test_concurrent_writes_conflict_and_the_higher_stamp_wins() -> None:
    local = FieldState("Dupont", s(5, "a"), ZERO, ZERO)
    out = merge_field("patient", "p1", "name", local, "Dupond", s(7, "b"), ZERO)
    assert out.take and out.state.value == "Dupond"
    assert out.conflict is not None
    assert out.conflict.loser_value == "Dupont" and out.conflict.loser_stamp == s(5, "a")
    assert out.conflict.conflict_id == conflict_id("patient", "p1", "name", s(5, "a"))


def test_same_hlc_breaks_the_tie_on_device() -> None:
    local = FieldState("A", s(5, "a"), ZERO, ZERO)
    out = merge_field("patient", "p1", "name", local, "B", s(5, "b"), ZERO)
    assert out.take and out.conflict is not None and out.conflict.loser_stamp == s(5, "a")


def test_local_write_saw_the_current_value() -> None:
    local = FieldState("x", s(5), ZERO, ZERO)
    new = local_write(local, "y", s(6, "b"))
    assert new == FieldState("y", s(6, "b"), s(5), s(5))


# A model of writes with real causality: each write is made on some device that has seen
# a subset of earlier writes (its view), so ``replaces`` is the max of what it saw.
Write = tuple[str, Stamp, Stamp]  # value, stamp, replaces


@st.composite
def histories(draw: st.DrawFn) -> list[Write]:
    n = draw(st.integers(1, 6))
    writes: list[Write] = []
    for _ in range(n):
        k = len(writes)
        seen = draw(st.lists(st.sampled_from(range(k)), unique=True)) if k else []
        replaces = max((writes[j][1] for j in seen), default=ZERO)
        hlc = max(replaces.hlc + 1, draw(st.integers(1, 8)))
        dev = draw(st.sampled_from("abc"))
        stamp = Stamp(hlc, dev)
        if any(w[1] == stamp for w in writes):
            continue
        writes.append((draw(st.sampled_from(["x", "y", "z"])), stamp, replaces))
    return writes


def merge_all(order: list[Write]) -> tuple[FieldState | None, frozenset[str]]:
    local: FieldState | None = None
    conflicts: dict[str, object] = {}
    for value, stamp, replaces in order:
        out = merge_field("e", "r", "f", local, value, stamp, replaces)
        if out.changed:
            local = out.state
            for cid in [c for c, st_ in conflicts.items() if st_ <= out.close_up_to]:  # type: ignore[operator]
                del conflicts[cid]
            if out.conflict is not None:
                conflicts[out.conflict.conflict_id] = out.conflict.loser_stamp
    return local, frozenset(conflicts)


def expected_conflicts(writes: list[Write]) -> frozenset[str]:
    """The specification: x is open iff it is not the winner and nobody replaced >= x."""
    winner = max(w[1] for w in writes)
    return frozenset(
        conflict_id("e", "r", "f", x)
        for _, x, _ in writes
        if x != winner and all(rep < x for _, _, rep in writes)
    )


@settings(max_examples=300, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_any_order_and_repetition_gives_the_same_state_and_conflicts(
    writes: list[Write], rnd: object
) -> None:
    import random

    assert isinstance(rnd, random.Random)
    reference = merge_all(writes)
    assert reference[0] is not None and reference[0].stamp == max(w[1] for w in writes)
    assert reference[1] == expected_conflicts(writes)
    for _ in range(5):
        order = writes + rnd.sample(writes, k=rnd.randint(0, len(writes)))
        rnd.shuffle(order)
        got = merge_all(order)
        assert got[0] is not None and reference[0] is not None
        assert (got[0].value, got[0].stamp) == (reference[0].value, reference[0].stamp)
        assert got[1] == reference[1]


def test_three_concurrent_writers_agree_in_every_order() -> None:
    """The pairwise rule would record different pairs here depending on the order."""
    writes: list[Write] = [("a", s(1, "a"), ZERO), ("b", s(2, "b"), ZERO), ("c", s(3, "c"), ZERO)]
    results = {merge_all(list(p))[1] for p in itertools.permutations(writes)}
    assert results == {
        frozenset({conflict_id("e", "r", "f", s(1, "a")), conflict_id("e", "r", "f", s(2, "b"))})
    }

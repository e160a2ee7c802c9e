"""The CIM-10 starter table: it loads whole and well-formed, and a lookup finds a code
by its beginning (typed any way) or a label by its words, accents and case aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.practice import cim10, errors


def test_the_starter_table_loads_and_its_codes_are_unique():
    table = cim10.load()
    assert len(table) >= 100
    codes = [c.code for c in table]
    assert len(set(codes)) == len(codes) and codes == sorted(codes)
    assert {"I10", "E11.9", "J02.9", "M54.5"} <= set(codes)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("J02", "J02.9"),
        ("j029", "J02.9"),
        ("i10", "I10"),
        ("pharyngite aigue", "J02.9"),  # no accent typed
        ("DIABETE type 2", "E11.9"),
        ("lombalgie", "M54.5"),
        ("reflux", "K21.9"),
    ],
)
def test_a_code_or_words_find_the_entry(typed: str, first: str):
    found = cim10.search(cim10.load(), typed)
    assert found and found[0].code == first, [c.code for c in found]


def test_a_code_prefix_lists_its_codes_first_and_one_letter_lists_nothing():
    table = cim10.load()
    assert [c.code for c in cim10.search(table, "R5")] == ["R50.9", "R51", "R53"]
    assert cim10.search(table, "j") == []
    assert cim10.search(table, "mot introuvable") == []
    assert cim10.shown(table[0]).startswith(f"{table[0].code} — ")


def test_a_malformed_table_is_refused_with_its_line(tmp_path: Path):
    bad = tmp_path / "table.tsv"
    bad.write_text("# ok\nJ02.9\tPharyngite\npas un code\n", encoding="utf-8")
    with pytest.raises(errors.InvalidInputError, match="line 3"):
        cim10.load(bad)

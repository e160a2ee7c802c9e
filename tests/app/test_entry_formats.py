"""Numbers and dates as a French GP types them: "38.5" and "38,5" are one value, nothing is
rounded silently, dates are typed and shown as dd/mm/yyyy, ages in months under two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from desktop.app import i18n
from desktop.app.dates import DateError, age_text, born_text, parse_date, show_date
from desktop.app.numbers import NumberError, parse_number, show_number
from desktop.practice import errors
from desktop.practice.schema import ENTITIES
from desktop.practice.store import validate

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    i18n.install("fr")
    yield
    i18n.install("en")


def test_a_dot_and_a_comma_give_the_same_number():
    assert parse_number("38.5") == parse_number("38,5") == 38.5
    assert parse_number(" 58,1 ") == 58.1
    assert parse_number("") is None
    assert parse_number("72", integer=True) == 72
    assert parse_number("72,0", integer=True) == 72


@pytest.mark.parametrize("text", ["38,5,2", "38.5.", "abc", "38°", "-3", "1 234"])
def test_what_is_not_a_number_is_refused_not_truncated(text: str):
    with pytest.raises(NumberError):
        parse_number(text)


def test_a_fraction_where_a_whole_number_is_expected_is_refused():
    with pytest.raises(NumberError, match="whole"):
        parse_number("72,5", integer=True)


def test_numbers_are_shown_the_french_way(french: None):
    assert show_number(38.5) == "38,5"
    assert show_number(58.1) == "58,1"
    assert show_number(80.0) == "80"
    assert show_number(None) == ""


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("22/06/1941", "1941-06-22"),
        ("22-6-1941", "1941-06-22"),
        ("22.06.41", "1941-06-22"),
        ("22061941", "1941-06-22"),
        ("1941-06-22", "1941-06-22"),
        ("220641", "1941-06-22"),  # six digits, as a secretary types them off a card
        ("22 juin 1941", "1941-06-22"),  # as it is said
        ("1er mars 1985", "1985-03-01"),
        ("5 Févr. 85", "1985-02-05"),
        ("5 aout 2020", "2020-08-05"),
        ("", None),
    ],
)
def test_full_dates_typed_the_french_way(typed: str, iso: str | None):
    assert parse_date(typed, today=TODAY) == iso


def test_partial_dates_where_the_chart_allows_them():
    assert parse_date("06/1941", partial=True, today=TODAY) == "1941-06"
    assert parse_date("1941", partial=True, today=TODAY) == "1941"
    assert parse_date("juin 1941", partial=True, today=TODAY) == "1941-06"
    with pytest.raises(DateError, match="day, month and year"):
        parse_date("06/1941", today=TODAY)


@pytest.mark.parametrize(
    "typed", ["31/02/1990", "12/13/1990", "hier", "01/01/2027", "5 jui 1985", "5 foo 1985",
              "311390"],
)  # fmt: skip
def test_impossible_dates_are_refused(typed: str):
    with pytest.raises(DateError):
        parse_date(typed, today=TODAY)


def test_dates_are_shown_as_dd_mm_yyyy():
    assert show_date("1941-06-22") == "22/06/1941"
    assert show_date("1941-06") == "06/1941"
    assert show_date("1941") == "1941"
    assert show_date("2026-12-01T09:30") == "01/12/2026"


def test_ages_in_months_under_two_years(french: None):
    assert age_text("1941-06-22", TODAY) == "85 ans"
    assert age_text("2025-06-15", TODAY) == "17 mois"
    assert age_text("2024-12-02", TODAY) == "23 mois"
    assert age_text("2024-12-01", TODAY) == "2 ans"
    assert age_text("2026-11-20", TODAY) == "11 jours"
    assert age_text("1941", TODAY) == ""  # no age from a year alone


def test_born_by_sex(french: None):
    assert born_text("F", "1941-06-22") == "née le 22/06/1941"
    assert born_text("M", "1941-06-22") == "né le 22/06/1941"
    assert born_text("U", "1941-06-22") == "né(e) le 22/06/1941"


def test_the_store_keeps_partial_dates_of_a_problem_and_refuses_junk():
    problem = ENTITIES["problem"]
    assert validate(problem, {"onset": "1975"}) == {"onset": "1975"}
    assert validate(problem, {"onset": "1975-06"}) == {"onset": "1975-06"}
    assert validate(problem, {"resolved": "1975-06-22"}) == {"resolved": "1975-06-22"}
    for junk in ("1975-13", "75", "1975-06-31", "juin 1975"):
        with pytest.raises(errors.InvalidInputError):
            validate(problem, {"onset": junk})
    with pytest.raises(errors.InvalidInputError):  # a birth date stays a full date
        validate(ENTITIES["patient"], {"birth_date": "1941"})

"""Identity numbers as French people read them: the NIR in its groups (2 47 10 69 381 359
13, python-stdnum) and a French phone number in pairs (06 12 34 56 78, phonenumbers); what
is no such number is shown as typed."""

from __future__ import annotations

import phonenumbers
from stdnum.fr import nir as stdnum_nir


def show_nir(nir: str | None) -> str:
    if not nir:
        return ""
    number = stdnum_nir.compact(nir)
    if len(number) == 13:  # without its key
        return stdnum_nir.format(number + "00")[:-3]
    return stdnum_nir.format(number) if len(number) == 15 else nir


def show_phone(phone: str | None) -> str:
    """French numbers in pairs (+33 read as 0), others in the international format."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, "FR")
    except phonenumbers.NumberParseException:
        return phone
    if not phonenumbers.is_possible_number(number):
        return phone
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def unbroken(text: str) -> str:
    """Spaces that never wrap: a number stays on one line of the chart header."""
    return text.replace(" ", "\u00a0")

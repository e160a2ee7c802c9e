"""Identity as French people read it: the NIR in its groups (2 47 10 69 381 359 13,
python-stdnum), a French phone number in pairs (06 12 34 56 78, phonenumbers), what is no
such number shown as typed; and the birth name after the used one, "née LE CORRE"."""

from __future__ import annotations

import phonenumbers
from stdnum.fr import nir as stdnum_nir

from desktop.app.dates import birth_name_text


def birth_name_shown(sex: str | None, family_name: str | None, birth_name: str | None) -> str:
    """ "née LE CORRE" / "né LE CORRE": the French convention, the birth name in capitals
    after née or né, one way in the patient list and the chart; "" when there is none or
    it is the used name itself."""
    born = (birth_name or "").strip().upper()
    if not born or born == (family_name or "").strip().upper():
        return ""
    return birth_name_text(sex, born)


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


def nir_disagrees(
    nir: str | None, sex: str | None, birth_date: str | None
) -> tuple[str | None, str] | None:
    """What a NIR's first digits say of its holder, (sex or None, "03/85"), when that
    contradicts the sex or ISO birth date typed, else None: someone else's number (the
    insured spouse's or parent's card) passes the key check. Unknown parts (sex 3-8, month
    20-99) are not compared."""
    digits = stdnum_nir.compact(nir or "")
    if len(digits) < 5 or not digits[:5].isdigit():
        return None
    holder = {"1": "M", "2": "F"}.get(digits[0])
    year, month = digits[1:3], digits[3:5]
    known_month = "01" <= month <= "12"
    other_sex = holder is not None and sex in ("M", "F") and sex != holder
    other_date = False
    if birth_date and len(birth_date) >= 7 and birth_date[:4].isdigit():
        other_date = birth_date[2:4] != year or (known_month and birth_date[5:7] != month)
    if not (other_sex or other_date):
        return None
    return holder, f"{month}/{year}" if known_month else year

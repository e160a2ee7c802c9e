"""The practice's and its practitioners' details, as the paper prints them (R.5132-3).

Both live in ordinary records written through the store's one write path, so they are
journalled, audited and synced like everything else. A practitioner profile is a record
of its own, linked to a login (``user_id``): logins and roles may change without it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from desktop.practice import errors
from desktop.practice.schema import ENTITIES
from desktop.practice.store import Practice

# What the paper's forms may set: the schema's fields, less the link to a login and the
# tombstone (the schema is the one list; a new field there is settable here).
PRACTICE_FIELDS = ENTITIES["practice"].field_names
PRACTITIONER_FIELDS = tuple(
    n for n in ENTITIES["practitioner"].field_names if n not in ("user_id", "deleted")
)


@dataclass(frozen=True, slots=True)
class PracticeDetails:
    id: str
    name: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    finess: str = ""


@dataclass(frozen=True, slots=True)
class Practitioner:
    """A prescriber's professional identity; empty strings where nothing is known yet."""

    id: str
    user_id: str = ""
    title: str = "Dr"
    given_names: str = ""
    family_name: str = ""
    qualification: str = ""
    specialty: str = ""
    rpps: str = ""
    am_number: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    locum: bool = False
    replaces_id: str = ""

    @property
    def full_name(self) -> str:
        """'Dr Jeanne MARTIN': the title, the given names, the family name in capitals."""
        parts = [self.title, self.given_names, self.family_name.upper()]
        return " ".join(p for p in parts if p).strip()


@dataclass(frozen=True, slots=True)
class Prescriber:
    """Who signs: their profile, and for a locum the practitioner they replace."""

    practitioner: Practitioner
    replaces: Practitioner | None = None


def _clean(record: Mapping[str, Any], cls: type[Any]) -> Any:
    names = {f.name for f in fields(cls)}
    values = {k: v for k, v in record.items() if k in names and v is not None}
    return cls(**values)


# --- validation ----------------------------------------------------------------------------

_PHONE = re.compile(r"^\+?[0-9 .()-]{6,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check(name: str, value: Any) -> None:
    if not isinstance(value, str) or not value:
        return
    if name == "rpps" and not re.fullmatch(r"[0-9]{11}", value):
        raise errors.InvalidInputError("the RPPS number has 11 digits")
    if name == "phone" and not _PHONE.match(value):
        raise errors.InvalidInputError("the phone number may hold only digits, spaces, + . - ( )")
    if name == "email" and not _EMAIL.match(value):
        raise errors.InvalidInputError("the email address looks wrong (name@domain.fr)")
    if name == "postal_code" and not re.fullmatch(r"[0-9A-Za-z -]{3,10}", value):
        raise errors.InvalidInputError("the postal code looks wrong (5 digits in France)")
    if name == "finess" and not re.fullmatch(r"[0-9A-Za-z]{9}", value):
        raise errors.InvalidInputError("the FINESS number has 9 characters")


def _checked(values: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in allowed:
            raise errors.InvalidInputError(
                f"{what} has no field '{name}'; known fields: {', '.join(allowed)}"
            )
        value = value.strip() if isinstance(value, str) else value
        _check(name, value)
        out[name] = value if value != "" else None
    return out


# --- the practice --------------------------------------------------------------------------


def practice_details(p: Practice) -> PracticeDetails:
    return _clean(p.practice_record(), PracticeDetails)  # type: ignore[no-any-return]


def set_practice_details(p: Practice, values: Mapping[str, Any]) -> None:
    """Change some of the practice's details (one write, journalled and synced)."""
    changes = _checked(values, PRACTICE_FIELDS, "the practice")
    if "name" in changes and not changes["name"]:
        raise errors.InvalidInputError("the practice name must not be empty")
    if changes:
        p.update_record("practice", p.practice_id, changes)


# --- practitioners -------------------------------------------------------------------------


def practitioners(p: Practice) -> list[Practitioner]:
    return [_clean(r, Practitioner) for r in p.records("practitioner", order="family_name")]


def practitioner(p: Practice, practitioner_id: str) -> Practitioner:
    record = p.get("practitioner", practitioner_id)
    if record is None or record.get("deleted"):
        raise errors.NotFoundError(f"no practitioner with id {practitioner_id}")
    return _clean(record, Practitioner)  # type: ignore[no-any-return]


def for_user(p: Practice, user_id: str) -> Practitioner | None:
    """The profile of this login; the oldest if two devices made one each offline."""
    rows = p.records("practitioner", user_id=user_id)
    return _clean(rows[0], Practitioner) if rows else None


def user_by_login(p: Practice, username: str) -> dict[str, Any]:
    for user in p.users():
        if user["username"] == username:
            return user
    known = ", ".join(sorted(u["username"] for u in p.users()))
    raise errors.NotFoundError(f"no user with login '{username}' (users: {known})")


def split_display_name(name: str) -> tuple[str, str]:
    """'Dr Claire Martin' -> ('Claire', 'Martin'): the title is the profile's own (printed
    once, not 'Dr DR CLAIRE MARTIN'), the last word is taken for the family name."""
    bare = re.sub(r"^(dr\.?|docteure?|pr\.?|professeure?)\s+", "", name.strip(), flags=re.I)
    given, _, family = bare.rpartition(" ")
    return given.strip(), family.strip()


def profile(p: Practice, user_id: str) -> Practitioner:
    """The profile of this login, or a blank one named after the login (not saved)."""
    found = for_user(p, user_id)
    if found is not None:
        return found
    user = p.get("user", user_id) or {}
    given, family = split_display_name(str(user.get("display_name") or user.get("username") or ""))
    return Practitioner(
        id="",
        user_id=user_id,
        given_names=given,
        family_name=family,
        specialty=str(user.get("specialty") or ""),
        rpps=str(user.get("rpps") or ""),
        phone=str(user.get("phone") or ""),
        locum=user.get("role") == "locum",
    )


def set_profile(p: Practice, user_id: str, values: Mapping[str, Any]) -> str:
    """Create or change the profile of this login; returns the profile's id."""
    changes = _checked(values, PRACTITIONER_FIELDS, "a practitioner")
    if "locum" in changes and isinstance(changes["locum"], str):
        changes["locum"] = changes["locum"].lower() in ("1", "true", "yes", "oui")
    replaces = changes.get("replaces_id")
    if replaces:
        if replaces == user_id or (for_user(p, user_id) or Practitioner("")).id == replaces:
            raise errors.InvalidInputError("a locum cannot replace themselves")
        practitioner(p, replaces)  # must exist
    with p.transaction():
        if p.get("user", user_id) is None:
            raise errors.NotFoundError(f"no user with id {user_id}")
        current = for_user(p, user_id)
        if current is None:
            seed = profile(p, user_id)
            base = {
                "user_id": user_id,
                "title": seed.title,
                "family_name": seed.family_name or None,
                "specialty": seed.specialty or None,
                "rpps": seed.rpps or None,
                "phone": seed.phone or None,
                "locum": seed.locum,
            }
            return p.create_record("practitioner", {**base, **changes})
        if changes:
            p.update_record("practitioner", current.id, changes)
        return current.id


def prescriber(p: Practice, user_id: str | None) -> Prescriber:
    """Who signs a prescription written by this login, with whom a locum replaces."""
    if not user_id:
        return Prescriber(Practitioner(""))
    me = profile(p, user_id)
    replaced = None
    if me.locum and me.replaces_id:
        try:
            replaced = practitioner(p, me.replaces_id)
        except errors.NotFoundError:
            replaced = None
    return Prescriber(me, replaced)


def missing_mentions(practice: PracticeDetails, prescriber: Prescriber) -> list[str]:
    """What R.5132-3 wants on the paper that neither the prescriber's profile nor the
    practice gives yet: 'name', 'qualification', 'rpps', 'address', 'phone' (in that order)."""
    who = prescriber.practitioner
    street, town, _ = address_on_paper(who, practice)
    present = {
        "name": bool(who.family_name),
        "qualification": bool(who.qualification or who.specialty),
        "rpps": bool(who.rpps),
        "address": bool(street and town),
        "phone": bool(who.phone or practice.phone),
    }
    return [mention for mention, there in present.items() if not there]


def address_on_paper(who: Practitioner, practice: PracticeDetails) -> tuple[str, str, str]:
    """(street, postcode and city, country): the practitioner's own if set, else the
    practice's."""
    own = who.address or who.city
    street = who.address if own else practice.address
    town = " ".join(x for x in ((who.postal_code, who.city) if own else
                                (practice.postal_code, practice.city)) if x)
    return street, town, "France"

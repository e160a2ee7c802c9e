"""Accent- and case-free text for matching drug and allergy names ("Pénicilline" matches
"penicilline")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, accents and ligatures dropped, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "oe"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", plain).strip()


def has_phrase(haystack: str, phrase: str) -> bool:
    """Whether the folded ``phrase`` occurs in the folded ``haystack`` as whole words."""
    if not phrase:
        return False
    return f" {phrase} " in f" {haystack} "


def paper_name(kind: str, family_name: str, on: dt.date) -> str:
    """'ordonnance-MULLER-2026-12-01.pdf': what it is, whom, when; safe on every OS."""
    name = re.sub(r"[^a-z0-9]+", "-", fold(family_name)).upper()  # Œ as OE, not a gap
    return f"{kind}-{name.strip('-') or 'PATIENT'}-{on.isoformat()}.pdf"

"""Folding text for search: accent-, case- and ligature-insensitive keys.

"Hélène" -> "helene", "Œuvre" -> "oeuvre", "N'Diaye" -> tokens "n", "diaye" plus the
joined "ndiaye", so a receptionist finds a patient however the name is typed.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits separated by single spaces."""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", stripped.lower()).strip()


def name_tokens(name: str | None) -> set[str]:
    """Search tokens for one name field: each word, and the words joined if several."""
    if not name:
        return set()
    words = fold(name).split()
    tokens = set(words)
    if len(words) > 1:
        tokens.add("".join(words))
    return tokens


def digits(text: str | None) -> str:
    """Only the digits, with a French +33 / 0033 prefix turned into a leading 0."""
    if not text:
        return ""
    raw = re.sub(r"\D", "", text)
    if text.strip().startswith("+33") or raw.startswith("0033"):
        raw = "0" + raw[2:] if raw.startswith("33") else "0" + raw[4:]
    return raw

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
_HAS_LIGATURE = re.compile("[" + "".join(map(chr, _LIGATURES)) + "]")
"""Any character of ``_LIGATURES``: ``str.translate`` with a table costs a dict lookup
per character (half of folding a note), so it runs only on the rare text that has one."""
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Every mark in U+0300-U+036F combines (U+034F, the grapheme joiner, does not): the
# accents of Latin scripts, removed by one regex pass; the rare other non-ASCII character
# is then looked up one by one. Same keys as testing unicodedata.combining on every
# character (tests/practice/test_search.py), at a third less time per note on a restore.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_if_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits separated by single spaces."""
    if _HAS_LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = _LATIN_MARKS.sub("", decomposed)
        if not decomposed.isascii():
            decomposed = _NON_ASCII.sub(_drop_if_combining, decomposed)
    return _NON_ALNUM.sub(" ", decomposed.lower()).strip()


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

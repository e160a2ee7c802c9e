"""Identifiers the demo generator makes: UUIDv7 from a seeded RNG, NIR with their key,
and the ASCII folding of names for email addresses."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

_M62 = (1 << 62) - 1


def uuid_from(ms: int, rand74: int) -> str:
    value = ((ms & 0xFFFFFFFFFFFF) << 80) | (0x7 << 76) | ((rand74 >> 62) << 64)
    value |= (0b10 << 62) | (rand74 & _M62)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7(rng: random.Random, when: dt.datetime) -> str:
    """A UUIDv7 (RFC 9562) stamped ``when`` (naive = UTC) with random bits from ``rng``."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    ms = max(0, int(when.timestamp() * 1000))
    return uuid_from(ms, rng.getrandbits(74))


_FOLD_CACHE: dict[str, str] = {}


def ascii_fold(text: str) -> str:
    """Lower-case ASCII for email addresses: "Lætitia Le Bœuf" -> "laetitialeboeuf"."""
    out = _FOLD_CACHE.get(text)
    if out is None:
        s = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
        s = unicodedata.normalize("NFKD", s.replace("ı", "i"))
        out = "".join(c for c in s if c.isascii() and (c.isalnum() or c == "-"))
        _FOLD_CACHE[text] = out
    return out


def nir_key(nir13: str) -> int:
    """The 2-digit control key of a 13-character NIR (Corsica: 2A -> 19, 2B -> 18)."""
    dep = nir13[5:7].upper()
    digits = nir13[:5] + ("19" if dep == "2A" else "18" if dep == "2B" else dep) + nir13[7:]
    return 97 - int(digits) % 97


def make_nir(sex: str, birth: dt.date, place: str, order: int) -> str:
    nir13 = f"{1 if sex == 'M' else 2}{birth.year % 100:02d}{birth.month:02d}{place}{order:03d}"
    return f"{nir13}{nir_key(nir13):02d}"

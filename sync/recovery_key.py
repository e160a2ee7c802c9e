"""The recovery key as printed text: 56 base32 characters with a checksum.

The checksum turns a mistyped character into a "mistyped, group N" sentence at once,
instead of a wrong-key error after a network round trip.
"""

from __future__ import annotations

import base64
import hashlib
import re

from sync import crypto
from sync.errors import WrongSecretError

_RECOVERY_CHECK_BYTES = 3


def format_recovery_key(key: bytes) -> str:
    """256-bit key + 24-bit checksum as 56 base32 characters in 14 groups of 4.

    The checksum (SHA-256 prefix) turns a mistyped character into a clear "mistyped"
    error instead of a wrong-key error after a network round trip.
    """
    check = hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES]
    text = base64.b32encode(key + check).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


class RecoveryKeyTypoError(WrongSecretError):
    """The recovery key text does not check: empty, wrong length, a character that is
    not in the alphabet, or a checksum mismatch, saying where when it can (exit 3)."""

    advice_included = True


_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_RECOVERY_CHARS = 56
_GROUP = 4


def _checks(clean: str) -> bytes | None:
    raw = base64.b32decode(clean + "=" * (-len(clean) % 8))
    key, check = raw[: crypto.KEY_BYTES], raw[crypto.KEY_BYTES :]
    ok = hashlib.sha256(key).digest()[:_RECOVERY_CHECK_BYTES] == check
    return key if ok else None


def parse_recovery_key(text: str) -> bytes:
    """Inverse of :func:`format_recovery_key`; tolerant of case, spaces, dashes and the
    look-alikes 0/O, 1/I, 8/B. :class:`RecoveryKeyTypoError` saying what is wrong and,
    for a single mistyped character, in which group of 4 (found by trying every
    substitution against the checksum: 56 x 31 hashes, instant)."""
    clean = re.sub(r"[\s-]", "", text).upper().translate(str.maketrans("018", "OIB"))
    again = "; type it again from the printed kit (14 groups of 4 letters and digits)"
    if not clean:
        raise RecoveryKeyTypoError("the recovery key is empty" + again)
    wrong = [i for i, c in enumerate(clean) if c not in _B32]
    if wrong:
        group = wrong[0] // _GROUP + 1
        raise RecoveryKeyTypoError(
            f"the recovery key has a character that cannot be in it ({clean[wrong[0]]!r}, "
            f"group {group})" + again
        )
    if len(clean) != _RECOVERY_CHARS:
        raise RecoveryKeyTypoError(
            f"the recovery key has {len(clean)} letters and digits instead of "
            f"{_RECOVERY_CHARS} (a group missing or added?)" + again
        )
    key = _checks(clean)
    if key is not None:
        return key
    fixes = {
        i // _GROUP + 1
        for i in range(len(clean))
        for c in _B32
        if c != clean[i] and _checks(clean[:i] + c + clean[i + 1 :]) is not None
    }
    where = f" (group {min(fixes)} looks mistyped)" if len(fixes) == 1 else ""
    raise RecoveryKeyTypoError(
        f"the recovery key is mistyped: its checksum does not match{where}" + again
    )

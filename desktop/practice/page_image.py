"""Rows as a SQLite database image: how a format-3 snapshot carries a practice's records.

A restore that parses rows and binds them one by one spends most of its time in Python.
SQLite copies rows between two databases of one connection (``INSERT ... SELECT`` from
an attached one) at several times that speed, outside the interpreter lock. So a
snapshot chunk carries rows of one kind as a small SQLite database, and the restoring
device attaches it and copies from it.

The image travels compressed inside the chunk's AES-GCM envelope (plain pages compress
four times; encrypted ones do not compress). On the device it is never written in the
clear: it is encrypted, page by page, exactly as SQLCipher 4 encrypts a database (AES-256
in CBC mode with a fresh IV per page, HMAC-SHA512 over the page, its IV and its number),
under a random key that lives only in memory, and attached with that key. The exporting
device does the reverse: SQLCipher writes the rows to a file under a random key, and the
pages are decrypted here. The primitives are PyCA's and the standard library's; SQLCipher
verifies every page of the attached file when it reads it, so a page this module got
wrong is refused, never read.

SQLCipher 4's layout, with a raw 256-bit key (``PRAGMA key = "x'...'"``, no PBKDF2 for
the key itself): pages of 4096 bytes, each ending in 80 reserved bytes, the IV (16) then
the HMAC (64); page 1 starts with the 16-byte salt in place of SQLite's header string,
and its encryption starts after it. The HMAC key is PBKDF2-HMAC-SHA512 of the key, the
salt XOR 0x3a, 2 iterations, 32 bytes. The image keeps those 80 bytes reserved (zeroed),
so its pages are the very pages SQLCipher decrypts; any SQLite opens it
(``sqlite3.Connection.deserialize``), and a reader checks it there first
(``sync.snapshot_format.open_image``).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
"""Bytes reserved at the end of each page: the IV and the HMAC-SHA512."""
_IV = 16
_SALT = 16
_KEY = 32
_SQLITE_HEADER = b"SQLite format 3\x00"
_CONTENT = PAGE_SIZE - RESERVE


class PageError(ValueError):
    """The bytes are not a database in the expected page format (or fail their HMAC)."""


def new_key() -> bytes:
    return os.urandom(_KEY)


def key_spec(key: bytes) -> str:
    """The ``KEY`` clause's value for ``key`` (SQLCipher's raw-key syntax)."""
    return f"\"x'{key.hex()}'\""


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, _KEY)


def _pages(data: bytes) -> range:
    if not data or len(data) % PAGE_SIZE:
        raise PageError(f"{len(data)} bytes is not a whole number of {PAGE_SIZE}-byte pages")
    return range(0, len(data), PAGE_SIZE)


def plain_image(data: bytes, key: bytes) -> bytes:
    """The database image of a SQLCipher 4 file written under ``key``."""
    salt = data[:_SALT]
    mac_key = _hmac_key(key, salt)
    out = []
    for at in _pages(data):
        number = at // PAGE_SIZE + 1
        start = at + (_SALT if number == 1 else 0)
        body = data[start : at + _CONTENT]
        iv = data[at + _CONTENT : at + _CONTENT + _IV]
        tag = data[at + _CONTENT + _IV : at + PAGE_SIZE]
        expected = hmac.digest(mac_key, body + iv + number.to_bytes(4, "little"), "sha512")
        if not hmac.compare_digest(expected, tag):
            raise PageError(f"page {number} fails its HMAC (wrong key or damaged file)")
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(body) + decryptor.finalize()
        out.append(_SQLITE_HEADER + plain if number == 1 else plain)
        out.append(bytes(RESERVE))
    return b"".join(out)


def check_layout(image: bytes) -> None:
    """PageError unless ``image`` is a SQLite database of 4096-byte pages that keeps
    :data:`RESERVE` bytes per page (what :func:`cipher_file` needs)."""
    _pages(image)
    if image[:16] != _SQLITE_HEADER:
        raise PageError("not a SQLite database")
    if int.from_bytes(image[16:18], "big") != PAGE_SIZE or image[20] != RESERVE:
        raise PageError(f"pages are not {PAGE_SIZE} bytes with {RESERVE} reserved")


def cipher_file(image: bytes, key: bytes) -> bytes:
    """``image`` as a SQLCipher 4 file under ``key`` (a fresh salt and IVs)."""
    check_layout(image)
    salt = os.urandom(_SALT)
    mac_key = _hmac_key(key, salt)
    aes = algorithms.AES(key)
    pages = len(image) // PAGE_SIZE
    ivs = os.urandom(_IV * pages)
    out = [salt]
    for index in range(pages):  # page number index + 1
        at = index * PAGE_SIZE
        iv = ivs[index * _IV : (index + 1) * _IV]
        # Whole AES blocks, no padding: update() returns all of it (finalize() adds none).
        body = (
            Cipher(aes, modes.CBC(iv))
            .encryptor()
            .update(image[at + (_SALT if index == 0 else 0) : at + _CONTENT])
        )
        tag = hmac.digest(mac_key, body + iv + (index + 1).to_bytes(4, "little"), "sha512")
        out += (body, iv, tag)
    return b"".join(out)

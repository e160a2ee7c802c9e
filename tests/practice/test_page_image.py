"""Row images and SQLCipher's page format (desktop.practice.page_image): SQLCipher's own
file decrypts to an image any SQLite reads, the image encrypts to a file SQLCipher opens
and checks page by page, and anything else is refused, by this module or by SQLCipher."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from desktop.practice import page_image

ROWS = [(i, "é" * (i % 700), None if i % 3 else b"\x00\xff") for i in range(3_000)]


def _sqlcipher_file(path: Path, key: bytes) -> bytes:
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = {page_image.key_spec(key)}")
    conn.execute("CREATE TABLE t (a, b, c)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", ROWS)
    conn.commit()
    conn.close()
    return path.read_bytes()


def _rows_sqlcipher(path: Path, key: bytes) -> list[tuple[object, ...]]:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = {page_image.key_spec(key)}")
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        return [tuple(r) for r in conn.execute("SELECT a, b, c FROM t ORDER BY rowid")]
    finally:
        conn.close()


def test_sqlcipher_pages_decrypt_to_an_image_and_encrypt_back(tmp_path: Path) -> None:
    key = page_image.new_key()
    data = _sqlcipher_file(tmp_path / "written.db", key)
    image = page_image.plain_image(data, key)
    page_image.check_layout(image)
    assert len(image) == len(data) and image != data
    plain = sqlite3.connect(":memory:")
    plain.deserialize(image)  # any SQLite reads it
    assert plain.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert [tuple(r) for r in plain.execute("SELECT a, b, c FROM t ORDER BY rowid")] == ROWS
    plain.close()

    other = page_image.new_key()
    again = tmp_path / "again.db"
    again.write_bytes(page_image.cipher_file(image, other))
    assert _rows_sqlcipher(again, other) == ROWS
    assert page_image.cipher_file(image, other) != again.read_bytes()  # fresh salt and IVs
    assert b"\xc3\xa9" * 50 not in again.read_bytes()  # nothing of the rows in the clear


def test_a_changed_page_or_a_wrong_key_is_refused(tmp_path: Path) -> None:
    key = page_image.new_key()
    data = _sqlcipher_file(tmp_path / "written.db", key)
    with pytest.raises(page_image.PageError, match="page 1 fails its HMAC"):
        page_image.plain_image(data, page_image.new_key())
    damaged = bytearray(data)
    damaged[3 * page_image.PAGE_SIZE + 100] ^= 1
    with pytest.raises(page_image.PageError, match="page 4 fails its HMAC"):
        page_image.plain_image(bytes(damaged), key)

    # A page this module encrypted and something changed after: SQLCipher refuses it.
    other = page_image.new_key()
    written = bytearray(page_image.cipher_file(page_image.plain_image(data, key), other))
    written[5 * page_image.PAGE_SIZE + 7] ^= 1
    (tmp_path / "changed.db").write_bytes(bytes(written))
    with pytest.raises(sqlcipher3.DatabaseError):
        _rows_sqlcipher(tmp_path / "changed.db", other)


def test_only_whole_pages_with_the_reserved_bytes_are_encrypted(tmp_path: Path) -> None:
    plain = sqlite3.connect(":memory:")
    plain.execute("CREATE TABLE t (a)")
    no_reserve = plain.serialize()  # SQLite's own pages keep no room for IV and HMAC
    with pytest.raises(page_image.PageError, match="80 reserved"):
        page_image.cipher_file(no_reserve, page_image.new_key())
    with pytest.raises(page_image.PageError, match="whole number"):
        page_image.cipher_file(b"SQLite format 3\x00" + bytes(100), page_image.new_key())
    with pytest.raises(page_image.PageError, match="not a SQLite database"):
        page_image.cipher_file(bytes(page_image.PAGE_SIZE), page_image.new_key())

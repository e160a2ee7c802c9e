"""The plain exit: an unencrypted SQLite copy that stdlib sqlite3 opens, documented in
docs/sqlite-export.md, written only after an explicit confirmation."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from desktop import cli
from desktop.interop import sqlite_export
from desktop.practice import errors
from desktop.practice.store import Practice
from tests.helpers.interop import PDF
from tests.helpers.practice import PASSPHRASE

DOC = Path(__file__).resolve().parents[2] / "docs" / "sqlite-export.md"


def _documented() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text("utf-8").splitlines():
        heading = re.match(r"^### (\w+)$", line)
        if heading:
            current = heading.group(1)
            tables[current] = set()
        row = re.match(r"^\| (\w+) \| (TEXT|INTEGER|REAL|BLOB) \|", line)
        if row and current:
            tables[current].add(row.group(1))
    return tables


def test_stdlib_sqlite3_reads_everything_and_the_doc_lists_every_column(
    demo: Practice, tmp_path: Path
) -> None:
    out = tmp_path / "plain.sqlite"
    counts = sqlite_export.export_sqlite(demo, out)
    conn = sqlite3.connect(out)
    try:
        tables = {
            name: {c[1] for c in conn.execute(f"PRAGMA table_info({name})")}
            for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        assert tables == _documented()
        assert "meta" not in tables and "journal" not in tables  # keys and sync stay home
        for name, n in counts.items():
            assert conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == n
        assert counts["patient"] == 40  # the deleted one too, marked
        assert conn.execute("SELECT count(*) FROM patient WHERE deleted = 1").fetchone()[0] == 1
        # Every version of a revised note, and the document's bytes.
        versions = conn.execute(
            "SELECT count(*) FROM consultation_version GROUP BY consultation_id "
            "ORDER BY 1 DESC LIMIT 1"
        ).fetchone()[0]
        assert versions == 2
        (data,) = conn.execute(
            "SELECT c.data FROM document d JOIN document_content c USING (content_hash)"
        ).fetchone()
        assert data == PDF
        lines = conn.execute("SELECT lines FROM prescription_version LIMIT 1").fetchone()[0]
        assert json.loads(lines)[0]["drug"]
        audit = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        assert audit > 0
    finally:
        conn.close()
    assert demo.audit_entries(1)[0]["action"] == "export-sqlite"


def test_an_existing_file_is_never_overwritten(practice: Practice, tmp_path: Path) -> None:
    out = tmp_path / "there.sqlite"
    out.write_bytes(b"keep me")
    with pytest.raises(errors.InvalidInputError, match="already exists"):
        sqlite_export.export_sqlite(practice, out)
    assert out.read_bytes() == b"keep me"


def test_cli_refuses_without_confirmation_and_writes_with_it(
    practice_dir: Path,
    practice: Practice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "plain.sqlite"
    base = ["--data-dir", str(practice_dir), "export", "sqlite", "-o", str(out)]
    assert cli.main(base) == 2
    err = capsys.readouterr().err
    assert "IN CLEAR" in err and "--i-understand-cleartext" in err
    assert not out.exists()
    assert cli.main([*base, "--i-understand-cleartext"]) == 0
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT name FROM practice").fetchone() == ("Cabinet des Tilleuls",)

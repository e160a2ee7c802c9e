"""Migration from another software's CSV: encodings, separators, a mapping, the dry run's
report (duplicates on the INS traits, refused rows), and an all-or-nothing import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.interop import csv_import
from desktop.practice import bulk_reads, errors, rows
from desktop.practice.store import Practice
from tests.helpers.practice import PASSPHRASE

MAPPING = (
    "Nom=family_name,Nom de naissance=birth_name,Prénom=given_names,Sexe=sex,"
    "Né(e) le=birth_date,N° SS=nir,Téléphone=phone,Ville=city"
)
HEADER = "Nom;Nom de naissance;Prénom;Sexe;Né(e) le;N° SS;Téléphone;Ville"
ROWS = [
    "Lefèvre;Dupré;Hélène Marie;F;03/04/1962;2 62 04 75 056 123 82;06 12 34 56 78;Béziers",
    "Œuvray;;Joël;H;1980-12-01;;;Châlons",
    # Same INS traits as the first row (accents, case, second given name aside): a duplicate.
    "LEFEVRE;DUPRE;helene;F;03/04/1962;;;",
    "Martin;;Zoé;F;31/02/1990;;;Reims",  # no 31 February: refused
    "Ng;;Ève;F;01/01/2001;;;€uroville",
]


def _write(tmp_path: Path, rows: list[str], encoding: str, sep: str = ";") -> Path:
    path = tmp_path / "patients.csv"
    text = "\r\n".join([HEADER, *rows]).replace(";", sep) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def test_windows_1252_file_is_detected_and_read(tmp_path: Path) -> None:
    table = csv_import.read_table(_write(tmp_path, ROWS, "cp1252"))
    assert table.encoding == "cp1252" and table.separator == ";"
    assert table.header[4] == "Né(e) le"
    assert table.rows[1][1][0] == "Œuvray"  # œ is 0x9C in Windows-1252, undefined in Latin-1
    assert table.rows[4][1][7] == "€uroville"


def test_utf8_latin1_and_commas(tmp_path: Path) -> None:
    plain = [r.replace("Œ", "Oe").replace("€", "E") for r in ROWS]
    utf8 = csv_import.read_table(_write(tmp_path, ROWS, "utf-8-sig", ","))
    assert (utf8.encoding, utf8.separator, utf8.header[0]) == ("utf-8-sig", ",", "Nom")
    latin = csv_import.read_table(_write(tmp_path, plain, "latin-1"))
    assert latin.rows[0][1][0] == "Lefèvre"
    assert csv_import.detect_encoding(b"caf\xe9 \x81") == "latin-1"


def test_dry_run_reports_creates_duplicates_and_refusals_and_writes_nothing(
    practice: Practice, tmp_path: Path
) -> None:
    practice.create_record(
        "patient",
        {"family_name": "Ng", "given_names": "Eve", "sex": "F", "birth_date": "2001-01-01"},
    )
    table = csv_import.read_table(_write(tmp_path, ROWS, "cp1252"))
    before = practice.counts()
    plan = csv_import.plan_import(practice, table, csv_import.parse_mapping(MAPPING))
    assert practice.counts() == before
    assert [line for line, _ in plan.create] == [2, 3]
    assert [(d.line, d.same_as_line) for d in plan.duplicates] == [(4, 2), (6, None)]
    assert plan.duplicates[1].existing_id is not None
    assert [(r.line, r.reason) for r in plan.refused] == [
        (5, "the birth date (column 'Né(e) le') is not a date like 31/12/1960")
    ]
    first = plan.create[0][1]
    assert first["nir"] == "262047505612382" and first["birth_date"] == "1962-04-03"
    assert plan.create[1][1]["sex"] == "M"
    text = csv_import.report_text(plan)
    assert "to create:  2" in text and "line 5: refused" in text
    assert "Hélène" not in text and "Lefèvre" not in text  # no patient data in the report


def test_cli_refuses_the_whole_file_when_a_row_is_refused(
    practice_dir: Path,
    practice: Practice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    path = _write(tmp_path, ROWS, "cp1252")
    base = ["--data-dir", str(practice_dir), "import", "csv", str(path), "--mapping", MAPPING]
    before = practice.counts()["patient"]
    assert cli.main([*base, "--dry-run"]) == 0
    assert cli.main(base) == 2
    assert "nothing imported: 1 rows are refused" in capsys.readouterr().err
    assert practice.counts()["patient"] == before
    assert cli.main([*base, "--skip-refused"]) == 0
    assert practice.counts()["patient"] == before + 3
    helene = practice.search_patients("helene lefevre")
    assert [p["birth_name"] for p in helene] == ["Dupré"]


def test_a_failure_mid_import_leaves_nothing(
    practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = csv_import.read_table(_write(tmp_path, ROWS[:2], "utf-8"))
    plan = csv_import.plan_import(practice, table, csv_import.parse_mapping(MAPPING))
    assert len(plan.create) == 2
    before = practice.counts()
    calls = 0
    real = rows.after_change

    def failing(s: Any, ent: Any, record_id: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        real(s, ent, record_id)

    # The second patient's search keys fail half-way through the one transaction.
    monkeypatch.setattr(rows, "after_change", failing)
    with pytest.raises(OSError):
        csv_import.run_import(practice, plan)
    assert practice.counts() == before


def test_bad_mapping_and_columns_are_sentences(practice: Practice, tmp_path: Path) -> None:
    with pytest.raises(errors.UsageError, match="'surname' is not a patient field"):
        csv_import.parse_mapping("Nom=surname")
    table = csv_import.read_table(_write(tmp_path, ROWS, "utf-8"))
    with pytest.raises(errors.UsageError, match="column 'Name' is not in the file"):
        csv_import.plan_import(practice, table, csv_import.parse_mapping("Name=family_name"))


def test_ten_thousand_rows_all_arrive_and_are_found(practice: Practice, tmp_path: Path) -> None:
    """How long it takes is the benchmark's row ("CSV import of 10,000 patients")."""
    rows = [
        f"Nom{i};;Prénom{i};{'FM'[i % 2]};{1 + i % 28:02d}/{1 + i % 12:02d}/{1930 + i % 90};"
        f";06 00 00 {i // 100 % 100:02d} {i % 100:02d};Ville{i % 50}"
        for i in range(10_000)
    ]
    table = csv_import.read_table(_write(tmp_path, rows, "cp1252"))
    plan = csv_import.plan_import(practice, table, csv_import.parse_mapping(MAPPING))
    created = csv_import.run_import(practice, plan)
    assert created == 10_000 == len(list(bulk_reads.records(practice, "patient")))
    assert practice.search_patients("nom9999")

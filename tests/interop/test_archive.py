"""The patient's own copy: a zip with the readable PDF, the FHIR Bundle and the documents."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from desktop import cli
from desktop.interop import archive
from desktop.practice import bulk_reads
from desktop.practice.store import Practice
from tests.helpers.interop import PDF
from tests.helpers.practice import PASSPHRASE


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF")
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(data)
    return subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_archive_holds_the_readable_record_the_bundle_and_the_documents(
    demo: Practice, tmp_path: Path
) -> None:
    pid = next(bulk_reads.records(demo, "patient"))["id"]
    chart = demo.chart(pid)
    out = tmp_path / "copie.zip"
    names = archive.write_patient_archive(demo, pid, out)
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted(names)
        assert zf.read("documents/01-courrier.pdf") == PDF
        bundle = json.loads(zf.read("dossier-fhir.json"))
        pdf = zf.read("dossier.pdf")
    assert bundle["resourceType"] == "Bundle"
    assert pdf.startswith(b"%PDF")
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    assert (chart.family_name or "").upper() in text
    for heading in (
        "Identité",
        "Problèmes et antécédents",
        "Allergies",
        "Traitements",
        "Vaccinations",
        "Consultations",
        "Ordonnances",
        "Documents",
    ):
        assert heading in text
    assert "Courrier du cardiologue" in text
    assert f"Consultations ({len(chart.consultations)})" in text
    assert f"Ordonnances ({len(chart.prescriptions)})" in text
    assert "Dr Claire Martin" in text  # authors by name
    assert "2 versions" in text  # the revised note says so
    latest = chart.consultations[0].started_at
    assert f"{latest[8:10]}/{latest[5:7]}/{latest[:4]}" in text
    assert demo.audit_entries(1)[0]["action"] == "export-archive"


def test_cli_export_archive(
    practice_dir: Path, practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = practice.create_record(
        "patient", {"family_name": "Durand", "given_names": "Anne", "sex": "F"}
    )
    monkeypatch.setenv("CARNET_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "a.zip"
    args = ["--data-dir", str(practice_dir), "export", "archive", "--patient", pid, "-o", str(out)]
    assert cli.main(args) == 0
    with zipfile.ZipFile(out) as zf:
        assert set(zf.namelist()) == {"dossier.pdf", "dossier-fhir.json"}
    args[-3] = "no-such-id"
    assert cli.main(args) == 1

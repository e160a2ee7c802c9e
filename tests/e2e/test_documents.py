"""A document of the chart opened in the real app's viewer, driven by accessible names:
the chart's Documents… list, Ouvrir, and the PDF's pages on screen (QtPdf, from memory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.e2e import carnet_cli
from tests.helpers.e2e_steps import unlock


def tiny_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` empty A4 pages, its cross-reference table exact."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()  # fmt: skip
    return bytes(out)


def open_chart(app: Any, typed: str) -> None:
    app.wait("dialog", prefix="Carnet : déverrouiller")
    unlock(app)
    app.stays_up()
    app.type_into("text", "Rechercher un patient", typed)
    app.wait("label", contains="résultat")
    app.focus("text", "Rechercher un patient")
    app.keys("Return")
    app.wait("label", prefix="MARTIN Paul", timeout=20)


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    folder = tmp_path / "cabinet"
    carnet_cli(folder, "init", "--practice", "Cabinet des Tilleuls", "--user", "dr.martin")
    patient = carnet_cli(
        folder, "patient", "add", "--family-name", "Martin", "--given-name", "Paul",
        "--birth-date", "1950-01-01", "--sex", "M",
    ).strip()  # fmt: skip
    pdf = tmp_path / "coloscopie.pdf"
    pdf.write_bytes(tiny_pdf(2))
    carnet_cli(folder, "document", "add", patient, str(pdf), "--title", "Coloscopie",
               "--kind", "result")  # fmt: skip
    return folder


def test_a_pdf_opens_in_the_viewer(start_app: Any, practice: Path) -> None:
    app = start_app(practice)
    open_chart(app, "martin")
    summary = app.text("label", "Synthèse du dossier")
    assert "Coloscopie" in summary and "Résultat d'analyse ou d'examen" in summary, summary
    app.click("push button", "Documents du dossier")
    app.wait("dialog", prefix="Documents : MARTIN Paul")
    app.in_window("Documents : MARTIN Paul").click("push button", "Ouvrir")
    app.in_window(None).wait("dialog", prefix="Document : Coloscopie")
    app.wait("label", name="2 pages", timeout=20)
    app.wait("push button", name="Exporter une copie…")
    app.screenshot("document-viewer")
    app.stays_up()
